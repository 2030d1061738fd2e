/**
 * What changed in S3, for the editor's tree and the attached windows' change feed. S3 keeps its own state
 * in the buckets folder (not the journal), so these carry only what to re-read: the bucket, and for an
 * object change the key and S3's event name (`ObjectCreated:Put`, `ObjectRemoved:Delete`, ...), the same
 * name a notification would carry, whether or not the bucket sends notifications.
 */
export type S3Event =
  | { service: 's3'; type: 'bucketCreated' | 'bucketDeleted'; bucket: string; at: number }
  | { service: 's3'; type: 'objectChanged'; bucket: string; key: string; eventName: string; at: number };
