/**
 * Matching events against compiled event patterns, with an explanation of why an event missed.
 *
 * The event is flattened to its leaves (nested names joined with dots, so a pattern may say
 * `"state.status"` or nest `{"state": {"status": ...}}` alike). An array in the event contributes each
 * element, and an empty array contributes nothing (the field then does not exist). Fields matched inside
 * objects of one array must come from the same element, as AWS's event-ruler checks ("array consistency").
 * Type matters: `"5"` does not match 5, prefix/suffix/wildcard/equals-ignore-case only match strings, numeric
 * only numbers; anything-but matches any present value (null, numbers, booleans too) not excluded.
 */
import { cidrContains } from '../patterns/cidr';
import type { CompiledEventPattern, PatternCondition, PatternField, Scalar } from './pattern-compile';

/** A leaf value and the array elements it sits in (pairs of array id and element index). */
interface Leaf {
  value: Scalar;
  trail: number[];
}

export type FlatEvent = Map<string, Leaf[]>;

/** Why an event did not match: the first field no leaf of the event satisfies, and what the event had there. */
export interface PatternMiss {
  /** Dotted path of the field (`detail.state`). */
  path: string;
  /** The field's value list as the pattern writes it. */
  expected: unknown;
  /** The values the event has there; absent when the event has no such field. */
  seen?: Scalar[];
  /** True when each field matched alone but not within one element of an array. */
  arrayConsistency?: boolean;
  /** One sentence for people. */
  text: string;
}

export type MatchResult = { matched: true } | { matched: false; miss: PatternMiss };

export function flattenEvent(event: unknown): FlatEvent {
  const out: FlatEvent = new Map();
  let arrays = 0;
  const walk = (value: unknown, path: string, trail: number[]) => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((v, i) => walk(v, path, [...trail, id, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, trail);
    } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      let leaves = out.get(path);
      if (!leaves) out.set(path, (leaves = []));
      leaves.push({ value, trail });
    }
  };
  walk(event, '', []);
  return out;
}

export function matchesPattern(pattern: CompiledEventPattern, event: unknown | FlatEvent): boolean {
  return explainMatch(pattern, event).matched;
}

/** Matches and, on a miss, says which field failed first (from the alternative that came closest). */
export function explainMatch(pattern: CompiledEventPattern, event: unknown | FlatEvent): MatchResult {
  const flat = event instanceof Map ? (event as FlatEvent) : flattenEvent(event);
  let best: { depth: number; miss: PatternMiss } | undefined;
  for (const fields of pattern.alternatives) {
    const attempt = matchAlternative(fields, flat);
    if (attempt === true) return { matched: true };
    if (!best || attempt.depth > best.depth) best = attempt;
  }
  return { matched: false, miss: best!.miss };
}

function matchAlternative(fields: PatternField[], flat: FlatEvent): true | { depth: number; miss: PatternMiss } {
  let deepest = -1;
  const assign = (i: number, bound: Map<number, number>): boolean => {
    if (i === fields.length) return true;
    deepest = Math.max(deepest, i);
    const field = fields[i];
    const leaves = flat.get(field.path);
    if (!leaves) return field.conditions.some((c) => c.kind === 'exists' && !c.value) && assign(i + 1, bound);
    for (const leaf of leaves) {
      if (!consistent(leaf.trail, bound)) continue;
      if (!field.conditions.some((c) => conditionMatches(c, leaf.value))) continue;
      const next = new Map(bound);
      for (let k = 0; k < leaf.trail.length; k += 2) next.set(leaf.trail[k], leaf.trail[k + 1]);
      if (assign(i + 1, next)) return true;
    }
    return false;
  };
  if (assign(0, new Map())) return true;
  const field = fields[deepest];
  const leaves = flat.get(field.path);
  const seen = leaves?.map((l) => l.value);
  const aloneMatches = leaves?.some((l) => field.conditions.some((c) => conditionMatches(c, l.value))) ?? false;
  const expected = JSON.stringify(field.written);
  let text: string;
  if (!seen) text = `${field.path}: the event has no such field; the pattern wants ${expected}`;
  else if (aloneMatches) {
    text = `${field.path}: ${JSON.stringify(seen)} matches ${expected} only in other array elements than the fields before it`;
  } else text = `${field.path}: ${seen.length === 1 ? JSON.stringify(seen[0]) : JSON.stringify(seen)} does not match ${expected}`;
  return {
    depth: deepest,
    miss: { path: field.path, expected: field.written, ...(seen ? { seen } : {}), ...(aloneMatches ? { arrayConsistency: true } : {}), text },
  };
}

function consistent(trail: number[], bound: Map<number, number>): boolean {
  for (let k = 0; k < trail.length; k += 2) {
    const index = bound.get(trail[k]);
    if (index !== undefined && index !== trail[k + 1]) return false;
  }
  return true;
}

export function conditionMatches(c: PatternCondition, value: Scalar): boolean {
  switch (c.kind) {
    case 'exact':
      return c.value === value;
    case 'exists':
      return c.value;
    case 'prefix':
      if (typeof value !== 'string') return false;
      return c.ignoreCase ? value.toLowerCase().startsWith(c.value.toLowerCase()) : value.startsWith(c.value);
    case 'suffix':
      if (typeof value !== 'string') return false;
      return c.ignoreCase ? value.toLowerCase().endsWith(c.value.toLowerCase()) : value.endsWith(c.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === c.value.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && c.regex.test(value);
    case 'anything-but':
      return !c.values.some((v) => v === value);
    case 'anything-but-prefix':
      return typeof value !== 'string' || !c.values.some((p) => value.startsWith(p));
    case 'anything-but-suffix':
      return typeof value !== 'string' || !c.values.some((s) => value.endsWith(s));
    case 'anything-but-ignore-case':
      return typeof value !== 'string' || !c.values.some((s) => s.toLowerCase() === value.toLowerCase());
    case 'anything-but-wildcard':
      return typeof value !== 'string' || !c.regexes.some((r) => r.test(value));
    case 'numeric':
      return typeof value === 'number' && inRange(c, value);
    case 'cidr':
      return typeof value === 'string' && cidrContains(c.block, value);
  }
}

function inRange(c: PatternCondition & { kind: 'numeric' }, v: number): boolean {
  if (c.equals !== undefined) return v === c.equals;
  if (c.lower !== undefined && (c.lowerInclusive ? v < c.lower : v <= c.lower)) return false;
  if (c.upper !== undefined && (c.upperInclusive ? v > c.upper : v >= c.upper)) return false;
  return true;
}
