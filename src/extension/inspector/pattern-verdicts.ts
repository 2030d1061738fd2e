import { compileEventPattern, type CompiledEventPattern } from '../../broker/eventbridge/pattern-compile';
import { explainMatch, flattenEvent, type MatchResult } from '../../broker/eventbridge/pattern-match';
import type { BusRule, PatternMissInfo, PatternTestResult, RuleVerdict } from '../../inspector/protocol';

/** A rule's verdict as the engine gives it: a match or the first failing field, or a scheduled rule's "never". */
export type RuleResult = MatchResult | { matched: false; scheduled: true };

export function missInfo(result: MatchResult): PatternMissInfo | undefined {
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

export function ruleVerdict(rule: string, state: string, result: RuleResult): RuleVerdict {
  if ('scheduled' in result) return { rule, state, matched: false, scheduled: true };
  const miss = missInfo(result);
  return { rule, state, matched: result.matched, ...(miss ? { miss } : {}) };
}

/**
 * Every rule's verdict on an event, judged here by the engine's compiler and matcher from the rules'
 * patterns as the service answered them (a connection's rules, which no local bus holds). A pattern the
 * engine cannot read (a newer form of the service's) is said to be one, not taken for a miss of the event.
 */
export function judgeRules(rules: BusRule[], event: unknown): RuleVerdict[] {
  const flat = flattenEvent(event);
  return rules.map((r) => {
    if (r.pattern === undefined) return ruleVerdict(r.name, r.state, { matched: false, scheduled: true });
    let compiled: CompiledEventPattern;
    try {
      compiled = compileEventPattern(r.pattern);
    } catch (e) {
      const text = `Eventyard's matcher cannot read this rule's pattern (${(e as Error).message}); the service routes by it all the same.`;
      return { rule: r.name, state: r.state, matched: false, miss: { path: '', expected: r.pattern, text } };
    }
    return ruleVerdict(r.name, r.state, explainMatch(compiled, flat));
  });
}

/** A pattern's verdict on each event tried (newest first, or one pasted), counted. */
export function patternResults(pattern: CompiledEventPattern, tried: { eventId?: string; at?: number; event: Record<string, unknown> }[]): PatternTestResult {
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
