import type { Row, SqlValue } from '../input-record';
import type { Expr, Select } from './ast';
import { evaluate, EvaluationError } from './evaluate';

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

interface Group {
  keys: SqlValue[];
  /** The first row of the group: group-key expressions in the SELECT list are read from it. */
  first: Row;
  /** Per aggregate item: its running state. */
  states: { count: number; sum: number; min: SqlValue; max: SqlValue }[];
}

/**
 * A tumbling-window GROUP BY: `GROUP BY keys..., STEP(s.ROWTIME BY INTERVAL ...)` or `FLOOR(s.ROWTIME TO
 * unit)`. Rows are grouped by their window (the ROWTIME expression's value) and keys; a window's rows come
 * out when it closes, once the broker clock passes its end, with ROWTIME the window's end.
 */
export class TumblingAggregate {
  private readonly windowExpr: Expr & { kind: 'step' | 'floor' };
  private readonly keyExprs: Expr[];
  private readonly windowMs: number;
  private readonly windows = new Map<number, Map<string, Group>>();
  private readonly aggregates: (Expr & { kind: 'call' })[];

  constructor(private readonly select: Select) {
    const windowExpr = select.groupBy.find((e): e is Expr & { kind: 'step' | 'floor' } => (e.kind === 'step' || e.kind === 'floor') && isRowtime(e.arg));
    if (!windowExpr) throw new EvaluationError('A tumbling window groups by STEP or FLOOR of ROWTIME');
    this.windowExpr = windowExpr;
    this.windowMs = windowExpr.kind === 'step' ? windowExpr.ms : { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 }[windowExpr.unit ?? 'SECOND'];
    this.keyExprs = select.groupBy.filter((e) => e !== windowExpr);
    // Every aggregate call of the SELECT list and HAVING, at any depth (`COUNT(*) * 2`, `HAVING SUM(x) > 10`).
    this.aggregates = [...select.items.flatMap((i) => (i.kind === 'expr' ? aggregateCalls(i.expr) : [])), ...(select.having ? aggregateCalls(select.having) : [])];
  }

  /** Adds a row that passed the WHERE clause. */
  add(row: Row): void {
    const start = evaluate(this.windowExpr, row);
    const startMs = start instanceof Date ? start.getTime() : Number(start);
    const keys = this.keyExprs.map((e) => evaluate(e, row));
    let window = this.windows.get(startMs);
    if (!window) this.windows.set(startMs, (window = new Map()));
    const id = JSON.stringify(keys);
    let group = window.get(id);
    if (!group) window.set(id, (group = { keys, first: row, states: this.aggregates.map(() => ({ count: 0, sum: 0, min: null, max: null })) }));
    this.aggregates.forEach((call, i) => {
      const state = group.states[i];
      const value = call.star ? 1 : evaluate(call.args[0], row);
      if (value === null) return; // aggregates skip nulls, as SQL's do
      state.count++;
      if (typeof value === 'number') state.sum += value;
      if (state.min === null || value < state.min) state.min = value;
      if (state.max === null || value > state.max) state.max = value;
    });
  }

  /** The end of the earliest open window, when the clock must next close one. */
  nextClose(): number | undefined {
    const starts = [...this.windows.keys()];
    return starts.length ? Math.min(...starts) + this.windowMs : undefined;
  }

  /** Closes every window that ended by `now` and returns its rows, windows in time order. */
  close(now: number): Row[] {
    const out: Row[] = [];
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) {
      if (start + this.windowMs > now) break;
      for (const group of this.windows.get(start)!.values()) {
        if (this.select.having && evaluate(this.withValues(this.select.having, group), group.first) !== true) continue;
        out.push(this.result(group, start));
      }
      this.windows.delete(start);
    }
    return out;
  }

  private result(group: Group, start: number): Row {
    const row: Row = { ROWTIME: new Date(start + this.windowMs) };
    this.select.items.forEach((item, i) => {
      if (item.kind === 'star') throw new EvaluationError('SELECT * is not allowed with GROUP BY');
      const name = item.alias ?? (item.expr.kind === 'column' ? item.expr.name : `EXPR$${i}`);
      row[name] = evaluate(this.withValues(item.expr, group), group.first);
    });
    return row;
  }

  /** An expression with each aggregate call replaced by the group's value of it, so `evaluate` can finish it. */
  private withValues(expr: Expr, group: Group): Expr {
    const replace = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(replace);
      if (!node || typeof node !== 'object' || node instanceof Date) return node;
      const index = this.aggregates.indexOf(node as Expr & { kind: 'call' });
      if (index >= 0) {
        const call = node as Expr & { kind: 'call' };
        const state = group.states[index];
        const value =
          call.name === 'COUNT' ? state.count : state.count === 0 ? null : call.name === 'SUM' ? state.sum : call.name === 'AVG' ? state.sum / state.count : call.name === 'MIN' ? state.min : state.max;
        return { kind: 'literal', value, at: call.at };
      }
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    };
    return replace(expr) as Expr;
  }
}

/** The aggregate calls (COUNT, SUM, AVG, MIN, MAX, not windowed by OVER) in an expression, outermost first. */
function aggregateCalls(expr: Expr): (Expr & { kind: 'call' })[] {
  const found: (Expr & { kind: 'call' })[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object' || node instanceof Date) return;
    const e = node as Expr;
    if (e.kind === 'call' && AGGREGATES.has(e.name) && e.over === undefined) return void found.push(e);
    Object.values(node).forEach(walk);
  };
  walk(expr);
  return found;
}

function isRowtime(e: Expr): boolean {
  return e.kind === 'column' && e.name === 'ROWTIME';
}
