import type { BrokerEvent, EventBus } from '../events';
import type { MessageAttributeMap } from '../sqs/api';
import { currentCause } from './cause';
import type { TraceHop, TraceHopKind } from './hop';
import { Ring } from './ring';

/** Hops kept per resource (queue, topic, stream, ...) unless the broker is told otherwise. */
export const DEFAULT_TRACE_BUFFER_SIZE = 1000;

/** A trace as the admin route and the inspector get it: its hops in the order they happened. */
export interface Trace {
  traceId: string;
  hops: TraceHop[];
}

/** A search over the traces the rings still hold; every given criterion must match. */
export interface TraceQuery {
  /** A message id or a trace id, exactly. */
  id?: string;
  /** Text any hop's payload contains. */
  text?: string;
  /** An attribute value any hop carries (and, with `attributeName`, under that name). */
  attributeValue?: string;
  attributeName?: string;
  limit?: number;
}

const SQS_KINDS: Partial<Record<string, TraceHopKind>> = {
  messageReceived: 'received',
  messageDeleted: 'deleted',
  visibilityChanged: 'visibilityChanged',
  messageVisible: 'visibilityExpired',
  messageExpired: 'expired',
  messageMovedToDeadLetterQueue: 'movedToDeadLetterQueue',
  messageMoved: 'redriven',
};

const SNS_KINDS: Record<string, TraceHopKind> = {
  delivered: 'delivered',
  filteredOut: 'filteredOut',
  failed: 'deliveryFailed',
  retrying: 'deliveryRetrying',
  deadLettered: 'deadLettered',
};

const utf8 = new TextDecoder();

/**
 * Follows every message, record and event through the broker from its change events, as they happen: each
 * gets a trace, and each hop (sent, received, delivered, filtered out, invoked, moved to a DLQ, redriven) is
 * kept with its payload. Memory is bounded: each resource keeps its newest `bufferSize` hops in a ring, and a
 * trace lives as long as any of its hops does. A message made while another is being handled (an SNS
 * delivery to a queue, `withCause`) continues that one's trace.
 */
/** A trace's hops and the message keys that lead to it, dropped together with its last hop. */
interface TraceEntry {
  traceId: string;
  hops: TraceHop[];
  keys: string[];
}

/** A ring slot: the hop and its trace, so an eviction finds the trace without a lookup. */
interface Slot {
  hop: TraceHop;
  entry: TraceEntry;
}

