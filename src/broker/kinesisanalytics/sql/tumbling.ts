import type { Row } from '../input-record';
import type { Expr, Select } from './ast';
import { Aggregates, type Group } from './aggregates';
import { evaluate, EvaluationError } from './evaluate';

const UNIT_MS = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;

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
  private readonly aggregates: Aggregates;

  constructor(select: Select) {
    const windowExpr = select.groupBy.find((e): e is Expr & { kind: 'step' | 'floor' } => (e.kind === 'step' || e.kind === 'floor') && isRowtime(e.arg));
    if (!windowExpr) throw new EvaluationError('A tumbling window groups by STEP or FLOOR of ROWTIME');
    this.windowExpr = windowExpr;
    this.windowMs = windowExpr.kind === 'step' ? windowExpr.ms : UNIT_MS[windowExpr.unit ?? 'SECOND'];
    this.keyExprs = select.groupBy.filter((e) => e !== windowExpr);
    this.aggregates = new Aggregates(select);
  }

  /** Adds a row that passed the WHERE clause. */
  add(row: Row): void {
    const start = evaluate(this.windowExpr, row);
    const startMs = start instanceof Date ? start.getTime() : Number(start);
    const id = JSON.stringify(this.keyExprs.map((e) => evaluate(e, row)));
    let window = this.windows.get(startMs);
    if (!window) this.windows.set(startMs, (window = new Map()));
    let group = window.get(id);
    if (!group) window.set(id, (group = this.aggregates.newGroup(row)));
    this.aggregates.add(group, row);
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
        const row = this.aggregates.result(group, new Date(start + this.windowMs));
        if (row) out.push(row);
      }
      this.windows.delete(start);
    }
    return out;
  }
}

function isRowtime(e: Expr): boolean {
  return e.kind === 'column' && e.name === 'ROWTIME';
}
