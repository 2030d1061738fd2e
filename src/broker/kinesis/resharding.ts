import { uniformRanges } from './hash-key';
import { kinesisErrors } from './errors';
import type { ShardState, StreamState } from './stream-state';

/**
 * Resharding closes parent shards and opens children over the same keys, as AWS does: a split gives two
 * children with one parent, a merge one child with a parent and an adjacent parent. Parents stay readable
 * (closed) until retention removes them.
 */

/** AWS gives SplitShard and MergeShards the same words for a closed shard. */
function notEligible(shard: ShardState, stream: StreamState, account: string) {
  return kinesisErrors.invalidArgument(
    `Shard ${shard.shardId} in stream ${stream.name} under account ${account} has already been merged or split, ` +
      'and thus is not eligible for merging or splitting.',
  );
}

export function splitShard(
  stream: StreamState,
  shard: ShardState,
  newStartingHashKey: bigint,
  now: number,
  account: string,
): ShardState[] {
  if (!shard.isOpen) throw notEligible(shard, stream, account);
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
  if (!shard.isOpen) throw notEligible(shard, stream, account);
  if (!adjacent.isOpen) throw notEligible(adjacent, stream, account);
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
 * UNIFORM_SCALING to `target` open shards with the number of splits and merges AWS makes, so the stream
 * ends with as many shards in all (open and closed) as on AWS: scaling up from N splits every open shard
 * once and then makes 2N - target merges (10 -> 13: 10 splits, 7 merges, 37 shards in all); scaling down
 * only merges, N - target times (5 -> 3: 2 merges, 7 shards in all). Each split falls on a boundary of
 * the uniform layout where the shard holds one (else in its middle), and the merges are chosen left to
 * right to end as near those boundaries as the counts allow: exactly uniform whenever that is possible
 * with these counts (2 -> 3, 4 -> 2), close to it otherwise.
 */
export function scaleUniformly(stream: StreamState, target: number, now: number): void {
  const ranges = uniformRanges(target);
  const byStart = (a: ShardState, b: ShardState) => (a.startingHashKey < b.startingHashKey ? -1 : 1);
  const current = [...stream.openShards].sort(byStart);
  if (target === current.length) return;
  if (target > current.length) {
    for (const shard of current) {
      const boundary = ranges.find((r) => r.start > shard.startingHashKey + 1n && r.start < shard.endingHashKey)?.start;
      splitUnchecked(stream, shard, boundary ?? shard.startingHashKey + (shard.endingHashKey - shard.startingHashKey + 1n) / 2n, now);
    }
  }
  const pieces = [...stream.openShards].sort(byStart);
  let merges = pieces.length - target;
  let at = 0;
  for (let k = 0; k < target; k++) {
    const left = target - k;
    // Merge when every range left must take one of the merges still owed, or when two pieces end nearer
    // the uniform layout's boundary than one does.
    const ideal = ranges[k].end;
    const distance = (end: bigint) => (end > ideal ? end - ideal : ideal - end);
    const merge =
      merges > 0 && (merges >= left || distance(pieces[at + 1].endingHashKey) < distance(pieces[at].endingHashKey));
    if (merge) {
      mergeUnchecked(stream, pieces[at], pieces[at + 1], now);
      merges--;
      at += 2;
    } else {
      at += 1;
    }
  }
}
