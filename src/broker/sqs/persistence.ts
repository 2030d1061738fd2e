import type { MessageRecord, MessageStateRecord, SqsEvent } from './events';
import type { MessageAttributeMap, MessageAttributeValue } from './api';
import type { StoredMessage } from './message';
import type { Queue } from './queue';
import type { RestoredQueue, SqsService } from './service';
import type { DedupRecord } from './deduplication';
import { EnginePersistence } from '../store/service-persistence';

/**
 * SQS as store entries: `sqs/q/<queue>` a queue's settings, `sqs/m/<queue>/<messageId>` a message as sent
 * (with its state at that time), `sqs/s/<queue>/<messageId>` its later state alone (in flight, absolute
 * deadline, receive count, receipt handle: a receive does not write the body again), `sqs/d/<queue>/<key>`
 * a FIFO deduplication record. Queue names cannot hold '/', so prefixes never run into another queue.
 */
const queueKey = (name: string) => `sqs/q/${name}`;
const messagePrefix = (name: string) => `sqs/m/${name}/`;
const statePrefix = (name: string) => `sqs/s/${name}/`;
const dedupPrefix = (name: string) => `sqs/d/${name}/`;

type SavedMessage = Omit<MessageRecord, 'messageAttributes'> & { messageAttributes?: Record<string, SavedAttribute> };

export class SqsPersistence extends EnginePersistence<SqsService> {
  /** Records what one change event says changed; the event carries it all (the engine is not read). */
  record(event: SqsEvent): void {
    const w = this.writer;
    switch (event.type) {
      case 'queueCreated':
      case 'queueAttributesChanged':
      case 'queueTagged':
        if (event.settings) w.put(queueKey(event.queueName), event.settings);
        return;
      case 'queueDeleted':
        w.delete(queueKey(event.queueName));
        this.forgetMessages(event.queueName);
        return;
      case 'queuePurged':
        this.forgetMessages(event.queueName);
        return;
      case 'messageSent':
        if (event.record) w.put(messagePrefix(event.queueName) + event.messageId, saveMessage(event.record));
        if (event.dedup) w.put(dedupPrefix(event.queueName) + event.dedup.key, event.dedup);
        return;
      case 'messageReceived':
      case 'visibilityChanged':
      case 'messageVisible':
        if (event.state) w.put(statePrefix(event.queueName) + event.messageId, event.state);
        return;
      case 'messageDeleted':
      case 'messageExpired':
        this.forgetMessage(event.queueName, event.messageId);
        return;
      case 'messageMovedToDeadLetterQueue':
      case 'messageMoved':
        this.forgetMessage(event.queueName, event.messageId);
        if (event.targetQueueName !== undefined && event.record) {
          w.put(messagePrefix(event.targetQueueName) + event.messageId, saveMessage(event.record));
        }
        return;
      case 'moveTaskChanged':
        return;
    }
  }

  private forgetMessage(queueName: string, messageId: string): void {
    this.writer.delete(messagePrefix(queueName) + messageId);
    this.writer.delete(statePrefix(queueName) + messageId);
  }

  private forgetMessages(queueName: string): void {
    this.writer.deletePrefix(messagePrefix(queueName));
    this.writer.deletePrefix(statePrefix(queueName));
    this.writer.deletePrefix(dedupPrefix(queueName));
  }

  /** Every live SQS entry, queues before their messages. */
  *collect(): Generator<[string, unknown]> {
    for (const queue of this.engine.allQueues()) {
      yield [queueKey(queue.name), queue.settings()];
      for (const record of queue.dedupRecords()) yield [dedupPrefix(queue.name) + record.key, record];
      for (const message of queue.allMessages()) yield [messagePrefix(queue.name) + message.messageId, saveMessage(message)];
    }
  }

  /** Rebuilds queues from loaded entries; entries of a queue that no longer exists are ignored. */
  restore(entries: Map<string, unknown>): void {
    const queues = new Map<string, Queue>();
    for (const [key, value] of entries) {
      if (key.startsWith('sqs/q/')) queues.set(key.slice(6), this.engine.restoreQueue(value as RestoredQueue));
    }
    const dedups: [Queue, DedupRecord][] = [];
    for (const [key, value] of entries) {
      const kind = key.slice(0, 6);
      if (kind !== 'sqs/m/' && kind !== 'sqs/d/') continue;
      const queue = queues.get(key.slice(6, key.indexOf('/', 6)));
      if (!queue) continue;
      if (kind === 'sqs/d/') {
        dedups.push([queue, value as DedupRecord]);
        continue;
      }
      const later = entries.get(`sqs/s/${key.slice(6)}`) as MessageStateRecord | undefined;
      queue.restoreMessage({ ...restoredMessage(value as SavedMessage), ...later });
    }
    // The window drops its oldest records from the front, so they go back in expiry order.
    dedups.sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    for (const [queue, record] of dedups) queue.restoreDedup(record);
    for (const queue of queues.values()) queue.restoreDone();
  }
}

/** A message for the store (JSON drops undefined fields); a live message loses its timer handles. */
function saveMessage(message: MessageRecord | StoredMessage): SavedMessage {
  const { deadline: _deadline, retention: _retention, messageAttributes, ...saved } = message as StoredMessage;
  return messageAttributes ? { ...saved, messageAttributes: attributesAsText(messageAttributes) } : saved;
}

/** A saved message as the queue holds it again: binary attribute values back to bytes. */
function restoredMessage(saved: SavedMessage): MessageRecord {
  const { messageAttributes, ...rest } = saved;
  return messageAttributes ? { ...rest, messageAttributes: attributesAsBytes(messageAttributes) } : rest;
}

/**
 * The store writes JSON, so binary attribute values are saved as base64 text: the format the code before
 * bytes wrote too (the engine held the client's base64 then), so older data folders restore the same way.
 */
type SavedAttribute = Omit<MessageAttributeValue, 'BinaryValue' | 'BinaryListValues'> & { BinaryValue?: string; BinaryListValues?: string[] };

function attributesAsText(attributes: MessageAttributeMap): Record<string, SavedAttribute> {
  const out: Record<string, SavedAttribute> = {};
  for (const [name, { BinaryValue, BinaryListValues, ...rest }] of Object.entries(attributes)) {
    const saved: SavedAttribute = rest;
    if (BinaryValue !== undefined) saved.BinaryValue = toBase64(BinaryValue);
    if (BinaryListValues !== undefined) saved.BinaryListValues = BinaryListValues.map(toBase64);
    out[name] = saved;
  }
  return out;
}

function attributesAsBytes(attributes: Record<string, SavedAttribute>): MessageAttributeMap {
  const out: MessageAttributeMap = {};
  for (const [name, { BinaryValue, BinaryListValues, ...rest }] of Object.entries(attributes)) {
    const value: MessageAttributeValue = rest;
    if (BinaryValue !== undefined) value.BinaryValue = Buffer.from(BinaryValue, 'base64');
    if (BinaryListValues !== undefined) value.BinaryListValues = BinaryListValues.map((b) => Buffer.from(b, 'base64'));
    out[name] = value;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
