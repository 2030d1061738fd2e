import type { DeliveryStreamType } from './api';
import type { Destination } from './destinations';

/**
 * A delivery stream as plain data: its configuration and counters. Change events carry it, so the store
 * writes what changed without reading the engine back, and a restart rebuilds the stream from it.
 */
export interface SavedDeliveryStream {
  name: string;
  arn: string;
  type: DeliveryStreamType;
  createdAt: number;
  destination: Destination;
  source?: { KinesisStreamARN: string; RoleARN: string };
  tags: [string, string][];
  nextRecordId: number;
  deliveredObjects: number;
  lastObjectKey?: string;
}

/**
 * A buffered record (BufferedRecord) seen through what every platform knows, `data` being a Buffer: the
 * event union is compiled by the webview too (the inspector's notices derive from it), without Node's types.
 */
export interface BufferedRecordRef {
  readonly recordId: string;
  readonly data: Uint8Array;
  readonly arrivedAt: number;
}
