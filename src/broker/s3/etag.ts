import { createHash } from 'node:crypto';

/** A single-part object's ETag: the MD5 of its bytes, quoted. */
export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** A multipart object's ETag: the MD5 of the parts' binary MD5s, then `-` and the number of parts. */
export function multipartEtag(partEtags: readonly string[]): string {
  const hash = createHash('md5');
  for (const e of partEtags) hash.update(Buffer.from(e.replace(/"/g, ''), 'hex'));
  return `"${hash.digest('hex')}-${partEtags.length}"`;
}

/** An ETag as a client may send it in a condition: quoted or not, `*` for any. */
export function sameEtag(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((c) => c.trim())
    .some((c) => c === '*' || c.replace(/^W\//, '').replace(/"/g, '') === etag.replace(/"/g, ''));
}
