import type { FirehoseOperations } from '../firehose/api';
import { parseArn } from '../identity';
import type { FirehoseDeliverer } from './delivery';

/**
 * Delivers `firehose` subscriptions into the broker's own Firehose engine: one record per notification,
 * newline-terminated as SNS writes them, into the stream the subscription's endpoint ARN names.
 */
export function firehoseDeliverer(firehose: Pick<FirehoseOperations, 'PutRecord'>): FirehoseDeliverer {
  return (deliveryStreamArn, data) => {
    const name = parseArn(deliveryStreamArn)?.resource.replace(/^deliverystream\//, '') ?? deliveryStreamArn;
    firehose.PutRecord({ DeliveryStreamName: name, Record: { Data: Buffer.from(`${data}\n`) } });
  };
}
