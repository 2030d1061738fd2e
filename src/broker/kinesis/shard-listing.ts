import type { ListShardsInput, ListShardsOutput, ShardFilter, StreamRef } from './api';
import { kinesisErrors } from './errors';
import type { ShardState, StreamState } from './stream-state';

/**
 * ListShards: the stream's shards in id order, narrowed by ExclusiveStartShardId and ShardFilter, paged by
 * an opaque NextToken that remembers the stream, the filter and where the page ended.
 */
interface PageToken {
  streamName: string;
  incarnation: number;
  after?: string;
  filter?: { Type: ShardFilter['Type']; ShardId?: string; Timestamp?: number };
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t), 'utf8').toString('base64');
}

function decodeToken(token: string): PageToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as PageToken;
    if (typeof t.streamName === 'string' && typeof t.incarnation === 'number') return t;
  } catch {
    // fall through to the AWS error below
  }
  throw kinesisErrors.invalidArgument(`NextToken ${token} is invalid.`);
}

function millis(t: Date | number): number {
  return t instanceof Date ? t.getTime() : t * 1000;
}

function openAt(shard: ShardState, at: number): boolean {
  return shard.createdAt <= at && (shard.closedAt === undefined || shard.closedAt > at);
}

function applyFilter(stream: StreamState, shards: ShardState[], filter: PageToken['filter'], now: number): ShardState[] {
  if (!filter) return shards;
  const present = new Set(stream.shards.map((s) => s.shardId));
  const isRoot = (s: ShardState) =>
    (!s.parentShardId || !present.has(s.parentShardId)) &&
    (!s.adjacentParentShardId || !present.has(s.adjacentParentShardId));
  switch (filter.Type) {
    case 'AFTER_SHARD_ID': {
      if (!filter.ShardId) throw kinesisErrors.invalidArgument('ShardId must be specified for AFTER_SHARD_ID ShardFilter type.');
      const after = filter.ShardId;
      return shards.filter((s) => s.shardId > after);
    }
    case 'AT_LATEST':
      return shards.filter((s) => s.isOpen);
    case 'AT_TRIM_HORIZON':
      return shards.filter(isRoot);
    case 'FROM_TRIM_HORIZON':
      return shards;
    case 'AT_TIMESTAMP':
    case 'FROM_TIMESTAMP': {
      if (filter.Timestamp === undefined) {
        throw kinesisErrors.invalidArgument(`Timestamp must be specified for ${filter.Type} ShardFilter type.`);
      }
      const at = Math.min(filter.Timestamp, now);
      if (filter.Type === 'AT_TIMESTAMP') return shards.filter((s) => openAt(s, at) || (isRoot(s) && s.createdAt > at));
      return shards.filter((s) => s.closedAt === undefined || s.closedAt > at);
    }
  }
}

export function listShardsPage(
  input: ListShardsInput,
  resolve: (ref: StreamRef) => StreamState,
  now: number,
): ListShardsOutput {
  let token: PageToken;
  let stream: StreamState;
  if (input.NextToken !== undefined) {
    token = decodeToken(input.NextToken);
    stream = resolve({ StreamName: token.streamName });
    if (stream.incarnation !== token.incarnation) throw kinesisErrors.invalidArgument(`NextToken ${input.NextToken} is invalid.`);
  } else {
    stream = resolve(input);
    const f = input.ShardFilter;
    token = {
      streamName: stream.name,
      incarnation: stream.incarnation,
      after: input.ExclusiveStartShardId,
      ...(f ? { filter: { Type: f.Type, ShardId: f.ShardId, Timestamp: f.Timestamp === undefined ? undefined : millis(f.Timestamp) } } : {}),
    };
  }
  const after = token.after;
  const sorted = [...stream.shards].sort((a, b) => a.index - b.index);
  const eligible = applyFilter(stream, sorted, token.filter, now).filter((s) => after === undefined || s.shardId > after);
  const max = input.MaxResults ?? 1000;
  const page = eligible.slice(0, max);
  const more = eligible.length > max;
  return {
    Shards: page.map((s) => s.toShard()),
    ...(more ? { NextToken: encodeToken({ ...token, after: page[page.length - 1].shardId }) } : {}),
  };
}
