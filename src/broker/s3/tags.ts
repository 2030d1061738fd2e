import { s3Errors } from './errors';
import type { Tag } from './model';

/** S3's tag limits: 10 per object, 50 per bucket; keys up to 128 characters, values up to 256. */
export function checkTags(tags: readonly Tag[], max: number): Tag[] {
  if (tags.length > max) throw s3Errors.invalidTag(`Object tags cannot be greater than ${max}`);
  const seen = new Set<string>();
  for (const t of tags) {
    if (!t.Key || t.Key.length > 128) throw s3Errors.invalidTag('The TagKey you have provided is invalid', t.Key);
    if ((t.Value ?? '').length > 256) throw s3Errors.invalidTag('The TagValue you have provided is invalid', t.Key);
    if (t.Key.toLowerCase().startsWith('aws:')) throw s3Errors.invalidTag('Your TagKey cannot be prefixed with aws:', t.Key);
    if (seen.has(t.Key)) throw s3Errors.invalidTag('Cannot provide multiple Tags with the same key', t.Key);
    seen.add(t.Key);
  }
  return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}

/** The `x-amz-tagging` header: `k1=v1&k2=v2`, URL-encoded. */
export function parseTagging(header: string | undefined): Tag[] {
  if (!header) return [];
  return checkTags([...new URLSearchParams(header)].map(([Key, Value]) => ({ Key, Value })), 10);
}
