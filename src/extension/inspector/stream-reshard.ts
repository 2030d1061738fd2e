import type { MergeShardsInput, SplitShardInput, UpdateShardCountInput } from '../../broker/kinesis/api';
import type { ReshardRequest, ShardSummary } from '../../inspector/protocol';

export type ReshardCall =
  | { action: 'UpdateShardCount'; input: UpdateShardCountInput }
  | { action: 'SplitShard'; input: SplitShardInput }
  | { action: 'MergeShards'; input: MergeShardsInput };

/**
 * The Kinesis action a reshard of the inspector amounts to. A split cuts the shard's hash-key range at its
 * middle (the console's default); the engine or AWS checks the rest (adjacency, limits) in its own words.
 */
export function reshardCall(streamName: string, request: ReshardRequest, shards: Pick<ShardSummary, 'shardId' | 'startingHashKey' | 'endingHashKey'>[]): ReshardCall {
  switch (request.action) {
    case 'updateShardCount':
      return { action: 'UpdateShardCount', input: { StreamName: streamName, TargetShardCount: Math.floor(request.targetShardCount), ScalingType: 'UNIFORM_SCALING' } };
    case 'split': {
      const shard = shards.find((s) => s.shardId === request.shardId);
      // an unknown shard is left to the service, which names it in its error
      const middle = shard ? ((BigInt(shard.startingHashKey) + BigInt(shard.endingHashKey) + 1n) / 2n).toString() : '0';
      return { action: 'SplitShard', input: { StreamName: streamName, ShardToSplit: request.shardId, NewStartingHashKey: middle } };
    }
    case 'merge':
      return { action: 'MergeShards', input: { StreamName: streamName, ShardToMerge: request.shardId, AdjacentShardToMerge: request.adjacentShardId } };
  }
}
