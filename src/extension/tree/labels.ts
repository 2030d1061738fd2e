import type { ShardSummary } from '../../broker/kinesis/service';
import type { QueueSummary, TopicSummary } from '../client/snapshot';

type Subscription = TopicSummary['subscriptions'][number];

/** "3 visible · 1 in flight · 2 delayed", leaving out zero in-flight and delayed counts to keep rows short. */
export function queueCounts(q: Pick<QueueSummary, 'visible' | 'inFlight' | 'delayed'>): string {
  const parts = [`${q.visible} visible`];
  if (q.inFlight) parts.push(`${q.inFlight} in flight`);
  if (q.delayed) parts.push(`${q.delayed} delayed`);
  return parts.join(' · ');
}

/** `maxReceiveCount` is the source queue's, given when the row is a dead-letter queue under that source. */
export function queueDescription(q: QueueSummary, showCounts: boolean, maxReceiveCount?: number): string {
  // counts first: a narrow side bar cuts the end of the row, and the red icon already marks a DLQ
  const parts = showCounts ? [queueCounts(q)] : [];
  if (maxReceiveCount !== undefined) parts.push(`DLQ after ${maxReceiveCount} receives`);
  else if (q.sourceQueueNames.length) parts.push(`DLQ of ${q.sourceQueueNames.join(', ')}`);
  return parts.join(' · ');
}

export function subscriptionLabel(s: Subscription): string {
  return `${s.protocol}: ${s.endpoint}`;
}

export function subscriptionDescription(s: Subscription): string {
  const parts = [s.pending ? 'pending confirmation' : 'confirmed'];
  if (s.raw) parts.push('raw');
  if (s.filterPolicy) parts.push(`filter on ${s.filterPolicyScope === 'MessageBody' ? 'body' : 'attributes'}: ${compact(s.filterPolicy)}`);
  return parts.join(' · ');
}

function compact(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json));
  } catch {
    return json;
  }
}

/** A 128-bit hash-key range reads best as the share of the key space it covers. */
export function hashKeyShare(shard: Pick<ShardSummary, 'startingHashKey' | 'endingHashKey'>): string {
  const span = BigInt(shard.endingHashKey) - BigInt(shard.startingHashKey) + 1n;
  const permille = Number((span * 1000n) / 2n ** 128n);
  return `${(permille / 10).toFixed(1)}% of keys`;
}

export function shardDescription(shard: ShardSummary, showRecords: boolean): string {
  const parts = [shard.open ? 'open' : 'closed', hashKeyShare(shard)];
  if (shard.parentShardId) {
    parts.push(shard.adjacentParentShardId ? `merged from ${shard.parentShardId} + ${shard.adjacentParentShardId}` : `child of ${shard.parentShardId}`);
  }
  if (showRecords) parts.push(`${shard.recordCount} records`);
  return parts.join(' · ');
}
