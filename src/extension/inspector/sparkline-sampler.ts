import type { Clock, TimerHandle } from '../../broker/clock';
import type { Sparklines } from '../../inspector/protocol';

/** A gauge the sampler reads: its name, words and the reading (null when it cannot be read now). */
export interface Gauge {
  key: string;
  label: string;
  unit: string;
  read: () => number | null;
  /**
   * The reading is a state (a count, an age), so it may be read at any moment without changing the next;
   * a rate over the interval (records put per second) is not, and is only read by the sampler's ticks.
   */
  instant?: boolean;
}

export interface SamplerOptions {
  /** How often a sample is taken. */
  intervalMs?: number;
  /** How far back samples are kept. */
  windowMs?: number;
}

/** Every five seconds over ten minutes: 120 points a line, enough for a trend and cheap to post. */
export const SPARKLINE_INTERVAL_MS = 5000;
export const SPARKLINE_WINDOW_MS = 10 * 60 * 1000;

/**
 * Samples one panel's gauges on the broker's clock and keeps the last minutes of them, so the header can
 * draw a trend no change event carries (a quiet queue's oldest message keeps ageing). It starts on the
 * first read, when a view is there to show it, and stops when the panel goes.
 */
export class SparklineSampler {
  private readonly intervalMs: number;
  private readonly capacity: number;
  private readonly times: number[] = [];
  /** One column per gauge key, aligned with `times`; a gauge that appears later is null before it. */
  private readonly columns = new Map<string, (number | null)[]>();
  private timer: TimerHandle | undefined;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly gauges: () => Gauge[],
    options: SamplerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? SPARKLINE_INTERVAL_MS;
    this.capacity = Math.max(1, Math.floor((options.windowMs ?? SPARKLINE_WINDOW_MS) / this.intervalMs));
  }

  /** What was kept, oldest first; the first read starts sampling with a sample taken now. */
  read(): Sparklines {
    if (!this.timer && !this.disposed) {
      this.sample();
      this.arm();
    }
    const words = new Map(gaugesSafely(this.gauges).map((g) => [g.key, g]));
    // The last point is read now and not kept: the lines end where the counts shown beside them are,
    // instead of up to an interval behind (a rate keeps its last sampled value there).
    const now = this.clock.now();
    const live = now > (this.times[this.times.length - 1] ?? now);
    const series = [...this.columns].map(([key, values]) => {
      const g = words.get(key);
      const latest = g?.instant ? readSafely(g) : g ? (values[values.length - 1] ?? null) : null;
      return { key, label: g?.label ?? key, unit: g?.unit ?? '', values: live ? [...values, latest] : [...values] };
    });
    return { intervalMs: this.intervalMs, times: live ? [...this.times, now] : [...this.times], series };
  }

  private arm(): void {
    this.timer = this.clock.setTimer(this.intervalMs, () => {
      if (this.disposed) return;
      this.sample();
      this.arm();
    });
  }

  private sample(): void {
    this.times.push(this.clock.now());
    const seen = new Set<string>();
    const gauges = gaugesSafely(this.gauges);
    for (const g of gauges) {
      seen.add(g.key);
      let column = this.columns.get(g.key);
      if (!column) this.columns.set(g.key, (column = new Array<number | null>(this.times.length - 1).fill(null)));
      column.push(readSafely(g));
    }
    for (const [key, column] of this.columns) if (!seen.has(key)) column.push(null);
    if (this.times.length > this.capacity) {
      const extra = this.times.length - this.capacity;
      this.times.splice(0, extra);
      for (const column of this.columns.values()) column.splice(0, extra);
    }
    // A gauge gone for the whole window (the dead-letter queue was unset) leaves no empty line behind.
    for (const [key, column] of this.columns) if (column.every((v) => v === null)) this.columns.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
  }
}

/** The resource is gone (deleted while its panel is open): no gauges, so the lines show a gap. */
function gaugesSafely(gauges: () => Gauge[]): Gauge[] {
  try {
    return gauges();
  } catch {
    return [];
  }
}

function readSafely(g: Gauge): number | null {
  try {
    return g.read();
  } catch {
    return null;
  }
}
