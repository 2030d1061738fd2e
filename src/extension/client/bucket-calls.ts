import type { S3Action } from '../../broker/s3/api';

/** A bucket as the tree shows it. */
export interface BucketView {
  name: string;
  createdAt: number;
}

/** An object (its current version) as the tree shows it. */
export interface ObjectView {
  key: string;
  size: number;
  lastModified: number;
  /** With its quotes, as S3 sends it. */
  etag: string;
}

/** One level of a bucket: the folders (common prefixes, ending in `/`) and objects right under a prefix. */
export interface BucketListing {
  folders: string[];
  objects: ObjectView[];
  /** More than `LISTING_LIMIT` rows: the rest were not read. */
  truncated: boolean;
}

export interface ObjectContent {
  body: Uint8Array;
  contentType?: string;
}

/** How many rows one level of a bucket lists in the tree: S3 pages hold 1,000, a tree past a few thousand rows is no help. */
export const LISTING_LIMIT = 5000;

/**
 * What the editor does to buckets and objects, in the editor's shapes, whether the broker runs in this
 * window or another: S3's actions answer bytes as streams, which differ between the engine and the SDK,
 * so this is a small set of its own rather than `client.s3(action, input)`.
 */
export interface BucketCalls {
  list(bucket: string, prefix: string): Promise<BucketListing>;
  /** Every key of a bucket (current versions), for emptying it. */
  keys(bucket: string): Promise<string[]>;
  get(bucket: string, key: string): Promise<ObjectContent>;
  put(bucket: string, key: string, body: Uint8Array, contentType?: string): Promise<void>;
  deleteObject(bucket: string, key: string): Promise<void>;
  createBucket(bucket: string): Promise<void>;
  deleteBucket(bucket: string): Promise<void>;
  /** A URL anyone can GET the object with for `expiresInSeconds`, signed with this window's key. */
  presign(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
  /**
   * The file that is the object in this window's buckets folder, so the editor opens (and saves) the user's
   * own file; undefined attached to another broker, or where the object's bytes are kept aside (a key that
   * cannot be a file, an older version).
   */
  fileOf(bucket: string, key: string): string | undefined;
}

/** An S3 action in the shapes the engine and the SDK share for the actions used here (no streamed bytes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type S3Call = (action: S3Action, input: Record<string, unknown>) => Promise<any>;

interface ListPage {
  Contents?: { Key: string; Size: number; LastModified: Date; ETag: string }[];
  CommonPrefixes?: { Prefix: string }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}

/** The calls that read and write the same way through either client; `get`, `presign` and `fileOf` are each client's. */
export function sharedBucketCalls(call: S3Call): Pick<BucketCalls, 'list' | 'keys' | 'put' | 'deleteObject' | 'createBucket' | 'deleteBucket'> {
  const pages = async function* (bucket: string, prefix: string, delimiter?: string): AsyncIterable<ListPage> {
    let token: string | undefined;
    do {
      const page = (await call('ListObjectsV2', {
        Bucket: bucket,
        ...(prefix ? { Prefix: prefix } : {}),
        ...(delimiter ? { Delimiter: delimiter } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      })) as ListPage;
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  };
  return {
    async list(bucket, prefix) {
      const listing: BucketListing = { folders: [], objects: [], truncated: false };
      for await (const page of pages(bucket, prefix, '/')) {
        listing.folders.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix));
        listing.objects.push(
          ...(page.Contents ?? []).map((c) => ({ key: c.Key, size: c.Size, lastModified: new Date(c.LastModified).getTime(), etag: c.ETag })),
        );
        if (listing.folders.length + listing.objects.length >= LISTING_LIMIT) {
          listing.truncated = !!page.IsTruncated;
          break;
        }
      }
      return listing;
    },
    async keys(bucket) {
      const keys: string[] = [];
      for await (const page of pages(bucket, '')) keys.push(...(page.Contents ?? []).map((c) => c.Key));
      return keys;
    },
    async put(bucket, key, body, contentType) {
      await call('PutObject', { Bucket: bucket, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) });
    },
    async deleteObject(bucket, key) {
      await call('DeleteObject', { Bucket: bucket, Key: key });
    },
    async createBucket(bucket) {
      await call('CreateBucket', { Bucket: bucket });
    },
    async deleteBucket(bucket) {
      await call('DeleteBucket', { Bucket: bucket });
    },
  };
}
