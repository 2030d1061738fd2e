import type { Predicate } from './model';

/** A message as an expectation sees it: its body and its attributes' values as strings. */
export interface SeenMessage {
  body: string;
  attributes: Record<string, string>;
}

/**
 * Why `message` does not match `predicate`, in words ("body.status is "pending", expected "paid""), or
 * undefined when it matches. A mapping body matches a JSON body holding at least its members.
 */
export function mismatch(predicate: Predicate | undefined, message: SeenMessage): string | undefined {
  if (!predicate) return undefined;
  if (predicate.bodyContains !== undefined && !message.body.includes(predicate.bodyContains)) {
    return `the body does not contain ${JSON.stringify(predicate.bodyContains)}`;
  }
  if (predicate.body !== undefined) {
    if (typeof predicate.body === 'string') {
      if (message.body !== predicate.body) return `the body is ${quote(message.body)}, expected ${quote(predicate.body)}`;
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.body);
      } catch {
        return `the body is not JSON: ${quote(message.body)}`;
      }
      const why = subsetMismatch(predicate.body, parsed, 'body');
      if (why) return why;
    }
  }
  for (const [name, expected] of Object.entries(predicate.attributes ?? {})) {
    const actual = message.attributes[name];
    if (actual === undefined) return `it has no attribute ${name}`;
    if (actual !== String(expected)) return `attribute ${name} is ${quote(actual)}, expected ${quote(String(expected))}`;
  }
  return undefined;
}

/** Why `actual` does not hold `expected` (members of mappings, lists item by item, values equal), or undefined. */
export function subsetMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is ${describe(actual)}, expected a list`;
    if (actual.length !== expected.length) return `${path} has ${actual.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const why = subsetMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (why) return why;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${path} is ${describe(actual)}, expected a mapping`;
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) return `${path}.${key} is missing`;
      const why = subsetMismatch(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (why) return why;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path} is ${describe(actual)}, expected ${JSON.stringify(expected)}`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  return quote(typeof v === 'string' ? v : JSON.stringify(v), typeof v === 'string');
}

/** Long bodies are cut: a failure message names the difference, not the whole payload. */
function quote(text: string, asString = true): string {
  const cut = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return asString ? JSON.stringify(cut) : cut;
}
