import { randomBytes } from 'node:crypto';
import { sqsLimits } from '../limits';
import type { Deadline, Scheduler } from '../scheduler';
import type { DedupRecord } from './deduplication';
import { sqsErrors } from './errors';
import { type MessageRecord, type MessageStateRecord, type QueueSettings, type SqsEvent } from './events';
import { OrderedSlots } from './ordered-slots';
import { Waiter, Waiters } from './waiters';
import { MessageState, peekMessage, PeekedMessage, StoredMessage } from './message';

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** What a queue needs from its service: time, the event bus and other queues (for dead-letter moves). */
export interface QueueHost {
  readonly scheduler: Scheduler;
  emit(event: SqsEvent): void;
  /** Whether anyone subscribes: with 100,000 messages, building unheard events is the main cost. */
  readonly listening: boolean;
  queueByArn(arn: string): Queue | undefined;
  nextSequenceNumber(): string;
}

export interface QueuePeek {
  total: number;
  counts: Record<MessageState, number>;
  messages: PeekedMessage[];
}

type MessageEventType = Extract<SqsEvent, { messageId: string }>['type'];

export const messageKeyOf = (m: StoredMessage) => m.messageId;
export const PURGE_WINDOW_MS = 60 * 1000;

/**
 * One SQS queue: its attributes and messages. Every change of a message's state happens here, in the
 * methods below, and each emits its change event; nothing else mutates a message. What differs between
 * the two kinds (which message a receive takes, deduplication, which receipt handles count) is in
 * `StandardQueue` (standard-queue.ts) and `FifoQueue` (fifo-queue.ts), through the hooks at the end.
 */
export abstract class Queue {
  abstract readonly fifo: boolean;
  attributes: Record<string, string>;
  tags: Record<string, string> = {};
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  redrivePolicy?: RedrivePolicy;

  /** Every message by id, in arrival order (oldest first), which is also retention order. */
  protected readonly messages = new OrderedSlots<StoredMessage>(messageKeyOf);
  private readonly waiters = new Waiters();
  /** The newest enqueue time among the messages added so far (see trackRetention). */
  private latestEnqueuedAt = 0;
  private retention?: Deadline;
  private purgeWindow?: Deadline;
  private counts = { visible: 0, inFlight: 0, delayed: 0 };
  private handleSeq = 0;
  /** Makes handles of a recreated queue differ from those of the old one with the same name. */
  private readonly handleSalt = randomBytes(6).toString('hex');

  constructor(
    protected readonly host: QueueHost,
    readonly name: string,
    readonly arn: string,
    attributes: Record<string, string>,
    /** Set when the store puts back a queue created before a restart. */
    createdTimestamp?: number,
  ) {
    this.attributes = attributes;
    this.createdTimestamp = createdTimestamp ?? this.now();
    this.lastModifiedTimestamp = this.createdTimestamp;
  }

  protected now(): number {
    return this.host.scheduler.now();
  }

  numberAttribute(name: string): number {
    return Number(this.attributes[name]);
  }

  get approximateNumberOfMessages(): number {
    return this.counts.visible;
  }
  get approximateNumberOfMessagesNotVisible(): number {
    return this.counts.inFlight;
  }
  get approximateNumberOfMessagesDelayed(): number {
    return this.counts.delayed;
  }
  private emitQueueEvent(type: 'queuePurged' | 'queueAttributesChanged' | 'queueTagged'): void {
    if (!this.host.listening) return;
    const at = this.now();
    if (type === 'queuePurged') this.host.emit({ service: 'sqs', type, queueName: this.name, at });
    else this.host.emit({ service: 'sqs', type, queueName: this.name, at, settings: this.settings() });
  }

  /** A copy of the queue's settings as they stand (what the store keeps of a queue). */
  settings(): QueueSettings {
    return {
      name: this.name,
      fifo: this.fifo,
      attributes: { ...this.attributes },
      tags: { ...this.tags },
      redrivePolicy: this.redrivePolicy && { ...this.redrivePolicy },
      createdTimestamp: this.createdTimestamp,
      lastModifiedTimestamp: this.lastModifiedTimestamp,
    };
  }

