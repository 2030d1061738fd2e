import type { TraceHopInfo, TraceHopKind, TraceInfo, TraceOriginInfo, TraceService } from '../../src/inspector/protocol';
import { formatOffset } from './timeline';

/** A hop in words, as the timeline's rows say it. */
export const HOP_LABELS: Record<TraceHopKind, string> = {
  sent: 'Sent',
  published: 'Published',
  put: 'Put',
  received: 'Received',
  visibilityChanged: 'Visibility changed',
  visibilityExpired: 'Visibility timeout expired',
  deleted: 'Deleted',
  expired: 'Expired (retention period)',
  movedToDeadLetterQueue: 'Moved to the dead-letter queue',
  redriven: 'Redriven',
  delivered: 'Delivered',
  filteredOut: 'Dropped by a filter policy',
  deliveryFailed: 'Delivery failed',
  deliveryRetrying: 'Delivery failed, retrying',
  deadLettered: 'Sent to the dead-letter queue',
  ruleMatched: 'Rule matched',
  invoked: 'Function invoked',
  invocationFailed: 'Function failed',
  objectDelivered: 'Object delivered',
  objectChanged: 'Object changed',
};

export type HopTone = 'good' | 'bad' | 'warn' | 'plain';

const TONES: Partial<Record<TraceHopKind, HopTone>> = {
  deleted: 'good',
  delivered: 'good',
  invoked: 'good',
  objectDelivered: 'good',
  filteredOut: 'warn',
  visibilityExpired: 'warn',
  deliveryRetrying: 'warn',
  redriven: 'warn',
  expired: 'bad',
  deliveryFailed: 'bad',
  invocationFailed: 'bad',
  movedToDeadLetterQueue: 'bad',
  deadLettered: 'bad',
};

export const hopTone = (kind: TraceHopKind): HopTone => TONES[kind] ?? 'plain';

const SERVICE_NAMES: Record<TraceService, string> = {
  sqs: 'queue',
  sns: 'topic',
  kinesis: 'stream',
  firehose: 'delivery stream',
  events: 'bus',
  functions: 'function',
  s3: 'bucket',
};

/** A resource as a lane names it: a topic's ARN by its name. */
export function shortResource(resource: string): string {
  return resource.startsWith('arn:') ? resource.slice(resource.lastIndexOf(':') + 1) : resource;
}

/** One column of the timeline: a queue, topic, stream, bus, bucket or function the trace went through. */
export interface TraceLane {
  key: string;
  service: TraceService;
  name: string;
  /** `queue orders`, `topic events`. */
  label: string;
}

/** The resources a trace went through, in the order it reached them. */
export function traceLanes(hops: readonly TraceHopInfo[]): TraceLane[] {
  const lanes: TraceLane[] = [];
  const seen = new Set<string>();
  for (const h of hops) {
    const key = `${h.service}:${h.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = shortResource(h.resource);
    lanes.push({ key, service: h.service, name, label: `${SERVICE_NAMES[h.service]} ${name}` });
  }
  return lanes;
}

/** A row of the timeline: the hop, its lane, its time after the trace's first hop, and what to say. */
export interface TimelineRow {
  hop: TraceHopInfo;
  lane: number;
  offset: string;
  label: string;
  tone: HopTone;
  /** Why a filter or pattern said no, in words. */
  why: string[];
  /** The payload differs from the last one shown (the first payload is new too): the row shows it open. */
  payloadChanged: boolean;
}

export function timelineRows(trace: TraceInfo): TimelineRow[] {
  const hops = [...trace.hops].sort((a, b) => a.seq - b.seq);
  const lanes = traceLanes(hops);
  const laneIndex = new Map(lanes.map((l, i) => [l.key, i]));
  const start = hops[0]?.at ?? 0;
  let lastPayload: string | undefined;
  return hops.map((hop) => {
    const payloadChanged = hop.payload !== undefined && hop.payload !== lastPayload;
    if (hop.payload !== undefined) lastPayload = hop.payload;
    const why: string[] = [];
    if (hop.filter) why.push(describeFilter(hop.filter));
    for (const m of hop.patternMisses ?? []) why.push(`rule ${m.rule} did not match: ${m.miss.text}`);
    const label = hop.kind === 'received' && hop.receiveCount !== undefined ? `${HOP_LABELS.received} (receive #${hop.receiveCount})` : HOP_LABELS[hop.kind];
    return { hop, lane: laneIndex.get(`${hop.service}:${hop.resource}`) ?? 0, offset: `+${formatOffset(Math.max(0, hop.at - start))}`, label, tone: hopTone(hop.kind), why, payloadChanged };
  });
}

