import type { DedupRecord } from './deduplication';
import type { StoredMessage } from './message';
import { Queue } from './queue';
import { VisibleOrder } from './visible-order';

/**
 * A standard queue: at-least-once, roughly in order. A receive takes the visible messages oldest first;
 * any receipt handle of a message it still has counts for a visibility change.
 */
export class StandardQueue extends Queue {
  readonly fifo = false;
  protected readonly keepsEnqueueTimeInDeadLetterQueue = true;
  /** Visible messages, oldest first. */
  private readonly visible = new VisibleOrder((message) => this.holds(message));

  protected arrive(): DedupRecord | undefined {
    return undefined;
  }

  protected becameVisible(message: StoredMessage): void {
    // A returning message goes behind the ones waiting longer, as SQS roughly does.
    this.visible.add(message);
  }

  protected leftVisible(): void {
    // Its entry in `visible` stops being current by itself (state, receive count or removal changed).
  }

  protected candidates(): Generator<StoredMessage> {
    return this.visible.values();
  }

  protected took(): void {}

  protected receiveDone(): void {}

  protected refreshGroup(): void {}

  protected deletes(message: StoredMessage, handle: string): boolean {
    // Another consumer holds the message now; AWS answers success and keeps it.
    return message.receiptHandle === handle || message.state !== 'inFlight';
  }

  protected acceptsVisibilityHandle(): boolean {
    // AWS lets an older handle end the visibility of a later receive.
    return true;
  }

  protected deadLetterOf(message: StoredMessage): StoredMessage {
    // AWS: a standard queue's message keeps its original enqueue time in the dead-letter queue.
    return message;
  }

  protected arrivalSequenceNumber(): string | undefined {
    return undefined;
  }

  protected purgeKind(): void {
    this.visible.clear();
  }
}
