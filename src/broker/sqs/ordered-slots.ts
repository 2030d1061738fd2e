/**
 * An insertion-ordered set keyed by string, where adding an existing key moves it to the back. Kept as
 * an array with a moving head and lazily dropped slots: a Map iterated from its start after many
 * deletions costs O(deleted) per pass, this stays O(1) per live entry.
 *
 * The index maps a key to the absolute position of its live slot (a small integer, which V8 keeps
 * unboxed in the Map): no wrapper object per entry, so a queue of a million messages makes no garbage
 * beyond the values themselves. A slot is live exactly while its key's position is its own.
 */
export class OrderedSlots<T> {
  private slots: T[] = [];
  /** The absolute position of slots[0]: compaction drops the front and moves this on. */
  private base = 0;
  private head = 0;
  private readonly current = new Map<string, number>();

  constructor(private readonly keyOf: (value: T) => string) {}

  get size(): number {
    return this.current.size;
  }

  has(key: string): boolean {
    return this.current.has(key);
  }

  get(key: string): T | undefined {
    const at = this.current.get(key);
    return at === undefined ? undefined : this.slots[at - this.base];
  }

  /** The entry at the front (the oldest one not removed). */
  first(): T | undefined {
    this.compact();
    return this.head < this.slots.length ? this.slots[this.head] : undefined;
  }

  /** Appends, or moves to the back an entry that is already here. */
  add(key: string, value: T): void {
    this.current.set(key, this.base + this.slots.length);
    this.slots.push(value);
  }

  remove(key: string): void {
    this.current.delete(key);
  }

  clear(): void {
    this.slots = [];
    this.base = 0;
    this.head = 0;
    this.current.clear();
  }

  /**
   * Live entries from the front (or from the `skip`-th live one on), as of the start of the pass: entries
   * added meanwhile are not visited. The consumer may remove or re-add entries as it goes.
   */
  *values(skip = 0): Generator<T> {
    this.compact();
    // Iterate over this array even if a nested pass compacts `this.slots` meanwhile.
    const slots = this.slots;
    const base = this.base;
    const end = slots.length;
    let i = this.head;
    // With no dropped slot behind the head, the skip-th live entry is the skip-th slot: a page deep in a
    // queue of 100,000 messages costs its own size, not a walk over everything before it.
    if (end - this.head === this.current.size) i += skip;
    else {
      for (; i < end && skip > 0; i++) if (this.isLive(slots[i], base + i)) skip--;
    }
    for (; i < end; i++) {
      const value = slots[i];
      if (this.isLive(value, base + i)) yield value;
    }
  }

  private isLive(value: T, position: number): boolean {
    return this.current.get(this.keyOf(value)) === position;
  }

  private compact(): void {
    while (this.head < this.slots.length && !this.isLive(this.slots[this.head], this.base + this.head)) this.head++;
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }
}