/** An SNS filter's miss: the first condition that failed and the value the message had there. */
export function describeFilter(filter: NonNullable<TraceHopInfo['filter']>): string {
  const seen = filter.seen?.length ? `the message had ${filter.seen.map((v) => JSON.stringify(v)).join(', ')}` : `the message has no ${filter.key}`;
  return `first failing condition: ${filter.key} ${filter.condition}; ${seen}`;
}

/** Where the trace entered, in one line after "Entered": `SendMessage over json 1.0 from aws-sdk-js/3.700.0`. */
export function describeOrigin(origin: TraceOriginInfo | undefined): string {
  if (!origin) return 'from inside the broker (no request recorded)';
  if (origin.via === 'editor') return `${origin.action ?? 'A change'} from the editor`;
  const parts = [origin.action ?? 'A request'];
  if (origin.protocol) parts.push(`over ${origin.protocol}`);
  parts.push(`from ${origin.client ?? 'an unnamed client'}`);
  if (origin.accountId) parts.push(`(account ${origin.accountId})`);
  return parts.join(' ');
}

/** Counts that say how hard the way was: retries, visibility expiries, the highest receive count. */
export function traceStats(hops: readonly TraceHopInfo[]): { retries: number; visibilityExpiries: number; maxReceiveCount: number; filtered: number } {
  let retries = 0;
  let visibilityExpiries = 0;
  let maxReceiveCount = 0;
  let filtered = 0;
  for (const h of hops) {
    if (h.kind === 'deliveryRetrying') retries++;
    if (h.kind === 'visibilityExpired') visibilityExpiries++;
    if (h.kind === 'filteredOut') filtered++;
    if (h.receiveCount !== undefined && h.receiveCount > maxReceiveCount) maxReceiveCount = h.receiveCount;
  }
  return { retries, visibilityExpiries, maxReceiveCount, filtered };
}

/** Where the trace ended so far, in words, from its last hop. */
export function traceOutcome(trace: TraceInfo): { text: string; tone: HopTone } {
  const hops = [...trace.hops].sort((a, b) => a.seq - b.seq);
  const last = hops[hops.length - 1];
  if (!last) return { text: 'No hops recorded', tone: 'plain' };
  const where = `${SERVICE_NAMES[last.service]} ${shortResource(last.resource)}`;
  switch (last.kind) {
    case 'deleted':
      return { text: `Ended: consumed (deleted from ${where})`, tone: 'good' };
    case 'expired':
      return { text: `Ended: expired in ${where}`, tone: 'bad' };
    case 'delivered':
    case 'invoked':
    case 'objectDelivered':
      return { text: `Ended: delivered (${where})`, tone: 'good' };
    case 'filteredOut':
      return { text: `Ended: dropped by a filter at ${where}`, tone: 'warn' };
    case 'deliveryFailed':
    case 'invocationFailed':
      return { text: `Ended: failed at ${where}`, tone: 'bad' };
    case 'movedToDeadLetterQueue':
    case 'deadLettered':
      return { text: 'Waiting in a dead-letter queue', tone: 'bad' };
    case 'received':
    case 'visibilityChanged':
      return { text: `In flight in ${where}`, tone: 'plain' };
    default:
      return { text: last.service === 'sqs' ? `Waiting in ${where}` : `Last seen at ${where}`, tone: 'plain' };
  }
}

/** A search's results in one line each, for the list beside the timeline. */
export function traceTitle(trace: TraceInfo): string {
  const first = [...trace.hops].sort((a, b) => a.seq - b.seq)[0];
  if (!first) return trace.traceId;
  return `${HOP_LABELS[first.kind]} to ${SERVICE_NAMES[first.service]} ${shortResource(first.resource)} · ${trace.hops.length} hop${trace.hops.length === 1 ? '' : 's'}`;
}
