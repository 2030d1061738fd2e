import { createHash, randomBytes } from 'node:crypto';
import type { ObjectAttributes, RequestInfo } from './api';
import { multipartEtag, sameEtag } from './etag';
import { s3Errors } from './errors';
import type { BucketState, SavedUpload, UploadPart } from './model';
import { attributes, checkKey, parseCopySource, parseRange } from './objects';
import type { S3Service } from './service';
import { collect } from './storage';
import { parseTagging } from './tags';

/** S3's multipart limits: parts numbered 1 to 10,000; every part but the last at least 5 MiB. */
const MAX_PART_NUMBER = 10_000;
const MIN_PART_BYTES = 5 * 1024 * 1024;

interface UploadInput {
  Bucket: string;
  Key: string;
  UploadId: string;
}

/** Multipart uploads: create, upload (or copy) parts, list them, complete or abort. */
export function multipartOperations(s: S3Service) {
  const upload = (input: UploadInput): [BucketState, SavedUpload] => {
    const b = s.bucket(input.Bucket);
    const u = b.uploads.get(input.UploadId);
    if (!u || u.key !== input.Key) throw s3Errors.noSuchUpload(input.UploadId);
    return [b, u];
  };
  const partNumber = (n: number | undefined): number => {
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) {
      throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(n));
    }
    return n;
  };
  const storePart = async (b: BucketState, u: SavedUpload, n: number, bytes: Uint8Array, checksums?: Record<string, string>): Promise<UploadPart> => {
    await s.storage.writePart(b.name, u.uploadId, n, bytes);
    const part: UploadPart = {
      partNumber: n,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      size: bytes.length,
      lastModified: s.now(),
      ...(checksums && Object.keys(checksums).length ? { checksums } : {}),
    };
    // An upload aborted while its part was written stays aborted.
    if (b.uploads.get(u.uploadId) !== u) throw s3Errors.noSuchUpload(u.uploadId);
    u.parts[n] = part;
    await s.storage.saveUpload(u);
    return part;
  };

  return {
    async CreateMultipartUpload(input: { Bucket: string; Key: string; ChecksumAlgorithm?: string } & ObjectAttributes) {
      const b = s.bucket(input.Bucket);
      checkKey(input.Key);
      const tags = parseTagging(input.Tagging);
      const attrs = attributes(input, tags);
      const u: SavedUpload = {
        uploadId: randomBytes(36).toString('base64url'),
        bucket: b.name,
        key: input.Key,
        initiated: s.now(),
        contentType: attrs.contentType,
        ...(attrs.headers ? { headers: attrs.headers } : {}),
        ...(attrs.metadata ? { metadata: attrs.metadata } : {}),
        ...(attrs.tags ? { tags: attrs.tags } : {}),
        ...(attrs.storageClass ? { storageClass: attrs.storageClass } : {}),
        ...(input.ChecksumAlgorithm ? { checksumAlgorithm: input.ChecksumAlgorithm } : {}),
        parts: {},
      };
      b.uploads.set(u.uploadId, u);
      await s.storage.saveUpload(u);
      return { Bucket: b.name, Key: input.Key, UploadId: u.uploadId, ...(input.ChecksumAlgorithm ? { ChecksumAlgorithm: input.ChecksumAlgorithm } : {}) };
    },

    async UploadPart(input: UploadInput & { PartNumber: number; Body?: Uint8Array; Checksums?: Record<string, string> }) {
      const [b, u] = upload(input);
      const part = await storePart(b, u, partNumber(input.PartNumber), input.Body ?? new Uint8Array(), input.Checksums);
      return { ETag: part.etag, ...(part.checksums ? { Checksums: part.checksums } : {}) };
    },

    async UploadPartCopy(input: UploadInput & { PartNumber: number; CopySource: string; CopySourceRange?: string }) {
      const [b, u] = upload(input);
      const n = partNumber(input.PartNumber);
      const source = parseCopySource(input.CopySource);
      const sb = s.bucket(source.bucket);
      const versions = sb.objects.get(source.key);
      const v = source.versionId === undefined ? versions?.[0] : versions?.find((x) => x.versionId === source.versionId);
      if (!v || v.deleteMarker) throw source.versionId === undefined ? s3Errors.noSuchKey(source.key) : s3Errors.noSuchVersion(source.key, source.versionId);
      const range = input.CopySourceRange ? parseRange(input.CopySourceRange, v.size) : undefined;
      const bytes = await collect(s.storage.read(sb.name, v.key, v.place, range?.start, range?.end));
      const part = await storePart(b, u, n, bytes);
      return { CopyPartResult: { ETag: part.etag, LastModified: new Date(part.lastModified) } };
    },

    ListParts(input: UploadInput & { MaxParts?: number; PartNumberMarker?: number }) {
      const [, u] = upload(input);
      const max = input.MaxParts ?? 1000;
      const marker = input.PartNumberMarker ?? 0;
      const parts = Object.values(u.parts)
        .filter((p) => p.partNumber > marker)
        .sort((a, b) => a.partNumber - b.partNumber);
      const page = parts.slice(0, max);
      const truncated = parts.length > max;
      return {
        Bucket: u.bucket,
        Key: u.key,
        UploadId: u.uploadId,
        PartNumberMarker: marker,
        ...(truncated ? { NextPartNumberMarker: page[page.length - 1].partNumber } : {}),
        MaxParts: max,
        IsTruncated: truncated,
        Parts: page.map((p) => ({ PartNumber: p.partNumber, LastModified: new Date(p.lastModified), ETag: p.etag, Size: p.size })),
        StorageClass: u.storageClass ?? 'STANDARD',
      };
    },

    ListMultipartUploads(input: { Bucket: string; Prefix?: string; MaxUploads?: number }) {
      const b = s.bucket(input.Bucket);
      const uploads = [...b.uploads.values()]
        .filter((u) => u.key.startsWith(input.Prefix ?? ''))
        .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.initiated - y.initiated));
      const max = input.MaxUploads ?? 1000;
      return {
        Bucket: b.name,
        Prefix: input.Prefix ?? '',
        MaxUploads: max,
        IsTruncated: uploads.length > max,
        Uploads: uploads.slice(0, max).map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: new Date(u.initiated), StorageClass: u.storageClass ?? 'STANDARD' })),
      };
    },

    async AbortMultipartUpload(input: UploadInput) {
      const [b, u] = upload(input);
      b.uploads.delete(u.uploadId);
      await s.storage.deleteUpload(b.name, u.uploadId);
      return {};
    },

    async CompleteMultipartUpload(input: UploadInput & { MultipartUpload?: { Parts?: { PartNumber: number; ETag: string }[] }; Request?: RequestInfo }) {
      const [b, u] = upload(input);
      const listed = input.MultipartUpload?.Parts ?? [];
      if (listed.length === 0) {
        throw s3Errors.malformedXml();
      }
      const chosen: UploadPart[] = [];
      let previous = 0;
      for (const p of listed) {
        if (p.PartNumber <= previous) throw s3Errors.invalidPartOrder(u.uploadId);
        previous = p.PartNumber;
        const part = u.parts[p.PartNumber];
        if (!part || !sameEtag(p.ETag ?? '', part.etag)) throw s3Errors.invalidPart(u.uploadId, p.PartNumber, p.ETag ?? '');
        chosen.push(part);
      }
      chosen.slice(0, -1).forEach((p) => {
        if (p.size < MIN_PART_BYTES) throw s3Errors.entityTooSmall(p.size);
      });
      // Claimed before the bytes are joined, so a second Complete or an Abort finds no upload.
      b.uploads.delete(u.uploadId);
      const storage = s.storage;
      async function* joined(): AsyncIterable<Uint8Array> {
        for (const p of chosen) yield* storage.readPart(b.name, u.uploadId, p.partNumber);
      }
      const etag = multipartEtag(chosen.map((p) => p.etag));
      let version;
      try {
        version = await s.writeVersion(b, u.key, joined(), {
          size: chosen.reduce((sum, p) => sum + p.size, 0),
          etag,
          partsCount: chosen.length,
          contentType: u.contentType,
          ...(u.headers ? { headers: u.headers } : {}),
          ...(u.metadata ? { metadata: u.metadata } : {}),
          ...(u.tags ? { tags: u.tags } : {}),
          ...(u.storageClass ? { storageClass: u.storageClass } : {}),
        });
      } catch (e) {
        b.uploads.set(u.uploadId, u);
        throw e;
      }
      await storage.deleteUpload(b.name, u.uploadId);
      s.notify(b, { eventName: 'ObjectCreated:CompleteMultipartUpload', key: u.key, size: version.size, etag: etag.slice(1, -1), versionId: version.versionId, reason: 'CompleteMultipartUpload' }, input.Request);
      return {
        Bucket: b.name,
        Key: u.key,
        ETag: etag,
        ...(b.versioning ? { VersionId: version.versionId } : {}),
      };
    },
  };
}
