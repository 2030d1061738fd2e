import type { StreamMode, StreamStatus, ConsumerStatus } from './api';
import type { KinesisEvent } from './events';
import type { KinesisService } from './service';
import { ShardState, StreamState, StoredRecord } from './stream-state';
import type { ServicePersistence } from '../store/service-persistence';
import type { StateWriter } from '../store/state-writer';

/**
 * Kinesis as store entries: `kin/s/<stream>` a stream with its settings, consumers and every shard's
 * range, lineage and counters (closed parents included); `kin/r/<stream>/<shardId>/<counter>` one record,
 * with its sequence number as clients saw it. Expired records are not deleted one by one: retention is
 * a function of their arrival time, so restore and compaction leave them out.
 */
const streamKey = (name: string) => `kin/s/${name}`;
const recordPrefix = (name: string) => `kin/r/${name}/`;
const recordKey = (stream: string, shardId: string, counter: bigint) => `${recordPrefix(stream)}${shardId}/${counter.toString().padStart(20, '0')}`;

interface SavedShard {
  index: number;
  start: string;
  end: string;
  createdAt: number;
  parent?: string;
  adjacentParent?: string;
  closedAt?: number;
  nextCounter: string;
}

interface SavedConsumer {
  name: string;
  arn: string;
  status: ConsumerStatus;
  createdAt: number;
  tags: [string, string][];
  policy?: string;
}

interface SavedStream {
  name: string;
  arn: string;
  createdAt: number;
  mode: StreamMode;
  status: StreamStatus;
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

interface SavedRecord {
  c: string;
  s: string;
  k: string;
  d: string;
  t: number;
}

export class KinesisPersistence implements ServicePersistence {
  constructor(
    private readonly kinesis: KinesisService,
    private readonly writer: StateWriter,
  ) {}

  record(event: KinesisEvent): void {
    switch (event.type) {
      case 'streamDeleted':
        this.writer.delete(streamKey(event.streamName));
        this.writer.deletePrefix(recordPrefix(event.streamName));
        return;
      case 'recordsPut': {
        const stream = this.kinesis.streamNamed(event.streamName);
        if (!stream) return;
        for (const [shardId, sequenceNumbers] of Object.entries(event.sequenceNumbers)) {
          const shard = stream.shard(shardId);
          if (!shard) continue;
          // The records just put are the last ones of their shard: the event comes straight after the append.
          for (const record of shard.records.slice(shard.records.length - sequenceNumbers.length)) {
            this.writer.put(recordKey(stream.name, shardId, record.counter), saveRecord(record));
          }
        }
        return;
      }
      case 'recordsRead':
        return;
      default: {
        // Every other event changes the stream itself (status, shards, retention, tags, consumers) or, for
        // recordsExpired, leaves counters worth keeping when no record remains to show them.
        const stream = this.kinesis.streamNamed(event.streamName);
        if (stream) this.writer.put(streamKey(stream.name), saveStream(stream));
      }
    }
  }

  *collect(): Generator<[string, unknown]> {
    for (const stream of this.kinesis.allStreams()) {
      yield [streamKey(stream.name), saveStream(stream)];
      for (const shard of stream.shards) {
        for (const record of shard.records) yield [recordKey(stream.name, shard.shardId, record.counter), saveRecord(record)];
      }
    }
  }

  restore(entries: Map<string, unknown>): void {
    const streams = new Map<string, StreamState>();
    for (const [key, value] of entries) {
      if (key.startsWith('kin/s/')) streams.set(key.slice(6), restoreStream(value as SavedStream));
    }
    const records = [...entries].filter(([key]) => key.startsWith('kin/r/'));
    // Keys end in a zero-padded counter, so sorting by key orders each shard's records.
    records.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [key, value] of records) {
      const [streamName, shardId] = key.slice(6).split('/');
      const shard = streams.get(streamName)?.shard(shardId);
      if (!shard) continue;
      const saved = value as SavedRecord;
      const counter = BigInt(saved.c);
      shard.records.push({ counter, sequenceNumber: saved.s, partitionKey: saved.k, data: Buffer.from(saved.d, 'base64'), arrivedAt: saved.t });
      if (counter >= shard.nextCounter) shard.nextCounter = counter + 1n;
    }
    for (const stream of streams.values()) {
      for (const shard of stream.shards) if (shard.isOpen) shard.nextCounter += RESTART_COUNTER_GAP;
      this.kinesis.restoreStream(stream);
    }
  }
}

/**
 * A start after a crash in fast mode may have lost records whose sequence numbers clients were already
 * given. Skipping far ahead keeps every new number above those (AWS's numbers are not contiguous either),
 * so a consumer that checkpointed one of them does not skip the records that come next.
 */
const RESTART_COUNTER_GAP = 1n << 32n;

function saveRecord(record: StoredRecord): SavedRecord {
  return { c: record.counter.toString(), s: record.sequenceNumber, k: record.partitionKey, d: record.data.toString('base64'), t: record.arrivedAt };
}

function saveStream(stream: StreamState): SavedStream {
  return {
    name: stream.name,
    arn: stream.arn,
    createdAt: stream.createdAt,
    mode: stream.mode,
    status: stream.status,
    incarnation: stream.incarnation,
    retentionPeriodHours: stream.retentionPeriodHours,
    tags: [...stream.tags],
    policy: stream.policy,
    shardLevelMetrics: [...stream.shardLevelMetrics],
    kmsKeyId: stream.kmsKeyId,
    nextShardIndex: stream.nextShardIndex,
    shards: stream.shards.map((s) => ({
      index: s.index,
      start: s.startingHashKey.toString(),
      end: s.endingHashKey.toString(),
      createdAt: s.createdAt,
      parent: s.parentShardId,
      adjacentParent: s.adjacentParentShardId,
      closedAt: s.closedAt,
      nextCounter: s.nextCounter.toString(),
    })),
    consumers: [...stream.consumers.values()].map((c) => ({
      name: c.ConsumerName,
      arn: c.ConsumerARN,
      status: c.ConsumerStatus,
      createdAt: c.createdAt,
      tags: [...c.tags],
      policy: c.policy,
    })),
  };
}

function restoreStream(saved: SavedStream): StreamState {
  // A transition to ACTIVE that was pending when the broker stopped has no timer any more: finish it.
  const status = saved.status === 'CREATING' || saved.status === 'UPDATING' ? 'ACTIVE' : saved.status;
  const stream = new StreamState(saved.name, saved.arn, saved.createdAt, saved.mode, status, saved.incarnation);
  stream.retentionPeriodHours = saved.retentionPeriodHours;
  for (const [k, v] of saved.tags) stream.tags.set(k, v);
  stream.policy = saved.policy;
  for (const m of saved.shardLevelMetrics) stream.shardLevelMetrics.add(m);
  stream.kmsKeyId = saved.kmsKeyId;
  stream.nextShardIndex = saved.nextShardIndex;
  for (const s of saved.shards) {
    const shard = new ShardState(s.index, BigInt(s.start), BigInt(s.end), s.createdAt, s.parent, s.adjacentParent);
    if (s.closedAt !== undefined) shard.close(s.closedAt);
    shard.nextCounter = BigInt(s.nextCounter);
    stream.shards.push(shard);
  }
  for (const c of saved.consumers) {
    stream.consumers.set(c.name, {
      ConsumerName: c.name,
      ConsumerARN: c.arn,
      ConsumerStatus: c.status,
      createdAt: c.createdAt,
      tags: new Map(c.tags),
      policy: c.policy,
    });
  }
  return stream;
}
