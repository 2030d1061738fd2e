import type { StoredMessage } from './message';

/**
 * The messages of one FIFO message group in sequence order. Removal is lazy (a removed message is
 * skipped when it reaches the head) so deleting from a group of 100,000 stays O(1).
 */
export class MessageGroup {
  private items: StoredMessage[] = [];
  private head = 0;

  constructor(readonly id: string) {}

  push(message: StoredMessage): void {
    this.items.push(message);
  }

  /** Live messages from the oldest on; callers stop early, so a blocked group costs O(1). */
  *live(isLive: (m: StoredMessage) => boolean): Generator<StoredMessage> {
    this.compact(isLive);
    // Iterate over this array even if a nested receive compacts `this.items` meanwhile.
    const items = this.items;
    for (let i = this.head; i < items.length; i++) {
      const m = items[i];
      if (isLive(m)) yield m;
    }
  }

  /** Only advances the head, so a live() iteration in progress stays valid. */
  isEmpty(isLive: (m: StoredMessage) => boolean): boolean {
    this.skipRemoved(isLive);
    return this.head >= this.items.length;
  }

  private skipRemoved(isLive: (m: StoredMessage) => boolean): void {
    while (this.head < this.items.length && !isLive(this.items[this.head])) this.head++;
  }

  private compact(isLive: (m: StoredMessage) => boolean): void {
    this.skipRemoved(isLive);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
