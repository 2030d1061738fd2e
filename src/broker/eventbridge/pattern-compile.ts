/**
 * EventBridge's event pattern language: validation with AWS's words and compilation for matching.
 *
 * EventBridge validates patterns with AWS's event-ruler library on top of Jackson, so a bad pattern fails
 * with "Event pattern is not valid. Reason: <reason>\n at [Source: (String)"<pattern>"; line: L, column: C]",
 * where C is Jackson's read position when the check failed (see ../patterns/json-location.ts for how that
 * position moves). The reasons and positions here are the ones recorded against AWS
 * (test/unit/eventbridge/recorded-pattern-errors.ts); SNS runs an older event-ruler,
 * whose words differ in places, so it keeps its own validator (../sns/filter-policy-compile.ts).
 */
import { CidrBlock, parseCidr } from '../patterns/cidr';
import { JsonNode, JsonSyntaxError, parseJsonWithLocations, toPlain } from '../patterns/json-location';
import { compileNumericRange } from '../patterns/numeric-range';
import { eventsErrors } from './errors';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth';

export type Scalar = string | number | boolean | null;

/** One condition on one field; a field matches when any of its conditions matches. */
export type PatternCondition =
  | { kind: 'exact'; value: Scalar }
  | { kind: 'prefix' | 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; value: string; regex: RegExp }
  | { kind: 'anything-but'; values: (string | number)[] }
  | { kind: 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-ignore-case'; values: string[] }
  | { kind: 'anything-but-wildcard'; values: string[]; regexes: RegExp[] }
  | { kind: 'numeric'; lower?: number; lowerInclusive?: boolean; upper?: number; upperInclusive?: boolean; equals?: number }
  | { kind: 'exists'; value: boolean }
  | { kind: 'cidr'; block: CidrBlock; text: string };

export interface PatternField {
  /** The field's path in the event, nested names joined with dots (`detail.state`). */
  path: string;
  conditions: PatternCondition[];
  /** The field's value list as written in the pattern (for explanations). */
  written: unknown;
}

/** A pattern with its `$or`s expanded: it matches when every field of any one alternative matches. */
export interface CompiledEventPattern {
  alternatives: PatternField[][];
}

/** Most wildcard characters one wildcard value may have before AWS calls the rule too complex (see below). */
const MAX_WILDCARDS = 5;

/** A reason plus Jackson's location; `locations` is how many times AWS repeats the location (1 or 2). */
class PatternFailure extends Error {
  constructor(
    readonly reason: string,
    readonly loc: number | undefined,
    readonly locations = 1,
  ) {
    super(reason);
  }
}

type Fail = (reason: string, loc: number | undefined, locations?: number) => never;

const fail: Fail = (reason, loc, locations) => {
  throw new PatternFailure(reason, loc, locations);
};

/**
 * Validates an EventPattern and compiles it. Throws AwsError InvalidEventPatternException with AWS's
 * message when the pattern is not valid.
 */
export function compileEventPattern(text: string): CompiledEventPattern {
  if (tooDeep(text)) {
    throw eventsErrors.invalidEventPattern(`Document nesting depth exceeds the maximum allowed (${MAX_JSON_DEPTH}).`);
  }
  let root: JsonNode;
  try {
    root = parseJsonWithLocations(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw eventsErrors.invalidEventPattern(`${e.reason}${location(text, e.column)}`);
  }
  try {
    if (root.kind !== 'object') return fail('Filter is not an object', root.loc);
    return { alternatives: expand(root, '') };
  } catch (e) {
    if (!(e instanceof PatternFailure)) throw e;
    const at = e.loc === undefined ? '' : location(text, e.loc).repeat(e.locations);
    throw eventsErrors.invalidEventPattern(`${e.reason}${at}`);
  }
}

/** Jackson's "\n at [Source: (String)"..."; line: L, column: C]" for a 1-based position in the text. */
function location(text: string, position: number): string {
  const index = Math.min(position - 1, text.length);
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const source = text.length > 500 ? `"${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : `"${text}"`;
  return `\n at [Source: (String)${source}; line: ${line}, column: ${column}]`;
}

/** Flattens nested names to dotted paths and multiplies `$or` out into alternatives. */
function expand(node: JsonNode & { kind: 'object' }, prefix: string): PatternField[][] {
  let alternatives: PatternField[][] = [[]];
  for (const field of node.fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    let branch: PatternField[][];
    if (field.name === '$or' && field.value.kind === 'array') {
      branch = field.value.items.flatMap((item) => {
        if (item.kind !== 'object') return fail('"$or" must be an array of objects', item.loc);
        return expand(item, prefix);
      });
    } else if (field.value.kind === 'object') {
      branch = expand(field.value, path);
    } else if (field.value.kind === 'array') {
      branch = [[{ path, conditions: compileConditions(field.value), written: toPlain(field.value) }]];
    } else {
      return fail(`"${field.name}" must be an object or an array`, field.value.loc);
    }
    alternatives = alternatives.flatMap((a) => branch.map((b) => merge(a, b)));
  }
  return alternatives;
}

function merge(a: PatternField[], b: PatternField[]): PatternField[] {
  const out = a.map((f) => ({ ...f }));
  for (const field of b) {
    const same = out.find((f) => f.path === field.path);
    if (same) {
      same.conditions = [...same.conditions, ...field.conditions];
      same.written = [...(same.written as unknown[]), ...(field.written as unknown[])];
    } else {
      out.push(field);
    }
  }
  return out;
}

function compileConditions(list: JsonNode & { kind: 'array' }): PatternCondition[] {
  if (list.items.length === 0) return fail('Empty arrays are not allowed', list.endLoc);
  return list.items.map((item): PatternCondition => {
    switch (item.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return { kind: 'exact', value: item.value };
      case 'null':
        return { kind: 'exact', value: null };
      case 'array':
        return fail('Match value must be String, number, true, false, or null', item.loc);
      case 'object':
        return compileMatchExpression(item);
    }
  });
}

function compileMatchExpression(node: JsonNode & { kind: 'object' }): PatternCondition {
  const [first, second] = node.fields;
  if (!first) return fail('Empty objects are not allowed', node.endLoc);
  const condition = compileOperator(first.name, first.value);
  if (second) return fail('Only one key allowed in match expression', second.value.loc);
  return condition;
}

function compileOperator(name: string, value: JsonNode): PatternCondition {
  switch (name) {
    case 'prefix':
    case 'suffix': {
      if (value.kind === 'object') return { kind: name, value: ignoreCaseValue(name, value), ignoreCase: true };
      if (value.kind !== 'string') return fail(`${name} match pattern must be a string`, value.loc);
      return { kind: name, value: value.value, ignoreCase: false };
    }
    case 'equals-ignore-case':
      if (value.kind !== 'string') return fail('equals-ignore-case match pattern must be a string', value.loc);
      return { kind: 'equals-ignore-case', value: value.value };
    case 'wildcard':
      if (value.kind !== 'string') return fail('wildcard match pattern must be a string', value.loc);
      return { kind: 'wildcard', value: value.value, regex: wildcardRegex(value.value, value.textLoc) };
    case 'exists':
      if (value.kind !== 'boolean') return fail('exists match pattern must be either true or false.', value.loc);
      return { kind: 'exists', value: value.value };
    case 'cidr':
      // event-ruler really does name the prefix operator here.
      if (value.kind !== 'string') return fail('prefix match pattern must be a string', value.loc);
      try {
        return { kind: 'cidr', block: parseCidr(value.value), text: value.value };
      } catch (e) {
        // AWS gives CIDR problems without a location.
        return fail((e as Error).message, undefined);
      }
    case 'anything-but':
      return compileAnythingBut(value);
    case 'numeric':
      return { kind: 'numeric', ...compileNumericRange(value, fail) };
    default:
      return fail(`Unrecognized match type ${name}`, value.loc);
  }
}

/** `{"prefix": {"equals-ignore-case": "x"}}` and the same for suffix. */
function ignoreCaseValue(operator: string, node: JsonNode & { kind: 'object' }): string {
  const [first, second] = node.fields;
  if (!first) return fail('Empty objects are not allowed', node.endLoc);
  if (first.name !== 'equals-ignore-case') return fail(`Unsupported ${operator} pattern: ${first.name}`, first.value.loc);
  if (first.value.kind !== 'string') return fail('equals-ignore-case match pattern must be a string', first.value.loc);
  if (second) return fail('Only one key allowed in match expression', second.value.loc);
  return first.value.value;
}

function compileAnythingBut(value: JsonNode): PatternCondition {
  if (value.kind === 'string' || value.kind === 'number') return { kind: 'anything-but', values: [value.value] };
  if (value.kind === 'array') {
    if (value.items.length === 0) return fail('Empty arrays are not allowed', value.endLoc);
    const values = value.items.map((item) => {
      if (item.kind !== 'string' && item.kind !== 'number') {
        return fail('Inside anything but list, start|null|boolean is not supported.', item.loc);
      }
      return item.value;
    });
    return { kind: 'anything-but', values };
  }
  if (value.kind !== 'object') return fail('Value of anything-but must be an array or single string/number value.', value.loc);
  const [first, second] = value.fields;
  if (!first) return fail('Empty objects are not allowed', value.endLoc);
  const operator = first.name;
  const inner = first.value;
  let strings: string[];
  // The messages for a bad member of a list carry the location twice: event-ruler wraps the list's error.
  const listOf = (message: string): string[] => {
    if (inner.kind === 'string') return [inner.value];
    if (inner.kind === 'object') return fail('Value of anything-but must be an array or single string/number value.', inner.loc);
    if (inner.kind !== 'array') return fail(message, inner.loc);
    if (inner.items.length === 0) return fail('Empty arrays are not allowed', inner.endLoc, 2);
    return inner.items.map((item) => (item.kind === 'string' ? item.value : fail(message, item.loc, 2)));
  };
  let condition: PatternCondition;
  switch (operator) {
    case 'prefix':
    case 'suffix':
      strings = listOf('prefix/suffix match pattern must be a string');
      condition = { kind: operator === 'prefix' ? 'anything-but-prefix' : 'anything-but-suffix', values: strings };
      break;
    case 'equals-ignore-case':
      strings = listOf('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      condition = { kind: 'anything-but-ignore-case', values: strings };
      break;
    case 'wildcard': {
      strings = listOf('wildcard match pattern must be a string');
      const regexes = strings.map((s) => wildcardRegex(s, inner.kind === 'array' ? inner.endLoc : (inner as { textLoc: number }).textLoc));
      condition = { kind: 'anything-but-wildcard', values: strings, regexes };
      break;
    }
    default:
      return fail(`Unsupported anything-but pattern: ${operator}`, inner.loc);
  }
  if (second) return fail('Only one key allowed in match expression', second.value.loc);
  return condition;
}



/**
 * A wildcard value as an anchored regular expression: `*` is any run of characters, `\*` a star and `\\` a
 * backslash. Two stars in a row are refused at the second's index, as AWS does. AWS also refuses values
 * whose matching it judges too complex; its measure is internal to event-ruler, so this counts wildcards
 * (more than 5 is refused), which refuses AWS's recorded example and accepts its documented ones.
 */
export function wildcardRegex(value: string, loc: number): RegExp {
  let source = '';
  let stars = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') return fail(`Invalid escape character at pos ${i}`, loc);
      source += escapeRegex(next);
      i++;
    } else if (c === '*') {
      if (value[i - 1] === '*') return fail(`Consecutive wildcard characters at pos ${i}`, loc);
      stars++;
      source += '[\\s\\S]*';
    } else {
      source += escapeRegex(c);
    }
  }
  if (stars > MAX_WILDCARDS) {
    return fail(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      undefined,
    );
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
