import type { Row, SqlValue } from '../input-record';
import type { Expr, Select, WindowSpec } from './ast';
import { evaluate, EvaluationError } from './evaluate';

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

/**
 * Sliding windows: aggregates `OVER W` (a named WINDOW) or `OVER (...)` emit one row per input row,
 * computed over the rows of its partition within `RANGE INTERVAL ... PRECEDING` of its ROWTIME or the
 * current row and `ROWS n PRECEDING` before it.
 */
export class SlidingWindows {
  /** Per window spec, per partition: the rows still inside the widest frame. */
  private readonly history = new Map<WindowSpec, Map<string, Row[]>>();

  constructor(private readonly select: Select) {}

  /** The output row for one input row that passed the WHERE clause. */
  add(row: Row): Row {
    const out: Row = { ROWTIME: row.ROWTIME };
    const seen = new Set<WindowSpec>();
    this.select.items.forEach((item, i) => {
      if (item.kind === 'star') return Object.assign(out, row);
      const name = item.alias ?? (item.expr.kind === 'column' ? item.expr.name : `EXPR$${i}`);
      const expr = item.expr;
      if (expr.kind !== 'call' || !expr.over) return void (out[name] = evaluate(expr, row));
      if (!AGGREGATES.has(expr.name)) throw new EvaluationError(`${expr.name} is not an aggregate`);
      const spec = typeof expr.over === 'string' ? this.select.windows.get(expr.over) : expr.over;
      if (!spec) throw new EvaluationError(`Window ${String(expr.over)} is not defined`);
      const rows = this.frame(spec, row, !seen.has(spec));
      seen.add(spec);
      out[name] = aggregate(expr, rows);
    });
    return out;
  }

  private frame(spec: WindowSpec, row: Row, append: boolean): Row[] {
    let partitions = this.history.get(spec);
    if (!partitions) this.history.set(spec, (partitions = new Map()));
    const key = JSON.stringify(spec.partitionBy.map((e) => evaluate(e, row)));
    let rows = partitions.get(key);
    if (!rows) partitions.set(key, (rows = []));
    if (append) rows.push(row);
    const now = (row.ROWTIME as Date).getTime();
    const kept = spec.frame.kind === 'range' ? rows.filter((r) => (r.ROWTIME as Date).getTime() >= now - (spec.frame as { ms: number }).ms) : rows.slice(-(spec.frame.count + 1));
    partitions.set(key, kept);
    return kept;
  }
}

function aggregate(call: Expr & { kind: 'call' }, rows: Row[]): SqlValue {
  const values = call.star ? rows.map(() => 1) : rows.map((r) => evaluate(call.args[0], r)).filter((v) => v !== null);
  if (call.name === 'COUNT') return values.length;
  if (values.length === 0) return null;
  const numbers = values as number[];
  if (call.name === 'SUM') return numbers.reduce((a, b) => a + b, 0);
  if (call.name === 'AVG') return numbers.reduce((a, b) => a + b, 0) / numbers.length;
  return values.reduce((a, b) => ((call.name === 'MIN' ? b! < a! : b! > a!) ? b : a));
}
