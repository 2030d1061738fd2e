import { randomBytes } from 'node:crypto';
import { sqsLimits } from '../limits';
import type { Deadline, Scheduler } from '../scheduler';
import { Deduplication, DedupRecord } from './deduplication';
import { sqsErrors } from './errors';
import type { MessageRecord, MessageStateRecord, QueueSettings, SqsEvent } from './events';
import { MessageGroup } from './message-group';
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

const messageKeyOf = (m: StoredMessage) => m.messageId;
export const PURGE_WINDOW_MS = 60 * 1000;

/**
 * One SQS queue: its attributes and messages. Every change of a message's state happens here, in the
 * methods below, and each emits its change event; nothing else mutates a message.
 */
export class Queue {
  attributes: Record<string, string>;
  tags: Record<string, string> = {};
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  redrivePolicy?: RedrivePolicy;

  /** Every message by id, in arrival order (oldest first), which is also retention order. */
  private readonly messages = new OrderedSlots<StoredMessage>();
  /** Standard queues: visible messages, oldest first. */
  private readonly visible = new OrderedSlots<StoredMessage>();
  /** FIFO queues: every group that holds messages. */
  private readonly groups = new Map<string, MessageGroup>();
  /**
   * FIFO queues: the groups whose oldest message is visible, in the order they became available. A
   * receive takes from the front; a group it took from goes to the back once available again. This is
   * the group order AWS shows (test/fixtures/aws-reference/test_sqs.snapshot.json, the test_fifo_* receives).
   */
  private readonly readyGroups = new OrderedSlots<MessageGroup>();
  private readonly dedup = new Deduplication();
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
    private readonly host: QueueHost,
    readonly name: string,
    readonly arn: string,
    readonly fifo: boolean,
    attributes: Record<string, string>,
    /** Set when the store puts back a queue created before a restart. */
    createdTimestamp?: number,
  ) {
    this.attributes = attributes;
    this.createdTimestamp = createdTimestamp ?? this.now();
    this.lastModifiedTimestamp = this.createdTimestamp;
  }

  private now(): number {
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
    extra: { targetQueueName?: string; whole?: boolean; dedup?: DedupRecord } = {},
  ): void {
    if (!this.host.listening) return;
    const changed =
      type === 'messageReceived' || type === 'visibilityChanged' || type === 'messageVisible' ? { state: messageState(message) } : undefined;
    this.host.emit({
      service: 'sqs',
      type,
      queueName: this.name,
      messageId: message.messageId,
      at: this.now(),
      visibleAt: message.state === 'visible' ? undefined : message.visibleAt,
      receiveCount: message.receiveCount,
      targetQueueName: extra.targetQueueName,
      message: extra.whole ? peekMessage(message) : undefined,
      record: extra.whole ? messageRecord(message) : undefined,
      dedup: extra.dedup && { ...extra.dedup },
      ...changed,
    });
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
      for (const message of this.messages.values(messageKeyOf)) if (message.retention) this.armOwnRetention(message);
    }
    this.emitQueueEvent('queueAttributesChanged');
  }

  setTags(tags: Record<string, string>): void {
    this.tags = tags;
    this.emitQueueEvent('queueTagged');
  }

  // ---- send ----------------------------------------------------------------------------------

  /** A FIFO send within the deduplication window of an earlier one: the earlier message's record. */
  findDuplicate(groupId: string, deduplicationId: string): DedupRecord | undefined {
    return this.dedup.find(this.now(), this.attributes.DeduplicationScope, groupId, deduplicationId);
  }

  private groupOf(messageGroupId: string): MessageGroup {
    let group = this.groups.get(messageGroupId);
    if (!group) {
      group = new MessageGroup(messageGroupId);
      this.groups.set(messageGroupId, group);
    }
    return group;
  }

  /** Adds a message, delayed by `delaySeconds`; `event` says how it arrived. */
  enqueue(message: StoredMessage, delaySeconds: number, event: 'messageSent' | 'arrival' = 'messageSent'): void {
    if (event === 'messageSent') message.enqueuedAt = this.now();
    this.messages.add(message.messageId, message);
    this.trackRetention(message);
    let dedup: DedupRecord | undefined;
    if (this.fifo && message.messageGroupId !== undefined) {
      this.groupOf(message.messageGroupId).push(message);
      if (message.messageDeduplicationId !== undefined && event === 'messageSent') {
        const scope = this.attributes.DeduplicationScope;
        dedup = this.dedup.remember(message.enqueuedAt, scope, message.messageGroupId, message.messageDeduplicationId, message.messageId, message.sequenceNumber);
      }
    }
    if (delaySeconds > 0) {
      message.state = 'delayed';
      this.counts.delayed++;
      this.setDeadline(message, message.enqueuedAt + delaySeconds * 1000);
    } else {
      message.state = 'visible';
      this.counts.visible++;
      if (!this.fifo) this.visible.add(message.messageId, message);
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
    const touchedGroups = new Map<string, StoredMessage>();
    for (const candidate of this.candidates()) {
      if (taken.length >= max) break;
      // With a zero visibility timeout a taken message is visible again at once: take it only once.
      if (seen.has(candidate.messageId) || !this.holds(candidate) || candidate.state !== 'visible') continue;
      seen.add(candidate.messageId);
      if (this.moveToDeadLetterQueueIfExhausted(candidate)) continue;
      this.putInFlight(candidate, visibilityTimeout);
      taken.push(candidate);
      if (candidate.messageGroupId !== undefined && this.fifo) {
        this.readyGroups.remove(candidate.messageGroupId);
        touchedGroups.set(candidate.messageGroupId, candidate);
      }
    }
    // Groups taken from rejoin at the back, in the order they were taken, once available again.
    for (const message of touchedGroups.values()) this.refreshGroup(message);
    return taken;
  }

  /** Visible messages in the order a receive takes them; safe to mutate each yielded message. */
  private *candidates(): Generator<StoredMessage> {
    if (!this.fifo) {
      yield* this.visible.values(messageKeyOf);
      return;
    }
    const live = (m: StoredMessage) => this.holds(m);
    // A receive takes as many messages of one group as it can before moving on, as AWS does.
    for (const group of this.readyGroups.values((g) => g.id)) {
      for (const m of group.live(live)) {
        // Only a group's visible prefix is available: an in-flight or delayed message blocks those behind it.
        if (m.state !== 'visible') break;
        yield m;
      }
    }
  }

  private holds(message: StoredMessage): boolean {
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
    // AWS: a standard queue's message keeps its original enqueue time in the dead-letter queue, so it
    // expires there by its first arrival; a FIFO message starts afresh.
    // AWS also gives a FIFO dead letter its message id as deduplication id, so the DLQ's deduplication
    // cannot drop two dead letters that happened to share one.
    const moved = target.adopt(this.fifo ? { ...message, messageDeduplicationId: message.messageId } : message, !this.fifo);
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
      sequenceNumber: this.fifo ? this.host.nextSequenceNumber() : undefined,
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
    const current = message.receiptHandle === handle;
    if (this.fifo) {
      if (!current || message.state !== 'inFlight') {
        throw sqsErrors.invalidValue(handle, 'ReceiptHandle', 'The receipt handle has expired.');
      }
    } else if (!current && message.state === 'inFlight') {
      // Another consumer holds the message now; AWS answers success and keeps it.
      return;
    }
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
    // A standard queue accepts any handle of a message it still has (AWS lets an older handle end the
    // visibility of a later receive); a FIFO queue only the latest.
    if (!message || (this.fifo && message.receiptHandle !== handle)) {
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
    if (!this.fifo) {
      // A returning message goes behind the ones waiting longer, as SQS roughly does.
      this.visible.add(message.messageId, message);
    }
  }

  private leaveState(message: StoredMessage): void {
    this.counts[message.state]--;
    if (message.state === 'visible') this.visible.remove(message.messageId);
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
   * Re-reads the availability of a FIFO message's group after a change: available (in readyGroups)
   * exactly while its oldest message is visible. A group that becomes available joins at the back.
   */
  private refreshGroup(message: StoredMessage): void {
    if (!this.fifo || message.messageGroupId === undefined) return;
    const id = message.messageGroupId;
    const group = this.groups.get(id);
    const head = group?.head((m) => this.holds(m));
    if (!head) {
      this.groups.delete(id);
      this.readyGroups.remove(id);
    } else if (head.state !== 'visible') {
      this.readyGroups.remove(id);
    } else if (group && !this.readyGroups.has(id)) {
      this.readyGroups.add(id, group);
    }
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
    const oldest = this.messages.first(messageKeyOf);
    if (!oldest) return;
    const period = this.numberAttribute('MessageRetentionPeriod') * 1000;
    this.retention = this.host.scheduler.at(oldest.enqueuedAt + period, () => this.expireMessages());
  }

  private expireMessages(): void {
    this.retention = undefined;
    const cutoff = this.now() - this.numberAttribute('MessageRetentionPeriod') * 1000;
    for (const message of this.messages.values(messageKeyOf)) {
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
    this.visible.clear();
    this.groups.clear();
    this.readyGroups.clear();
    // A purge also forgets deduplication: the same id may be sent again at once.
    this.dedup.clear();
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
    for (const message of this.messages.values(messageKeyOf)) {
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
    return this.messages.values(messageKeyOf);
  }

  dedupRecords(): Iterable<DedupRecord> {
    return this.dedup.live(this.now());
  }

  restoreDedup(record: DedupRecord): void {
    if (record.expiresAt > this.now()) this.dedup.restore(record);
  }

  /**
   * Puts back a message kept across a restart, oldest first, without events (nothing changed). Deadlines
   * are absolute, so one that passed while the broker was down makes the message visible now; a visible
   * message past maxReceiveCount then moves to the dead-letter queue on its next receive, as always.
   */
  restoreMessage(message: StoredMessage): void {
    this.messages.add(message.messageId, message);
    this.trackRetention(message);
    if (this.fifo && message.messageGroupId !== undefined) {
      this.groupOf(message.messageGroupId).push(message);
    }
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
      for (const message of this.messages.values(messageKeyOf, offset)) {
        if (messages.length >= limit) break;
        messages.push(peekMessage(message));
      }
      return { total, counts, messages };
    }
    for (const message of this.messages.values(messageKeyOf)) {
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
}

/** A copy of a message without its live timers. */
function messageRecord(message: StoredMessage): MessageRecord {
  const { deadline: _deadline, retention: _retention, ...record } = message;
  return record;
}

function messageState(m: StoredMessage): MessageStateRecord {
  return {
    state: m.state,
    visibleAt: m.visibleAt,
    receivedAt: m.receivedAt,
    receiveCount: m.receiveCount,
    firstReceiveTimestamp: m.firstReceiveTimestamp,
    receiptHandle: m.receiptHandle,
  };
}
