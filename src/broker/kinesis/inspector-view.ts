import type { StreamMode, StreamStatus } from './api';
import type { StreamState } from './stream-state';

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
