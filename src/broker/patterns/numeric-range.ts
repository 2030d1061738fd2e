import type { JsonNode } from './json-location';

/**
 * `{"numeric": [...]}` in an SNS filter policy or an EventBridge event pattern: both services parse it
 * with the same library, token by token, and refuse it with the same words at the same position.
 */
export interface NumericRange {
  equals?: number;
  lower?: number;
  lowerInclusive?: boolean;
  upper?: number;
  upperInclusive?: boolean;
}

/** Each service words the location its own way; this one reports the reason and the read position. */
export type NumericRangeFail = (reason: string, loc: number) => never;

export function compileNumericRange(value: JsonNode, fail: NumericRangeFail): NumericRange {
  if (value.kind !== 'array') return fail('Value of numeric must be an array.', value.loc);
  const items = value.items;
  const end = value.endLoc;
  const at = (n: number) => (items[n] ? items[n].loc : end);
  const numberAt = (n: number, op: string): number => {
    const item = items[n];
    if (item?.kind !== 'number') return fail(`Value of ${op} must be numeric`, at(n));
    return item.value;
  };
  const first = items[0];
  if (first?.kind !== 'string') return fail(`Invalid member in numeric match: ${rawText(first)}`, first ? first.loc : end);
  if (first.value === '=') {
    const equals = numberAt(1, 'equals');
    if (items.length > 2) return fail('Too many elements in numeric expression', at(2));
    return { equals };
  }
  const lowerOps = ['>', '>='];
  const upperOps = ['<', '<='];
  if (![...lowerOps, ...upperOps].includes(first.value)) {
    return fail(`Unrecognized numeric range operator: ${first.value}`, at(1));
  }
  const firstValue = numberAt(1, first.value);
  if (upperOps.includes(first.value)) {
    if (items.length > 2) return fail('Too many elements in numeric expression', at(2));
    return { upper: firstValue, upperInclusive: first.value === '<=' };
  }
  const range: NumericRange = { lower: firstValue, lowerInclusive: first.value === '>=' };
  const third = items[2];
  if (!third) return range;
  if (third.kind !== 'string') return fail(`Bad value in numeric range: ${rawText(third)}`, third.loc);
  if (!upperOps.includes(third.value)) return fail(`Bad numeric range operator: ${third.value}`, third.textLoc);
  range.upper = numberAt(3, third.value);
  range.upperInclusive = third.value === '<=';
  if (items.length > 4) return fail('Too many terms in numeric range expression', at(4));
  if (firstValue >= range.upper) return fail('Bottom must be less than top', end);
  return range;
}

/** How the parser names a token it did not expect: the number as written, or the structure's opening. */
export function rawText(node: JsonNode | undefined): string {
  if (!node) return ']';
  switch (node.kind) {
    case 'number':
      return node.raw;
    case 'array':
      return '[';
    case 'object':
      return '{';
    case 'null':
      return 'null';
    default:
      return String(node.value);
  }
}
