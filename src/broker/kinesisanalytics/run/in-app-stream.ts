import type { Row } from '../input-record';

/** A column of an in-application stream: its name as SQL normalised it, and its SQL type as written. */
export interface Column {
  name: string;
  type: string;
}

export type RowsListener = (rows: Row[]) => void;

/** How many of its newest rows a stream keeps for a look (the inspector, the tree); older ones are gone, as on AWS. */
export const RECENT_ROWS = 100;

/**
 * One in-application stream of a running application: rows (each with its ROWTIME) pass through to the
 * pumps and outputs reading it, in insertion order. A stream stores nothing beyond its newest rows.
 */
export class InAppStream {
  private readonly listeners = new Set<RowsListener>();
  /** Newest last. */
  readonly recent: Row[] = [];
  rowCount = 0;

  constructor(
    readonly name: string,
    readonly columns: readonly Column[],
  ) {}

  subscribe(listener: RowsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  insert(rows: Row[]): void {
    if (rows.length === 0) return;
    this.rowCount += rows.length;
    this.recent.push(...rows);
    if (this.recent.length > RECENT_ROWS) this.recent.splice(0, this.recent.length - RECENT_ROWS);
    for (const listener of this.listeners) listener(rows);
  }
}
