/**
 * Live throughput from the change batches: events per second by type over a sliding window, so a burst
 * shows up within a second and a quiet queue drops to zero within the window.
 */
export class Throughput {
  private samples: { at: number; tally: Record<string, number> }[] = [];

  constructor(private readonly windowMs = 5000) {}

  add(at: number, tally: Record<string, number>): void {
    this.samples.push({ at, tally });
    this.prune(at);
  }

  perSecond(type: string, now: number): number {
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
