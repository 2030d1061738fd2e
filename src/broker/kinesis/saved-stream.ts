/**
 * A stream as plain data: its settings, consumers and every shard's range, lineage and counters (closed
 * parents included). Change events carry it, so the store writes what changed without reading the engine
 * back, and a restart rebuilds the stream from it. Also the types of the records a recordsPut event hands
 * over. This file imports nothing: the webview compiles the event union (the inspector's notices derive
 * from it) without Node's types, so nothing here may reach a Buffer.
 */
export interface SavedStream {
  name: string;
  arn: string;
  createdAt: number;
  /** api.StreamMode and api.StreamStatus. */
  mode: 'PROVISIONED' | 'ON_DEMAND';
  status: 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';
  incarnation: number;
  retentionPeriodHours: number;
  tags: [string, string][];
  policy?: string;
  shardLevelMetrics: string[];
  kmsKeyId?: string;
  nextShardIndex: number;
  shards: SavedShard[];
  consumers: SavedConsumer[];
}

export interface SavedShard {
  index: number;
  start: string;
  end: string;
  createdAt: number;
  parent?: string;
  adjacentParent?: string;
  closedAt?: number;
  nextCounter: string;
}

export interface SavedConsumer {
  name: string;
  arn: string;
  /** api.ConsumerStatus. */
  status: 'CREATING' | 'DELETING' | 'ACTIVE';
  createdAt: number;
  tags: [string, string][];
  policy?: string;
}


/** A record as a shard holds it (StoredRecord), seen through what every platform knows: `data` is a Buffer. */
export interface RecordRef {
  readonly counter: bigint;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  readonly arrivedAt: number;
}
