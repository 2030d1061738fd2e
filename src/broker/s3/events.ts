/**
 * What changed in S3, for the editor's tree and the attached windows' change feed. S3 keeps its own state
 * in the buckets folder (not the journal), so these carry only what to re-read: the bucket, and for an
 * object change the key and S3's event name (`ObjectCreated:Put`, `ObjectRemoved:Delete`, ...), the same
 * name a notification would carry, whether or not the bucket sends notifications.
 */
export type S3Event =
  | { service: 's3'; type: 'bucketCreated' | 'bucketDeleted'; bucket: string; at: number }
  /** `sequencer` is there when the bucket sends notifications: it names this change in traces. */
  | { service: 's3'; type: 'objectChanged'; bucket: string; key: string; eventName: string; sequencer?: string; at: number }
  /** A notification of a change could not be delivered to a destination (the ARN, or `default event bus`). */
  | { service: 's3'; type: 'notificationFailed'; bucket: string; key: string; eventName: string; sequencer: string; destination: string; error: string; at: number };

/** The trace key of an object change that sends notifications (src/broker/trace). */
export function s3TraceKey(bucket: string, sequencer: string): string {
  return `s3:${bucket}@${sequencer}`;
}
