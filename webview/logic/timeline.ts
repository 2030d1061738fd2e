/**
 * A recording's timeline without the DOM: where requests fall on the time axis, how many are at or before
 * a time, and which a stretch of time holds. `times` is in recording order, which is time order.
 */

/** How many requests were made at or before `t`: the list under the scrubber shows these. */
export function countUpTo(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The requests made from `a` to `b` (either order, both included), as indexes from..to-1. */
export function indexRange(times: readonly number[], a: number, b: number): { from: number; to: number } {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  // The first index whose time is >= lo: the count of those strictly before it.
  let from = 0;
  let end = times.length;
  while (from < end) {
    const mid = (from + end) >>> 1;
    if (times[mid] < lo) from = mid + 1;
    else end = mid;
  }
  return { from, to: countUpTo(times, hi) };
}

/**
 * Each lane's requests counted into `bins` equal slices of the recording's duration, so a recording of
 * 100,000 requests draws as a few hundred bars per lane. The last request falls into the last bin.
 */
export function laneBins(times: readonly number[], laneOf: readonly number[], lanes: number, durationMs: number, bins: number): number[][] {
  const out = Array.from({ length: lanes }, () => new Array<number>(bins).fill(0));
  const span = Math.max(durationMs, 1);
  for (let i = 0; i < times.length; i++) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((times[i] / span) * bins)));
    const lane = out[laneOf[i]];
    if (lane) lane[bin]++;
  }
  return out;
}

/** The time of the request before or after `t` (for stepping the scrubber request by request). */
export function stepTime(times: readonly number[], t: number, direction: 1 | -1): number {
  if (!times.length) return 0;
  if (direction > 0) {
    const next = countUpTo(times, t);
    return next < times.length ? times[next] : times[times.length - 1];
  }
  const { from } = indexRange(times, t, t);
  return from > 0 ? times[from - 1] : times[0];
}

/** A time on the axis as people read it: 0.250 s, 12.5 s, 3:04.2. */
export function formatOffset(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(3)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}
