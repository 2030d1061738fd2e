import { Deduplication, type DedupRecord } from './deduplication';
import { sqsErrors } from './errors';
import type { StoredMessage } from './message';
import { MessageGroup } from './message-group';
import { OrderedSlots } from './ordered-slots';
import { Queue } from './queue';

/**
 * A FIFO queue: messages in order within their message group, one group's visible prefix at a time, with
 * a five-minute deduplication window. Only the latest receipt handle of a message counts.
 */
export class FifoQueue extends Queue {
  readonly fifo = true;
  /** A FIFO dead letter starts its retention afresh in the dead-letter queue, as in AWS. */
  protected readonly keepsEnqueueTimeInDeadLetterQueue = false;
  /** Every group that holds messages. */
  private readonly groups = new Map<string, MessageGroup>();
  /**
   * The groups whose oldest message is visible, in the order they became available. A receive takes from
   * the front; a group it took from goes to the back once available again. This is the group order AWS
   * shows (test/fixtures/aws-reference/test_sqs.snapshot.json, the test_fifo_* receives).
   */
  private readonly readyGroups = new OrderedSlots<MessageGroup>((g) => g.id);
  private readonly dedup = new Deduplication();
  /** The groups the current receive took from, each with the last message taken. */
  private readonly touchedGroups = new Map<string, StoredMessage>();

  override findDuplicate(groupId: string, deduplicationId: string): DedupRecord | undefined {
    return this.dedup.find(this.now(), this.attributes.DeduplicationScope, groupId, deduplicationId);
  }

  override dedupRecords(): Iterable<DedupRecord> {
    return this.dedup.live(this.now());
  }

  override restoreDedup(record: DedupRecord): void {
    if (record.expiresAt > this.now()) this.dedup.restore(record);
  }

  private groupOf(messageGroupId: string): MessageGroup {
    let group = this.groups.get(messageGroupId);
    if (!group) {
      group = new MessageGroup(messageGroupId);
      this.groups.set(messageGroupId, group);
    }
    return group;
  }

  protected arrive(message: StoredMessage, sent: boolean): DedupRecord | undefined {
    if (message.messageGroupId === undefined) return undefined;
    this.groupOf(message.messageGroupId).push(message);
    if (!sent || message.messageDeduplicationId === undefined) return undefined;
    const scope = this.attributes.DeduplicationScope;
    return this.dedup.remember(message.enqueuedAt, scope, message.messageGroupId, message.messageDeduplicationId, message.messageId, message.sequenceNumber);
  }

  protected becameVisible(): void {}

  protected leftVisible(): void {}

  protected *candidates(): Generator<StoredMessage> {
    const live = (m: StoredMessage) => this.holds(m);
    // A receive takes as many messages of one group as it can before moving on, as AWS does.
    for (const group of this.readyGroups.values()) {
      for (const m of group.live(live)) {
        // Only a group's visible prefix is available: an in-flight or delayed message blocks those behind it.
        if (m.state !== 'visible') break;
        yield m;
      }
    }
  }

  protected took(message: StoredMessage): void {
    if (message.messageGroupId === undefined) return;
    this.readyGroups.remove(message.messageGroupId);
    this.touchedGroups.set(message.messageGroupId, message);
  }

  protected receiveDone(): void {
    // Groups taken from rejoin at the back, in the order they were taken, once available again.
    for (const message of this.touchedGroups.values()) this.refreshGroup(message);
    this.touchedGroups.clear();
  }

  /**
   * Re-reads the availability of a message's group after a change: available (in readyGroups) exactly
   * while its oldest message is visible. A group that becomes available joins at the back.
   */
  protected refreshGroup(message: StoredMessage): void {
    if (message.messageGroupId === undefined) return;
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

  protected deletes(message: StoredMessage, handle: string): boolean {
    if (message.receiptHandle !== handle || message.state !== 'inFlight') {
      throw sqsErrors.invalidValue(handle, 'ReceiptHandle', 'The receipt handle has expired.');
    }
    return true;
  }

  protected acceptsVisibilityHandle(message: StoredMessage, handle: string): boolean {
    return message.receiptHandle === handle;
  }

  protected deadLetterOf(message: StoredMessage): StoredMessage {
    // AWS gives a FIFO dead letter its message id as deduplication id, so the DLQ's deduplication cannot
    // drop two dead letters that happened to share one.
    return { ...message, messageDeduplicationId: message.messageId };
  }

  protected arrivalSequenceNumber(): string | undefined {
    return this.host.nextSequenceNumber();
  }

  protected purgeKind(): void {
    this.groups.clear();
    this.readyGroups.clear();
    // A purge also forgets deduplication: the same id may be sent again at once.
    this.dedup.clear();
  }
}
