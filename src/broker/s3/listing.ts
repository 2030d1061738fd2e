import { owner } from './buckets';
import { s3Errors } from './errors';
import { currentVersion, type ObjectVersion } from './model';
import type { S3Service } from './service';

interface ListInput {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  EncodingType?: string;
}

/** One walk over keys in order: the entries after `after`, rolled up into common prefixes at the delimiter. */
function walk<T>(
  keys: readonly string[],
  input: ListInput,
  after: string | undefined,
  entriesOf: (key: string) => T[],
): { entries: T[]; prefixes: string[]; truncated: boolean; last?: string } {
  const prefix = input.Prefix ?? '';
  const max = input.MaxKeys ?? 1000;
  const entries: T[] = [];
  const prefixes: string[] = [];
  let count = 0;
  let last: string | undefined;
  let skipPrefix: string | undefined;
  for (const key of keys) {
    if (after !== undefined && key <= after) continue;
    if (!key.startsWith(prefix)) continue;
    if (skipPrefix !== undefined && key.startsWith(skipPrefix)) continue;
    const found = entriesOf(key);
    if (found.length === 0) continue;
    if (count >= max) return { entries, prefixes, truncated: true, last };
    const cut = input.Delimiter ? key.indexOf(input.Delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const common = key.slice(0, cut + input.Delimiter!.length);
      prefixes.push(common);
      skipPrefix = common;
      last = common;
    } else {
      entries.push(...found);
      last = key;
    }
    count++;
  }
  return { entries, prefixes, truncated: false, last };
}

function checkMaxKeys(n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
    throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', String(n));
  }
}

