import type { StoredMessage } from './message';

interface Slot {
  readonly message: StoredMessage;
}

/**
 * The visible messages of a standard queue, oldest first. An array with a moving head and lazily dropped
 * slots: a Map iterated from its start after many deletions costs O(deleted) per receive, this costs O(1).
 */
export class VisibleQueue {
  private slots: Slot[] = [];
  private head = 0;
  private readonly current = new Map<string, Slot>();

  get size(): number {
    return this.current.size;
  }

  /** Appends, or moves to the back a message that is already here. */
  add(message: StoredMessage): void {
    const slot = { message };
    this.current.set(message.messageId, slot);
    this.slots.push(slot);
  }

  remove(message: StoredMessage): void {
    this.current.delete(message.messageId);
  }

  clear(): void {
    this.slots = [];
    this.head = 0;
    this.current.clear();
  }

  /** Visible messages from the oldest; the consumer may remove (or re-add) each one as it goes. */
  *values(): Generator<StoredMessage> {
    this.dropDeadHead();
    // Iterate over this array even if a nested receive compacts `this.slots` meanwhile.
    const slots = this.slots;
    const end = slots.length;
    for (let i = this.head; i < end; i++) {
      const slot = slots[i];
      if (this.current.get(slot.message.messageId) === slot) yield slot.message;
    }
    this.dropDeadHead();
  }

  private dropDeadHead(): void {
    while (this.head < this.slots.length && this.current.get(this.slots[this.head].message.messageId) !== this.slots[this.head]) {
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}
