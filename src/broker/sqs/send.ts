import { createHash } from 'node:crypto';
import { newMessageId } from '../message-id';
import type {
  BatchResultErrorEntry,
  SendMessageBatchOutput,
  SendMessageBatchRequestEntry,
  SendMessageOutput,
} from './api';
import { checkBatchEntries, runEntry } from './batch';
import { sqsErrors } from './errors';
import { md5Hex, md5OfMessageAttributes } from './md5';
import type { StoredMessage } from './message';
import { sqsLimits } from '../limits';
import type { MemoryBudget } from '../memory-budget';
import type { Queue } from './queue';
import { checkSend, checkSystemAttributes, messageSize } from './send-validation';

/** What sending needs from the service: time, who sends, and the broker-wide FIFO sequence. */
export interface SendContext {
  now(): number;
  senderId: string;
  nextSequenceNumber(): string;
  memory?: MemoryBudget;
}

/** A batch may carry at most 1 MiB in total, whatever the queue's MaximumMessageSize. */
const MAX_BATCH_BYTES = sqsLimits.maxMessageBytes;

/** SendMessage (and one entry of SendMessageBatch): validate, deduplicate on FIFO queues, enqueue. */
export function sendMessage(
  queue: Queue,
  input: Omit<SendMessageBatchRequestEntry, 'Id'>,
  inBatch: boolean,
  ctx: SendContext,
): SendMessageOutput {
  const contentBasedDeduplication = queue.attributes.ContentBasedDeduplication === 'true';
  checkSend(input, { fifo: queue.fifo, maximumMessageSize: queue.numberAttribute('MaximumMessageSize'), contentBasedDeduplication }, inBatch);
  const md5OfBody = md5Hex(input.MessageBody);
  const md5OfAttributes = md5OfMessageAttributes(input.MessageAttributes);
  const md5OfSystemAttributes = md5OfMessageAttributes(input.MessageSystemAttributes);
  let deduplicationId = input.MessageDeduplicationId;
  if (queue.fifo) {
    deduplicationId ??= createHash('sha256').update(input.MessageBody, 'utf8').digest('hex');
    const duplicate = queue.findDuplicate(input.MessageGroupId as string, deduplicationId);
    if (duplicate) return sendOutput(md5OfBody, md5OfAttributes, md5OfSystemAttributes, duplicate.messageId, duplicate.sequenceNumber);
  }
  // After deduplication: a duplicate stores nothing, so it succeeds even when the budget is full.
  const size = messageSize(input.MessageBody, input.MessageAttributes);
  if (ctx.memory && !ctx.memory.fits(size)) throw ctx.memory.refusal('sqs');
  const now = ctx.now();
  const message: StoredMessage = {
    messageId: newMessageId(),
    body: input.MessageBody,
    md5OfBody,
    messageAttributes: input.MessageAttributes && Object.keys(input.MessageAttributes).length ? input.MessageAttributes : undefined,
    md5OfMessageAttributes: md5OfAttributes,
    awsTraceHeader: checkSystemAttributes(input.MessageSystemAttributes),
    senderId: ctx.senderId,
    sentTimestamp: now,
    messageGroupId: input.MessageGroupId,
    messageDeduplicationId: queue.fifo ? deduplicationId : undefined,
    size,
    sequenceNumber: queue.fifo ? ctx.nextSequenceNumber() : undefined,
    enqueuedAt: now,
    receiveCount: 0,
    state: 'visible',
  };
  // FIFO queues know only the queue's delay; elsewhere a message's own DelaySeconds (even 0) wins.
  const queueDelay = queue.numberAttribute('DelaySeconds');
  queue.enqueue(message, queue.fifo ? queueDelay : (input.DelaySeconds ?? queueDelay));
  return sendOutput(md5OfBody, md5OfAttributes, md5OfSystemAttributes, message.messageId, message.sequenceNumber);
}

/** The answer to a send, built as one object: this runs for every message sent. */
function sendOutput(
  md5OfBody: string,
  md5OfAttributes: string | undefined,
  md5OfSystemAttributes: string | undefined,
  messageId: string,
  sequenceNumber: string | undefined,
): SendMessageOutput {
  const output: SendMessageOutput = { MD5OfMessageBody: md5OfBody, MessageId: messageId };
  if (md5OfAttributes) output.MD5OfMessageAttributes = md5OfAttributes;
  if (md5OfSystemAttributes) output.MD5OfMessageSystemAttributes = md5OfSystemAttributes;
  if (sequenceNumber) output.SequenceNumber = sequenceNumber;
  return output;
}

/**
 * SendMessageBatch: request-wide checks first (entry ids, FIFO ids, total size), which fail the whole
 * request; then each entry on its own, failures reported per entry.
 */
export function sendMessageBatch(queue: Queue, entries: SendMessageBatchRequestEntry[], ctx: SendContext): SendMessageBatchOutput {
  checkBatchEntries(entries);
  if (queue.fifo) {
    for (const entry of entries) {
      if (entry.MessageDeduplicationId === undefined && queue.attributes.ContentBasedDeduplication !== 'true') {
        throw sqsErrors.invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      if (entry.MessageGroupId === undefined) {
        throw sqsErrors.invalidParameterValue('The request must contain the parameter MessageGroupId.');
      }
    }
  }
  const total = entries.reduce((sum, e) => sum + messageSize(e.MessageBody ?? '', e.MessageAttributes), 0);
  if (total > MAX_BATCH_BYTES) throw sqsErrors.batchRequestTooLong(MAX_BATCH_BYTES, total);
  const Successful: SendMessageBatchOutput['Successful'] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    const { Id, ...rest } = entry;
    const sent = runEntry(Id, () => sendMessage(queue, rest, true, ctx), Failed);
    if (sent) Successful.push({ Id, ...sent });
  }
  return { Successful, Failed };
}
