/** A pending long poll: `take` answers it if messages are there (true when answered); `abort` answers it empty. */
export interface Waiter {
  take: () => boolean;
  abort: () => void;
}

/** The long polls waiting on one queue, served oldest first whenever messages may have become visible. */
export class Waiters {
  private pending: Waiter[] = [];

  /** Registers a long poll; the returned function withdraws it (when its wait time ends). */
  add(waiter: Waiter): () => void {
    this.pending.push(waiter);
    return () => {
      this.pending = this.pending.filter((w) => w !== waiter);
    };
  }

  /** Offers the visible messages to the waiting polls in turn while `available()` says any are left. */
  wake(available: () => boolean): void {
    if (this.pending.length === 0 || !available()) return;
    const waiting = this.pending;
    this.pending = [];
    const still: Waiter[] = [];
    for (const w of waiting) {
      if (!available() || !w.take()) still.push(w);
    }
    // Polls registered while we served (by a nested receive) queue up behind the ones still waiting.
    this.pending = [...still, ...this.pending];
  }

  abortAll(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const w of waiting) w.abort();
  }
}
