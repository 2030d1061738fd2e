/**
 * Time as the engine sees it. The services (queues, topics, streams, delivery streams, functions) never
 * call Date.now() or setTimeout themselves: they ask a Clock, through the Scheduler for deadlines, so tests
 * can run a 12-hour visibility timeout in milliseconds with FakeClock. Only the store's disk cadence
 * (fsync interval, compaction retry) runs on wall-clock time.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once, `delayMs` from now. The Scheduler keeps at most one of these armed. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    // Node caps timers at 2^31-1 ms; the scheduler re-arms when a longer wait ends early.
    const t = setTimeout(fn, Math.min(Math.max(0, delayMs), 2 ** 31 - 1));
    // The broker's deadlines alone never keep a process alive; the server or the editor does. (Typed loosely:
    // the webview type-checks this file, without Node's timers, through the event types of its protocol.)
    (t as { unref?: () => void }).unref?.();
    return { cancel: () => clearTimeout(t) };
  }
}

/** A clock that moves only when told to. Timers fire in deadline order during advance(). */
export class FakeClock implements Clock {
  private current: number;
  private timers: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, each at its own time. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      next.cancelled = true;
      next.fn();
    }
    this.current = end;
  }

  /** How many timers are armed: lets tests show the scheduler keeps one timer, not one per message. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
