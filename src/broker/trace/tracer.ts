import type { BrokerEvent, EventBus } from '../events';
import type { MessageAttributeMap } from '../sqs/api';
import { currentCause, currentOrigin, type TraceOrigin } from './cause';
import { s3TraceKey } from '../s3/events';
import type { TraceHop, TraceHopKind } from './hop';
import { Ring } from './ring';

/** Hops kept per resource (queue, topic, stream, ...) unless the broker is told otherwise. */
export const DEFAULT_TRACE_BUFFER_SIZE = 1000;

/** A trace as the admin route and the inspector get it: its hops in the order they happened. */
export interface Trace {
  traceId: string;
  /** Who made the request the trace started with, when it came over the wire or from the editor. */
  origin?: TraceOrigin;
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

/** Hops that bring a message into the broker: a trace they start records where it entered. */
const ENTERING = new Set<TraceHopKind>(['sent', 'published', 'put', 'objectChanged']);

/** A trace's hops and the message keys that lead to it, dropped together with its last hop. */
class TraceEntry {
  hops: TraceHop[] = [];
  origin?: TraceOrigin;

  constructor(
    readonly traceId: string,
    /** One key (most traces: a message that went nowhere else) or several; one string saves an array per message. */
    public keys: string | string[],
  ) {}
}

type SqsMessageEvent = Extract<BrokerEvent, { service: 'sqs'; messageId: string; record?: unknown }>;

/**
 * An SQS send that nothing caused and no request named, kept as its change event in its queue's ring and
 * nowhere else: the send path's hop costs no allocation and no index entry. Most messages of a busy queue
 * are sent and deleted and nothing else. A later hop of the message starts a TraceEntry under the same id;
 * looks (`trace`, `search`) find the send by scanning the queues' rings, which are bounded, and put it first.
 */
type BareSend = SqsMessageEvent;

/** A ring slot's owner: the trace; none for a bare send, which leaves its ring without a trace to update. */
type Owner = TraceEntry | undefined;

/**
 * Follows every message, record and event through the broker from its change events, as they happen: each
 * gets a trace, and each hop (sent, received, delivered, filtered out, invoked, moved to a DLQ, redriven) is
 * kept with its payload. Memory is bounded: each resource keeps its newest `bufferSize` hops in a ring, and a
 * trace lives as long as any of its hops does. A message made while another is being handled (an SNS
 * delivery to a queue, `withCause`) continues that one's trace.
 */
export class Tracer {
  /** Per service, per resource name: its ring of hops. Two levels so the send path builds no `service:name` string. */
  private readonly rings = new Map<TraceHop['service'], Map<string, Ring<TraceHop | BareSend, Owner>>>();
  /**
   * A message key (an SQS MessageId, `sns:<MessageId>`, `kinesis:<stream>/<sequence>`, ...) and each trace's
   * own id to the trace. An SQS message's key is its id, which is also its trace's id: one entry serves both.
   */
  private readonly traceOfKey = new Map<string, TraceEntry>();
  private seq = 0;
  private readonly unsubscribe: (() => void)[] = [];
  /** Bound once: the rings call it for each hop they push out. */
  private readonly evicted = (item: TraceHop | BareSend, owner: Owner) => {
    if (owner) this.forget(item as TraceHop, owner);
  };

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
    const entry = this.entryOf(id);
    // A bare send is the first hop of the trace named after its message.
    const bare = entry === undefined || entry.traceId === id ? this.bareSend(entry?.traceId ?? id) : undefined;
    if (!entry && !bare) return undefined;
    return view(entry, bare);
  }

  /** The bare send of a message, looked for in the queues' rings (newest first: a message is sent once). */
  private bareSend(messageId: string): { item: BareSend; stamp: number } | undefined {
    const queues = this.rings.get('sqs');
    if (!queues) return undefined;
    for (const ring of queues.values()) {
      const found = ring.findLast((item, owner) => owner === undefined && (item as BareSend).messageId === messageId);
      if (found) return found as { item: BareSend; stamp: number };
    }
    return undefined;
  }

  /** Traces with a hop matching the query, newest first. */
  search(query: TraceQuery): Trace[] {
    if (query.id !== undefined) {
      const found = this.trace(query.id);
      return found && this.matches(found.hops, query) ? [found] : [];
    }
    // Every trace the rings hold: the entries (a trace with several keys once) and the bare sends, each bare
    // send joined to the entry its message's later hops started. Newest first by their last hop.
    const bare = new Map<string, { item: BareSend; stamp: number }>();
    for (const ring of this.rings.get('sqs')?.values() ?? []) {
      ring.forEach((item, owner, stamp) => owner === undefined && bare.set((item as BareSend).messageId, { item: item as BareSend, stamp }));
    }
    const traces: Trace[] = [];
    for (const entry of new Set(this.traceOfKey.values())) {
      const first = bare.get(entry.traceId);
      if (first) bare.delete(entry.traceId);
      traces.push(view(entry, first));
    }
    for (const sent of bare.values()) traces.push(view(undefined, sent));
    const last = (t: Trace) => t.hops[t.hops.length - 1]?.seq ?? 0;
    // (Hops are numbered in the order they happened, bare sends too: the last hop's number orders traces.)
    traces.sort((a, b) => last(b) - last(a));
    const out: Trace[] = [];
    for (const t of traces) {
      if (this.matches(t.hops, query)) out.push(t);
      if (out.length >= (query.limit ?? 50)) break;
    }
    return out;
  }

