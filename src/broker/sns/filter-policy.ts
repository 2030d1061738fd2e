import type { MessageAttributeMap } from './api';
import { cidrContains } from '../patterns/cidr';
import type { CompiledFilterPolicy, FilterPolicyScope, FilterRule } from './filter-policy-compile';

type Scalar = string | number | boolean | null;

/** Why a message did not reach a subscription: the key whose rules it failed. */
export interface FilterVerdict {
  matched: boolean;
  /** For a miss: the policy key that failed (from the closest alternative). */
  failedKey?: string;
  /** For a miss: that key's conditions as the policy wrote them, and the values the message had (absent: no such key). */
  condition?: string;
  seen?: Scalar[];
}

/**
 * Decides whether a published message passes a subscription's filter policy, on its message attributes or,
 * with FilterPolicyScope MessageBody, on its JSON body (nested keys flattened to dotted paths, arrays
 * matching when any element matches).
 */
export function evaluateFilterPolicy(
  policy: CompiledFilterPolicy,
  scope: FilterPolicyScope,
  message: string,
  attributes: MessageAttributeMap | undefined,
): FilterVerdict {
  const values = scope === 'MessageBody' ? bodyValues(message) : attributeValues(attributes ?? {});
  if (!values) return { matched: false, failedKey: '(message body is not a JSON object)' };
  let miss: FilterVerdict | undefined;
  for (const alternative of policy.alternatives) {
    const failed = [...alternative].find(([key, rules]) => !keyMatches(rules, values.get(key)));
    if (!failed) return { matched: true };
    const [key, rules] = failed;
    miss ??= { matched: false, failedKey: key, condition: describeRules(rules), seen: values.get(key) };
  }
  return miss ?? { matched: false };
}

/** A key's values; undefined when the key is absent. A Number attribute is kept as a number. */
type Values = Map<string, Scalar[]>;

function attributeValues(attributes: MessageAttributeMap): Values {
  const out: Values = new Map();
  for (const [name, attr] of Object.entries(attributes)) {
    const type = attr.DataType.split('.')[0];
    if (attr.DataType === 'String.Array') {
      try {
        const parsed: unknown = JSON.parse(attr.StringValue ?? '');
        out.set(name, Array.isArray(parsed) ? parsed.filter(isScalar) : []);
      } catch {
        out.set(name, []);
      }
    } else if (type === 'Number') {
      out.set(name, [Number(attr.StringValue)]);
    } else if (type === 'String') {
      out.set(name, [attr.StringValue ?? '']);
    } else {
      // Binary attributes are never compared, but they do exist for `exists`.
      out.set(name, []);
    }
  }
  return out;
}

function bodyValues(message: string): Values | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const out: Values = new Map();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v, path);
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (isScalar(value)) {
      out.set(path, [...(out.get(path) ?? []), value]);
    }
  };
  walk(parsed, '');
  return out;
}

function keyMatches(rules: FilterRule[], values: Scalar[] | undefined): boolean {
  return rules.some((rule) => {
    if (rule.type === 'exists') return rule.value === (values !== undefined);
    if (values === undefined) return false;
    return values.some((v) => ruleMatches(rule, v));
  });
}

function ruleMatches(rule: Exclude<FilterRule, { type: 'exists' }>, value: Scalar): boolean {
  switch (rule.type) {
    case 'exact':
      if (typeof rule.value === 'number' && typeof value === 'number') return sameNumber(rule.value, value);
      return rule.value === value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(rule.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(rule.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === rule.value.toLowerCase();
    case 'anything-but':
      if (rule.prefix !== undefined) return typeof value === 'string' && !value.startsWith(rule.prefix);
      return !rule.values.some((v) => (typeof v === 'number' && typeof value === 'number' ? sameNumber(v, value) : v === value));
    case 'numeric':
      return typeof value === 'number' && inRange(rule, value);
    case 'cidr':
      return typeof value === 'string' && cidrContains(rule.block, value);
  }
}

/**
 * SNS compares numbers with five digits of accuracy after the decimal point (its filter policy constraints
 * page): 1.000001 equals 1, and 100.000001 is not above 100. Both sides are scaled to whole hundred-thousandths.
 */
function fiveDigits(n: number): number {
  return Math.round(n * 1e5);
}

function sameNumber(a: number, b: number): boolean {
  return fiveDigits(a) === fiveDigits(b);
}

function inRange(rule: FilterRule & { type: 'numeric' }, value: number): boolean {
  const v = fiveDigits(value);
  if (rule.equals !== undefined) return v === fiveDigits(rule.equals);
  if (rule.lower !== undefined) {
    const lower = fiveDigits(rule.lower);
    if (rule.lowerInclusive ? v < lower : v <= lower) return false;
  }
  if (rule.upper !== undefined) {
    const upper = fiveDigits(rule.upper);
    if (rule.upperInclusive ? v > upper : v >= upper) return false;
  }
  return true;
}

/** A key's rules as a filter policy writes them, so a trace can say which condition said no. */
function describeRules(rules: FilterRule[]): string {
  return JSON.stringify(
    rules.map((r) => {
      switch (r.type) {
        case 'exact':
          return r.value;
        case 'exists':
          return { exists: r.value };
        case 'cidr':
          return { cidr: r.text };
        case 'anything-but':
          return { 'anything-but': r.prefix !== undefined ? { prefix: r.prefix } : r.values };
        case 'numeric': {
          const ops: (string | number)[] = [];
          if (r.equals !== undefined) ops.push('=', r.equals);
          if (r.lower !== undefined) ops.push(r.lowerInclusive ? '>=' : '>', r.lower);
          if (r.upper !== undefined) ops.push(r.upperInclusive ? '<=' : '<', r.upper);
          return { numeric: ops };
        }
        default:
          return { [r.type]: r.value };
      }
    }),
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}
