import type { KinesisRecord, StreamMode, StreamStatus } from './api';
import { toKinesisRecord } from './records';
import type { ShardState, StreamState } from './stream-state';

/** What the tree and the inspector show of a stream: its shards with lineage and how many records each holds. */
export interface ShardSummary {
  shardId: string;
  startingHashKey: string;
  endingHashKey: string;
  open: boolean;
  parentShardId?: string;
  adjacentParentShardId?: string;
  recordCount: number;
}

export interface StreamSummaryView {
  name: string;
  arn: string;
  status: StreamStatus;
  mode: StreamMode;
  retentionPeriodHours: number;
  createdAt: number;
  shards: ShardSummary[];
}

export function streamSummaryView(s: StreamState): StreamSummaryView {
  return {
    name: s.name,
    arn: s.arn,
    status: s.status,
    mode: s.mode,
    retentionPeriodHours: s.retentionPeriodHours,
    createdAt: s.createdAt,
    shards: s.shards.map((sh) => ({
      shardId: sh.shardId,
      startingHashKey: sh.startingHashKey.toString(),
      endingHashKey: sh.endingHashKey.toString(),
      open: sh.isOpen,
      ...(sh.parentShardId ? { parentShardId: sh.parentShardId } : {}),
      ...(sh.adjacentParentShardId ? { adjacentParentShardId: sh.adjacentParentShardId } : {}),
      recordCount: sh.records.length,
    })),
  };
}

/** Up to `limit` records of a shard from a sequence number on, without an iterator. */
export function peekShard(shard: ShardState, fromSequenceNumber: string | undefined, limit: number): KinesisRecord[] {
  let from = 0;
  if (fromSequenceNumber !== undefined && /^\d+$/.test(fromSequenceNumber)) {
    const wanted = BigInt(fromSequenceNumber);
    from = shard.records.findIndex((r) => BigInt(r.sequenceNumber) >= wanted);
    if (from < 0) return [];
  }
  return shard.records.slice(from, from + limit).map(toKinesisRecord);
}
