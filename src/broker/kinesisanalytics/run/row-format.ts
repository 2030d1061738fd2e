import { convert, type Row, type SqlValue } from '../input-record';
import type { Column } from './in-app-stream';

/** A TIMESTAMP as the SQL engine prints it: `yyyy-MM-dd HH:mm:ss.SSS`, in UTC. */
export function timestampText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function plain(value: SqlValue): string | number | boolean | null {
  return value instanceof Date ? timestampText(value) : value;
}

/**
 * A value stored into a column, with SQL's implicit assignment casts: a fraction into an integer column is
 * truncated, a timestamp or number into a character column becomes its text; what cannot convert throws.
 */
export function assign(value: SqlValue, column: Column): SqlValue {
  const type = column.type.toUpperCase();
  let v: SqlValue = value;
  if (typeof v === 'number' && /INT/.test(type)) v = Math.trunc(v);
  else if (v instanceof Date && /CHAR/.test(type)) v = timestampText(v);
  else if (typeof v === 'number' && /CHAR/.test(type)) v = String(v);
  return convert(v, column.type, column.name);
}

/** One output record: the row's columns (not ROWTIME, which is no column) as a JSON object. */
export function jsonRecord(row: Row, columns: readonly Column[]): string {
  return JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, plain(row[c.name] ?? null)])));
}

/** One output record in CSV: the columns in order, quoted where they hold a comma, quote or line break; a newline ends it. */
export function csvRecord(row: Row, columns: readonly Column[]): string {
  const fields = columns.map((c) => {
    const v = plain(row[c.name] ?? null);
    const text = v === null ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  });
  return `${fields.join(',')}\n`;
}
