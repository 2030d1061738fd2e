import type { NotificationConfiguration } from './notification-config';

/** Where a version's bytes are: `key` is the file at `<bucket>/<key>`, anything else an id of a file kept aside. */
export type DataPlace = string;
export const AT_KEY: DataPlace = 'key';

/** One version of one key, as kept beside the object (and in memory). Times are epoch milliseconds. */
export interface ObjectVersion {
  key: string;
  /** `null` (the text) in a bucket that never had versioning on, as S3 says it. */
  versionId: string;
  deleteMarker?: boolean;
  size: number;
  /** With its quotes, as S3 sends it: `"<md5 hex>"` or `"<md5 of part md5s>-<parts>"`. */
  etag: string;
  lastModified: number;
  contentType?: string;
  /** Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires as sent. */
  headers?: Record<string, string>;
  /** User metadata (`x-amz-meta-*`), names lower-case without the prefix. */
  metadata?: Record<string, string>;
  tags?: Tag[];
  partsCount?: number;
  /** Checksums the client sent (`CRC32`, `CRC32C`, `SHA1`, `SHA256`, `CRC64NVME` to base64), returned on request. */
  checksums?: Record<string, string>;
  storageClass?: string;
  place: DataPlace;
}

export interface Tag {
  Key: string;
  Value: string;
}

export type VersioningStatus = 'Enabled' | 'Suspended';

/** What is saved of a bucket besides its objects. */
export interface SavedBucket {
  name: string;
  createdAt: number;
  region: string;
  versioning?: VersioningStatus;
  tags?: Tag[];
  notification?: NotificationConfiguration;
  /** CORS and lifecycle rules as sent (parsed XML); stored and returned. */
  cors?: unknown;
  lifecycle?: unknown;
}

export interface UploadPart {
  partNumber: number;
  etag: string;
  size: number;
  lastModified: number;
  checksums?: Record<string, string>;
}

/** A multipart upload in progress. */
export interface SavedUpload {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  contentType?: string;
  headers?: Record<string, string>;
  metadata?: Record<string, string>;
  tags?: Tag[];
  checksumAlgorithm?: string;
  storageClass?: string;
  parts: Record<number, UploadPart>;
}

export interface BucketState extends SavedBucket {
  /** Versions of each key, newest first. */
  objects: Map<string, ObjectVersion[]>;
  uploads: Map<string, SavedUpload>;
  /** Per key: the change in progress, so two writes of one key land in the order they were asked. */
  locks: Map<string, Promise<unknown>>;
}

/** The newest version of a key, unless it is a delete marker or there is none. */
export function currentVersion(versions: readonly ObjectVersion[] | undefined): ObjectVersion | undefined {
  const v = versions?.[0];
  return v && !v.deleteMarker ? v : undefined;
}
