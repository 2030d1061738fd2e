/**
 * The JSONata query language of the States Language: strings written `{% expression %}` anywhere in a
 * field's value are JSONata expressions, evaluated with `$states` (input, result, errorOutput, context) and
 * the execution's variables bound, plus the functions AWS adds ($partition, $range, $hash, $random, $uuid,
 * $parse). Failures are States.QueryEvaluationError worded as AWS words them.
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesFailure } from './failure';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** Whether a value is one JSONata expression (`{% ... %}` and nothing around it). */
export const isExpression = (v: unknown): v is string => typeof v === 'string' && EXPRESSION.test(v);

/** What an expression sees: `$states` and the variables in scope (each as `$name`). */
export interface Bindings {
  states: Record<string, unknown>;
  variables: Record<string, unknown>;
}

/** Where an evaluation happens, for AWS's cause text: the state and the event that entered it. */
export interface Site {
  state: string;
  enteredEventId: number;
}

/** A JSONata failure: the history records it as EvaluationFailed with the field that failed (`location`). */
export class QueryEvaluationFailure extends StatesFailure {
  constructor(
    readonly site: Site,
    readonly location: string,
    detail: string,
  ) {
    super('States.QueryEvaluationError', `An error occurred while executing the state '${site.state}' (entered at the event id #${site.enteredEventId}). ${detail}`);
  }
}

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** The functions AWS binds next to JSONata's own. */
const FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  partition: (array: unknown[], size: number) => {
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step: number) => {
    const out: number[] = [];
    if (step > 0) for (let v = start; v <= end; v += step) out.push(v);
    else if (step < 0) for (let v = start; v >= end; v += step) out.push(v);
    // a JSONata sequence: one number comes out as itself, as AWS's does (test_array_range)
    return out.length === 1 ? out[0] : out;
  },
  hash: (data: string, algorithm: string) => {
    const name = HASH_ALGORITHMS[algorithm];
    if (!name) throw new Error(`Unsupported hash algorithm: ${algorithm}`);
    return createHash(name).update(String(data)).digest('hex');
  },
  random: () => Math.random(),
  uuid: () => randomUUID(),
  parse: (text: string) => JSON.parse(text) as unknown,
};

// Definitions are few and their expressions repeat on every execution: parse each once.
const compiled = new Map<string, jsonata.Expression>();
const MAX_COMPILED = 2000;

function compile(text: string): jsonata.Expression {
  let expression = compiled.get(text);
  if (!expression) {
    expression = jsonata(text);
    for (const [name, f] of Object.entries(FUNCTIONS)) expression.registerFunction(name, f as (...args: unknown[]) => unknown);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(text, expression);
  }
  return expression;
}

/** The text of an expression (`{% $x %}` → `$x`), as AWS quotes it in causes. */
export const expressionText = (value: string): string => EXPRESSION.exec(value)![1].trim();

/** Evaluates one `{% %}` string; `field` is the path of the field in the state (`Output/result`). */
export async function evaluateExpression(value: string, bindings: Bindings, field: string, site: Site): Promise<unknown> {
  const text = expressionText(value);
  let result: unknown;
  try {
    result = await compile(text).evaluate(null, { ...bindings.variables, states: bindings.states });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const detail = err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
    throw new QueryEvaluationFailure(site, field, `The JSONata expression '${text}' specified for the field '${field}' threw an error during evaluation. ${detail}`);
  }
  if (result === undefined) {
    throw new QueryEvaluationFailure(site, field, `The JSONata expression '${text}' specified for the field '${field}' returned nothing (undefined).`);
  }
  return plain(result);
}

/** A field's value with every `{% %}` string in it evaluated, at any depth. */
export async function evaluateTemplate(template: unknown, bindings: Bindings, field: string, site: Site): Promise<unknown> {
  if (isExpression(template)) return evaluateExpression(template, bindings, field, site);
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (const [i, t] of template.entries()) out.push(await evaluateTemplate(t, bindings, `${field}[${i}]`, site));
    return out;
  }
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) out[key] = await evaluateTemplate(value, bindings, `${field}/${key}`, site);
  return out;
}

/** JSONata marks its sequences with extra members; the payload is plain JSON. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
