/**
 * Definition checks at CreateStateMachine/UpdateStateMachine and ValidateStateMachineDefinition, with
 * the codes, messages and locations AWS gives (test_sfn_api_validation.snapshot.json,
 * test_sfn_api.snapshot.json): the JSON itself, required fields, state types, transitions, task resources.
 */
import { CHOICE_OPERATORS } from './choice';
import { parseResource } from './tasks';

export interface Diagnostic {
  code: 'SCHEMA_VALIDATION_FAILED' | 'INVALID_JSON_DESCRIPTION' | 'MISSING_TRANSITION_TARGET';
  message: string;
  location?: string;
}

const TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

/** Parses and checks a definition; `express` refuses what EXPRESS machines cannot run. */
export function validateDefinition(text: string, express: boolean): { definition?: Record<string, unknown>; diagnostics: Diagnostic[] } {
  if (text.trim() === '') return { diagnostics: [{ code: 'SCHEMA_VALIDATION_FAILED', message: 'Definition must be a valid JSON object' }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const token = /^\s*([A-Za-z_]\w*)/.exec(text)?.[1];
    const message = token
      ? `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
      : 'Unexpected character: the definition is not valid JSON';
    const location = `[Source: (String)${JSON.stringify(text)}; line: 1, column: ${(token?.length ?? 0) + 1}]`;
    return { diagnostics: [{ code: 'INVALID_JSON_DESCRIPTION', message: `${message}\n at ${location}`, location }] };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { diagnostics: [{ code: 'SCHEMA_VALIDATION_FAILED', message: 'Definition must be a valid JSON object' }] };
  }
  const diagnostics: Diagnostic[] = [];
  checkMachine(parsed as Record<string, unknown>, '', express, diagnostics, (parsed as Record<string, unknown>).QueryLanguage === 'JSONata');
  return { definition: parsed as Record<string, unknown>, diagnostics };
}

/** AWS's InvalidDefinition message: every diagnostic as `CODE: message at location`. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  return `Invalid State Machine Definition: '${diagnostics.map((d) => `${d.code}: ${d.message}${d.location !== undefined && d.code !== 'INVALID_JSON_DESCRIPTION' ? ` at ${d.location}` : ''}`).join(', ')}'`;
}

function checkMachine(machine: Record<string, unknown>, at: string, express: boolean, out: Diagnostic[], jsonata: boolean): void {
  const missing = ['States', 'StartAt'].filter((k) => machine[k] === undefined);
  if (missing.length) {
    out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: `These fields are required: [${missing.join(', ')}]`, location: at || '/' });
    return;
  }
  const states = machine.States;
  if (states === null || typeof states !== 'object' || Array.isArray(states)) {
    out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'Expected value of type: Object', location: `${at}/States` });
    return;
  }
  const names = new Set(Object.keys(states));
  if (!names.has(String(machine.StartAt))) {
    out.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing 'Next' target: ${String(machine.StartAt)}`, location: `${at}/StartAt` });
  }
  for (const [name, raw] of Object.entries(states as Record<string, unknown>)) {
    const where = `${at}/States/${name}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'Expected value of type: Object', location: where });
      continue;
    }
    const state = raw as Record<string, unknown>;
    if (state.Type === undefined) {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Type]', location: where });
      continue;
    }
    if (!TYPES.has(String(state.Type))) {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: `Value is not a valid state type: ${String(state.Type)}`, location: `${where}/Type` });
      continue;
    }
    if (jsonata && state.QueryLanguage === 'JSONPath') {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location: where });
    }
    const target = (next: unknown, location: string) => {
      if (typeof next === 'string' && !names.has(next)) out.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing 'Next' target: ${next}`, location });
    };
    const terminal = state.Type === 'Succeed' || state.Type === 'Fail' || state.Type === 'Choice';
    if (!terminal && state.End !== true && state.Next === undefined) {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Next]', location: where });
    }
    target(state.Next, `${where}/Next`);
    target(state.Default, `${where}/Default`);
    if (state.Type === 'Choice') {
      if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
        out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Choices]', location: where });
      } else {
        state.Choices.forEach((rule: Record<string, unknown>, i: number) => {
          target(rule?.Next, `${where}/Choices/${i}/Next`);
          checkRule(rule, `${where}/Choices/${i}`, out);
        });
      }
    }
    for (const [i, c] of ((state.Catch as Record<string, unknown>[] | undefined) ?? []).entries()) target(c?.Next, `${where}/Catch/${i}/Next`);
    if (state.Type === 'Task') {
      const resource = state.Resource;
      if (typeof resource !== 'string') {
        out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Resource]', location: where });
      } else {
        const parsed = parseResource(resource);
        if (!parsed) {
          out.push({
            code: 'SCHEMA_VALIDATION_FAILED',
            message: `The resource provided ${resource} not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
            location: `${where}/Resource`,
          });
        } else if (express && parsed.kind === 'service' && parsed.waitForTaskToken) {
          out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: "Express state machine does not support '.waitForTaskToken' service integration ", location: `${where}/Resource` });
        }
      }
    }
    if (state.Type === 'Parallel') {
      if (!Array.isArray(state.Branches)) out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Branches]', location: where });
      else state.Branches.forEach((b: Record<string, unknown>, i: number) => checkMachine(b ?? {}, `${where}/Branches/${i}`, express, out, jsonata));
    }
    if (state.Type === 'Map') {
      const processor = (state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined;
      if (!processor) out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [ItemProcessor]', location: where });
      else checkMachine(processor, `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, express, out, jsonata);
    }
    if (state.Type === 'Wait') {
      const given = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((k) => state[k] !== undefined);
      if (given.length !== 1) {
        out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'A Wait state must have exactly one of: [Seconds, Timestamp, SecondsPath, TimestampPath]', location: where });
      }
    }
  }
}

