import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { sqsLimits } from '../broker/limits';
import { payloadText } from '../broker/search/payload-text';
import { messageSize } from '../broker/sqs/send-validation';
import { EndpointClient, inBatches, type EndpointOptions } from '../event-files/wire-client';
import { bodyBytes, sdkAttributes, type ExportedMessage } from './export-file';

/** What an export reads or an import writes: a queue, a topic (its outbox) or a stream, by name. */
export interface TransferTarget {
  kind: 'queue' | 'topic' | 'stream';
  name: string;
}

/**
 * `queue:NAME`, `topic:NAME`, `stream:NAME`, a queue URL, or an SQS, SNS or Kinesis ARN; throws an Error
 * saying what is expected. A bare name is refused: a queue and a topic may share one.
 */
export function parseTarget(text: string): TransferTarget {
  const prefixed = /^(queue|topic|stream):(.+)$/.exec(text);
  if (prefixed) return { kind: prefixed[1] as TransferTarget['kind'], name: prefixed[2] };
  const url = /^https?:\/\/[^/]+\/[0-9]{12}\/([^/]+)\/?$/.exec(text);
  if (url) return { kind: 'queue', name: url[1] };
  const arn = /^arn:aws[a-z-]*:(sqs|sns|kinesis):[^:]*:[0-9]{12}:(?:stream\/)?([^:/]+)$/.exec(text);
  if (arn) return { kind: arn[1] === 'sqs' ? 'queue' : arn[1] === 'sns' ? 'topic' : 'stream', name: arn[2] };
  throw new Error(`"${text}" names no queue, topic or stream: write queue:NAME, topic:NAME, stream:NAME, a queue URL or an ARN.`);
}

export function describeTarget(target: TransferTarget): string {
  return `${target.kind} ${target.name}`;
}

/**
 * Reads what the target holds without taking anything: a queue through the admin peek (no receive count,
 * no visibility change; every state, oldest first), a topic's outbox (what email, SMS and push subscribers
 * got; one line per subscriber), a stream from TRIM_HORIZON shard by shard (GetRecords does not consume).
 */
export async function exportMessages(options: EndpointOptions, target: TransferTarget): Promise<ExportedMessage[]> {
  const client = new EndpointClient(options);
  try {
    switch (target.kind) {
      case 'queue':
        return (await client.peek(target.name)).map((m) => omitEmpty({
          body: m.body,
          messageAttributes: m.messageAttributes && Object.keys(m.messageAttributes).length ? m.messageAttributes : undefined,
          messageGroupId: m.messageGroupId,
          messageDeduplicationId: m.messageDeduplicationId,
          messageId: m.messageId,
          timestamp: m.sentTimestamp === undefined ? undefined : new Date(m.sentTimestamp).toISOString(),
        }));
      case 'topic':
        return (await client.outbox(target.name)).map((e) => omitEmpty({
          body: e.body,
          subject: e.subject,
          messageId: e.messageId,
          timestamp: new Date(e.at).toISOString(),
        }));
      case 'stream':
        return (await client.readRecords(target.name)).map(({ shardId, record }) => {
          const { data, binary } = payloadText(record.Data ?? new Uint8Array());
          return omitEmpty({
            body: data,
            encoding: binary ? 'base64' as const : undefined,
            partitionKey: record.PartitionKey,
            shardId,
            sequenceNumber: record.SequenceNumber,
            timestamp: record.ApproximateArrivalTimestamp?.toISOString(),
          });
        });
    }
  } finally {
    client.dispose();
  }
}

export interface ImportResult {
  sent: number;
  /** Lines repeating the message id of an earlier line (an outbox has one per subscriber): not sent again. */
  merged: number;
}

/**
 * Sends the messages to the target through the AWS APIs (SendMessageBatch, Publish, PutRecords), keeping
 * attributes and FIFO group and deduplication ids. A FIFO queue or topic needs a group: a message without
 * one goes to group "imported"; without a deduplication id it gets a fresh one unless content-based
 * deduplication is on. A stream record's partition key is kept, else the group id, else the message id.
 * Stops at the first refusal with the AWS error, saying how many were sent before it.
 */
export async function importMessages(options: EndpointOptions, target: TransferTarget, all: readonly ExportedMessage[]): Promise<ImportResult> {
  // A topic's outbox has a line per subscriber that got a message: the message itself is sent once.
  const seen = new Set<string>();
  const messages = all.filter((m) => m.messageId === undefined || (!seen.has(m.messageId) && seen.add(m.messageId)));
  const merged = all.length - messages.length;
  const client = new EndpointClient(options);
  const fifo = target.name.endsWith('.fifo');
  let sent = 0;
  try {
    switch (target.kind) {
      case 'queue': {
        const QueueUrl = await client.queueUrl(target.name);
        const contentBased = fifo && (await client.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ContentBasedDeduplication'] }))).Attributes?.ContentBasedDeduplication === 'true';
        const entries = messages.map((m) => ({
          // SQS bodies are text: a base64 record body is sent as its text, which is what it was exported as.
          body: m.body,
          messageAttributes: sdkAttributes(m),
          ...fifoIds(m, fifo, contentBased),
        }));
        // SendMessageBatch's bounds: ten entries, together no larger than one message may be.
        for (const batch of inBatches(entries, 10, sqsLimits.maxMessageBytes, (e) => messageSize(e.body, e.messageAttributes))) {
          await client.sendMessages(target.name, batch).catch((e: unknown) => refused(e, sent));
          sent += batch.length;
        }
        return { sent, merged };
      }
      case 'topic': {
        for (const m of messages) {
          await client.publish(target.name, { message: m.body, subject: m.subject, messageAttributes: sdkAttributes(m), ...fifoIds(m, fifo, false) })
            .catch((e: unknown) => refused(e, sent));
          sent++;
        }
        return { sent, merged };
      }
      case 'stream': {
        const records = messages.map((m) => ({ data: bodyBytes(m), partitionKey: m.partitionKey ?? m.messageGroupId ?? m.messageId ?? 'imported' }));
        await client.putRecords(target.name, records).catch((e: unknown) => refused(e, 0));
        return { sent: records.length, merged };
      }
    }
  } finally {
    client.dispose();
  }
}

function fifoIds(m: ExportedMessage, fifo: boolean, contentBased: boolean): { groupId?: string; deduplicationId?: string } {
  if (!fifo) return {};
  return {
    groupId: m.messageGroupId ?? 'imported',
    deduplicationId: m.messageDeduplicationId ?? (contentBased ? undefined : randomUUID()),
  };
}

function refused(e: unknown, sent: number): never {
  const name = (e as { name?: string }).name;
  const message = `${name && name !== 'Error' ? `${name}: ` : ''}${(e as Error).message}`;
  throw new Error(sent ? `${message} (${sent} sent before it)` : message);
}

function omitEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
