/**
 * S3's operations, by their AWS API names, and which of them add data (checked while the data folder is
 * full, see ../service-actions.ts). Inputs and outputs use the S3 API's member names; the wire binding
 * (src/server/s3) maps them to and from headers, query parameters and XML.
 */
export const s3AddsData = {
  // adds data
  CreateBucket: true, PutBucketTagging: true, PutBucketVersioning: true, PutBucketNotificationConfiguration: true,
  PutBucketCors: true, PutBucketLifecycleConfiguration: true, PutObject: true, CopyObject: true, PutObjectTagging: true,
  CreateMultipartUpload: true, UploadPart: true, UploadPartCopy: true, CompleteMultipartUpload: true,
  // reads, deletes and changes that add nothing
  ListBuckets: false, DeleteBucket: false, HeadBucket: false, GetBucketLocation: false, GetBucketTagging: false,
  DeleteBucketTagging: false, GetBucketVersioning: false, GetBucketNotificationConfiguration: false,
  GetBucketCors: false, DeleteBucketCors: false, GetBucketLifecycleConfiguration: false, DeleteBucketLifecycle: false,
  GetObject: false, HeadObject: false, DeleteObject: false, DeleteObjects: false, ListObjects: false,
  ListObjectsV2: false, ListObjectVersions: false, GetObjectTagging: false, DeleteObjectTagging: false,
  ListParts: false, AbortMultipartUpload: false, ListMultipartUploads: false,
} as const satisfies Record<string, boolean>;

export type S3Action = keyof typeof s3AddsData;

/** Object headers S3 stores and returns as they were sent. */
export const STORED_HEADERS = ['Content-Encoding', 'Content-Disposition', 'Content-Language', 'Cache-Control', 'Expires'] as const;

/** What a client says about the object it writes (PutObject, CopyObject's REPLACE, CreateMultipartUpload). */
export interface ObjectAttributes {
  ContentType?: string;
  /** Content-Encoding and the other stored headers, by their HTTP names. */
  Headers?: Record<string, string>;
  Metadata?: Record<string, string>;
  /** URL-encoded `k=v&k2=v2`, as the x-amz-tagging header carries it. */
  Tagging?: string;
  StorageClass?: string;
}

export interface ObjectConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

export interface RequestInfo {
  requestId: string;
  sourceIp: string;
}
