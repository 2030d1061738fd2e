import type { StoredMessage } from './message';

/**
 * The messages of one FIFO message group in sequence order. Removal is lazy (a removed message is
 * skipped when it reaches the head) so deleting from a group of 100,000 stays O(1).
 */
export class MessageGroup {
  private items: StoredMessage[] = [];
  private headIndex = 0;

  constructor(readonly id: string) {}

  push(message: StoredMessage): void {
    this.items.push(message);
  }

  /** Live messages from the oldest on; callers stop early, so a blocked group costs O(1). */
  *live(isLive: (m: StoredMessage) => boolean): Generator<StoredMessage> {
    this.compact(isLive);
    // Iterate over this array even if a nested receive compacts `this.items` meanwhile.
    const items = this.items;
    for (let i = this.headIndex; i < items.length; i++) {
      const m = items[i];
      if (isLive(m)) yield m;
    }
  }

  /** The oldest live message. Only advances the head, so a live() iteration in progress stays valid. */
  head(isLive: (m: StoredMessage) => boolean): StoredMessage | undefined {
    this.skipRemoved(isLive);
    return this.items[this.headIndex];
  }

  private skipRemoved(isLive: (m: StoredMessage) => boolean): void {
    while (this.headIndex < this.items.length && !isLive(this.items[this.headIndex])) this.headIndex++;
  }

  private compact(isLive: (m: StoredMessage) => boolean): void {
    this.skipRemoved(isLive);
    if (this.headIndex > 1024 && this.headIndex * 2 > this.items.length) {
      this.items = this.items.slice(this.headIndex);
      this.headIndex = 0;
    }
  }
}