  /**
   * `whole`: the message arrived (sent or moved here), so the event carries all of it; otherwise its state
   * changed and the event carries the new state alone. Nothing is built when no one listens.
   */
  private emitMessageEvent(
    type: MessageEventType,
    message: StoredMessage,
    extra?: { targetQueueName?: string; whole?: boolean; dedup?: DedupRecord },
  ): void {
    if (!this.host.listening) return;
    // Built on every send, receive and delete while anyone listens (the tracer, by default): one literal,
    // no spreads, the new state added only where the type carries it.
    const event: SqsEvent & { messageId: string } = {
      service: 'sqs',
      type,
      queueName: this.name,
      messageId: message.messageId,
      at: this.now(),
      visibleAt: message.state === 'visible' ? undefined : message.visibleAt,
      receiveCount: message.receiveCount,
      targetQueueName: extra?.targetQueueName,
      size: extra?.whole ? message.size : undefined,
      record: extra?.whole ? messageRecord(message) : undefined,
      dedup: extra?.dedup && { ...extra.dedup },
    };
    if (type === 'messageReceived' || type === 'visibilityChanged' || type === 'messageVisible') event.state = messageState(message);
    this.host.emit(event);
  }

  // ---- attribute changes -------------------------------------------------------------------

  setAttributes(values: Record<string, string>, redrivePolicy: RedrivePolicy | undefined | null): void {
    for (const [name, value] of Object.entries(values)) {
      if (value === '' && (name === 'Policy' || name === 'RedrivePolicy' || name === 'RedriveAllowPolicy' || name === 'KmsMasterKeyId')) {
        delete this.attributes[name];
      } else {
        this.attributes[name] = value;
      }
    }
    if (redrivePolicy !== null) this.redrivePolicy = redrivePolicy;
    this.lastModifiedTimestamp = this.now();
    if ('MessageRetentionPeriod' in values) {
      this.armRetention();
      for (const message of this.messages.values()) if (message.retention) this.armOwnRetention(message);
    }
    this.emitQueueEvent('queueAttributesChanged');
  }

  setTags(tags: Record<string, string>): void {
    this.tags = tags;
    this.emitQueueEvent('queueTagged');
  }

  // ---- send ----------------------------------------------------------------------------------

  /** A FIFO send within the deduplication window of an earlier one: the earlier message's record. */
  findDuplicate(_groupId: string, _deduplicationId: string): DedupRecord | undefined {
    return undefined;
  }

  /** Adds a message, delayed by `delaySeconds`; `event` says how it arrived. */
  enqueue(message: StoredMessage, delaySeconds: number, event: 'messageSent' | 'arrival' = 'messageSent'): void {
    if (event === 'messageSent') message.enqueuedAt = this.now();
    this.messages.add(message.messageId, message);
    this.trackRetention(message);
    const dedup = this.arrive(message, event === 'messageSent');
    if (delaySeconds > 0) {
      message.state = 'delayed';
      this.counts.delayed++;
      this.setDeadline(message, message.enqueuedAt + delaySeconds * 1000);
    } else {
      message.state = 'visible';
      this.counts.visible++;
      this.becameVisible(message);
    }
    this.refreshGroup(message);
    if (this.messages.size === 1) this.armRetention();
    if (event === 'messageSent') this.emitMessageEvent('messageSent', message, { whole: true, dedup });
    if (message.state === 'visible') this.wakeWaiters();
  }

  // ---- receive -------------------------------------------------------------------------------

  /**
   * Takes up to `max` visible messages and puts them in flight for `visibilityTimeout` seconds. A message
   * that has reached its queue's maxReceiveCount goes to the dead-letter queue instead.
   */
  receive(max: number, visibilityTimeout: number): StoredMessage[] {
    const taken: StoredMessage[] = [];
    const seen = new Set<string>();
    for (const candidate of this.candidates()) {
      if (taken.length >= max) break;
      // With a zero visibility timeout a taken message is visible again at once: take it only once.
      if (seen.has(candidate.messageId) || !this.holds(candidate) || candidate.state !== 'visible') continue;
      seen.add(candidate.messageId);
      if (this.moveToDeadLetterQueueIfExhausted(candidate)) continue;
      this.putInFlight(candidate, visibilityTimeout);
      taken.push(candidate);
      this.took(candidate);
    }
    this.receiveDone();
    return taken;
  }

