import type { EventBridgeService } from '../../broker/eventbridge/service';
import type { LoggedDelivery, LoggedEvent } from '../../broker/eventbridge/event-log';
import { commonErrors } from '../../broker/errors';
import { compileEventPattern } from '../../broker/eventbridge/pattern-compile';
import { parseTestEvent } from '../../broker/eventbridge/put-events';
import {
  PREVIEW_LENGTH,
  type BusDelivery,
  type BusDescription,
  type BusEventSummary,
  type BusExplanation,
  type PatternTestRequest,
  type PatternTestResult,
  type PutEventRequest,
  type RuleVerdict,
} from '../../inspector/protocol';
import { busDescription } from './bus-description';
import { patternResults, ruleVerdict } from './pattern-verdicts';
import { putEventId, putEventsInput } from './send-entries';

export type EventBridgePort = Pick<EventBridgeService, 'operations' | 'state' | 'explain' | 'recentEvents' | 'listBusSummaries'>;

/** Most recent events a pattern is tried on, whatever the webview asks. */
const MAX_TESTED = 1000;

/** A target's latest delivery of an event, as the inspector lists it. */
function deliveryView(d: LoggedDelivery): BusDelivery {
  return {
    rule: d.ruleName,
    targetId: d.targetId,
    targetArn: d.targetArn,
    status: d.status,
    attempt: d.attempt,
    ...(d.detail !== undefined ? { detail: d.detail } : {}),
  };
}

/**
 * Answers the event bus inspector from the EventBridge engine: the bus's rules, its recent events with
 * the rules they matched and what each target got, every rule's verdict on an event (the first failing
 * field for a miss), a pattern sandbox and putting an event by hand.
 */
export class BusHandler {
  constructor(
    private readonly events: EventBridgePort,
    private readonly busName: string,
  ) {}

  private bus() {
    return this.events.state.bus(this.busName);
  }

  describe(): BusDescription {
    this.bus();
    return busDescription(this.events.listBusSummaries().find((b) => b.name === this.busName)!);
  }

  private logged(): LoggedEvent[] {
    this.bus();
    return this.events.recentEvents(this.busName);
  }

  /** Newest first. */
  list(limit: number): BusEventSummary[] {
    const all = this.logged();
    const out: BusEventSummary[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const e = all[i];
      const detail = JSON.stringify(e.event.detail) ?? '';
      out.push({
        eventId: e.event.id,
        at: e.at,
        source: e.event.source,
        detailType: e.event['detail-type'],
        preview: detail.length > PREVIEW_LENGTH ? `${detail.slice(0, PREVIEW_LENGTH)}…` : detail,
        matchedRules: [...e.matchedRules],
        deliveries: e.deliveries.map(deliveryView),
      });
    }
    return out;
  }

  /**
   * Every rule's verdict on an event. For a logged event the rules it matched when put are the ones it was
   * routed by; the others are explained against the rules as they are now.
   */
  explain(params: { eventId: string } | { event: string }): BusExplanation {
    if ('eventId' in params) {
      const logged = this.logged();
      const entry = [...logged].reverse().find((e) => e.event.id === params.eventId);
      if (!entry) throw commonErrors.invalidParameterValue(`Event ${params.eventId} is no longer among the bus's recent events.`, 'ResourceNotFoundException');
      const eventJson = JSON.stringify(entry.event);
      const verdicts = this.verdicts(entry.event).map((v): RuleVerdict => {
        const routed = entry.matchedRules.includes(v.rule);
        const targets = entry.deliveries
          .filter((d) => d.ruleName === v.rule)
          .map((d) => ({ ...deliveryView(d), received: d.payload ?? eventJson }));
        // Routed when put: it matched then, whatever the rule says now.
        if (routed) return { rule: v.rule, state: v.state, matched: true, targets };
        return { ...v, ...(targets.length ? { targets } : {}) };
      });
      // A rule deleted since the event was put still shows that it took the event.
      for (const name of entry.matchedRules) {
        if (!verdicts.some((v) => v.rule === name)) verdicts.push({ rule: name, state: 'DELETED', matched: true, targets: [] });
      }
      return { eventId: entry.event.id, event: JSON.stringify(entry.event, null, 2), verdicts };
    }
    const event = parseTestEvent(params.event);
    return { event: JSON.stringify(event, null, 2), verdicts: this.verdicts(event) };
  }

  private verdicts(event: unknown): RuleVerdict[] {
    return this.events
      .explain(this.busName, event)
      .sort((a, b) => (a.rule < b.rule ? -1 : 1))
      .map((r) => ruleVerdict(r.rule, r.state, r.result));
  }

  /** The pattern is checked by the engine's compiler, so an invalid one fails with TestEventPattern's words. */
  testPattern(request: PatternTestRequest): PatternTestResult {
    const pattern = compileEventPattern(request.pattern);
    const tried: { eventId?: string; at?: number; event: Record<string, unknown> }[] = [];
    if (request.event !== undefined) tried.push({ event: parseTestEvent(request.event) });
    else {
      const all = this.logged();
      const limit = Math.min(Math.max(0, request.limit), MAX_TESTED);
      for (let i = all.length - 1; i >= 0 && tried.length < limit; i--) {
        const e = all[i];
        tried.push({ eventId: e.event.id, at: e.at, event: e.event as unknown as Record<string, unknown> });
      }
    }
    return patternResults(pattern, tried);
  }

  /** Through PutEvents, so a bad entry is refused in AWS's words (its ErrorCode and ErrorMessage). */
  put(request: PutEventRequest): { eventId: string } {
    this.bus();
    return putEventId(this.events.operations.PutEvents(putEventsInput(this.busName, request)));
  }
}
