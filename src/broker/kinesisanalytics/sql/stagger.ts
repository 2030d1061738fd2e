import type { Row } from '../input-record';
import type { Expr, Select } from './ast';
import { Aggregates, type Group } from './aggregates';
import { evaluate, EvaluationError } from './evaluate';

interface Window {
  group: Group;
  closesAt: number;
}

/**
 * Stagger windows (`WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL ...)`): each partition's window
 * opens with the first row of that partition and closes the range later, so late or bursty keys are not cut
 * at a shared boundary. A window's row comes out when the broker clock reaches its close, with ROWTIME its
 * close; the next row of the partition opens a new one.
 */
export class StaggerAggregate {
  private readonly partitionBy: Expr[];
  private readonly rangeMs: number;
  private readonly aggregates: Aggregates;
  /** Open windows, oldest first, and each partition's newest. */
  private readonly windows: Window[] = [];
  private readonly latest = new Map<string, Window>();

  constructor(select: Select) {
    if (!select.stagger) throw new EvaluationError('Not a stagger window');
    this.partitionBy = select.stagger.partitionBy;
    this.rangeMs = select.stagger.ms;
    this.aggregates = new Aggregates(select);
  }

  /** Adds a row that passed the WHERE clause. */
  add(row: Row): void {
    const rowtime = (row.ROWTIME as Date).getTime();
    const id = JSON.stringify(this.partitionBy.map((e) => evaluate(e, row)));
    let window = this.latest.get(id);
    if (!window || rowtime >= window.closesAt) {
      window = { group: this.aggregates.newGroup(row), closesAt: rowtime + this.rangeMs };
      this.latest.set(id, window);
      this.windows.push(window);
    }
    this.aggregates.add(window.group, row);
  }

  nextClose(): number | undefined {
    return this.windows.length ? Math.min(...this.windows.map((w) => w.closesAt)) : undefined;
  }

  /** Closes every window whose range ended by `now`; their rows in order of closing. */
  close(now: number): Row[] {
    const due = this.windows.filter((w) => w.closesAt <= now).sort((a, b) => a.closesAt - b.closesAt);
    if (due.length === 0) return [];
    const closing = new Set(due);
    this.windows.splice(0, this.windows.length, ...this.windows.filter((w) => !closing.has(w)));
    for (const [id, w] of this.latest) if (closing.has(w)) this.latest.delete(id);
    const out: Row[] = [];
    for (const w of due) {
      const row = this.aggregates.result(w.group, new Date(w.closesAt));
      if (row) out.push(row);
    }
    return out;
  }
}
