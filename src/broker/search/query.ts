/**
 * A search query compiled once into a test of one item: free text, attribute equality and a predicate on the
 * body (JSONPath through jsonpath-plus, as Step Functions reads paths, or a JSONata expression through the
 * `jsonata` package, as the JSONata states and the replay's transform do). All given parts must match.
 */
import jsonata from 'jsonata';
import { JSONPath } from 'jsonpath-plus';
import type { SearchItem } from './types';

export interface MessageQuery {
  /** Case-insensitive substring of the id, the body, an attribute name or value. */
  text?: string;
  /** Each attribute must be present with exactly this value (`''` asks only for its presence). */
  attributes?: Record<string, string>;
  /** A predicate on the body read as JSON; a body that is not JSON never matches it. */
  json?: { language: 'jsonpath' | 'jsonata'; expression: string };
}

/** A query that cannot run (a JSONPath or JSONata syntax error), in words for the person who typed it. */
export class SearchQueryError extends Error {}

export type ItemTest = (item: SearchItem) => boolean | Promise<boolean>;

const NOT_JSON = Symbol('not JSON');

/**
 * The values a body holds: the body as one JSON document, or else each of its lines that is one (NDJSON,
 * as Firehose objects of newline-ended records are). Empty when nothing parses.
 */
export function jsonValuesOf(body: string): unknown[] {
  const whole = parse(body);
  if (whole !== NOT_JSON) return [whole];
  if (!body.includes('\n')) return [];
  const values: unknown[] = [];
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    const value = parse(line);
    if (value !== NOT_JSON) values.push(value);
  }
  return values;
}

function parse(text: string): unknown {
  // Cheap refusal first: most non-JSON bodies start with a letter.
  const c = text.trimStart()[0];
  if (c === undefined || !'{["-0123456789tfn'.includes(c)) return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** What JSONata and JSONPath answers count as "yes": anything but nothing, false, null and an empty list. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.some(truthy);
  return true;
}

function jsonPathTest(path: string): (value: unknown) => boolean {
  if (!path.trim().startsWith('$')) throw new SearchQueryError(`A JSONPath starts with $: ${path}`);
  // A filter at the root (`$[?(@.total > 100)]`) is read against the body itself, not its members: the
  // body is wrapped in a list so the filter sees it as its one element.
  const onBody = /^\$\s*\[\s*\?/.test(path.trim());
  const run = (value: unknown): unknown[] =>
    JSONPath({ path, json: (onBody ? [value] : value) as object, wrap: true, eval: 'safe' }) as unknown[];
  try {
    run({});
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // jsonpath-plus prefixes errors of evaluating a filter on this empty body with `jsonPath:` (a missing
    // member); anything else is the expression's syntax.
    if (!message.startsWith('jsonPath:')) throw new SearchQueryError(`JSONPath ${path}: ${message}`);
  }
  return (value) => {
    if (value === null || typeof value !== 'object') return false;
    try {
      return truthy(run(value));
    } catch {
      return false;
    }
  };
}

function jsonataTest(expression: string): (value: unknown) => Promise<boolean> {
  let compiled: ReturnType<typeof jsonata>;
  try {
    compiled = jsonata(expression);
  } catch (e) {
    const error = e as { message?: string; position?: number };
    throw new SearchQueryError(`JSONata ${expression}: ${error.message ?? String(e)}${error.position !== undefined ? ` (at ${error.position})` : ''}`);
  }
  return async (value) => {
    try {
      return truthy(await compiled.evaluate(value));
    } catch {
      // A runtime error on one body (a type mismatch) means it does not match, not that the search failed.
      return false;
    }
  };
}

function textTest(text: string): ItemTest {
  const needle = text.toLowerCase();
  return (item) => {
    if (item.body.toLowerCase().includes(needle) || item.id.toLowerCase().includes(needle)) return true;
    for (const [name, value] of Object.entries(item.attributes)) {
      if (name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle)) return true;
    }
    return false;
  };
}

function attributesTest(wanted: Record<string, string>): ItemTest {
  const pairs = Object.entries(wanted);
  return (item) =>
    pairs.every(([name, value]) => Object.prototype.hasOwnProperty.call(item.attributes, name) && (value === '' || item.attributes[name] === value));
}

/** Compiles a query; throws SearchQueryError for an expression that cannot run. The empty query matches all. */
export function compileQuery(query: MessageQuery): ItemTest {
  const sync: ItemTest[] = [];
  if (query.text?.trim()) sync.push(textTest(query.text.trim()));
  if (query.attributes && Object.keys(query.attributes).length) sync.push(attributesTest(query.attributes));
  const json = query.json?.expression.trim() ? query.json : undefined;
  const syncPass = (item: SearchItem) => sync.every((t) => t(item));
  if (!json) return syncPass;
  if (json.language === 'jsonpath') {
    const test = jsonPathTest(json.expression.trim());
    return (item) => syncPass(item) && jsonValuesOf(item.body).some(test);
  }
  const test = jsonataTest(json.expression);
  return async (item) => {
    if (!syncPass(item)) return false;
    for (const value of jsonValuesOf(item.body)) if (await test(value)) return true;
    return false;
  };
}
