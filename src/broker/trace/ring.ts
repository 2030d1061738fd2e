/**
 * A fixed number of the newest items, each with the owner it belongs to: pushing past the capacity gives
 * back the oldest item's owner, which loses it. Items and owners sit in two parallel arrays, so a push
 * allocates nothing (the tracer pushes one hop per message change, on the send path).
 */
export class Ring<T, O> {
  private readonly items: (T | undefined)[];
  private readonly owners: (O | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
    this.owners = new Array<O | undefined>(capacity);
  }

  /**
   * Adds an item and its owner. When the ring was full, `evicted` is called with the oldest item and its
   * owner, which leave.
   */
  push(item: T, owner: O, evicted: (item: T, owner: O) => void): void {
    const at = this.next;
    if (this.count === this.capacity) evicted(this.items[at] as T, this.owners[at] as O);
    else this.count++;
    this.items[at] = item;
    this.owners[at] = owner;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    const start = this.count === this.capacity ? this.next : 0;
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.capacity] as T);
    return out;
  }
}