  /** How many hops each resource's ring holds, by `service:resource` (tests check the bound). */
  ringSizes(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [service, byName] of this.rings) for (const [name, ring] of byName) out.set(`${service}:${name}`, ring.size);
    return out;
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
    const direct = this.traceOfKey.get(messageId);
    if (direct !== undefined) return direct;
    for (const service of ['sns', 'events', 'kinesis', 'firehose', 's3']) {
      const t = this.traceOfKey.get(`${service}:${messageId}`);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** The trace of a key, starting one (named after the message) when the key has none and nothing caused it. */
  private traceFor(key: string, messageId: string, entering: boolean): TraceEntry {
    const known = this.traceOfKey.get(key);
    if (known !== undefined) return known;
    const cause = currentCause();
    let entry = cause === undefined ? undefined : this.traceOfKey.get(cause);
    if (entry) {
      addKey(entry, key);
    } else {
      entry = new TraceEntry(messageId, key);
      // Only a hop that brings a message in says where the trace entered (a receive by a wire client does not).
      const origin = entering ? currentOrigin() : undefined;
      if (origin) entry.origin = origin;
      // A trace whose id is not its key (an SNS MessageId under `sns:<id>`) is found by its id too.
      if (messageId !== key) {
        addKey(entry, messageId);
        this.traceOfKey.set(messageId, entry);
      }
    }
    this.traceOfKey.set(key, entry);
    return entry;
  }

  private ring(service: TraceHop['service'], resource: string): Ring<TraceHop | BareSend, Owner> {
    let byName = this.rings.get(service);
    if (!byName) this.rings.set(service, (byName = new Map()));
    let ring = byName.get(resource);
    if (!ring) byName.set(resource, (ring = new Ring<TraceHop | BareSend, Owner>(this.bufferSize)));
    return ring;
  }

  /** Records a hop of the message `key` names; `hop.traceId` and `hop.seq` are filled in here. */
  private add(key: string, fields: Omit<TraceHop, 'traceId' | 'seq'> & Partial<TraceHop>): void {
    const hop = fields as TraceHop;
    const entry = this.traceFor(key, hop.messageId ?? key, ENTERING.has(hop.kind));
    hop.traceId = entry.traceId;
    hop.seq = ++this.seq;
    entry.hops.push(hop);
    this.ring(hop.service, hop.resource).push(hop, entry, hop.seq, this.evicted);
  }

  /** A hop left its ring: it leaves its trace, and a trace with no hop left leaves with its keys. */
  private forget(hop: TraceHop, entry: TraceEntry): void {
    const hops = entry.hops;
    // The oldest hop of a resource is most often the oldest of its trace.
    if (hops[0] === hop) hops.shift();
    else {
      const i = hops.indexOf(hop);
      if (i >= 0) hops.splice(i, 1);
    }
    if (hops.length > 0) return;
    if (typeof entry.keys === 'string') this.traceOfKey.delete(entry.keys);
    else for (const key of entry.keys) this.traceOfKey.delete(key);
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
            ...(event.event ? { payload: JSON.stringify(event.event) } : {}),
          });
          // Each rule that routes it is a hop of its own, so the timeline shows bus -> rule -> target.
          for (const rule of event.matchedRules) {
            this.add(`events:${event.eventId}`, { at: event.at, service: 'events', resource: event.busName, kind: 'ruleMatched', messageId: event.eventId, detail: `rule ${rule}` });
          }
        } else if (event.type === 'delivery') {
          this.add(`events:${event.eventId}`, {
            at: event.at, service: 'events', resource: event.busName, messageId: event.eventId,
            kind: event.status === 'delivered' ? 'delivered' : event.status === 'retrying' ? 'deliveryRetrying' : event.status === 'deadLettered' ? 'deadLettered' : 'deliveryFailed',
            detail: `rule ${event.ruleName} -> ${event.targetArn}${event.detail ? `: ${event.detail}` : ''}`,
          });
        }
        return;
      case 's3':
        if (event.type === 'objectChanged' && event.sequencer !== undefined) {
          this.add(s3TraceKey(event.bucket, event.sequencer), {
            at: event.at, service: 's3', resource: event.bucket, kind: 'objectChanged', messageId: event.sequencer, detail: `${event.eventName} ${event.key}`,
          });
        } else if (event.type === 'notificationFailed') {
          this.add(s3TraceKey(event.bucket, event.sequencer), {
            at: event.at, service: 's3', resource: event.bucket, kind: 'deliveryFailed', messageId: event.sequencer, detail: `${event.destination}: ${event.error}`,
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
      // The hot path (every send): with nothing before it, the event itself is the record (no allocation).
      // (A sent message's id is new: no trace can hold it yet, so there is nothing to look up.)
      if (currentCause() === undefined && currentOrigin() === undefined) {
        this.ring('sqs', event.queueName).push(event, undefined, ++this.seq, this.evicted);
        return;
      }
      this.add(key, sentHop(event));
      return;
    }
    const kind = SQS_KINDS[event.type];
    if (!kind) return;
    // Every receive and delete passes here too: a literal of one shape with traceId and seq in it (filled
    // in by add), no spreads; building it with conditional spreads cost more than the receive itself.
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
      // Only messages still traced (an SQS message may be a bare send, found in its queue's ring).
      if (!this.traceOfKey.has(key) && !(key === messageId && this.bareSend(key))) continue;
      this.add(key, { at: event.at, service: 'functions', resource: event.functionName, kind, messageId, detail, ...(output !== undefined ? { payload: output } : {}) });
    }
  }
}

