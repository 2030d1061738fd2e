/**
 * What a search reads (targets), what it finds (items) and how it reports progress (batches). Plain JSON, so
 * the inspector can pass these to a webview as they are.
 */
import type { MessageState } from '../sqs/message';

/** A bound of a stream search: a record at or after / at or before this sequence number or arrival time. */
export interface StreamBound {
  sequenceNumber?: string;
  /** Milliseconds since the epoch (ApproximateArrivalTimestamp). */
  timestamp?: number;
}

export type SearchTarget =
  /** A queue (a dead-letter queue is one too); `states` defaults to all three. */
  | { kind: 'queue'; name: string; states?: MessageState[] }
  /** What a topic left in the outbox (email, SMS, push, Lambda without a runtime). */
  | { kind: 'topic'; name: string }
  /** One shard or all of them, between two optional bounds. */
  | { kind: 'stream'; name: string; shardId?: string; from?: StreamBound; to?: StreamBound }
  /** The objects a delivery stream wrote to its bucket. */
  | { kind: 'deliveryStream'; name: string };

export type SearchKind = SearchTarget['kind'];

/** One message, record, outbox entry or delivered object that matched. */
export interface SearchItem {
  kind: SearchKind;
  /** The queue, topic, stream or delivery stream it is in. */
  resource: string;
  /** Message id, sequence number, outbox message id or object key. */
  id: string;
  body: string;
  /** The body was not UTF-8 and is shown as base64. */
  binary?: boolean;
  /** Sent, arrived, delivered or written (ms since the epoch). */
  at: number;
  /** String-valued attributes, searched by equality: message attributes, a record's PartitionKey, ... */
  attributes: Record<string, string>;
  /** Queue messages: state, receive count, where a dead letter came from. */
  state?: MessageState;
  receiveCount?: number;
  deadLetterSourceQueueName?: string;
  /** Stream records: the shard. */
  shardId?: string;
}

/** One step of a search: what it found since the last batch and the running counts. */
export interface SearchBatch {
  items: SearchItem[];
  /** Items read so far, matching or not. */
  scanned: number;
  /** Items matched so far. */
  matched: number;
  /** How many items the targets held when the search started (an estimate once they change). */
  total: number;
  /** Set on the last batch. */
  done: boolean;
  /** Targets that could not be read (deleted meanwhile, ...), with the reason. */
  failures: { resource: string; error: string }[];
}
