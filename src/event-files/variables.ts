import type { EventFile } from './model';
import type { FakeData } from './fake-data';

/** A `${...}` that cannot be filled in; its message says which and why, for the step's result. */
export class VariableError extends Error {}

export interface Scope {
  vars: Record<string, unknown>;
  env: Record<string, string | undefined>;
  /** Outputs of the steps run so far, by step name (`${steps.NAME.MessageId}`). */
  steps: Record<string, Record<string, unknown>>;
  fake: FakeData;
  /** In a repeated step, the message's position from 0. */
  index?: number;
}

/**
 * The file's vars for the chosen environment (an error if the file has environments but not that one):
 * the environment's vars over the file's, each string resolved
 * against the process environment (`${env:NAME}`) so a var can take a CI secret.
 */
export function resolveVars(file: EventFile, environment: string | undefined, env: Record<string, string | undefined>): Record<string, unknown> {
  let vars = { ...(file.vars ?? {}) };
  // A file without environments takes its vars as they are, so one --env can serve a folder of files.
  if (environment !== undefined && file.environments) {
    const chosen = file.environments?.[environment];
    if (!chosen) {
      const known = Object.keys(file.environments ?? {});
      throw new VariableError(`The file has no environment "${environment}"${known.length ? `; it has ${known.join(', ')}` : ''}.`);
    }
    vars = { ...vars, ...(chosen.vars ?? {}) };
  }
  const envOnly = (value: unknown): unknown => fill(value, (expr) => {
    if (!expr.startsWith('env:')) throw new VariableError(`A var may use only \${env:NAME}, not \${${expr}}.`);
    return lookupEnv(expr.slice(4), env);
  });
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, envOnly(v)]));
}

/** Fills every `${...}` in strings of `value`, deeply. A string that is one placeholder takes its value's type. */
export function substitute(value: unknown, scope: Scope): unknown {
  return fill(value, (expr) => lookup(expr, scope));
}

function fill(value: unknown, resolve: (expr: string) => unknown): unknown {
  if (typeof value === 'string') {
    const parts = placeholders(value);
    const lone = parts.length === 1 && parts[0].literal === undefined && parts[0].start === 0 && parts[0].end === value.length;
    if (lone) return resolve(parts[0].expr.trim());
    let out = '';
    let at = 0;
    for (const p of parts) {
      const v = p.literal ?? resolve(p.expr.trim());
      out += value.slice(at, p.start) + (typeof v === 'string' ? v : JSON.stringify(v));
      at = p.end;
    }
    return out + value.slice(at);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, resolve));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, resolve)]));
  }
  return value;
}

function lookup(expr: string, scope: Scope): unknown {
  if (expr.startsWith('env:')) return lookupEnv(expr.slice(4), scope.env);
  if (expr.startsWith('faker:')) {
    try {
      return scope.fake.generate(expr.slice(6));
    } catch (e) {
      throw new VariableError((e as Error).message);
    }
  }
  if (expr === 'index') {
    if (scope.index === undefined) throw new VariableError('${index} is only set in a step with repeat.');
    return scope.index;
  }
  const [root, ...path] = expr.split('.');
  if (root === 'vars' && path.length) {
    const name = path.join('.');
    if (!Object.hasOwn(scope.vars, name)) {
      const known = Object.keys(scope.vars);
      throw new VariableError(`\${${expr}} is not defined; ${known.length ? `the vars are ${known.join(', ')}` : 'the file has no vars'}.`);
    }
    return scope.vars[name];
  }
  if (root === 'steps' && path.length >= 2) {
    const [step, ...field] = path;
    const output = scope.steps[step];
    if (!output) throw new VariableError(`\${${expr}}: step "${step}" has not run before this one (or it failed).`);
    let v: unknown = output;
    for (const f of field) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[f] : undefined;
    if (v === undefined) throw new VariableError(`\${${expr}}: step "${step}" has no ${field.join('.')}; it has ${Object.keys(output).join(', ')}.`);
    return v;
  }
  throw new VariableError(`Unknown placeholder \${${expr}}: use \${vars.NAME}, \${env:NAME}, \${steps.STEP.MessageId}, \${faker:person.firstName} or \${index}.`);
}

function lookupEnv(name: string, env: Record<string, string | undefined>): string {
  const v = env[name];
  if (v === undefined) throw new VariableError(`The environment variable ${name} is not set (\${env:${name}}).`);
  return v;
}

/**
 * The `${...}` in a string; braces inside count (faker arguments are JSON: `${faker:number.int({"max": 9})}`).
 * `$${` is a literal `${` (a `literal` part), so a saved message whose body holds `${` runs as it was.
 */
function placeholders(text: string): { start: number; end: number; expr: string; literal?: string }[] {
  const found: { start: number; end: number; expr: string; literal?: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) return found;
    if (start - 1 >= from && text[start - 1] === '$') {
      found.push({ start: start - 1, end: start + 2, expr: '', literal: '${' });
      from = start + 2;
      continue;
    }
    let depth = 1;
    let i = start + 2;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    if (depth > 0) return found;
    found.push({ start, end: i, expr: text.slice(start + 2, i - 1) });
    from = i;
  }
}