  protected holds(message: StoredMessage): boolean {
    return this.messages.get(message.messageId) === message;
  }

  private moveToDeadLetterQueueIfExhausted(message: StoredMessage): boolean {
    const policy = this.redrivePolicy;
    if (!policy || message.receiveCount < policy.maxReceiveCount) return false;
    const target = this.host.queueByArn(policy.deadLetterTargetArn);
    if (!target || target === this) return false;
    this.detach(message);
    message.deadLetterQueueSourceArn = this.arn;
    message.deadLetterQueueSourceName = this.name;
    const moved = target.adopt(this.deadLetterOf(message), this.keepsEnqueueTimeInDeadLetterQueue);
    this.emitMessageEvent('messageMovedToDeadLetterQueue', moved, { targetQueueName: target.name, whole: true });
    return true;
  }

  /**
   * Takes in a message that leaves another queue (dead-letter move or move task), keeping its id; its
   * retention counts from its original enqueue time when `keepEnqueueTime`, else from now.
   */
  adopt(from: StoredMessage, keepEnqueueTime = false): StoredMessage {
    const message: StoredMessage = {
      ...from,
      enqueuedAt: keepEnqueueTime ? from.enqueuedAt : this.now(),
      retention: undefined,
      state: 'visible',
      visibleAt: undefined,
      receivedAt: undefined,
      receiptHandle: undefined,
      deadline: undefined,
      sequenceNumber: this.arrivalSequenceNumber(),
    };
    this.enqueue(message, 0, 'arrival');
    return message;
  }

  private putInFlight(message: StoredMessage, visibilityTimeout: number): void {
    const now = this.now();
    this.leaveState(message);
    message.receiveCount++;
    message.firstReceiveTimestamp ??= now;
    message.receivedAt = now;
    message.receiptHandle = this.newReceiptHandle(message);
    if (visibilityTimeout > 0) {
      message.state = 'inFlight';
      this.counts.inFlight++;
      this.setDeadline(message, now + visibilityTimeout * 1000);
    } else {
      this.makeVisible(message);
    }
    this.emitMessageEvent('messageReceived', message);
  }

  private newReceiptHandle(message: StoredMessage): string {
    const nonce = `${this.handleSalt}.${(this.handleSeq++).toString(36)}`;
    return Buffer.from(`${message.messageId} ${this.arn} ${nonce}`, 'utf8').toString('base64');
  }

  /** The message a receipt handle names, if it still exists; throws for handles that are not ours. */
  resolveReceiptHandle(handle: string): StoredMessage | undefined {
    const decoded = typeof handle === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(handle) ? Buffer.from(handle, 'base64').toString('utf8') : '';
    const parts = decoded.split(' ');
    if (parts.length !== 3 || parts[1] !== this.arn) throw sqsErrors.receiptHandleIsInvalid(handle);
    return this.messages.get(parts[0]);
  }

  // ---- delete and visibility -----------------------------------------------------------------

  deleteMessage(handle: string): void {
    const message = this.resolveReceiptHandle(handle);
    if (!message) return;
    if (!this.deletes(message, handle)) return;
    this.detach(message);
    this.emitMessageEvent('messageDeleted', message);
    this.wakeWaiters();
  }

  /** Deletes a message by id, as the inspector does, unless a consumer holds it in flight. */
  deleteWaitingMessage(messageId: string): boolean {
    const message = this.messageWaiting(messageId);
    if (!message) return false;
    this.detach(message);
    this.emitMessageEvent('messageDeleted', message);
    return true;
  }

