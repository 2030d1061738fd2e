import type { Broker } from '../../broker/broker';
import type { ServiceBinding } from '../binding';

/**
 * S3 in the list of services (health, the banner, reset). It has no X-Amz-Target and no query Action:
 * its REST requests are recognised in routing.ts and answered by dispatch.ts, before the other protocols.
 */
export const s3Binding: ServiceBinding = {
  name: 's3',
  operations: (broker: Broker) => broker.s3.operations,
  reset: (broker: Broker) => void broker.s3.reset(),
};
