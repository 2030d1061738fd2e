import type { SqsEvent } from './events';
import type { MessageAttributeMap, MessageAttributeValue } from './api';
import type { StoredMessage } from './message';
import type { Queue } from './queue';
import type { RestoredQueue, SqsService } from './service';
import type { DedupRecord } from './deduplication';
import type { ServicePersistence } from '../store/service-persistence';
import type { StateWriter } from '../store/state-writer';

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

type SavedMessage = Omit<StoredMessage, 'deadline' | 'retention' | 'messageAttributes'> & { messageAttributes?: Record<string, SavedAttribute> };
type SavedState = Pick<StoredMessage, 'state' | 'visibleAt' | 'receivedAt' | 'receiveCount' | 'firstReceiveTimestamp' | 'receiptHandle'>;

export class SqsPersistence implements ServicePersistence {
  readonly service = 'sqs';

  constructor(
    private readonly sqs: SqsService,
    private readonly writer: StateWriter,
  ) {}

  /** Records what one change event says changed, reading the current state from the engine. */
  record(event: SqsEvent): void {
    const w = this.writer;
    switch (event.type) {
      case 'queueCreated':
      case 'queueAttributesChanged':
      case 'queueTagged': {
        const queue = this.sqs.queueNamed(event.queueName);
        if (queue) w.put(queueKey(queue.name), saveQueue(queue));
        return;
      }
      case 'queueDeleted':
        w.delete(queueKey(event.queueName));
        this.forgetMessages(event.queueName);
        return;
      case 'queuePurged':
        this.forgetMessages(event.queueName);
        return;
      case 'messageSent': {
        const queue = this.sqs.queueNamed(event.queueName);
        const message = queue?.messageById(event.messageId);
        if (!queue || !message) return;
        w.put(messagePrefix(queue.name) + message.messageId, saveMessage(message));
        if (queue.fifo && message.messageGroupId !== undefined && message.messageDeduplicationId !== undefined) {
          const dedup = queue.findDuplicate(message.messageGroupId, message.messageDeduplicationId);
          if (dedup) w.put(dedupPrefix(queue.name) + dedup.key, dedup);
        }
        return;
      }
      case 'messageReceived':
      case 'visibilityChanged':
      case 'messageVisible': {
        const message = this.sqs.queueNamed(event.queueName)?.messageById(event.messageId);
        if (message) w.put(statePrefix(event.queueName) + message.messageId, saveState(message));
        return;
      }
      case 'messageDeleted':
      case 'messageExpired':
        this.forgetMessage(event.queueName, event.messageId);
        return;
      case 'messageMovedToDeadLetterQueue':
      case 'messageMoved': {
        this.forgetMessage(event.queueName, event.messageId);
        const target = event.targetQueueName;
        const message = target === undefined ? undefined : this.sqs.queueNamed(target)?.messageById(event.messageId);
        if (target !== undefined && message) w.put(messagePrefix(target) + message.messageId, saveMessage(message));
        return;
      }
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
    for (const queue of this.sqs.allQueues()) {
      yield [queueKey(queue.name), saveQueue(queue)];
      for (const record of queue.dedupRecords()) yield [dedupPrefix(queue.name) + record.key, record];
      for (const message of queue.allMessages()) yield [messagePrefix(queue.name) + message.messageId, saveMessage(message)];
    }
  }

  /** Rebuilds queues from loaded entries; entries of a queue that no longer exists are ignored. */
  restore(entries: Map<string, unknown>): void {
    const queues = new Map<string, Queue>();
    for (const [key, value] of entries) {
      if (key.startsWith('sqs/q/')) queues.set(key.slice(6), this.sqs.restoreQueue(value as RestoredQueue));
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
      const later = entries.get(`sqs/s/${key.slice(6)}`) as SavedState | undefined;
      queue.restoreMessage({ ...restoredMessage(value as SavedMessage), ...later });
    }
    // The window drops its oldest records from the front, so they go back in expiry order.
    dedups.sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    for (const [queue, record] of dedups) queue.restoreDedup(record);
    for (const queue of queues.values()) queue.restoreDone();
  }
}

function saveQueue(queue: Queue): RestoredQueue {
  return {
    name: queue.name,
    fifo: queue.fifo,
    attributes: queue.attributes,
    tags: queue.tags,
    redrivePolicy: queue.redrivePolicy,
    createdTimestamp: queue.createdTimestamp,
    lastModifiedTimestamp: queue.lastModifiedTimestamp,
  };
}

function saveState(m: StoredMessage): SavedState {
  return {
    state: m.state,
    visibleAt: m.visibleAt,
    receivedAt: m.receivedAt,
    receiveCount: m.receiveCount,
    firstReceiveTimestamp: m.firstReceiveTimestamp,
    receiptHandle: m.receiptHandle,
  };
}

function saveMessage(message: StoredMessage): SavedMessage {
  // Everything but the live timer handles; JSON drops undefined fields.
  const { deadline: _deadline, retention: _retention, messageAttributes, ...saved } = message;
  return messageAttributes ? { ...saved, messageAttributes: attributesAsText(messageAttributes) } : saved;
}

/** A saved message as the queue holds it again: binary attribute values back to bytes. */
function restoredMessage(saved: SavedMessage): Omit<StoredMessage, 'deadline' | 'retention'> {
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
