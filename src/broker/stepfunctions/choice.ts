/**
 * Choice rules (JSONPath): the comparison operators with their `...Path` forms, StringMatches, the type
 * tests (IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp) and And/Or/Not.
 */
import { PathNotFound, readPath } from './json-path';

export type ChoiceRule = Record<string, unknown>;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isTimestamp = (v: unknown): v is string => typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v));

/** `*` matches any run of characters; `\*` and `\\` are literal. */
function wildcardMatch(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '.*';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(value);
}

type Compare = (a: unknown, b: unknown) => boolean;

const str = (f: (a: string, b: string) => boolean): Compare => (a, b) => typeof a === 'string' && typeof b === 'string' && f(a, b);
const numeric = (f: (a: number, b: number) => boolean): Compare => (a, b) => typeof a === 'number' && typeof b === 'number' && f(a, b);
const time = (f: (a: number, b: number) => boolean): Compare => (a, b) => isTimestamp(a) && isTimestamp(b) && f(Date.parse(a), Date.parse(b));

const COMPARISONS: Record<string, Compare> = {
  StringEquals: str((a, b) => a === b),
  StringLessThan: str((a, b) => a < b),
  StringGreaterThan: str((a, b) => a > b),
  StringLessThanEquals: str((a, b) => a <= b),
  StringGreaterThanEquals: str((a, b) => a >= b),
  NumericEquals: numeric((a, b) => a === b),
  NumericLessThan: numeric((a, b) => a < b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
  TimestampEquals: time((a, b) => a === b),
  TimestampLessThan: time((a, b) => a < b),
  TimestampGreaterThan: time((a, b) => a > b),
  TimestampLessThanEquals: time((a, b) => a <= b),
  TimestampGreaterThanEquals: time((a, b) => a >= b),
};

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: isTimestamp,
};

/** The operators a rule may use (validation reads it). */
export const CHOICE_OPERATORS = new Set([
  ...Object.keys(COMPARISONS),
  ...Object.keys(COMPARISONS).map((k) => `${k}Path`),
  'StringMatches',
  'IsPresent',
  ...Object.keys(TYPE_TESTS),
]);

export function evaluateRule(rule: ChoiceRule, data: unknown, context: unknown): boolean {
  if (Array.isArray(rule.And)) return (rule.And as ChoiceRule[]).every((r) => evaluateRule(r, data, context));
  if (Array.isArray(rule.Or)) return (rule.Or as ChoiceRule[]).some((r) => evaluateRule(r, data, context));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateRule(rule.Not as ChoiceRule, data, context);
  const variable = String(rule.Variable);
  let value: unknown;
  let present = true;
  try {
    value = readPath(variable, data, context);
  } catch (e) {
    if (!(e instanceof PathNotFound)) throw e;
    present = false;
  }
  for (const [op, expected] of Object.entries(rule)) {
    if (op === 'Variable' || op === 'Next' || op === 'Comment') continue;
    if (op === 'IsPresent') return present === expected;
    if (!present) throw new PathNotFound(variable);
    if (op in TYPE_TESTS) return TYPE_TESTS[op](value) === expected;
    if (op === 'StringMatches') return typeof value === 'string' && wildcardMatch(value, String(expected));
    if (op.endsWith('Path') && op.slice(0, -4) in COMPARISONS) {
      return COMPARISONS[op.slice(0, -4)](value, readPath(String(expected), data, context));
    }
    if (op in COMPARISONS) return COMPARISONS[op](value, expected);
  }
  return false;
}
