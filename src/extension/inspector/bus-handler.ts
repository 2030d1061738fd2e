import type { EventBridgeService } from '../../broker/eventbridge/service';
import type { LoggedDelivery, LoggedEvent } from '../../broker/eventbridge/event-log';
import { commonErrors } from '../../broker/errors';
import { compileEventPattern } from '../../broker/eventbridge/pattern-compile';
import { explainMatch, type MatchResult } from '../../broker/eventbridge/pattern-match';
import { parseTestEvent } from '../../broker/eventbridge/put-events';
import {
  PREVIEW_LENGTH,
  type BusDelivery,
  type BusDescription,
  type BusEventSummary,
  type BusExplanation,
  type BusTarget,
  type PatternMissInfo,
  type PatternTestRequest,
  type PatternTestResult,
  type PutEventRequest,
  type RuleVerdict,
} from '../../inspector/protocol';

export type EventBridgePort = Pick<EventBridgeService, 'operations' | 'state' | 'explain' | 'recentEvents'>;

/** Most recent events a pattern is tried on, whatever the webview asks. */
const MAX_TESTED = 1000;

function missInfo(result: MatchResult): PatternMissInfo | undefined {
  if (result.matched) return undefined;
  const m = result.miss;
  return {
    path: m.path,
    expected: JSON.stringify(m.expected),
    ...(m.seen ? { seen: m.seen.map((v) => JSON.stringify(v)) } : {}),
    ...(m.arrayConsistency ? { arrayConsistency: true } : {}),
    text: m.text,
  };
}

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

function describeInput(t: { Input?: string; InputPath?: string; InputTransformer?: { InputTemplate: string } }): string | undefined {
  if (t.Input !== undefined) return `constant input ${t.Input}`;
  if (t.InputPath !== undefined) return `input path ${t.InputPath}`;
  if (t.InputTransformer) return `input transformer ${t.InputTransformer.InputTemplate}`;
  return undefined;
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
    const bus = this.bus();
    return {
      name: bus.name,
      arn: bus.arn,
      rules: [...bus.rules.values()]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((r) => ({
          name: r.name,
          state: r.state,
          ...(r.eventPattern !== undefined ? { pattern: r.eventPattern } : {}),
          ...(r.scheduleExpression !== undefined ? { schedule: r.scheduleExpression } : {}),
          targets: r.targets.map((t): BusTarget => {
            const input = describeInput(t);
            return { id: t.Id, arn: t.Arn, ...(input ? { input } : {}) };
          }),
        })),
    };
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
      .map((r) => {
        if ('scheduled' in r.result) return { rule: r.rule, state: r.state, matched: false, scheduled: true };
        const miss = missInfo(r.result);
        return { rule: r.rule, state: r.state, matched: r.result.matched, ...(miss ? { miss } : {}) };
      });
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
    const results = tried.map(({ eventId, at, event }) => {
      const result = explainMatch(pattern, event);
      const miss = missInfo(result);
      return {
        ...(eventId !== undefined ? { eventId } : {}),
        ...(at !== undefined ? { at } : {}),
        source: String(event.source),
        detailType: String(event['detail-type']),
        matched: result.matched,
        ...(miss ? { miss } : {}),
      };
    });
    return { results, matched: results.filter((r) => r.matched).length };
  }

  /** Through PutEvents, so a bad entry is refused in AWS's words (its ErrorCode and ErrorMessage). */
  put(request: PutEventRequest): { eventId: string } {
    this.bus();
    const out = this.events.operations.PutEvents({
      Entries: [
        {
          Source: request.source,
          DetailType: request.detailType,
          Detail: request.detail,
          EventBusName: this.busName,
          ...(request.resources?.length ? { Resources: request.resources } : {}),
        },
      ],
    });
    const entry = out.Entries[0];
    if (!entry?.EventId) throw commonErrors.invalidParameterValue(entry?.ErrorMessage ?? 'The event was not put.', entry?.ErrorCode ?? 'InvalidArgument');
    return { eventId: entry.EventId };
  }
}