  changeVisibility(handle: string, visibilityTimeout: number): void {
    const message = this.resolveReceiptHandle(handle);
    if (!message || !this.acceptsVisibilityHandle(message, handle)) {
      throw sqsErrors.invalidValue(
        handle,
        'ReceiptHandle',
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (message.state !== 'inFlight') return;
    const now = this.now();
    const totalSeconds = (now - (message.receivedAt ?? now)) / 1000 + visibilityTimeout;
    if (totalSeconds > sqsLimits.maxVisibilityTimeoutSeconds) {
      throw sqsErrors.invalidValue(
        visibilityTimeout,
        'VisibilityTimeout',
        `Total VisibilityTimeout for the message is beyond the limit [${sqsLimits.maxVisibilityTimeoutSeconds} seconds].`,
      );
    }
    if (visibilityTimeout === 0) {
      this.leaveState(message);
      this.makeVisible(message);
      this.refreshGroup(message);
      this.emitMessageEvent('visibilityChanged', message);
      this.wakeWaiters();
      return;
    }
    this.setDeadline(message, now + visibilityTimeout * 1000);
    this.emitMessageEvent('visibilityChanged', message);
  }

  // ---- deadlines -----------------------------------------------------------------------------

  private setDeadline(message: StoredMessage, at: number): void {
    message.deadline?.cancel();
    message.visibleAt = at;
    message.deadline = this.host.scheduler.at(at, () => this.deadlineReached(message));
  }

  private deadlineReached(message: StoredMessage): void {
    message.deadline = undefined;
    if (!this.holds(message) || message.state === 'visible') return;
    this.leaveState(message);
    this.makeVisible(message);
    this.refreshGroup(message);
    this.emitMessageEvent('messageVisible', message);
    this.wakeWaiters();
  }

  private makeVisible(message: StoredMessage): void {
    message.state = 'visible';
    message.visibleAt = undefined;
    this.counts.visible++;
    this.becameVisible(message);
  }

  private leaveState(message: StoredMessage): void {
    this.counts[message.state]--;
    if (message.state === 'visible') this.leftVisible(message);
    message.deadline?.cancel();
    message.deadline = undefined;
  }

  /** Takes a message out of this queue entirely (delete, expiry, move). */
  private detach(message: StoredMessage): void {
    this.leaveState(message);
    this.messages.remove(message.messageId);
    message.retention?.cancel();
    message.retention = undefined;
    // A message that left the queue is held by no one: its last receipt handle is void.
    message.receiptHandle = undefined;
    this.refreshGroup(message);
  }

  /**
   * Removes a message for a move: the given one if it is here and not in flight (a consumer holds an
   * in-flight one), else the next visible one. Returns it, or undefined if there is none.
   */
  takeForMove(messageId?: string): StoredMessage | undefined {
    const candidate = messageId === undefined ? this.candidates().next().value : this.messageWaiting(messageId);
    if (!candidate) return undefined;
    this.detach(candidate);
    return candidate;
  }

  /** The message with this id if the queue holds it and no consumer has it in flight. */
  messageWaiting(messageId: string): StoredMessage | undefined {
    const message = this.messages.get(messageId);
    return message && message.state !== 'inFlight' ? message : undefined;
  }

  emitMoved(message: StoredMessage, target: Queue): void {
    this.emitMessageEvent('messageMoved', message, { targetQueueName: target.name, whole: true });
  }

  /**
   * Retention runs down `messages` in arrival order, which is enqueue-time order as long as every
   * message arrives newer than those before it. One that arrives older (a dead-letter move keeping its
   * original enqueue time) gets its own retention deadline instead, so it expires on time wherever it sits.
   */
  private trackRetention(message: StoredMessage): void {
    if (message.enqueuedAt < this.latestEnqueuedAt) this.armOwnRetention(message);
    else this.latestEnqueuedAt = message.enqueuedAt;
  }

  private armOwnRetention(message: StoredMessage): void {
    message.retention?.cancel();
    const period = this.numberAttribute('MessageRetentionPeriod') * 1000;
    message.retention = this.host.scheduler.at(message.enqueuedAt + period, () => {
      message.retention = undefined;
      if (!this.holds(message)) return;
      this.detach(message);
      this.emitMessageEvent('messageExpired', message);
    });
  }

  private armRetention(): void {
    this.retention?.cancel();
    this.retention = undefined;
    const oldest = this.messages.first();
    if (!oldest) return;
    const period = this.numberAttribute('MessageRetentionPeriod') * 1000;
    this.retention = this.host.scheduler.at(oldest.enqueuedAt + period, () => this.expireMessages());
  }

  private expireMessages(): void {
    this.retention = undefined;
    const cutoff = this.now() - this.numberAttribute('MessageRetentionPeriod') * 1000;
    for (const message of this.messages.values()) {
      if (message.enqueuedAt > cutoff) break;
      this.detach(message);
      this.emitMessageEvent('messageExpired', message);
    }
    this.armRetention();
    this.wakeWaiters();
  }

  // ---- purge and disposal --------------------------------------------------------------------

  get purgeInProgress(): boolean {
    return this.purgeWindow !== undefined;
  }

  purge(): void {
    this.purgeWindow = this.host.scheduler.after(PURGE_WINDOW_MS, () => (this.purgeWindow = undefined));
    this.releaseAll();
    this.messages.clear();
    this.purgeKind();
    this.counts = { visible: 0, inFlight: 0, delayed: 0 };
    this.retention?.cancel();
    this.retention = undefined;
    this.emitQueueEvent('queuePurged');
  }

  /** Stops every deadline of this queue and answers pending long polls with no messages. */
  dispose(): void {
    this.releaseAll();
    this.retention?.cancel();
    this.purgeWindow?.cancel();
    this.waiters.abortAll();
  }

  /** Cancels every message deadline and voids every receipt handle, before the messages are dropped. */
  private releaseAll(): void {
    for (const message of this.messages.values()) {
      message.deadline?.cancel();
      message.retention?.cancel();
      message.receiptHandle = undefined;
    }
  }

  // ---- durability: what the store reads after a change and puts back after a restart ----------

  messageById(messageId: string): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  /** Every message, oldest first. */
  allMessages(): Iterable<StoredMessage> {
    return this.messages.values();
  }

  /** FIFO queues: the deduplication records still in the window. */
  dedupRecords(): Iterable<DedupRecord> {
    return [];
  }

  restoreDedup(_record: DedupRecord): void {}

  /**
   * Puts back a message kept across a restart, oldest first, without events (nothing changed). Deadlines
   * are absolute, so one that passed while the broker was down makes the message visible now; a visible
   * message past maxReceiveCount then moves to the dead-letter queue on its next receive, as always.
   */
  restoreMessage(message: StoredMessage): void {
    this.messages.add(message.messageId, message);
    this.trackRetention(message);
    this.arrive(message, false);
    if (message.state !== 'visible' && message.visibleAt !== undefined && message.visibleAt > this.now()) {
      this.counts[message.state]++;
      this.setDeadline(message, message.visibleAt);
    } else {
      this.makeVisible(message);
    }
    this.refreshGroup(message);
  }

  /** After restoreMessage: arms retention, which drops messages that expired while the broker was down. */
  restoreDone(): void {
    this.armRetention();
  }

  // ---- long polling --------------------------------------------------------------------------

  /** Registers a long poll; the returned function withdraws it. */
  addWaiter(waiter: Waiter): () => void {
    return this.waiters.add(waiter);
  }

  private wakeWaiters(): void {
    this.waiters.wake(() => this.counts.visible > 0);
  }

  // ---- inspection ----------------------------------------------------------------------------

  /**
   * A page of messages in one state (or all), with `total` of that state and the queue's counters
   * (ApproximateNumberOf*) as of the same moment.
   */
  peek(offset: number, limit: number, state: MessageState | 'all'): QueuePeek {
    const total = state === 'all' ? this.messages.size : this.counts[state];
    const counts = { ...this.counts };
    const messages: PeekedMessage[] = [];
    let skipped = 0;
    if (state === 'all') {
      for (const message of this.messages.values(offset)) {
        if (messages.length >= limit) break;
        messages.push(peekMessage(message));
      }
      return { total, counts, messages };
    }
    for (const message of this.messages.values()) {
      if (messages.length >= limit) break;
      if (message.state !== state) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      messages.push(peekMessage(message));
    }
    return { total, counts, messages };
  }

  // ---- what each kind of queue does its own way (standard-queue.ts, fifo-queue.ts) ------------

  /** A message joins the queue (sent, moved here or restored); for a send, the dedup record it started. */
  protected abstract arrive(message: StoredMessage, sent: boolean): DedupRecord | undefined;
  /** A message became visible (on arrival or when a deadline or visibility change returns it). */
  protected abstract becameVisible(message: StoredMessage): void;
  /** A visible message stops being visible (received, moved, deleted, expired). */
  protected abstract leftVisible(message: StoredMessage): void;
  /** Visible messages in the order a receive takes them; safe to mutate each yielded message. */
  protected abstract candidates(): Generator<StoredMessage>;
  /** A receive took this message (it is now in flight, or visible again with a zero timeout). */
  protected abstract took(message: StoredMessage): void;
  /** The receive that took messages is over. */
  protected abstract receiveDone(): void;
  /** Re-reads what a change means for the message's group (FIFO). */
  protected abstract refreshGroup(message: StoredMessage): void;
  /** Whether DeleteMessage with this handle deletes the message (false: answer success, keep it); may throw. */
  protected abstract deletes(message: StoredMessage, handle: string): boolean;
  /** Whether ChangeMessageVisibility accepts this handle of the message. */
  protected abstract acceptsVisibilityHandle(message: StoredMessage, handle: string): boolean;
  /** The message as it goes to the dead-letter queue. */
  protected abstract deadLetterOf(message: StoredMessage): StoredMessage;
  /** Whether a dead letter keeps its first enqueue time, so it expires there by its first arrival. */
  protected abstract readonly keepsEnqueueTimeInDeadLetterQueue: boolean;
  /** The sequence number of a message that arrives from another queue. */
  protected abstract arrivalSequenceNumber(): string | undefined;
  /** A purge drops what the kind keeps beside the messages. */
  protected abstract purgeKind(): void;
}

/**
 * A copy of a message without its live timers. Every send builds one, so it is one literal of one shape:
 * a rest pattern that leaves the timers out, or a spread that overwrites them, costs several times as
 * much in V8. The type lists every field, so a field added to StoredMessage cannot be forgotten here;
 * unset ones are copied as undefined (JSON and the store's saveMessage drop them).
 */
function messageRecord(m: StoredMessage): MessageRecord {
  const record: { [K in keyof Required<MessageRecord>]: MessageRecord[K] } = {
    messageId: m.messageId,
    body: m.body,
    md5OfBody: m.md5OfBody,
    messageAttributes: m.messageAttributes,
    md5OfMessageAttributes: m.md5OfMessageAttributes,
    awsTraceHeader: m.awsTraceHeader,
    senderId: m.senderId,
    sentTimestamp: m.sentTimestamp,
    messageGroupId: m.messageGroupId,
    messageDeduplicationId: m.messageDeduplicationId,
    size: m.size,
    sequenceNumber: m.sequenceNumber,
    deadLetterQueueSourceArn: m.deadLetterQueueSourceArn,
    deadLetterQueueSourceName: m.deadLetterQueueSourceName,
    enqueuedAt: m.enqueuedAt,
    receiveCount: m.receiveCount,
    firstReceiveTimestamp: m.firstReceiveTimestamp,
    state: m.state,
    visibleAt: m.visibleAt,
    receivedAt: m.receivedAt,
    receiptHandle: m.receiptHandle,
  };
  return record;
}

function messageState(m: StoredMessage): MessageStateRecord {
  // The fields of MESSAGE_STATE_FIELDS, as one literal (the type keeps the two lists the same).
  const state: { [K in keyof Required<MessageStateRecord>]: MessageStateRecord[K] } = {
    state: m.state,
    visibleAt: m.visibleAt,
    receivedAt: m.receivedAt,
    receiveCount: m.receiveCount,
    firstReceiveTimestamp: m.firstReceiveTimestamp,
    receiptHandle: m.receiptHandle,
  };
  return state;
}
