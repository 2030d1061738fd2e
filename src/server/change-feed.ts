import type { EventBus } from '../broker/events';

/**
 * A change counter another window long-polls (`GET /_eventyard/changes?after=N`) instead of re-reading every
 * resource on a timer: the answer comes as soon as anything changed after N, or with the same N when the wait
 * ends. What changed is not carried; the attached window re-reads its snapshot.
 */
export class ChangeFeed {
  private sequence = 0;
  private readonly waiters = new Set<() => void>();

  constructor(events: EventBus) {
    events.on(() => {
      this.sequence++;
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    });
  }

  get current(): number {
    return this.sequence;
  }

  /**
   * The sequence once it passes `after`, or after `waitMs`, or when the caller leaves. A counter `after`
   * ahead of this one came from a broker before a restart: answered at once, so the caller starts over.
   */
  next(after: number, waitMs: number, signal?: AbortSignal): Promise<number> {
    if (this.sequence !== after || waitMs <= 0 || signal?.aborted) return Promise.resolve(this.sequence);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve(this.sequence);
      };
      const timer = setTimeout(done, waitMs);
      timer.unref?.();
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
