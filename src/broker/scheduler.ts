import { Clock, TimerHandle } from './clock';

/** A deadline the scheduler will run; cancel() is O(1) (the entry is skipped when it reaches the top). */
export interface Deadline {
  readonly at: number;
  cancel(): void;
}

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * One scheduler per broker: every deadline (visibility expiry, delay end, retention, long-poll wake-up,
 * purge window) goes into one min-heap and a single timer is armed for the earliest. 100,000 messages
 * in flight are 100,000 heap entries and one timer.
 */
export class Scheduler {
  private heap: Entry[] = [];
  private seq = 0;
  private armed: { at: number; handle: TimerHandle } | undefined;
  private live = 0;
  private running = false;

  constructor(readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  /** Runs `fn` at time `at` (ms since epoch), or on the next tick if `at` has passed. */
  at(at: number, fn: () => void): Deadline {
    const entry: Entry = { at, seq: this.seq++, fn, cancelled: false };
    this.push(entry);
    this.live++;
    this.arm();
    return {
      at,
      cancel: () => {
        if (!entry.cancelled) {
          entry.cancelled = true;
          this.live--;
          // Drop cancelled entries from the top so a cancelled earliest deadline does not wake us.
          this.dropCancelledTop();
          this.arm();
        }
      },
    };
  }

  after(delayMs: number, fn: () => void): Deadline {
    return this.at(this.clock.now() + delayMs, fn);
  }

  /** Deadlines not yet run or cancelled. */
  get size(): number {
    return this.live;
  }

  /** Stops the timer; pending deadlines stay in the heap (used when a broker is disposed). */
  dispose(): void {
    this.armed?.handle.cancel();
    this.armed = undefined;
    this.heap = [];
    this.live = 0;
  }

  /** Runs every deadline that is due now. Called by the timer; tests may call it after moving a clock. */
  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        this.dropCancelledTop();
        const top = this.heap[0];
        if (!top || top.at > this.clock.now()) break;
        this.pop();
        top.cancelled = true;
        this.live--;
        try {
          top.fn();
        } catch (e) {
          // A failing deadline must not stop the others; the engine's callbacks do not throw by design.
          console.error('eventyard: scheduled task failed', e);
        }
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }

  private arm(): void {
    if (this.running) return;
    this.dropCancelledTop();
    const top = this.heap[0];
    if (!top) {
      this.armed?.handle.cancel();
      this.armed = undefined;
      return;
    }
    if (this.armed && this.armed.at <= top.at) return;
    this.armed?.handle.cancel();
    const at = top.at;
    const handle = this.clock.setTimer(at - this.clock.now(), () => {
      if (this.armed?.handle === handle) this.armed = undefined;
      this.runDue();
    });
    this.armed = { at, handle };
  }

  private dropCancelledTop(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
