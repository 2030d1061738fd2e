/**
 * DescribeStateMachine's `variableReferences`: per state (nested ones too, by their own names), the
 * variables its fields read, sorted, as AWS lists them (test_sfn_api_variable_references.snapshot.json).
 * A JSONPath state reads a variable through a path (`InputPath`, `ItemsPath`, `SecondsPath`, a Choice
 * rule's `Variable` or `...Path` operand, ...) or a `.$` field of a payload template (Parameters,
 * ItemSelector, ResultSelector, Assign), intrinsic calls included; a JSONata state through `$name` in any
 * `{% %}` expression. `$states`, `$$` and JSONata's functions (`$name(`) are not variables.
 */
import { isExpression } from './jsonata';

type Node = Record<string, unknown>;

const PATH_VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)/;
// Quoted text (intrinsic arguments, JSONata strings) is dropped first: 'hello$world' names nothing.
const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const REFERENCE = /(?<![$\w])\$([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]|\s*\()/g;

const TEMPLATE_FIELDS = ['Parameters', 'ItemSelector', 'ResultSelector', 'Assign'];

function fromText(text: string, out: Set<string>): void {
  for (const m of text.replace(QUOTED, "''").matchAll(REFERENCE)) if (m[1] !== 'states') out.add(m[1]);
}

/** `.$` values of a payload template, at any depth. */
function fromTemplate(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => fromTemplate(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$') && typeof v === 'string') fromText(v, out);
      else fromTemplate(v, out);
    }
  }
}

/** Every `{% %}` expression in a value, at any depth. */
function fromExpressions(value: unknown, out: Set<string>): void {
  if (isExpression(value)) fromText(value.slice(2, -2), out);
  else if (Array.isArray(value)) value.forEach((v) => fromExpressions(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => fromExpressions(v, out));
}

function fromPath(value: unknown, out: Set<string>): void {
  if (typeof value !== 'string') return;
  const m = PATH_VARIABLE.exec(value);
  if (m && m[1] !== 'states') out.add(m[1]);
}

function fromRule(rule: unknown, out: Set<string>): void {
  if (!rule || typeof rule !== 'object') return;
  for (const [k, v] of Object.entries(rule as Node)) {
    if (k === 'And' || k === 'Or') (Array.isArray(v) ? v : []).forEach((r) => fromRule(r, out));
    else if (k === 'Not') fromRule(v, out);
    else if (k === 'Variable' || k.endsWith('Path')) fromPath(v, out);
    else if (k === 'Assign') fromTemplate(v, out);
  }
}

function visitMachine(machine: unknown, inherited: string | undefined, refs: Map<string, Set<string>>): void {
  if (!machine || typeof machine !== 'object') return;
  const language = ((machine as Node).QueryLanguage as string | undefined) ?? inherited;
  const states = (machine as Node).States;
  if (!states || typeof states !== 'object') return;
  for (const [name, raw] of Object.entries(states as Node)) {
    if (!raw || typeof raw !== 'object') continue;
    const state = raw as Node;
    const out = new Set<string>();
    if (((state.QueryLanguage as string | undefined) ?? language) === 'JSONata') {
      const { Branches, ItemProcessor, Iterator, ...own } = state;
      void Branches;
      void ItemProcessor;
      void Iterator;
      fromExpressions(own, out);
    } else {
      for (const [k, v] of Object.entries(state)) {
        if (k.endsWith('Path') && k !== 'ResultPath') fromPath(v, out);
        else if (TEMPLATE_FIELDS.includes(k)) fromTemplate(v, out);
      }
      fromPath(((state.ItemReader as Node | undefined)?.ReaderConfig as Node | undefined)?.MaxItemsPath, out);
      if (Array.isArray(state.Choices)) state.Choices.forEach((r) => fromRule(r, out));
      for (const c of Array.isArray(state.Catch) ? state.Catch : []) fromTemplate((c as Node)?.Assign, out);
    }
    if (out.size) refs.set(name, new Set([...(refs.get(name) ?? []), ...out]));
    for (const branch of Array.isArray(state.Branches) ? state.Branches : []) visitMachine(branch, language, refs);
    visitMachine(state.ItemProcessor ?? state.Iterator, language, refs);
  }
}

/** The variables each state reads, or undefined when none does (AWS then leaves the member out). */
export function variableReferences(definition: string): Record<string, string[]> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return undefined;
  }
  const refs = new Map<string, Set<string>>();
  visitMachine(parsed, undefined, refs);
  if (!refs.size) return undefined;
  return Object.fromEntries([...refs].map(([name, vars]) => [name, [...vars].sort()]));
}
