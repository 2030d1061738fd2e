import { createHash } from 'node:crypto';
import type { ObjectAttributes, ObjectConditions, RequestInfo } from './api';
import { etagOf, sameEtag } from './etag';
import { S3Error, s3Errors } from './errors';
import { AT_KEY, type BucketState, currentVersion, type ObjectVersion, type Tag } from './model';
import { MAX_KEY_BYTES } from './names';
import type { S3Service } from './service';
import { collect } from './storage';
import { checkTags, parseTagging } from './tags';

interface ObjectInput {
  Bucket: string;
  Key: string;
  VersionId?: string;
  Request?: RequestInfo;
}

export interface PutObjectInput extends ObjectInput, ObjectAttributes, ObjectConditions {
  Body?: Uint8Array;
  /** base64 MD5 the client computed (Content-MD5). */
  ContentMD5?: string;
  /** Checksums the client sent, already checked by the wire binding. */
  Checksums?: Record<string, string>;
}

export interface GetObjectInput extends ObjectInput, ObjectConditions {
  Range?: string;
  PartNumber?: number;
}

/** A read object: the version, which bytes of it (inclusive), and those bytes as they come. */
export interface GetObjectOutput {
  version: ObjectVersion;
  range?: { start: number; end: number };
  Body: AsyncIterable<Uint8Array>;
}

