import type { BucketState, ObjectVersion } from './model';

/** One lifecycle rule as far as the broker applies it: the expiration of current versions. */
export interface ExpirationRule {
  id?: string;
  enabled: boolean;
  prefix: string;
  /** Days after creation; S3 rounds the moment up to the next midnight UTC. */
  days?: number;
  /** A date (epoch ms, midnight UTC) from which matching objects expire. */
  date?: number;
}

/** What PutBucketLifecycleConfiguration keeps: the document as sent (returned as is) and the rules read from it. */
export interface LifecycleConfiguration {
  xml: string;
  rules: ExpirationRule[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a current version expires under a bucket's rules (the earliest rule that applies), if ever. */
export function expiryOf(v: ObjectVersion, rules: readonly ExpirationRule[]): number | undefined {
  let earliest: number | undefined;
  for (const r of rules) {
    if (!r.enabled || !v.key.startsWith(r.prefix)) continue;
    const at = r.days !== undefined ? Math.ceil((v.lastModified + r.days * DAY_MS) / DAY_MS) * DAY_MS : r.date;
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}

/** The current versions of a bucket due to expire by `now`. */
export function dueForExpiry(b: BucketState, now: number): string[] {
  const rules = (b.lifecycle as LifecycleConfiguration | undefined)?.rules ?? [];
  if (!rules.length) return [];
  const due: string[] = [];
  for (const [key, versions] of b.objects) {
    const v = versions[0];
    if (!v || v.deleteMarker) continue;
    const at = expiryOf(v, rules);
    if (at !== undefined && at <= now) due.push(key);
  }
  return due;
}

/** The next moment any object of these buckets expires. */
export function nextExpiry(buckets: Iterable<BucketState>): number | undefined {
  let next: number | undefined;
  for (const b of buckets) {
    const rules = (b.lifecycle as LifecycleConfiguration | undefined)?.rules ?? [];
    if (!rules.length) continue;
    for (const versions of b.objects.values()) {
      const v = versions[0];
      if (!v || v.deleteMarker) continue;
      const at = expiryOf(v, rules);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}
