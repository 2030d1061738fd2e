/**
 * Live throughput from the change batches: events per second by type over a sliding window, so a burst
 * shows up within a second and a quiet queue drops to zero within the window.
 */
import type { NoticeType, Tally } from '../../src/inspector/protocol';

export class Throughput {
  private samples: { at: number; tally: Tally }[] = [];

  constructor(private readonly windowMs = 5000) {}

  add(at: number, tally: Tally): void {
    this.samples.push({ at, tally });
    this.prune(at);
  }

  perSecond(type: NoticeType, now: number): number {
    this.prune(now);
    let n = 0;
    for (const s of this.samples) n += s.tally[type] ?? 0;
    return n / (this.windowMs / 1000);
  }

  private prune(now: number): void {
    const from = now - this.windowMs;
    let i = 0;
    while (i < this.samples.length && this.samples[i].at <= from) i++;
    if (i) this.samples.splice(0, i);
  }
}
