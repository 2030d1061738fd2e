/**
 * A fixed number of the newest items, each with the owner it belongs to: pushing past the capacity gives
 * back the oldest item's owner, which loses it. Items and owners sit in two parallel arrays, so a push
 * allocates nothing (the tracer pushes one hop per message change, on the send path).
 */
export class Ring<T, O> {
  private readonly items: (T | undefined)[];
  private readonly owners: (O | undefined)[];
  /** A number per item (the tracer's hop order), kept without an object per item. */
  private readonly stamps: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
    this.owners = new Array<O | undefined>(capacity);
    this.stamps = new Float64Array(capacity);
  }

  /**
   * Adds an item and its owner. When the ring was full, `evicted` is called with the oldest item and its
   * owner, which leave.
   */
  push(item: T, owner: O, stamp: number, evicted: (item: T, owner: O) => void): void {
    const at = this.next;
    if (this.count === this.capacity) evicted(this.items[at] as T, this.owners[at] as O);
    else this.count++;
    this.items[at] = item;
    this.owners[at] = owner;
    this.stamps[at] = stamp;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
  }

  get size(): number {
    return this.count;
  }

  /** Calls `fn` with each item and its owner, oldest first. */
  forEach(fn: (item: T, owner: O, stamp: number) => void): void {
    const start = this.count === this.capacity ? this.next : 0;
    for (let i = 0; i < this.count; i++) {
      const at = (start + i) % this.capacity;
      fn(this.items[at] as T, this.owners[at] as O, this.stamps[at]);
    }
  }

  /** The newest item for which `test` holds, with its stamp. */
  findLast(test: (item: T, owner: O) => boolean): { item: T; stamp: number } | undefined {
    const start = this.count === this.capacity ? this.next : 0;
    for (let i = this.count - 1; i >= 0; i--) {
      const at = (start + i) % this.capacity;
      if (test(this.items[at] as T, this.owners[at] as O)) return { item: this.items[at] as T, stamp: this.stamps[at] };
    }
    return undefined;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    const start = this.count === this.capacity ? this.next : 0;
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.capacity] as T);
    return out;
  }
}
