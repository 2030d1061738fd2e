/**
 * What changed in Firehose. Emitted by FirehoseService from its one mutation path; the tree, the inspector
 * and the store subscribe.
 */
export type FirehoseEvent =
  | {
      service: 'firehose';
      type: 'deliveryStreamCreated' | 'deliveryStreamDeleted' | 'deliveryStreamTagged';
      deliveryStreamName: string;
      at: number;
    }
  | { service: 'firehose'; type: 'recordsPut'; deliveryStreamName: string; count: number; at: number }
  | {
      service: 'firehose';
      type: 'objectDelivered' | 'deliveryFailed' | 'httpEndpointDelivered';
      deliveryStreamName: string;
      /** The bucket and key written (for deliveryFailed, the error-output object, if one was written). */
      bucket?: string;
      key?: string;
      /** The endpoint of an HTTP endpoint destination. */
      url?: string;
      recordCount: number;
      error?: string;
      at: number;
    };
