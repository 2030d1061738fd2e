import type { ServiceBinding } from '../binding';

/**
 * S3 in the list of services (health, the banner, reset). It has no X-Amz-Target and no query Action:
 * its REST requests are recognised in routing.ts and answered by dispatch.ts, before the other protocols.
 */
export const s3Binding: ServiceBinding = {
  name: 's3',
  // Bucket names are one namespace for the whole broker, as in AWS: not per account and region.
  global: true,
  operations: (_scope, broker) => broker.s3.operations,
  // The buckets folder holds the user's files (they open, edit and drop them in): a reset of the broker
  // leaves them, as it always left Firehose's objects; deleting a bucket is the user's explicit act.
  reset: () => undefined,
};