/** Objects: write, read, delete, copy, tag. */
export function objectOperations(s: S3Service) {
  const find = (b: BucketState, key: string, versionId: string | undefined, method: string): ObjectVersion => {
    const versions = b.objects.get(key);
    if (versionId !== undefined) {
      const v = versions?.find((x) => x.versionId === versionId);
      if (!v) {
        if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)) throw s3Errors.invalidArgument('Invalid version id specified', 'versionId', versionId);
        throw s3Errors.noSuchVersion(key, versionId);
      }
      if (v.deleteMarker) {
        const e = s3Errors.methodNotAllowed(method, 'DeleteMarker');
        e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': v.versionId, 'last-modified': new Date(v.lastModified).toUTCString() };
        throw e;
      }
      return v;
    }
    const current = currentVersion(versions);
    if (!current) {
      const e = s3Errors.noSuchKey(key);
      const marker = versions?.[0];
      if (marker?.deleteMarker) e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId };
      throw e;
    }
    return current;
  };

  const read = (input: GetObjectInput, method: 'GET' | 'HEAD'): GetObjectOutput => {
    const b = s.bucket(input.Bucket);
    const v = find(b, input.Key, input.VersionId, method);
    checkConditions(v, input);
    const range = input.Range ? parseRange(input.Range, v.size) : undefined;
    const start = range?.start ?? 0;
    const end = range?.end ?? v.size - 1;
    return {
      version: v,
      ...(range ? { range } : {}),
      Body: method === 'HEAD' || v.size === 0 ? emptyBody() : s.storage.read(b.name, v.key, v.place, start, end, v.size),
    };
  };

  const removeVersion = async (b: BucketState, key: string, versionId: string) => {
    const versions = b.objects.get(key) ?? [];
    const index = versions.findIndex((v) => v.versionId === versionId);
    if (index < 0) return undefined;
    const [gone] = versions.splice(index, 1);
    if (!gone.deleteMarker) await s.storage.remove(b.name, key, gone.place);
    if (versions.length) b.objects.set(key, versions);
    else b.objects.delete(key);
    if (index === 0) await s.promote(b, key);
    await s.storage.saveKey(b.name, key, versions);
    return gone;
  };

  /** DeleteObject's work: a version removed for good, or a delete marker on top under versioning. */
  const deleteOne = (b: BucketState, key: string, versionId: string | undefined, request?: RequestInfo, reason = 'DeleteObject', family = 'ObjectRemoved') =>
    s.lock(b, key, async (): Promise<{ DeleteMarker?: boolean; VersionId?: string }> => {
      if (versionId !== undefined || b.versioning === undefined) {
        const gone = await removeVersion(b, key, versionId ?? 'null');
        if (!gone) return versionId !== undefined ? { VersionId: versionId } : {};
        s.notify(b, { eventName: `${family}:Delete`, key, versionId: gone.versionId, reason }, request);
        return {
          ...(gone.deleteMarker ? { DeleteMarker: true } : {}),
          ...(versionId !== undefined ? { VersionId: gone.versionId } : {}),
        };
      }
      const versions = b.objects.get(key) ?? [];
      if (versions.length === 0 && b.versioning === undefined) return {};
      const markerId = s.versionIdFor(b);
      const kept = [];
      for (const v of versions) {
        if (v.versionId === markerId) {
          if (!v.deleteMarker) await s.storage.remove(b.name, key, v.place);
          continue;
        }
        if (v.place === AT_KEY) v.place = await s.storage.moveAside(b.name, key, v.place);
        kept.push(v);
      }
      const marker: ObjectVersion = { key, versionId: markerId, deleteMarker: true, size: 0, etag: '', lastModified: s.now(), place: '' };
      b.objects.set(key, [marker, ...kept]);
      await s.storage.saveKey(b.name, key, b.objects.get(key)!);
      s.notify(b, { eventName: `${family}:DeleteMarkerCreated`, key, versionId: markerId, reason }, request);
      return { DeleteMarker: true, VersionId: markerId };
    });

  const taggedVersion = (input: ObjectInput) => find(s.bucket(input.Bucket), input.Key, input.VersionId, 'PUT');

  return {
    async PutObject(input: PutObjectInput) {
      const b = s.bucket(input.Bucket);
      checkKey(input.Key);
      const body = input.Body ?? new Uint8Array();
      if (input.ContentMD5 !== undefined) checkMd5(input.ContentMD5, body);
      const tags = parseTagging(input.Tagging);
      // Conditional writes (If-None-Match: *, If-Match: etag), checked against the key as it stands.
      const existing = currentVersion(b.objects.get(input.Key));
      if (input.IfNoneMatch !== undefined && existing) throw s3Errors.preconditionFailed('If-None-Match');
      if (input.IfMatch !== undefined && (!existing || !sameEtag(input.IfMatch, existing.etag))) {
        if (!existing) throw s3Errors.noSuchKey(input.Key);
        throw s3Errors.preconditionFailed('If-Match');
      }
      const version = await s.writeVersion(b, input.Key, body, {
        size: body.length,
        etag: etagOf(body),
        ...attributes(input, tags),
        ...(input.Checksums && Object.keys(input.Checksums).length ? { checksums: input.Checksums } : {}),
      });
      s.notify(b, { eventName: 'ObjectCreated:Put', key: input.Key, size: version.size, etag: version.etag.slice(1, -1), versionId: version.versionId, reason: 'PutObject' }, input.Request);
      return {
        ETag: version.etag,
        ...(b.versioning ? { VersionId: version.versionId } : {}),
        ...(version.checksums ? { Checksums: version.checksums } : {}),
      };
    },

    GetObject(input: GetObjectInput): GetObjectOutput {
      return read(input, 'GET');
    },

    HeadObject(input: GetObjectInput): GetObjectOutput {
      return read(input, 'HEAD');
    },

    /** `Lifecycle` is the broker's own expiration (events `LifecycleExpiration:*`); the wire never sets it. */
    DeleteObject(input: ObjectInput & { Lifecycle?: boolean }) {
      const b = s.bucket(input.Bucket);
      if (input.Lifecycle) return deleteOne(b, input.Key, undefined, undefined, 'Lifecycle Expiration', 'LifecycleExpiration');
      return deleteOne(b, input.Key, input.VersionId, input.Request);
    },

    async DeleteObjects(input: { Bucket: string; Delete: { Objects: { Key: string; VersionId?: string }[]; Quiet?: boolean }; Request?: RequestInfo }) {
      const b = s.bucket(input.Bucket);
      const objects = input.Delete?.Objects ?? [];
      if (objects.length === 0 || objects.length > 1000) throw s3Errors.malformedXml();
      const Deleted: Record<string, unknown>[] = [];
      const Errors: Record<string, unknown>[] = [];
      for (const o of objects) {
        try {
          const out = await deleteOne(b, o.Key, o.VersionId, input.Request, 'DeleteObjects');
          if (!input.Delete.Quiet) {
            Deleted.push({
              Key: o.Key,
              ...(o.VersionId !== undefined ? { VersionId: o.VersionId } : {}),
              ...(out.DeleteMarker ? { DeleteMarker: true } : {}),
              ...(out.DeleteMarker && o.VersionId === undefined ? { DeleteMarkerVersionId: out.VersionId } : {}),
            });
          }
        } catch (e) {
          const err = e instanceof S3Error ? e : s3Errors.invalidArgument(String(e));
          Errors.push({ Key: o.Key, ...(o.VersionId !== undefined ? { VersionId: o.VersionId } : {}), Code: err.code, Message: err.message });
        }
      }
      return { Deleted, Errors };
    },

    async CopyObject(
      input: ObjectInput &
        ObjectAttributes & {
          CopySource: string;
          MetadataDirective?: string;
          TaggingDirective?: string;
          CopySourceIfMatch?: string;
          CopySourceIfNoneMatch?: string;
          CopySourceIfModifiedSince?: Date;
          CopySourceIfUnmodifiedSince?: Date;
        },
    ) {
      const b = s.bucket(input.Bucket);
      checkKey(input.Key);
      const source = parseCopySource(input.CopySource);
      const sb = s.bucket(source.bucket);
      const v = find(sb, source.key, source.versionId, 'GET');
      copyConditions(v, input);
      const replace = input.MetadataDirective === 'REPLACE';
      if (sb === b && source.key === input.Key && !replace && source.versionId === undefined && !input.StorageClass) {
        throw s3Errors.invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        );
      }
      const tags = input.TaggingDirective === 'REPLACE' ? parseTagging(input.Tagging) : (v.tags ?? []);
      const bytes = await collect(s.storage.read(sb.name, v.key, v.place));
      const attrs = replace
        ? attributes(input, tags)
        : {
            ...(v.contentType ? { contentType: v.contentType } : {}),
            ...(v.headers ? { headers: v.headers } : {}),
            ...(v.metadata ? { metadata: v.metadata } : {}),
            ...(tags.length ? { tags } : {}),
            ...(input.StorageClass ? { storageClass: input.StorageClass } : v.storageClass ? { storageClass: v.storageClass } : {}),
          };
      const version = await s.writeVersion(b, input.Key, bytes, { size: bytes.length, etag: etagOf(bytes), ...attrs });
      s.notify(b, { eventName: 'ObjectCreated:Copy', key: input.Key, size: version.size, etag: version.etag.slice(1, -1), versionId: version.versionId, reason: 'CopyObject' }, input.Request);
      return {
        CopyObjectResult: { ETag: version.etag, LastModified: new Date(version.lastModified) },
        ...(b.versioning ? { VersionId: version.versionId } : {}),
        ...(sb.versioning ? { CopySourceVersionId: v.versionId } : {}),
      };
    },

    GetObjectTagging(input: ObjectInput) {
      const v = find(s.bucket(input.Bucket), input.Key, input.VersionId, 'GET');
      return { TagSet: v.tags ?? [], ...(s.bucket(input.Bucket).versioning ? { VersionId: v.versionId } : {}) };
    },

    async PutObjectTagging(input: ObjectInput & { Tagging: { TagSet: Tag[] } }) {
      const b = s.bucket(input.Bucket);
      const v = taggedVersion(input);
      v.tags = checkTags(input.Tagging?.TagSet ?? [], 10);
      await s.storage.saveKey(b.name, input.Key, b.objects.get(input.Key)!);
      s.notify(b, { eventName: 'ObjectTagging:Put', key: input.Key, versionId: v.versionId, size: v.size, etag: v.etag.slice(1, -1), reason: 'PutObjectTagging' }, input.Request);
      return b.versioning ? { VersionId: v.versionId } : {};
    },

    async DeleteObjectTagging(input: ObjectInput) {
      const b = s.bucket(input.Bucket);
      const v = taggedVersion(input);
      delete v.tags;
      await s.storage.saveKey(b.name, input.Key, b.objects.get(input.Key)!);
      s.notify(b, { eventName: 'ObjectTagging:Delete', key: input.Key, versionId: v.versionId, size: v.size, etag: v.etag.slice(1, -1), reason: 'DeleteObjectTagging' }, input.Request);
      return b.versioning ? { VersionId: v.versionId } : {};
    },
  };
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}

