import type { Row, SqlValue } from '../input-record';
import type { Expr, Select } from './ast';
import { evaluate, EvaluationError } from './evaluate';

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

type Call = Expr & { kind: 'call' };

/** One group's running aggregates, and its first row (group-key expressions of the SELECT list are read from it). */
export interface Group {
  first: Row;
  states: { count: number; sum: number; min: SqlValue; max: SqlValue }[];
}

/**
 * The aggregates of a grouped query (tumbling and stagger windows): every COUNT, SUM, AVG, MIN and MAX of
 * its SELECT list and HAVING, at any depth (`COUNT(*) * 2`, `HAVING SUM(x) > 10`), accumulated per group;
 * a closing window's row is the SELECT list evaluated with each aggregate replaced by its value.
 */
export class Aggregates {
  private readonly calls: Call[];

  constructor(private readonly select: Select) {
    this.calls = [...select.items.flatMap((i) => (i.kind === 'expr' ? aggregateCalls(i.expr) : [])), ...(select.having ? aggregateCalls(select.having) : [])];
  }

  newGroup(first: Row): Group {
    return { first, states: this.calls.map(() => ({ count: 0, sum: 0, min: null, max: null })) };
  }

  add(group: Group, row: Row): void {
    this.calls.forEach((call, i) => {
      const state = group.states[i];
      const value = call.star ? 1 : evaluate(call.args[0], row);
      if (value === null) return; // aggregates skip nulls, as SQL's do
      state.count++;
      if (typeof value === 'number') state.sum += value;
      if (state.min === null || value < state.min) state.min = value;
      if (state.max === null || value > state.max) state.max = value;
    });
  }

  /** The group's output row stamped `rowtime`, or undefined when HAVING refuses it. */
  result(group: Group, rowtime: Date): Row | undefined {
    if (this.select.having && evaluate(this.withValues(this.select.having, group), group.first) !== true) return undefined;
    const row: Row = { ROWTIME: rowtime };
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
      const index = this.calls.indexOf(node as Call);
      if (index >= 0) {
        const call = node as Call;
        const s = group.states[index];
        const value = call.name === 'COUNT' ? s.count : s.count === 0 ? null : call.name === 'SUM' ? s.sum : call.name === 'AVG' ? s.sum / s.count : call.name === 'MIN' ? s.min : s.max;
        return { kind: 'literal', value, at: call.at };
      }
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    };
    return replace(expr) as Expr;
  }
}

/** The aggregate calls (not windowed by OVER) in an expression, outermost first. */
function aggregateCalls(expr: Expr): Call[] {
  const found: Call[] = [];
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
