import type { BufferedRecordRef, SavedDeliveryStream } from './saved';

/**
 * What changed in Firehose. Emitted by FirehoseService from its one mutation path; the tree, the inspector
 * and the store subscribe. Each event carries what it changed as plain data (the delivery stream as saved,
 * the records buffered), so the store needs nothing else.
 */
export type FirehoseEvent =
  | {
      service: 'firehose';
      type: 'deliveryStreamCreated' | 'deliveryStreamTagged';
      deliveryStreamName: string;
      deliveryStream: SavedDeliveryStream;
      at: number;
    }
  | { service: 'firehose'; type: 'deliveryStreamDeleted'; deliveryStreamName: string; at: number }
  | {
      service: 'firehose';
      type: 'recordsPut';
      deliveryStreamName: string;
      count: number;
      /** The records just buffered: the buffer's own objects, not copies (PutRecord is hot). */
      records: readonly BufferedRecordRef[];
      at: number;
    }
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
      /**
       * The delivery stream after the delivery (its counters) and what its buffer holds now; absent when the
       * stream was deleted while its delivery ran.
       */
      deliveryStream?: SavedDeliveryStream;
      buffered?: readonly BufferedRecordRef[];
      at: number;
    };