export function checkKey(key: string | undefined): void {
  if (!key) throw s3Errors.invalidArgument('Key must not be empty', 'key', '');
  const size = Buffer.byteLength(key);
  if (size > MAX_KEY_BYTES) throw s3Errors.keyTooLong(size);
}

/** The version fields a writer sets: content type, stored headers, user metadata, tags, storage class. */
export function attributes(input: ObjectAttributes, tags: Tag[]) {
  return {
    contentType: input.ContentType || 'binary/octet-stream',
    ...(input.Headers && Object.keys(input.Headers).length ? { headers: input.Headers } : {}),
    ...(input.Metadata && Object.keys(input.Metadata).length ? { metadata: input.Metadata } : {}),
    ...(tags.length ? { tags } : {}),
    ...(input.StorageClass && input.StorageClass !== 'STANDARD' ? { storageClass: input.StorageClass } : {}),
  };
}

function checkMd5(contentMd5: string, body: Uint8Array): void {
  const declared = Buffer.from(contentMd5, 'base64');
  if (declared.length !== 16) throw s3Errors.invalidDigest(contentMd5);
  const computed = createHash('md5').update(body).digest();
  if (!computed.equals(declared)) throw s3Errors.badDigest(contentMd5, computed.toString('base64'));
}

/**
 * GET and HEAD conditions, with S3's precedence: If-Match holding wins over If-Unmodified-Since failing,
 * If-None-Match failing wins over If-Modified-Since holding.
 */
