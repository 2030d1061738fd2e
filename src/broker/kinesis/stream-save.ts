import type { SavedStream } from './saved-stream';
import { ShardState, StreamState } from './stream-state';

/** The stream as plain data, for change events and snapshots. */
export function saveStream(stream: StreamState): SavedStream {
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

/** The stream a saved one describes, without records (the caller puts those back into its shards). */
export function streamFromSaved(saved: SavedStream): StreamState {
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
