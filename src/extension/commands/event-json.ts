/**
 * What the EventBridge commands do with event JSON, free of `vscode` (unit-tested): read the event(s) a user
 * wrote or selected, build the envelope a pattern is matched against, list an event's fields, make a
 * pattern from the chosen ones, and say whether (and why not) a pattern matches.
 */
import type { PutEventsRequestEntry } from '../../broker/eventbridge/api';
import { buildEnvelope, type EventEnvelope } from '../../broker/eventbridge/envelope';
import { compileEventPattern, type Scalar } from '../../broker/eventbridge/pattern-compile';
import { explainMatch } from '../../broker/eventbridge/pattern-match';

/** A PutEvents entry as the user wrote it (or as it came from an envelope), ready to send. */
export type EventEntry = Required<Pick<PutEventsRequestEntry, 'Source' | 'DetailType' | 'Detail'>> & Pick<PutEventsRequestEntry, 'Resources' | 'EventBusName'>;

/** What a new event in the editor starts as: a PutEvents entry, Detail as an object for easy editing. */
export const SAMPLE_EVENT = {
  Source: 'shop.orders',
  DetailType: 'OrderPlaced',
  Detail: { orderId: 'o-1001', total: 42.5, customer: { tier: 'gold' } },
};

/**
 * Reads one event or an array of them (at most 10, as PutEvents takes). Each is a PutEvents entry
 * (`Source`, `DetailType`, `Detail` as an object or a JSON string, `Resources`) or an event as targets
 * receive it (`source`, `detail-type`, `detail`, `resources`). Throws an Error in a sentence for people.
 */
export function parseEvents(text: string): EventEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`The event is not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0) throw new Error('The array holds no event.');
  if (list.length > 10) throw new Error(`PutEvents takes at most 10 events at once; this holds ${list.length}.`);
  return list.map((raw, i) => entryOf(raw, list.length > 1 ? `Event ${i + 1}` : 'The event'));
}

function entryOf(raw: unknown, what: string): EventEntry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${what} must be a JSON object.`);
  const e = raw as Record<string, unknown>;
  const envelope = 'source' in e || 'detail-type' in e || 'detail' in e;
  const source = envelope ? e.source : e.Source;
  const detailType = envelope ? e['detail-type'] : e.DetailType;
  const detail = envelope ? e.detail : e.Detail;
  const resources = envelope ? e.resources : e.Resources;
  const [sourceKey, typeKey, detailKey] = envelope ? ['source', 'detail-type', 'detail'] : ['Source', 'DetailType', 'Detail'];
  if (typeof source !== 'string' || !source) throw new Error(`${what} has no "${sourceKey}" string.`);
  if (typeof detailType !== 'string' || !detailType) throw new Error(`${what} has no "${typeKey}" string.`);
  let detailText: string;
  if (typeof detail === 'string') detailText = detail;
  else if (detail && typeof detail === 'object' && !Array.isArray(detail)) detailText = JSON.stringify(detail);
  else throw new Error(`${what} has no "${detailKey}" object.`);
  if (resources !== undefined && (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))) {
    throw new Error(`${what}: "${envelope ? 'resources' : 'Resources'}" must be an array of strings.`);
  }
  const entry: EventEntry = { Source: source, DetailType: detailType, Detail: detailText };
  if (resources?.length) entry.Resources = resources as string[];
  if (!envelope && typeof e.EventBusName === 'string') entry.EventBusName = e.EventBusName;
  return entry;
}

/** The event as a rule sees it (the envelope), for matching in the editor; id and time are placeholders. */
export function envelopeOf(entry: EventEntry, identity: { accountId: string; region: string }, id = '00000000-0000-0000-0000-000000000000', time = Date.now()): EventEnvelope {
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    throw new Error('The event\'s detail is not JSON.');
  }
  return buildEnvelope({ id, detailType: entry.DetailType, source: entry.Source, account: identity.accountId, time, region: identity.region, resources: entry.Resources, detail });
}

/** An event already in envelope form (from the editor, or a recent event), or else an entry turned into one. */
export function eventForMatching(text: string, identity: { accountId: string; region: string }): Record<string, unknown> {
  const [entry] = parseEvents(text);
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (!Array.isArray(raw) && 'detail-type' in raw && 'id' in raw && 'time' in raw) return raw;
  return envelopeOf(entry, identity) as unknown as Record<string, unknown>;
}

export interface EventField {
  /** Dotted path (`detail.customer.tier`). */
  path: string;
  /** The field's values: one for a scalar, the elements for an array of scalars. */
  values: Scalar[];
}

/** Envelope members a pattern never needs: they differ for every event. */
const UNIQUE = new Set(['id', 'time', 'version']);

/** The leaf fields of an event a pattern can ask for, in the event's order (id, time and version left out). */
export function eventFields(event: Record<string, unknown>): EventField[] {
  const out: EventField[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      const scalars = value.filter(isScalar);
      if (scalars.length) out.push({ path, values: scalars });
      for (const v of value) if (v && typeof v === 'object') walk(v, path);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (isScalar(value) && !UNIQUE.has(path)) {
      out.push({ path, values: [value] });
    }
  };
  walk(event, '');
  return out;
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** An event pattern asking for exactly the chosen fields' values, nested as the event nests them. */
export function patternFromFields(fields: EventField[]): Record<string, unknown> {
  if (fields.length === 0) throw new Error('Choose at least one field: a pattern with no field matches nothing.');
  const pattern: Record<string, unknown> = {};
  for (const f of fields) {
    const keys = f.path.split('.');
    let node = pattern;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    const last = keys[keys.length - 1];
    const existing = (node[last] as Scalar[] | undefined) ?? [];
    node[last] = [...existing, ...f.values.filter((v) => !existing.includes(v))];
  }
  return pattern;
}

export type PatternVerdict = { matched: true } | { matched: false; path: string; seen?: Scalar[]; text: string };

/**
 * Whether a pattern matches an event and, if not, the first field that failed and the event's value there,
 * as the engine decides it (the same compiler and matcher that route events). A pattern AWS would refuse
 * throws the engine's AwsError (InvalidEventPatternException, with AWS's words).
 */
export function testPattern(patternText: string, event: unknown): PatternVerdict {
  const result = explainMatch(compileEventPattern(patternText), event);
  if (result.matched) return { matched: true };
  const { path, seen, text } = result.miss;
  return { matched: false, path, ...(seen ? { seen } : {}), text };
}