function checkConditions(v: ObjectVersion, c: ObjectConditions): void {
  const modifiedSecs = Math.floor(v.lastModified / 1000) * 1000;
  if (c.IfMatch !== undefined && !sameEtag(c.IfMatch, v.etag)) throw s3Errors.preconditionFailed('If-Match');
  if (c.IfMatch === undefined && c.IfUnmodifiedSince !== undefined && modifiedSecs > c.IfUnmodifiedSince.getTime()) {
    throw s3Errors.preconditionFailed('If-Unmodified-Since');
  }
  if (c.IfNoneMatch !== undefined && sameEtag(c.IfNoneMatch, v.etag)) throw notModified(v);
  if (c.IfNoneMatch === undefined && c.IfModifiedSince !== undefined && modifiedSecs <= c.IfModifiedSince.getTime()) {
    throw notModified(v);
  }
}

function copyConditions(
  v: ObjectVersion,
  c: { CopySourceIfMatch?: string; CopySourceIfNoneMatch?: string; CopySourceIfModifiedSince?: Date; CopySourceIfUnmodifiedSince?: Date },
): void {
  const modifiedSecs = Math.floor(v.lastModified / 1000) * 1000;
  if (c.CopySourceIfMatch !== undefined && !sameEtag(c.CopySourceIfMatch, v.etag)) throw s3Errors.preconditionFailed('x-amz-copy-source-If-Match');
  if (c.CopySourceIfNoneMatch !== undefined && sameEtag(c.CopySourceIfNoneMatch, v.etag)) throw s3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
  if (c.CopySourceIfUnmodifiedSince !== undefined && modifiedSecs > c.CopySourceIfUnmodifiedSince.getTime()) {
    throw s3Errors.preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (c.CopySourceIfModifiedSince !== undefined && modifiedSecs <= c.CopySourceIfModifiedSince.getTime()) {
    throw s3Errors.preconditionFailed('x-amz-copy-source-If-Modified-Since');
  }
}

function notModified(v: ObjectVersion): S3Error {
  const e = new S3Error('NotModified', 'Not Modified', 304);
  e.headers = { etag: v.etag, 'last-modified': new Date(v.lastModified).toUTCString() };
  return e;
}

/**
 * `Range: bytes=a-b`, `bytes=a-`, `bytes=-n`. A range S3 cannot read is ignored (the whole object), as
 * S3 does; one that starts past the end is refused with InvalidRange (416).
 */
export function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw s3Errors.invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw s3Errors.invalidRange(header, size);
  return { start, end };
}

/** `x-amz-copy-source: bucket/key?versionId=v`, URL-encoded, with or without a leading slash. */
export function parseCopySource(header: string): { bucket: string; key: string; versionId?: string } {
  const [path, query] = header.replace(/^\//, '').split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw s3Errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', header);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw s3Errors.invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  }
  const versionId = query ? (new URLSearchParams(query).get('versionId') ?? undefined) : undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), ...(versionId !== undefined ? { versionId } : {}) };
}