/** S3 lists in UTF-8 byte order. */
function sortedKeys(objects: Map<string, ObjectVersion[]>): string[] {
  return [...objects.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** ListObjects, ListObjectsV2 and ListObjectVersions: prefix, delimiter and pagination. */
export function listingOperations(s: S3Service) {
  const contents = (v: ObjectVersion, withOwner: boolean) => ({
    Key: v.key,
    LastModified: new Date(v.lastModified),
    ETag: v.etag,
    Size: v.size,
    StorageClass: v.storageClass ?? 'STANDARD',
    ...(withOwner ? { Owner: owner(s) } : {}),
    ...(v.checksums ? { ChecksumAlgorithm: Object.keys(v.checksums) } : {}),
  });
  const current = (objects: Map<string, ObjectVersion[]>) => (key: string) => {
    const v = currentVersion(objects.get(key));
    return v ? [v] : [];
  };
  return {
    ListObjectsV2(input: ListInput & { ContinuationToken?: string; StartAfter?: string; FetchOwner?: boolean }) {
      const b = s.bucket(input.Bucket);
      checkMaxKeys(input.MaxKeys);
      let after = input.StartAfter;
      if (input.ContinuationToken !== undefined) {
        const decoded = Buffer.from(input.ContinuationToken, 'base64url').toString('utf8');
        if (!decoded.startsWith('ey:')) throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', input.ContinuationToken);
        after = decoded.slice(3);
      }
      const r = walk(sortedKeys(b.objects), input, after, current(b.objects));
      return {
        Name: b.name,
        Prefix: input.Prefix ?? '',
        ...(input.Delimiter ? { Delimiter: input.Delimiter } : {}),
        MaxKeys: input.MaxKeys ?? 1000,
        KeyCount: r.entries.length + r.prefixes.length,
        IsTruncated: r.truncated,
        ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
        ...(r.truncated && r.last !== undefined ? { NextContinuationToken: Buffer.from(`ey:${r.last}`).toString('base64url') } : {}),
        ...(input.StartAfter !== undefined ? { StartAfter: input.StartAfter } : {}),
        Contents: r.entries.map((v) => contents(v, input.FetchOwner === true)),
        CommonPrefixes: r.prefixes.map((Prefix) => ({ Prefix })),
        ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
      };
    },

    ListObjects(input: ListInput & { Marker?: string }) {
      const b = s.bucket(input.Bucket);
      checkMaxKeys(input.MaxKeys);
      const r = walk(sortedKeys(b.objects), input, input.Marker, current(b.objects));
      return {
        Name: b.name,
        Prefix: input.Prefix ?? '',
        Marker: input.Marker ?? '',
        ...(input.Delimiter ? { Delimiter: input.Delimiter } : {}),
        MaxKeys: input.MaxKeys ?? 1000,
        IsTruncated: r.truncated,
        // S3 gives NextMarker only with a delimiter; without one the client continues from the last key.
        ...(r.truncated && input.Delimiter && r.last !== undefined ? { NextMarker: r.last } : {}),
        Contents: r.entries.map((v) => contents(v, true)),
        CommonPrefixes: r.prefixes.map((Prefix) => ({ Prefix })),
        ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
      };
    },

    ListObjectVersions(input: ListInput & { KeyMarker?: string; VersionIdMarker?: string }) {
      const b = s.bucket(input.Bucket);
      checkMaxKeys(input.MaxKeys);
      const max = input.MaxKeys ?? 1000;
      // Versions are paged one by one (a key's versions may span pages), so the walk counts versions.
      type Entry = { v: ObjectVersion; latest: boolean };
      const all: Entry[] = [];
      const prefixes: string[] = [];
      let truncated = false;
      let nextKey: string | undefined;
      let nextVersion: string | undefined;
      const prefix = input.Prefix ?? '';
      let skipPrefix: string | undefined;
      let count = 0;
      outer: for (const key of sortedKeys(b.objects)) {
        if (!key.startsWith(prefix)) continue;
        if (input.KeyMarker !== undefined && key < input.KeyMarker) continue;
        if (skipPrefix !== undefined && key.startsWith(skipPrefix)) continue;
        const cut = input.Delimiter ? key.indexOf(input.Delimiter, prefix.length) : -1;
        if (cut >= 0) {
          const common = key.slice(0, cut + input.Delimiter!.length);
          if (input.KeyMarker !== undefined && common <= input.KeyMarker) continue;
          if (count >= max) {
            truncated = true;
            break;
          }
          prefixes.push(common);
          skipPrefix = common;
          nextKey = common;
          nextVersion = undefined;
          count++;
          continue;
        }
        const versions = b.objects.get(key)!;
        let start = 0;
        if (input.KeyMarker !== undefined && key === input.KeyMarker) {
          if (!input.VersionIdMarker) continue;
          start = versions.findIndex((v) => v.versionId === input.VersionIdMarker) + 1;
          if (start === 0) continue;
        }
        for (let i = start; i < versions.length; i++) {
          if (count >= max) {
            truncated = true;
            break outer;
          }
          all.push({ v: versions[i], latest: i === 0 });
          nextKey = key;
          nextVersion = versions[i].versionId;
          count++;
        }
      }
      const who = owner(s);
      return {
        Name: b.name,
        Prefix: prefix,
        KeyMarker: input.KeyMarker ?? '',
        VersionIdMarker: input.VersionIdMarker ?? '',
        ...(input.Delimiter ? { Delimiter: input.Delimiter } : {}),
        MaxKeys: max,
        IsTruncated: truncated,
        ...(truncated ? { NextKeyMarker: nextKey, ...(nextVersion !== undefined ? { NextVersionIdMarker: nextVersion } : {}) } : {}),
        Versions: all
          .filter((e) => !e.v.deleteMarker)
          .map((e) => ({
            Key: e.v.key,
            VersionId: e.v.versionId,
            IsLatest: e.latest,
            LastModified: new Date(e.v.lastModified),
            ETag: e.v.etag,
            Size: e.v.size,
            StorageClass: e.v.storageClass ?? 'STANDARD',
            Owner: who,
          })),
        DeleteMarkers: all
          .filter((e) => e.v.deleteMarker)
          .map((e) => ({ Key: e.v.key, VersionId: e.v.versionId, IsLatest: e.latest, LastModified: new Date(e.v.lastModified), Owner: who })),
        CommonPrefixes: prefixes.map((Prefix) => ({ Prefix })),
        /** In the order S3 lists them (keys in order, each key's versions newest first), for the XML. */
        Ordered: all.map((e) => (e.v.deleteMarker ? 'DeleteMarker' : 'Version')),
        ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
      };
    },
  };
}
