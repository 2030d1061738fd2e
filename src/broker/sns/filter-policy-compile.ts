import { AttributeReasonError } from './attribute-error';
import { CidrBlock, parseCidr } from '../patterns/cidr';
import { JsonNode, JsonSyntaxError, parseJsonWithLocations } from '../patterns/json-location';
import { compileNumericRange } from '../patterns/numeric-range';

/** One condition of a filter policy; a key matches when any of its rules matches. */
export type FilterRule =
  | { type: 'exact'; value: string | number | boolean | null }
  | { type: 'prefix' | 'suffix' | 'equals-ignore-case'; value: string }
  | { type: 'anything-but'; values: (string | number)[]; prefix?: string }
  | { type: 'numeric'; lower?: number; lowerInclusive?: boolean; upper?: number; upperInclusive?: boolean; equals?: number }
  | { type: 'exists'; value: boolean }
  | { type: 'cidr'; block: CidrBlock; text: string };

/** A policy with its `$or`s expanded: it matches when every key of any one alternative matches. */
export interface CompiledFilterPolicy {
  alternatives: Map<string, FilterRule[]>[];
}

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const OPERATORS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'cidr']);

/**
 * Validates a FilterPolicy document the way SNS does and compiles it for matching. Throws
 * AttributeReasonError carrying SNS's exact reason, including Jackson's "at [Source: ...]" location.
 */
export function compileFilterPolicy(text: string, scope: FilterPolicyScope): CompiledFilterPolicy {
  let root: JsonNode;
  try {
    root = parseJsonWithLocations(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new AttributeReasonError(
      `FilterPolicy: failed to parse JSON. ${e.reason}\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${e.column}]`,
    );
  }
  const fail = (reason: string, column: number): never => {
    const source = text.length > 500 ? `"${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : `"${text}"`;
    throw new AttributeReasonError(`FilterPolicy: ${reason}\n at [Source: (String)${source}; line: 1, column: ${column}]`);
  };
  if (root.kind !== 'object') return fail('Filter policy must be a JSON object', root.loc);
  const alternatives = expand(root, '', fail);
  if (scope === 'MessageAttributes' && hasNesting(root)) {
    throw new AttributeReasonError('Filter policy scope MessageAttributes does not support nested filter policy');
  }
  let combinations = 0;
  for (const alt of alternatives) {
    if (alt.size > MAX_KEYS) throw new AttributeReasonError(`FilterPolicy: Filter policy can not have more than ${MAX_KEYS} keys`);
    let product = 1;
    for (const rules of alt.values()) product *= rules.length;
    combinations += product;
  }
  if (combinations > MAX_COMBINATIONS) throw new AttributeReasonError('FilterPolicy: Filter policy is too complex');
  return { alternatives };
}

type Fail = (reason: string, column: number) => never;

/**
 * A key whose value is an object (a nested property) is refused on attributes; `$or` is not nesting, so AWS
 * accepts it there (its AND/OR logic page shows it on attributes), but the alternatives inside are checked too.
 */
function hasNesting(node: JsonNode & { kind: 'object' }): boolean {
  return node.fields.some((f) => {
    if (f.name === '$or' && f.value.kind === 'array') {
      return f.value.items.some((item) => item.kind === 'object' && hasNesting(item));
    }
    return f.value.kind === 'object';
  });
}

/** Flattens nested keys to dotted paths and multiplies out `$or` into alternatives. */
function expand(node: JsonNode & { kind: 'object' }, prefix: string, fail: Fail): Map<string, FilterRule[]>[] {
  let alternatives: Map<string, FilterRule[]>[] = [new Map()];
  for (const field of node.fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    let branch: Map<string, FilterRule[]>[];
    if (field.name === '$or' && field.value.kind === 'array') {
      branch = field.value.items.flatMap((item) => {
        if (item.kind !== 'object') return fail('"$or" must be an array of objects', item.loc);
        return expand(item, prefix, fail);
      });
    } else if (field.value.kind === 'object') {
      branch = expand(field.value, path, fail);
    } else if (field.value.kind === 'array') {
      branch = [new Map([[path, compileRules(field.value, fail)]])];
    } else {
      return fail(`"${field.name}" must be an object or an array`, field.value.loc);
    }
    alternatives = alternatives.flatMap((a) => branch.map((b) => merge(a, b)));
  }
  return alternatives;
}

function merge(a: Map<string, FilterRule[]>, b: Map<string, FilterRule[]>): Map<string, FilterRule[]> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, [...(out.get(k) ?? []), ...v]);
  return out;
}

function compileRules(list: JsonNode & { kind: 'array' }, fail: Fail): FilterRule[] {
  if (list.items.length === 0) return fail('Empty arrays are not allowed', list.endLoc);
  return list.items.map((item): FilterRule => {
    switch (item.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return { type: 'exact', value: item.value };
      case 'null':
        return { type: 'exact', value: null };
      case 'array':
        return fail('Match value must be String, number, true, false, or null', item.loc);
      case 'object':
        return compileOperator(item, fail);
    }
  });
}

function compileOperator(node: JsonNode & { kind: 'object' }, fail: Fail): FilterRule {
  const [first, second] = node.fields;
  if (!first) return fail('Empty objects are not allowed', node.endLoc);
  if (!OPERATORS.has(first.name)) return fail(`Unrecognized match type ${first.name}`, first.value.loc);
  const rule = compileOperatorValue(first.name, first.value, fail);
  if (second) return fail('Only one key allowed in match expression', second.value.loc);
  return rule;
}

function compileOperatorValue(name: string, value: JsonNode, fail: Fail): FilterRule {
  switch (name) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (value.kind !== 'string') return fail(`${name} match pattern must be a string`, value.loc);
      return { type: name, value: value.value };
    case 'exists':
      if (value.kind !== 'boolean') return fail('exists match pattern must be either true or false.', value.loc);
      return { type: 'exists', value: value.value };
    case 'cidr':
      // SNS really does name the wrong operator here.
      if (value.kind !== 'string') return fail('prefix match pattern must be a string', value.loc);
      try {
        return { type: 'cidr', block: parseCidr(value.value), text: value.value };
      } catch (e) {
        throw new AttributeReasonError(`FilterPolicy: ${(e as Error).message}`);
      }
    case 'anything-but':
      return compileAnythingBut(value, fail);
    default:
      return { type: 'numeric', ...compileNumericRange(value, fail) };
  }
}

function compileAnythingBut(value: JsonNode, fail: Fail): FilterRule {
  if (value.kind === 'string' || value.kind === 'number') return { type: 'anything-but', values: [value.value] };
  if (value.kind === 'array') {
    const values = value.items.map((item) => {
      if (item.kind !== 'string' && item.kind !== 'number') {
        return fail('Inside anything but list, start|null|boolean is not supported.', item.loc);
      }
      return item.value;
    });
    return { type: 'anything-but', values };
  }
  if (value.kind === 'object') {
    const [first] = value.fields;
    if (!first) return fail('Empty objects are not allowed', value.endLoc);
    if (first.name !== 'prefix') return fail(`Unsupported anything-but pattern: ${first.name}`, first.value.loc);
    if (first.value.kind !== 'string') return fail('prefix match pattern must be a string', first.value.loc);
    return { type: 'anything-but', values: [], prefix: first.value.value };
  }
  return fail('Inside anything but list, start|null|boolean is not supported.', value.loc);
}


