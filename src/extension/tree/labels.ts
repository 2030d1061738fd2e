import type { ShardSummary } from '../../broker/kinesis/service';
import { parseArn } from '../../broker/identity';
import type { ExecutionView, QueueSummary, RuleSummary, ScopeSummaryView, TopicSummary } from '../client/snapshot';

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

export function busDescription(bus: { rules: unknown[]; description?: string }): string {
  const parts = [`${bus.rules.length} rule${bus.rules.length === 1 ? '' : 's'}`];
  if (bus.description) parts.push(bus.description);
  return parts.join(' · ');
}

/** "3 events · 1.2 KB · kept 7 days": what an archive holds. */
export function archiveDescription(archive: { EventCount: number; SizeBytes: number; RetentionDays: number; State: string }): string {
  const parts = [`${archive.EventCount} event${archive.EventCount === 1 ? '' : 's'}`, byteSize(archive.SizeBytes)];
  parts.push(archive.RetentionDays ? `kept ${archive.RetentionDays} day${archive.RetentionDays === 1 ? '' : 's'}` : 'kept indefinitely');
  if (archive.State !== 'ENABLED') parts.push(archive.State.toLowerCase());
  return parts.join(' · ');
}

export function byteSize(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "disabled · pattern {"source":["shop"]}" or "schedule rate(1 day)": the state only when it is not the usual one. */
export function ruleDescription(rule: Pick<RuleSummary, 'state' | 'eventPattern' | 'scheduleExpression'>): string {
  const parts: string[] = [];
  if (rule.state === 'DISABLED') parts.push('disabled');
  if (rule.scheduleExpression) parts.push(`schedule ${rule.scheduleExpression}`);
  if (rule.eventPattern) parts.push(`pattern ${compact(rule.eventPattern)}`);
  return parts.join(' · ');
}

const TARGET_KINDS: Record<string, (resource: string) => [string, string] | undefined> = {
  sqs: (r) => ['queue', r],
  sns: (r) => ['topic', r],
  kinesis: (r) => (r.startsWith('stream/') ? ['stream', r.slice('stream/'.length)] : undefined),
  firehose: (r) => (r.startsWith('deliverystream/') ? ['delivery stream', r.slice('deliverystream/'.length)] : undefined),
  lambda: (r) => (r.startsWith('function:') ? ['function', r.slice('function:'.length).split(':')[0]] : undefined),
  events: (r) =>
    r.startsWith('event-bus/') ? ['bus', r.slice('event-bus/'.length)]
      : r.startsWith('api-destination/') ? ['API destination', r.split('/')[1]]
        : undefined,
};

/** "queue: orders", "function: notify", or the ARN itself when it names nothing of this broker. */
export function targetLabel(targetArn: string): string {
  const parsed = parseArn(targetArn);
  const kind = parsed && TARGET_KINDS[parsed.service]?.(parsed.resource);
  return kind ? `${kind[0]}: ${kind[1]}` : targetArn;
}

/** "id orders · input transformer": what the target receives when it is not the whole event. */
export function targetDescription(t: { Id: string; Input?: string; InputPath?: string; InputTransformer?: unknown }): string {
  const parts = [`id ${t.Id}`];
  if (t.InputTransformer) parts.push('input transformer');
  else if (t.Input !== undefined) parts.push(`constant input ${compact(t.Input)}`);
  else if (t.InputPath) parts.push(`input path ${t.InputPath}`);
  return parts.join(' · ');
}

/** "API_KEY · authorized" or "OAUTH_CLIENT_CREDENTIALS · deauthorized: <reason>": never a parameter, so never a secret. */
export function connectionDescription(c: { authorizationType: string; state: string; stateReason?: string }): string {
  return `${c.authorizationType} · ${c.state.toLowerCase()}${c.stateReason ? `: ${c.stateReason}` : ''}`;
}

/** "POST https://example.com/orders · 300/s · inactive": the state only when it is not ACTIVE. */
export function apiDestinationDescription(d: { httpMethod: string; invocationEndpoint: string; invocationRateLimitPerSecond: number; state: string }): string {
  const parts = [`${d.httpMethod} ${d.invocationEndpoint}`, `${d.invocationRateLimitPerSecond}/s`];
  if (d.state !== 'ACTIVE') parts.push(d.state.toLowerCase());
  return parts.join(' · ');
}

/** "eu-west-1 · 111111111111": an account and region other than the default. */
export function scopeLabel(s: Pick<ScopeSummaryView, 'accountId' | 'region'>): string {
  return `${s.region} · ${s.accountId}`;
}

/** "2 queues · 1 topic": what an other account and region holds, leaving out what it has none of. */
export function scopeDescription(s: ScopeSummaryView): string {
  const counts: [number, string, string][] = [
    [s.queues, 'queue', 'queues'],
    [s.topics, 'topic', 'topics'],
    [s.streams, 'stream', 'streams'],
    [s.deliveryStreams, 'delivery stream', 'delivery streams'],
    [s.buses, 'event bus', 'event buses'],
    [s.stateMachines, 'state machine', 'state machines'],
  ];
  return counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(' · ');
}

/** Each execution status as the row's icon (codicon id, theme colour): spinning while it runs. */
export const EXECUTION_ICONS: Record<ExecutionView['status'], [string, string | undefined]> = {
  RUNNING: ['sync~spin', 'charts.blue'],
  SUCCEEDED: ['pass', 'charts.green'],
  FAILED: ['error', 'list.errorForeground'],
  TIMED_OUT: ['watch', 'list.errorForeground'],
  ABORTED: ['circle-slash', 'disabledForeground'],
  PENDING_REDRIVE: ['debug-restart', 'charts.yellow'],
};

/** "succeeded · 14:03:07": the status in words and when it started (the day only when it is not today). */
export function executionDescription(e: Pick<ExecutionView, 'status' | 'startDate'>, now = Date.now()): string {
  const start = new Date(e.startDate);
  const sameDay = new Date(now).toDateString() === start.toDateString();
  const time = start.toTimeString().slice(0, 8);
  return `${e.status.toLowerCase().replace('_', ' ')} · ${sameDay ? time : `${start.toISOString().slice(0, 10)} ${time}`}`;
}

/** "4.2 KB · 14:03:07": an object's size and when it was last written (the day only when it is not today). */
export function objectDescription(o: { size: number; lastModified: number }, now = Date.now()): string {
  const at = new Date(o.lastModified);
  const time = at.toTimeString().slice(0, 8);
  return `${byteSize(o.size)} · ${new Date(now).toDateString() === at.toDateString() ? time : `${at.toISOString().slice(0, 10)} ${time}`}`;
}