export class Tracer {
  /**
   * Each resource's ring, by service and then resource name: a `service:resource` key would be a new
   * string to hash on every hop.
   */
  private readonly rings = new Map<string, Map<string, Ring<Slot>>>();
  /** Trace id to its trace. */
  private readonly traces = new Map<string, TraceEntry>();
  /** A message key (an SQS MessageId, `sns:<MessageId>`, `kinesis:<stream>/<sequence>`, ...) to the trace it belongs to. */
  private readonly traceOfKey = new Map<string, TraceEntry>();
  private seq = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    readonly bufferSize: number,
    buses: EventBus[],
  ) {
    for (const bus of buses) this.unsubscribe.push(bus.on((event) => this.observe(event)));
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** The trace a message id, a trace id or a message key names. */
  trace(id: string): Trace | undefined {
    const entry = this.traces.get(id) ?? this.entryOf(id);
    return entry && { traceId: entry.traceId, hops: [...entry.hops] };
  }

  /** Traces with a hop matching the query, newest first. */
  search(query: TraceQuery): Trace[] {
    if (query.id !== undefined) {
      const found = this.trace(query.id);
      return found && this.matches(found.hops, query) ? [found] : [];
    }
    const out: Trace[] = [];
    const entries = [...this.traces.values()].reverse();
    for (const entry of entries) {
      if (this.matches(entry.hops, query)) out.push({ traceId: entry.traceId, hops: [...entry.hops] });
      if (out.length >= (query.limit ?? 50)) break;
    }
    return out;
  }

  /** How many hops each resource's ring holds (tests check the bound). */
  ringSizes(): Map<string, number> {
    const sizes = new Map<string, number>();
    for (const [service, rings] of this.rings) for (const [resource, ring] of rings) sizes.set(`${service}:${resource}`, ring.size);
    return sizes;
  }

  private matches(hops: TraceHop[], q: TraceQuery): boolean {
    if (q.id !== undefined && !hops.some((h) => h.messageId === q.id || h.traceId === q.id)) return false;
    if (q.text && !hops.some((h) => h.payload?.includes(q.text!))) return false;
    if (q.attributeValue !== undefined) {
      const v = q.attributeValue;
      const name = q.attributeName;
      const has = (h: TraceHop) => Object.entries(h.attributes ?? {}).some(([k, value]) => value === v && (name === undefined || k === name));
      if (!hops.some(has)) return false;
    }
    return true;
  }

  private entryOf(messageId: string): TraceEntry | undefined {
    for (const service of ['sns', 'events', 'kinesis', 'firehose']) {
      const t = this.traceOfKey.get(`${service}:${messageId}`);
      if (t !== undefined) return t;
    }
    return this.traceOfKey.get(messageId);
  }

  /** The trace of a key, starting one (named after the message) when the key has none and nothing caused it. */
  private traceFor(key: string, messageId: string): TraceEntry {
    const known = this.traceOfKey.get(key);
    if (known !== undefined) return known;
    const cause = currentCause();
    let entry = cause === undefined ? undefined : this.traceOfKey.get(cause);
    if (entry) entry.keys.push(key);
    else {
      entry = { traceId: messageId, hops: [], keys: [key] };
      this.traces.set(messageId, entry);
    }
    this.traceOfKey.set(key, entry);
    return entry;
  }

  /** Records a hop of the message `key` names; `hop.traceId` and `hop.seq` are filled in here. */
  private add(key: string, fields: Omit<TraceHop, 'traceId' | 'seq'> & Partial<TraceHop>): void {
    const hop = fields as TraceHop;
    const entry = this.traceFor(key, hop.messageId ?? key);
    hop.traceId = entry.traceId;
    hop.seq = ++this.seq;
    let rings = this.rings.get(hop.service);
    if (!rings) this.rings.set(hop.service, (rings = new Map()));
    let ring = rings.get(hop.resource);
    if (!ring) rings.set(hop.resource, (ring = new Ring<Slot>(this.bufferSize)));
    entry.hops.push(hop);
    const evicted = ring.push({ hop, entry });
    if (evicted) this.forget(evicted);
  }

  /** A hop left its ring: it leaves its trace, and a trace with no hop left leaves with its keys. */
  private forget({ hop, entry }: Slot): void {
    const hops = entry.hops;
    // The oldest hop of a resource is most often the oldest of its trace.
    if (hops[0] === hop) hops.shift();
    else {
      const i = hops.indexOf(hop);
      if (i >= 0) hops.splice(i, 1);
    }
    if (hops.length > 0) return;
    this.traces.delete(entry.traceId);
    for (const key of entry.keys) this.traceOfKey.delete(key);
  }

  private observe(event: BrokerEvent): void {
    switch (event.service) {
      case 'sqs':
        return this.onSqs(event);
      case 'sns':
        return this.onSns(event);
      case 'functions':
        return this.onFunction(event);
      case 'kinesis':
        if (event.type === 'recordsPut') {
          for (const [shardId, records] of Object.entries(event.records)) {
            for (const r of records) {
              this.add(`kinesis:${event.streamName}/${r.sequenceNumber}`, {
                at: event.at, service: 'kinesis', resource: event.streamName, kind: 'put', messageId: r.sequenceNumber,
                payload: utf8.decode(r.data), detail: `${shardId}, partition key ${r.partitionKey}`,
              });
            }
          }
        }
        return;
      case 'firehose':
        if (event.type === 'recordsPut') {
          for (const r of event.records) {
            this.add(`firehose:${r.recordId}`, {
              at: event.at, service: 'firehose', resource: event.deliveryStreamName, kind: 'put', messageId: r.recordId, payload: utf8.decode(r.data),
            });
          }
        } else if (event.type === 'objectDelivered' || event.type === 'deliveryFailed' || event.type === 'httpEndpointDelivered') {
          const where = event.url ?? (event.bucket !== undefined ? `s3://${event.bucket}/${event.key ?? ''}` : '');
          const id = `${event.deliveryStreamName}@${event.at}`;
          this.add(`firehose:${id}`, {
            at: event.at, service: 'firehose', resource: event.deliveryStreamName, messageId: id,
            kind: event.type === 'deliveryFailed' ? 'deliveryFailed' : 'objectDelivered',
            detail: `${event.recordCount} record(s) to ${where}${event.error ? `: ${event.error}` : ''}`,
          });
        }
        return;
      case 'events':
        if (event.type === 'eventPut') {
          this.add(`events:${event.eventId}`, {
            at: event.at, service: 'events', resource: event.busName, kind: 'put', messageId: event.eventId,
            detail: `${event.source} / ${event.detailType}; matched ${event.matchedRules.length ? event.matchedRules.join(', ') : 'no rule'}`,
          });
        } else if (event.type === 'delivery') {
          this.add(`events:${event.eventId}`, {
            at: event.at, service: 'events', resource: event.busName, messageId: event.eventId,
            kind: event.status === 'delivered' ? 'delivered' : event.status === 'retrying' ? 'deliveryRetrying' : event.status === 'deadLettered' ? 'deadLettered' : 'deliveryFailed',
            detail: `rule ${event.ruleName} -> ${event.targetArn}${event.detail ? `: ${event.detail}` : ''}`,
          });
        }
        return;
      default:
        return;
    }
  }

  private onSqs(event: BrokerEvent & { service: 'sqs' }): void {
    if (!('messageId' in event)) return;
    // An SQS message's key is its id alone (a UUID, like every other id here): the queue already hashed that string.
    const key = event.messageId;
    if (event.type === 'messageSent') {
      // The hot path (every send): one object, no spreads.
      const record = event.record;
      const hop: TraceHop = { traceId: '', seq: 0, at: event.at, service: 'sqs', resource: event.queueName, kind: 'sent', messageId: event.messageId, payload: record?.body };
      if (record?.messageAttributes) hop.attributes = attributeText(record.messageAttributes);
      this.add(key, hop);
      return;
    }
    const kind = SQS_KINDS[event.type];
    if (!kind) return;
    // Every receive and delete passes here too: a literal of one shape, no spreads (see the send above).
    const hop: TraceHop = { traceId: '', seq: 0, at: event.at, service: 'sqs', resource: event.queueName, kind, messageId: event.messageId };
    if (event.targetQueueName !== undefined) hop.detail = `to ${event.targetQueueName}`;
    if (event.receiveCount !== undefined) hop.receiveCount = event.receiveCount;
    this.add(key, hop);
    // The message now sits in another queue: that queue's ring keeps its arrival too.
    if (event.targetQueueName !== undefined && event.record) {
      this.add(key, {
        traceId: '', seq: 0, at: event.at, service: 'sqs', resource: event.targetQueueName, kind: 'sent', messageId: event.messageId,
        payload: event.record.body, detail: `from ${event.queueName}`,
      });
    }
  }

  private onSns(event: BrokerEvent & { service: 'sns' }): void {
    if (event.type === 'messagePublished') {
      const m = event.message;
      this.add(`sns:${event.messageId}`, {
        at: event.at, service: 'sns', resource: event.topicArn, kind: 'published', messageId: event.messageId,
        payload: m?.message, ...(m?.subject !== undefined ? { detail: `subject ${m.subject}` } : {}),
        ...(m?.attributes ? { attributes: attributeText(m.attributes) } : {}),
      });
    } else if (event.type === 'delivery') {
      this.add(`sns:${event.messageId}`, {
        at: event.at, service: 'sns', resource: event.topicArn, kind: SNS_KINDS[event.status], messageId: event.messageId,
        detail: `${event.protocol} ${event.endpoint}${event.detail !== undefined ? `: ${event.detail}` : ''}`,
        ...(event.filter ? { filter: event.filter } : {}),
      });
    }
  }

  private onFunction(event: BrokerEvent & { service: 'functions' }): void {
    if (event.type !== 'invocationCompleted') return;
    const inv = event.invocation;
    const kind: TraceHopKind = inv.status === 'succeeded' ? 'invoked' : 'invocationFailed';
    const detail = inv.status === 'succeeded' ? `request ${inv.requestId}` : `request ${inv.requestId}: ${inv.error?.errorType ?? inv.status}: ${inv.error?.errorMessage ?? ''}`;
    const output = inv.output === undefined ? undefined : JSON.stringify(inv.output);
    // Each message or record the function was given gets the invocation as a hop of its own trace.
    for (const { key, messageId } of invocationKeys(inv.input, inv.trigger)) {
      if (!this.traceOfKey.has(key)) continue;
      this.add(key, { at: event.at, service: 'functions', resource: event.functionName, kind, messageId, detail, ...(output !== undefined ? { payload: output } : {}) });
    }
  }
}

