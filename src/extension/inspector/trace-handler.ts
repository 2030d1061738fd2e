import type { Trace, Tracer } from '../../broker/trace/tracer';
import type { TraceFindRequest, TraceInfo } from '../../inspector/protocol';
import { BusHandler, type EventBridgePort } from './bus-handler';
import { RequestFailure } from './session';

/** Most traces one search answers, whatever the webview asks. */
const MAX_TRACES = 50;

/**
 * A trace panel's reads: the traces that match what the user typed, each EventBridge put with the rules whose
 * pattern said no and why. Misses are worked out here, when a trace is looked at, from the bus's event log:
 * the send path pays nothing for them.
 */
export class TraceHandler {
  constructor(
    private readonly tracer: Tracer | undefined,
    private readonly eventbridge: EventBridgePort,
  ) {}

  find({ query, by, limit }: TraceFindRequest): TraceInfo[] {
    const tracer = this.tracer;
    if (!tracer) throw new RequestFailure('TracingOff', 'Message traces are off: set eventyard.traceBufferSize above 0.');
    const q = query.trim();
    if (!q) return [];
    const max = Math.min(Math.max(1, limit), MAX_TRACES);
    let traces: Trace[];
    if (by === 'attribute') {
      const eq = q.indexOf('=');
      traces = eq > 0 ? tracer.search({ attributeName: q.slice(0, eq), attributeValue: q.slice(eq + 1), limit: max }) : tracer.search({ attributeValue: q, limit: max });
    } else if (by === 'text') {
      traces = tracer.search({ text: query, limit: max });
    } else {
      const byId = tracer.trace(q);
      traces = byId ? [byId] : by === 'id' ? [] : tracer.search({ text: query, limit: max });
    }
    return traces.map((t) => this.withMisses(t));
  }

  private withMisses(trace: Trace): TraceInfo {
    const info: TraceInfo = { ...trace, hops: trace.hops.map((h) => ({ ...h })) };
    for (const hop of info.hops) {
      if (hop.service !== 'events' || hop.kind !== 'put' || hop.messageId === undefined) continue;
      try {
        const verdicts = new BusHandler(this.eventbridge, hop.resource).explain({ eventId: hop.messageId }).verdicts;
        const misses = verdicts.flatMap((v) => (v.miss && !v.scheduled ? [{ rule: v.rule, miss: v.miss }] : []));
        if (misses.length) hop.patternMisses = misses;
      } catch {
        // The bus's log no longer holds the event (or the bus is gone): the hop is shown without its misses.
      }
    }
    return info;
  }
}
