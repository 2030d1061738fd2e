import type { Deadline, Scheduler } from '../../scheduler';
import type { Row } from '../input-record';
import type { CreatePump, Select } from '../sql/ast';
import { evaluate } from '../sql/evaluate';
import { SlidingWindows } from '../sql/sliding';
import { StaggerAggregate } from '../sql/stagger';
import { TumblingAggregate } from '../sql/tumbling';
import type { Column, InAppStream } from './in-app-stream';
import { assign } from './row-format';

/** A runtime failure the error_stream reports: its ERROR_NAME, MESSAGE and the row it happened on. */
export interface RuntimeError {
  name: string;
  message: string;
  /** The row it happened on, or for a record that never became a row, its text and when it was read. */
  row?: Row;
  data?: { text: string; rowtime: Date };
  pump?: string;
}
export type ErrorSink = (error: RuntimeError) => void;

/** The name a SELECT item's value has: its alias, the column it reads, or `EXPR$<i>` as SQL names the others. */
export function itemName(item: Select['items'][number], index: number): string {
  if (item.kind === 'star') return '*';
  return item.alias ?? (item.expr.kind === 'column' ? item.expr.name : `EXPR$${index}`);
}

/** What a pump's query is: a continuous filter and projection, a tumbling-window GROUP BY, stagger windows or sliding windows. */
export type QueryKind = 'projection' | 'tumbling' | 'stagger' | 'sliding';

export function queryKind(select: Select): QueryKind {
  if (select.stagger) return 'stagger';
  if (select.groupBy.length > 0) return 'tumbling';
  return select.items.some((i) => i.kind === 'expr' && i.expr.kind === 'call' && i.expr.over !== undefined) ? 'sliding' : 'projection';
}

/**
 * One running pump: reads its FROM stream, keeps the rows its WHERE clause accepts, runs its query and
 * inserts the results into its target stream, each value cast to its target column. Tumbling windows
 * close on the broker's scheduler when the clock passes their end, so they come out with no new row.
 */
export class PumpRun {
  private readonly kind: QueryKind;
  /** The windows that close on the clock: tumbling or stagger. */
  private readonly tumbling?: TumblingAggregate | StaggerAggregate;
  private readonly sliding?: SlidingWindows;
  private readonly targetColumns: Column[];
  private readonly names: string[];
  private readonly star: boolean;
  private unsubscribe?: () => void;
  private deadline?: Deadline;

  constructor(
    readonly statement: CreatePump,
    private readonly source: InAppStream,
    private readonly target: InAppStream,
    private readonly scheduler: Scheduler,
    private readonly report: ErrorSink,
  ) {
    const select = statement.select;
    this.kind = queryKind(select);
    if (this.kind === 'tumbling') this.tumbling = new TumblingAggregate(select);
    if (this.kind === 'stagger') this.tumbling = new StaggerAggregate(select);
    if (this.kind === 'sliding') this.sliding = new SlidingWindows(select);
    this.targetColumns = statement.targetColumns
      ? statement.targetColumns.map((n) => target.columns.find((c) => c.name === n)!)
      : [...target.columns];
    this.star = select.items.some((i) => i.kind === 'star');
    this.names = select.items.map(itemName);
  }

  start(): void {
    this.unsubscribe = this.source.subscribe((rows) => this.accept(rows));
  }

  stop(): void {
    this.unsubscribe?.();
    this.deadline?.cancel();
    this.deadline = undefined;
  }

  private accept(rows: Row[]): void {
    const out: Row[] = [];
    for (const row of rows) {
      try {
        const where = this.statement.select.where;
        if (where && evaluate(where, row) !== true) continue;
        if (this.tumbling) this.tumbling.add(row);
        else if (this.sliding) this.push(out, this.sliding.add(row));
        else this.push(out, this.project(row));
      } catch (e) {
        this.report({ name: 'SQL_Evaluation_Error', message: (e as Error).message, row, pump: this.statement.name });
      }
    }
    this.target.insert(out);
    if (this.tumbling) this.arm();
  }

  private project(row: Row): Row {
    const out: Row = { ROWTIME: row.ROWTIME };
    this.statement.select.items.forEach((item, i) => {
      if (item.kind === 'star') Object.assign(out, row);
      else out[this.names[i]] = evaluate(item.expr, row);
    });
    out.ROWTIME = row.ROWTIME;
    return out;
  }

  /** The query's row as a row of the target stream: by name for `SELECT *`, else by position. */
  private push(out: Row[], result: Row): void {
    const row: Row = { ROWTIME: result.ROWTIME };
    const items = this.names.filter((n) => n !== '*');
    try {
      this.targetColumns.forEach((column, i) => {
        row[column.name] = assign((this.star ? result[column.name] : result[items[i]]) ?? null, column);
      });
      for (const column of this.target.columns) if (!Object.hasOwn(row, column.name)) row[column.name] = null;
      out.push(row);
    } catch (e) {
      this.report({ name: 'Type_Coercion_Error', message: (e as Error).message, row: result, pump: this.statement.name });
    }
  }

  /** One deadline, at the end of the earliest open window. */
  private arm(): void {
    const next = this.tumbling!.nextClose();
    if (next === undefined || (this.deadline && this.deadline.at <= next)) return;
    this.deadline?.cancel();
    this.deadline = this.scheduler.at(next, () => {
      this.deadline = undefined;
      const out: Row[] = [];
      try {
        for (const row of this.tumbling!.close(this.scheduler.now())) this.push(out, row);
      } catch (e) {
        this.report({ name: 'SQL_Evaluation_Error', message: (e as Error).message, pump: this.statement.name });
      }
      this.target.insert(out);
      this.arm();
    });
  }
}
