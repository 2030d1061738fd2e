/**
 * What every benchmark shares: the `--quick` switch, progress on stderr, medians and percentiles, and the
 * one JSON document on stdout that bench/run.mjs (and the inspector benchmark) agree on.
 */

export const quick = process.argv.includes('--quick');

export interface Row {
  case: string;
  metric: string;
  unit: string;
  median: number;
  runs: number[];
  peer?: { name: string; median: number };
  /** Several peers in the same run; one that cannot do the row's operation says why instead of a median. */
  peers?: Peer[];
  target?: { value: number; better: 'higher' | 'lower' };
}

export type Peer = { name: string; median: number } | { name: string; cannot: string };

export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: a value that was really observed, never an interpolation. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

/** Runs `once` `times` times (each returns its own figure) and keeps every figure for the median. */
export async function repeat(times: number, label: string, once: (run: number) => number | Promise<number>): Promise<number[]> {
  const runs: number[] = [];
  for (let run = 0; run < times; run++) {
    const value = await once(run);
    progress(`${label}: run ${run + 1}/${times} ${round(value)}`);
    runs.push(value);
  }
  return runs;
}

/**
 * A stopwatch on this process's CPU time (user + system). The machine that runs the benchmarks is often
 * shared, and wall time then measures the neighbours; the in-process engine is single-threaded and
 * synchronous, so the CPU it used is the work it did (GC helper threads count too, against us).
 */
export function cpuStopwatch(): () => number {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
}

export function row(caseName: string, metric: string, unit: string, runs: number[], extra: Partial<Row> = {}): Row {
  return { case: caseName, metric, unit, median: round(median(runs)), runs: runs.map(round), ...extra };
}

export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 4;
  return Number(value.toFixed(digits));
}

export function emit(name: string, rows: Row[]): void {
  process.stdout.write(`${JSON.stringify({ name, rows })}\n`);
}

/** Runs a benchmark's main and turns a failure into a non-zero exit with the reason on stderr. */
export function main(body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
