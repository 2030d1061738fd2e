import type { InputDescription } from '../api';
import type { CreatePump, Expr, Position, SqlType, Statement } from '../sql/ast';
import { SqlError } from '../sql/parser';
import type { Column } from './in-app-stream';
import { itemName, queryKind } from './pump';

/** The columns of AWS's in-application error stream, which every application has. */
export const ERROR_STREAM = 'error_stream';
export const ERROR_COLUMNS: Column[] = [
  { name: 'ERROR_TIME', type: 'TIMESTAMP' },
  { name: 'ERROR_LEVEL', type: 'VARCHAR(10)' },
  { name: 'ERROR_NAME', type: 'VARCHAR(32)' },
  { name: 'MESSAGE', type: 'VARCHAR(4096)' },
  { name: 'DATA_ROWTIME', type: 'TIMESTAMP' },
  { name: 'DATA_ROW', type: 'VARCHAR(49152)' },
  { name: 'PUMP_NAME', type: 'VARCHAR(128)' },
];

/** What an application runs: its in-application streams with their columns, and its pumps. */
export interface Plan {
  streams: Map<string, Column[]>;
  /** The streams an input feeds (read by pumps, written by nobody in the code). */
  sources: Set<string>;
  pumps: CreatePump[];
}

function typeText(t: SqlType): string {
  return t.params.length ? `${t.name}(${t.params.join(',')})` : t.name;
}

function fail(message: string, at: Position): never {
  throw new SqlError(message, at.line, at.column);
}

/** Every column reference under a node of the syntax tree (not into windows' names, which are no columns). */
function* columnRefs(node: unknown): Generator<Expr & { kind: 'column' }> {
  if (Array.isArray(node)) for (const n of node) yield* columnRefs(n);
  else if (node instanceof Map) for (const n of node.values()) yield* columnRefs(n);
  else if (node && typeof node === 'object' && !(node instanceof Date)) {
    if ((node as Expr).kind === 'column') return void (yield node as Expr & { kind: 'column' });
    for (const v of Object.values(node)) yield* columnRefs(v);
  }
}

/**
 * Checks application code against the application's input as the SQL validator does when it starts:
 * every stream a pump reads or writes exists, every column it names is in its FROM stream, the values it
 * selects fit its target's columns. Throws SqlError pointing at the line and column.
 */
export function planProgram(statements: Statement[], input: InputDescription | undefined): Plan {
  const streams = new Map<string, Column[]>();
  const sources = new Set<string>();
  if (input) {
    const columns: Column[] = [
      ...input.InputSchema.RecordColumns.map((c) => ({ name: c.Name, type: c.SqlType })),
      { name: 'APPROXIMATE_ARRIVAL_TIME', type: 'TIMESTAMP' },
    ];
    for (const name of input.InAppStreamNames) {
      streams.set(name, columns);
      sources.add(name);
    }
  }
  streams.set(ERROR_STREAM, ERROR_COLUMNS);
  const pumps = new Map<string, CreatePump>();
  for (const s of statements) {
    if (s.kind === 'createStream') {
      if (sources.has(s.name) || s.name === ERROR_STREAM) fail(`Stream '${s.name}' is an input stream and cannot be created`, s.at);
      if (streams.has(s.name) && !s.orReplace) fail(`Stream '${s.name}' already exists`, s.at);
      const seen = new Set<string>();
      for (const c of s.columns) {
        if (seen.has(c.name)) fail(`Duplicate column name '${c.name}' in stream '${s.name}'`, s.at);
        seen.add(c.name);
      }
      streams.set(s.name, s.columns.map((c) => ({ name: c.name, type: typeText(c.type) })));
      continue;
    }
    if (pumps.has(s.name) && !s.orReplace) fail(`Pump '${s.name}' already exists`, s.at);
    pumps.set(s.name, s);
  }
  for (const pump of pumps.values()) checkPump(pump, streams, sources);
  return { streams, sources, pumps: [...pumps.values()] };
}

function checkPump(pump: CreatePump, streams: Map<string, Column[]>, sources: Set<string>): void {
  const select = pump.select;
  const from = streams.get(select.from.stream);
  if (!from) fail(`Object '${select.from.stream}' not found`, select.from.at);
  const target = streams.get(pump.target);
  if (!target) fail(`Object '${pump.target}' not found`, pump.at);
  if (sources.has(pump.target) || pump.target === ERROR_STREAM) fail(`Cannot insert into stream '${pump.target}'`, pump.at);
  const known = new Set(['ROWTIME', ...from.map((c) => c.name)]);
  for (const ref of columnRefs([select.items, select.where, select.groupBy, select.having, select.windows, select.stagger])) {
    if (!known.has(ref.name)) fail(`Column '${ref.name}' not found in any table`, ref.at);
  }
  for (const name of pump.targetColumns ?? []) {
    if (!target.some((c) => c.name === name)) fail(`Unknown target column '${name}'`, pump.at);
  }
  const kind = queryKind(select);
  if (select.having && kind !== 'tumbling' && kind !== 'stagger') fail('HAVING needs a GROUP BY or a stagger window', pump.at);
  if (select.stagger && select.groupBy.length) fail('A stagger window groups by its PARTITION BY: leave GROUP BY out', pump.at);
  const star = select.items.some((i) => i.kind === 'star');
  if (star && (kind === 'tumbling' || kind === 'stagger')) fail('SELECT * is not allowed with GROUP BY', pump.at);
  if (kind === 'tumbling' && !select.groupBy.some((e) => (e.kind === 'step' || e.kind === 'floor') && e.arg.kind === 'column' && e.arg.name === 'ROWTIME')) {
    fail('Cannot GROUP BY a stream without a monotonic expression: group by STEP or FLOOR of ROWTIME', pump.at);
  }
  if (!star) {
    const count = (pump.targetColumns ?? target).length;
    if (select.items.length !== count) fail(`Number of INSERT target columns (${count}) does not equal number of source items (${select.items.length})`, pump.at);
  }
  // Names are read back when mapping by position, so two items of one name would read the same value.
  const names = select.items.map(itemName);
  const dup = names.find((n, i) => n !== '*' && names.indexOf(n) !== i);
  if (dup) fail(`Column '${dup}' is selected twice: give each item its own alias`, pump.at);
}