/** The message keys of what a function was invoked with (SQS and SNS records, Kinesis records). */
function invocationKeys(input: unknown, trigger: { type: string; eventSourceArn?: string }): { key: string; messageId: string }[] {
  const records = (input as { Records?: unknown[] } | undefined)?.Records;
  if (!Array.isArray(records)) {
    // An EventBridge event given to a rule's function target.
    const event = input as { id?: unknown; 'detail-type'?: unknown } | undefined;
    return typeof event?.id === 'string' && typeof event['detail-type'] === 'string' ? [{ key: `events:${event.id}`, messageId: event.id }] : [];
  }
  const out: { key: string; messageId: string }[] = [];
  for (const r of records as Record<string, unknown>[]) {
    if (typeof r?.messageId === 'string') out.push({ key: r.messageId, messageId: r.messageId });
    const sns = r?.Sns as { MessageId?: unknown } | undefined;
    if (typeof sns?.MessageId === 'string') out.push({ key: `sns:${sns.MessageId}`, messageId: sns.MessageId });
    const s3 = r?.s3 as { bucket?: { name?: unknown }; object?: { sequencer?: unknown } } | undefined;
    if (typeof s3?.bucket?.name === 'string' && typeof s3.object?.sequencer === 'string') {
      out.push({ key: s3TraceKey(s3.bucket.name, s3.object.sequencer), messageId: s3.object.sequencer });
    }
    const kinesis = r?.kinesis as { sequenceNumber?: unknown } | undefined;
    const stream = trigger.eventSourceArn?.split('/').pop();
    if (typeof kinesis?.sequenceNumber === 'string' && stream) out.push({ key: `kinesis:${stream}/${kinesis.sequenceNumber}`, messageId: kinesis.sequenceNumber });
  }
  return out;
}

/** The hop an SQS send is, from its event (`traceId` and `seq` are filled in by the tracer). */
function sentHop(sent: BareSend, seq = 0): TraceHop {
  const record = sent.record;
  const hop: TraceHop = { traceId: sent.messageId, seq, at: sent.at, service: 'sqs', resource: sent.queueName, kind: 'sent', messageId: sent.messageId, payload: record?.body };
  if (record?.messageAttributes) hop.attributes = attributeText(record.messageAttributes);
  return hop;
}

function addKey(entry: TraceEntry, key: string): void {
  if (typeof entry.keys === 'string') entry.keys = [entry.keys, key];
  else entry.keys.push(key);
}

/** A trace as it leaves the tracer: a copy of its hop list, so later hops do not change an answer already given. */
function view(entry: TraceEntry | undefined, bare?: { item: BareSend; stamp: number }): Trace {
  const hops = entry ? [...entry.hops] : [];
  // A bare send came before every other hop of its message.
  if (bare) hops.unshift(sentHop(bare.item, bare.stamp));
  const trace: Trace = { traceId: entry?.traceId ?? bare!.item.messageId, hops };
  if (entry?.origin) trace.origin = entry.origin;
  return trace;
}

/** Attribute values as text: strings as sent, binary as base64. */
function attributeText(attributes: MessageAttributeMap | Record<string, { StringValue?: string; BinaryValue?: Uint8Array }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = a.StringValue ?? (a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : '');
  }
  return out;
}
