import { commonErrors } from '../../broker/errors';
import type { PutEventsInput, PutEventsOutput } from '../../broker/eventbridge/api';
import type { SendMessageBatchRequestEntry } from '../../broker/sqs/api';
import type { PublishInput } from '../../broker/sns/api';
import type { PublishRequest, PutEventRequest, SendRequest } from '../../inspector/protocol';
import { attributesFromText } from '../message-attributes';

/** Most messages one send of the inspector makes (copies times bodies). */
const MAX_SENT = 10_000;

/**
 * The messages one send of the inspector makes, as SendMessageBatch entries (`m0`, `m1`, ...): each body
 * `copies` times, with the form's attributes, delay and FIFO ids. The local broker and a connection send
 * the same entries: one alone as SendMessage, more in batches of ten.
 */
export function sendEntries(request: SendRequest): SendMessageBatchRequestEntry[] {
  const bodies = request.bodies?.length ? request.bodies : [request.body];
  const copies = Math.max(1, Math.min(MAX_SENT, Math.floor(request.copies)));
  const total = Math.min(MAX_SENT, bodies.length * copies);
  const attributes = attributesFromText(request.attributes);
  return Array.from({ length: total }, (_, i) => {
    const e: SendMessageBatchRequestEntry = { Id: `m${i}`, MessageBody: bodies[i % bodies.length] };
    if (Object.keys(attributes).length) e.MessageAttributes = attributes;
    if (request.delaySeconds !== undefined) e.DelaySeconds = request.delaySeconds;
    if (request.messageGroupId) e.MessageGroupId = request.messageGroupId;
    // Copies of one FIFO message would be deduplicated away; each message of the send gets its own id.
    if (request.messageDeduplicationId) {
      e.MessageDeduplicationId = total > 1 ? `${request.messageDeduplicationId}-${i + 1}` : request.messageDeduplicationId;
    }
    return e;
  });
}

/** Entries in SendMessageBatch's groups of at most ten. */
export function inBatches<T>(entries: T[], size = 10): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < entries.length; start += size) out.push(entries.slice(start, start + size));
  return out;
}

/** The publish form as a Publish input to the topic. */
export function publishInput(topicArn: string, request: PublishRequest): PublishInput {
  const input: PublishInput = { TopicArn: topicArn, Message: request.message };
  if (request.subject) input.Subject = request.subject;
  if (request.structure) input.MessageStructure = request.structure;
  if (Object.keys(request.attributes).length) input.MessageAttributes = attributesFromText(request.attributes);
  if (request.messageGroupId) input.MessageGroupId = request.messageGroupId;
  if (request.messageDeduplicationId) input.MessageDeduplicationId = request.messageDeduplicationId;
  return input;
}

/** The put-event form as a PutEvents input of one entry on the bus. */
export function putEventsInput(busName: string, request: PutEventRequest): PutEventsInput {
  return {
    Entries: [
      {
        Source: request.source,
        DetailType: request.detailType,
        Detail: request.detail,
        EventBusName: busName,
        ...(request.resources?.length ? { Resources: request.resources } : {}),
      },
    ],
  };
}

/** The one entry's event id; a refused entry fails in PutEvents' own words (its ErrorCode and ErrorMessage). */
export function putEventId(out: PutEventsOutput): { eventId: string } {
  const entry = out.Entries[0];
  if (!entry?.EventId) throw commonErrors.invalidParameterValue(entry?.ErrorMessage ?? 'The event was not put.', entry?.ErrorCode ?? 'InvalidArgument');
  return { eventId: entry.EventId };
}
