/** Events in: PutEvents (routing to matching rules' targets) and TestEventPattern. */
import { randomUUID } from 'node:crypto';
import type * as api from './api';
import { archiveEvent } from './archives';
import { buildEnvelope, entrySize, EventEnvelope, MAX_PUT_EVENTS_BYTES } from './envelope';
import { constraintError, eventsErrors } from './errors';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth';
import { compileEventPattern } from './pattern-compile';
import { explainMatch, flattenEvent, type MatchResult } from './pattern-match';
import type { Rule } from './model';
import { busName, EventsState } from './state';

const MAX_ENTRIES = 10;
/** Bus-to-bus hops one event may take inside the broker before it is dropped (AWS allows one cross-bus hop per target). */
const MAX_HOPS = 5;

/** How Java prints an entry in AWS's "Value '[...]' at 'entries'" message. */
function javaEntry(e: api.PutEventsRequestEntry): string {
  const v = (x: unknown) => (x === undefined || x === null ? 'null' : Array.isArray(x) ? `[${x.join(', ')}]` : String(x));
  return `PutEventsRequestEntry(time=${v(e.Time)}, source=${v(e.Source)}, resources=${v(e.Resources)}, detailType=${v(e.DetailType)}, detail=${v(e.Detail)}, eventBusName=${v(e.EventBusName)}, traceHeader=${v(e.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`;
}

function entryError(e: api.PutEventsRequestEntry): api.PutEventsResultEntry | undefined {
  const required = (name: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.` });
  if (!e.Source) return required('Source');
  if (!e.DetailType) return required('DetailType');
  if (e.Detail === undefined || e.Detail === '') return required('Detail');
  if (tooDeep(e.Detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail);
  } catch {
    detail = undefined;
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return undefined;
}

function timeOf(value: api.PutEventsRequestEntry['Time'], now: number): number {
  if (value === undefined) return now;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? now : parsed;
}

export function putEventsOperations(s: EventsState) {
  return {
    PutEvents(input: api.PutEventsInput): api.PutEventsOutput {
      const entries = input.Entries ?? [];
      if (entries.length > MAX_ENTRIES) {
        throw constraintError([{ value: `[${entries.map(javaEntry).join(', ')}]`, path: 'entries', constraint: 'Member must have length less than or equal to 10' }]);
      }
      if (entries.length === 0) {
        throw constraintError([{ value: '[]', path: 'entries', constraint: 'Member must have length greater than or equal to 1' }]);
      }
      const total = entries.reduce((sum, e) => sum + entrySize(e), 0);
      if (total > MAX_PUT_EVENTS_BYTES) throw eventsErrors.validation('Total size of the entries in the request is over the limit.');
      const now = s.now();
      const results = entries.map((e): api.PutEventsResultEntry => {
        const error = entryError(e);
        if (error) return error;
        const event = buildEnvelope({
          id: randomUUID(),
          detailType: e.DetailType!,
          source: e.Source!,
          account: s.ctx.identity.accountId,
          time: timeOf(e.Time, now),
          region: s.ctx.identity.region,
          resources: e.Resources,
          detail: JSON.parse(e.Detail!),
        });
        route(s, busName(e.EventBusName), event, now, 0);
        return { EventId: event.id };
      });
      return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
    },

    TestEventPattern(input: api.TestEventPatternInput): api.TestEventPatternOutput {
      const pattern = compileEventPattern(input.EventPattern);
      return { Result: explainMatch(pattern, parseTestEvent(input.Event)).matched };
    },
  };
}

/** TestEventPattern's Event: a JSON object with the envelope members AWS requires, else "Parameter Event is not valid." */
export function parseTestEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    if (tooDeep(text, MAX_JSON_DEPTH)) throw new Error('too deep');
    event = JSON.parse(text);
  } catch {
    throw eventsErrors.invalidParameter('Event');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw eventsErrors.invalidParameter('Event');
  const e = event as Record<string, unknown>;
  for (const key of ['id', 'account', 'source', 'time', 'region', 'detail-type']) {
    if (typeof e[key] !== 'string') throw eventsErrors.invalidParameter('Event');
  }
  return e;
}

/** The rules of a bus an event matches (enabled, with a pattern), found through the bus's index. */
export function matchingRules(s: EventsState, bus: string, event: EventEnvelope): Rule[] {
  const b = s.buses.get(bus);
  if (!b) return [];
  const flat = flattenEvent(event);
  return b.index
    .candidates(event)
    .filter((r) => r.state !== 'DISABLED' && r.compiled && explainMatch(r.compiled, flat).matched)
    .sort((a, c) => (a.name < c.name ? -1 : 1));
}

/** Every rule of a bus with its verdict for an event (the inspector's "why did this rule not match"). */
export function explainRules(s: EventsState, bus: string, event: unknown): { rule: string; state: string; result: MatchResult | { matched: false; scheduled: true } }[] {
  const b = s.bus(bus);
  const flat = flattenEvent(event);
  return [...b.rules.values()].map((r) => ({
    rule: r.name,
    state: r.state,
    result: r.compiled ? explainMatch(r.compiled, flat) : { matched: false as const, scheduled: true as const },
  }));
}

/** Delivers an event put on a bus (or forwarded from another bus) to the targets of every rule it matches. */
export function route(s: EventsState, bus: string, event: EventEnvelope, ingestedAt: number, hops: number): void {
  // An event for a bus that does not exist is accepted and dropped, as AWS does (test_put_events_nonexistent_event_bus).
  const rules = matchingRules(s, bus, event);
  s.log.add({ at: s.now(), busName: bus, event, matchedRules: rules.map((r) => r.name) });
  s.emit({ type: 'eventPut', busName: bus, eventId: event.id, source: event.source, detailType: event['detail-type'], matchedRules: rules.map((r) => r.name), event });
  if (hops > MAX_HOPS) return;
  for (const rule of rules) if (rule.archiveName) archiveEvent(s, rule.archiveName, event);
  for (const rule of rules) for (const target of rule.targets) s.dispatcher.deliver(rule, target, event, ingestedAt);
}

export { MAX_HOPS };