/** The message keys of what a function was invoked with (SQS and SNS records, Kinesis records). */
function invocationKeys(input: unknown, trigger: { type: string; eventSourceArn?: string }): { key: string; messageId: string }[] {
  const records = (input as { Records?: unknown[] } | undefined)?.Records;
  if (!Array.isArray(records)) return [];
  const out: { key: string; messageId: string }[] = [];
  for (const r of records as Record<string, unknown>[]) {
    if (typeof r?.messageId === 'string') out.push({ key: r.messageId, messageId: r.messageId });
    const sns = r?.Sns as { MessageId?: unknown } | undefined;
    if (typeof sns?.MessageId === 'string') out.push({ key: `sns:${sns.MessageId}`, messageId: sns.MessageId });
    const kinesis = r?.kinesis as { sequenceNumber?: unknown } | undefined;
    const stream = trigger.eventSourceArn?.split('/').pop();
    if (typeof kinesis?.sequenceNumber === 'string' && stream) out.push({ key: `kinesis:${stream}/${kinesis.sequenceNumber}`, messageId: kinesis.sequenceNumber });
  }
  return out;
}

/** Attribute values as text: strings as sent, binary as base64. */
function attributeText(attributes: MessageAttributeMap | Record<string, { StringValue?: string; BinaryValue?: Uint8Array }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = a.StringValue ?? (a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : '');
  }
  return out;
}
