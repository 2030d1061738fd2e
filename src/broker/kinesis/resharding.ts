import { uniformRanges } from './hash-key';
import { kinesisErrors } from './errors';
import type { ShardState, StreamState } from './stream-state';

/**
 * Resharding closes parent shards and opens children over the same keys, as AWS does: a split gives two
 * children with one parent, a merge one child with a parent and an adjacent parent. Parents stay readable
 * (closed) until retention removes them.
 */

function notEligible(shard: ShardState, stream: StreamState, account: string, action: 'merging' | 'splitting') {
  return kinesisErrors.invalidArgument(
    `Shard ${shard.shardId} in stream ${stream.name} under account ${account} has already been merged or split, ` +
      `and thus is not eligible for ${action}.`,
  );
}

export function splitShard(
  stream: StreamState,
  shard: ShardState,
  newStartingHashKey: bigint,
  now: number,
  account: string,
): ShardState[] {
  if (!shard.isOpen) throw notEligible(shard, stream, account, 'splitting');
  if (newStartingHashKey <= shard.startingHashKey + 1n || newStartingHashKey >= shard.endingHashKey) {
    throw kinesisErrors.invalidArgument(
      `NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shard.shardId} in stream ` +
        `${stream.name} under account ${account} is not both greater than one plus the shard's StartingHashKey ` +
        `${shard.startingHashKey} and less than the shard's EndingHashKey ${shard.endingHashKey}.`,
    );
  }
  return splitUnchecked(stream, shard, newStartingHashKey, now);
}

function splitUnchecked(stream: StreamState, shard: ShardState, at: bigint, now: number): ShardState[] {
  shard.close(now);
  return [
    stream.addShard(shard.startingHashKey, at - 1n, now, shard.shardId),
    stream.addShard(at, shard.endingHashKey, now, shard.shardId),
  ];
}

export function mergeShards(
  stream: StreamState,
  shard: ShardState,
  adjacent: ShardState,
  now: number,
  account: string,
): ShardState {
  if (!shard.isOpen) throw notEligible(shard, stream, account, 'merging');
  if (!adjacent.isOpen) throw notEligible(adjacent, stream, account, 'merging');
  const adjacentPair =
    shard.endingHashKey + 1n === adjacent.startingHashKey || adjacent.endingHashKey + 1n === shard.startingHashKey;
  if (!adjacentPair) {
    throw kinesisErrors.invalidArgument(
      `Shards ${shard.shardId} and ${adjacent.shardId} in stream ${stream.name} under account ${account} ` +
        `are not an adjacent pair of shards eligible for merging`,
    );
  }
  return mergeUnchecked(stream, shard, adjacent, now);
}

function mergeUnchecked(stream: StreamState, shard: ShardState, adjacent: ShardState, now: number): ShardState {
  shard.close(now);
  adjacent.close(now);
  const start = shard.startingHashKey < adjacent.startingHashKey ? shard.startingHashKey : adjacent.startingHashKey;
  const end = shard.endingHashKey > adjacent.endingHashKey ? shard.endingHashKey : adjacent.endingHashKey;
  return stream.addShard(start, end, now, shard.shardId, adjacent.shardId);
}

/**
 * UNIFORM_SCALING to `target` open shards, made of splits and merges so every child keeps at most two
 * parents: first split wherever a target boundary falls inside an open shard, then merge, left to right,
 * the shards that make up each target range.
 */
export function scaleUniformly(stream: StreamState, target: number, now: number): void {
  const ranges = uniformRanges(target);
  for (const range of ranges) {
    const holder = stream.openShards.find((s) => s.covers(range.start));
    if (holder && holder.startingHashKey !== range.start) splitUnchecked(stream, holder, range.start, now);
  }
  for (const range of ranges) {
    const parts = () =>
      stream.openShards
        .filter((s) => s.startingHashKey >= range.start && s.endingHashKey <= range.end)
        .sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
    for (let p = parts(); p.length > 1; p = parts()) mergeUnchecked(stream, p[0], p[1], now);
  }
}