function checkRule(rule: Record<string, unknown>, where: string, out: Diagnostic[]): void {
  if (rule === null || typeof rule !== 'object') return;
  for (const key of ['And', 'Or'] as const) {
    if (Array.isArray(rule[key])) (rule[key] as Record<string, unknown>[]).forEach((r, i) => checkRule(r, `${where}/${key}/${i}`, out));
  }
  if (rule.Not && typeof rule.Not === 'object') checkRule(rule.Not as Record<string, unknown>, `${where}/Not`, out);
  if (rule.And || rule.Or || rule.Not) return;
  const operators = Object.keys(rule).filter((k) => CHOICE_OPERATORS.has(k));
  if (rule.Variable === undefined && rule.Condition === undefined) {
    out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [Variable]', location: where });
  } else if (operators.length !== 1 && rule.Condition === undefined) {
    out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'A Choice rule must have exactly one comparison operator', location: where });
  }
}

/** What a distributed Map's Label may not hold (test_map_state_label_invalid_char_fail): these and control characters. */
const LABEL_FORBIDDEN = new Set(' ?*<>{}[]:;,\\|^~$#%&`"');
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/**
 * The first Map Label AWS refuses, anywhere in the machine, as its InvalidDefinition words it: a Python
 * ValueError quoting the definition as sent (test_map_state_label_*_fail), unlike the other diagnostics.
 */
export function labelRefusal(definition: Record<string, unknown>, text: string): string | undefined {
  const reason = firstLabelReason(definition);
  return reason === undefined ? undefined : `Error=ValueError Args=[${pythonRepr(reason)}] in definition '${text}'.`;
}

function firstLabelReason(machine: Record<string, unknown>): string | undefined {
  for (const state of Object.values((machine.States ?? {}) as Record<string, Record<string, unknown> | null>)) {
    if (!state || typeof state !== 'object') continue;
    if (state.Type === 'Map' && typeof state.Label === 'string') {
      const label = state.Label;
      if (label === '') return 'Label cannot be empty';
      if (label.length > 40) return 'Label cannot exceed 40 characters';
      const bad = [...label].find((ch) => LABEL_FORBIDDEN.has(ch) || isControl(ch.codePointAt(0)!));
      if (bad !== undefined) return `Label contains invalid character: ${pythonRepr(bad)}`;
    }
    const inner = [...((state.Branches as Record<string, unknown>[] | undefined) ?? []), (state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined];
    for (const m of inner) {
      const r = m && typeof m === 'object' ? firstLabelReason(m) : undefined;
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/** A string as Python's repr() writes it: single quotes unless it holds one, escapes for what is not printable. */
function pythonRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}
