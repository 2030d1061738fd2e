import type { StoredMessage } from './message';

/**
 * The visible messages of a standard queue, oldest first, without an index of their own: an array of
 * messages beside an array of the receive count each had when it became visible. A message becomes
 * visible again only after a receive (which counts it), so an entry is current exactly while its message
 * is still visible with that count and still in the queue; older entries are skipped and dropped lazily.
 */
export class VisibleOrder {
  private messages: StoredMessage[] = [];
  private counts: number[] = [];
  private head = 0;

  constructor(private readonly holds: (message: StoredMessage) => boolean) {}

  add(message: StoredMessage): void {
    this.messages.push(message);
    this.counts.push(message.receiveCount);
  }

  clear(): void {
    this.messages = [];
    this.counts = [];
    this.head = 0;
  }

  /** Current entries from the oldest, as of the start of the pass; safe to change messages meanwhile. */
  *values(): Generator<StoredMessage> {
    this.compact();
    // Iterate over these arrays even if a nested pass compacts them meanwhile.
    const { messages, counts } = this;
    const end = messages.length;
    for (let i = this.head; i < end; i++) if (this.isCurrent(messages[i], counts[i])) yield messages[i];
  }

  private isCurrent(message: StoredMessage, count: number): boolean {
    return message.state === 'visible' && message.receiveCount === count && this.holds(message);
  }

  private compact(): void {
    while (this.head < this.messages.length && !this.isCurrent(this.messages[this.head], this.counts[this.head])) this.head++;
    if (this.head > 1024 && this.head * 2 > this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.head = 0;
    }
  }
}
