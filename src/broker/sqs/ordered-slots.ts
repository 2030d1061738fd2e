interface Slot<T> {
  readonly value: T;
}

/**
 * An insertion-ordered set keyed by string, where adding an existing key moves it to the back. Kept as
 * an array with a moving head and lazily dropped slots: a Map iterated from its start after many
 * deletions costs O(deleted) per pass, this stays O(1) per live entry.
 */
export class OrderedSlots<T> {
  private slots: Slot<T>[] = [];
  private head = 0;
  private readonly current = new Map<string, Slot<T>>();

  get size(): number {
    return this.current.size;
  }

  has(key: string): boolean {
    return this.current.has(key);
  }

  get(key: string): T | undefined {
    return this.current.get(key)?.value;
  }

  /** The entry at the front (the oldest one not removed). */
  first(keyOf: (value: T) => string): T | undefined {
    this.compact(keyOf);
    return this.head < this.slots.length ? this.slots[this.head].value : undefined;
  }

  /** Appends, or moves to the back an entry that is already here. */
  add(key: string, value: T): void {
    const slot = { value };
    this.current.set(key, slot);
    this.slots.push(slot);
  }

  remove(key: string): void {
    this.current.delete(key);
  }

  clear(): void {
    this.slots = [];
    this.head = 0;
    this.current.clear();
  }

  /**
   * Live entries from the front (or from the `skip`-th live one on), as of the start of the pass: entries
   * added meanwhile are not visited. The consumer may remove or re-add entries as it goes.
   */
  *values(keyOf: (value: T) => string, skip = 0): Generator<T> {
    this.compact(keyOf);
    // Iterate over this array even if a nested pass compacts `this.slots` meanwhile.
    const slots = this.slots;
    const end = slots.length;
    let i = this.head;
    // With no dropped slot behind the head, the skip-th live entry is the skip-th slot: a page deep in a
    // queue of 100,000 messages costs its own size, not a walk over everything before it.
    if (end - this.head === this.current.size) i += skip;
    else {
      for (; i < end && skip > 0; i++) if (this.current.get(keyOf(slots[i].value)) === slots[i]) skip--;
    }
    for (; i < end; i++) {
      const slot = slots[i];
      if (this.current.get(keyOf(slot.value)) === slot) yield slot.value;
    }
  }

  private compact(keyOf: (value: T) => string): void {
    while (this.head < this.slots.length && this.current.get(keyOf(this.slots[this.head].value)) !== this.slots[this.head]) {
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}
