import { JSONPath } from 'jsonpath-plus';
import type { SourceSchema } from './api';

export type SqlValue = string | number | boolean | Date | null;
export type Row = Record<string, SqlValue>;

/** A record's rows, or why it does not fit the input schema (the reason the error_stream carries). */
export type ParsedRecord = { ok: true; rows: Row[] } | { ok: false; reason: string };

/**
 * Maps one source record to in-application rows by the input schema: JSON by RecordRowPath (one row, or one
 * per element when the path selects an array's elements) and each column's Mapping path; CSV by its row and
 * column delimiters, columns by position. Each value is converted to its column's SQL type.
 */
export function parseRecord(schema: SourceSchema, data: Uint8Array): ParsedRecord {
  const text = Buffer.from(data).toString('utf8');
  try {
    return { ok: true, rows: schema.RecordFormat.RecordFormatType === 'CSV' ? csvRows(schema, text) : jsonRows(schema, text) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

function jsonRows(schema: SourceSchema, text: string): Row[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error(`Record is not JSON: ${text.slice(0, 100)}`);
  }
  const rowPath = schema.RecordFormat.MappingParameters?.JSONMappingParameters?.RecordRowPath ?? '$';
  const found = rowPath === '$' ? [document] : (JSONPath({ path: rowPath, json: document as object, wrap: true }) as unknown[]);
  return found.map((element) => {
    const row: Row = {};
    for (const column of schema.RecordColumns) {
      const mapping = column.Mapping ?? `$.${column.Name}`;
      row[column.Name] = convert(readPath(mapping, element), column.SqlType, column.Name);
    }
    return row;
  });
}

const DOTTED = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/;

/**
 * The first value a column's JSON path selects, or null. Plain `$.a.b` paths (what DiscoverInputSchema
 * writes, and most schemas) are read directly: running JSONPath for each column of each record costs more
 * than the rest of the pipeline together.
 */
function readPath(mapping: string, element: unknown): unknown {
  const dotted = DOTTED.exec(mapping);
  if (dotted) {
    let v: unknown = element;
    for (const key of dotted[1].slice(1).split('.')) {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, key)) return null;
      v = (v as Record<string, unknown>)[key];
    }
    return v === undefined ? null : v;
  }
  const values = JSONPath({ path: mapping, json: element as object, wrap: true }) as unknown[];
  return values.length ? values[0] : null;
}

function csvRows(schema: SourceSchema, text: string): Row[] {
  const csv = schema.RecordFormat.MappingParameters?.CSVMappingParameters;
  const rowDelimiter = csv?.RecordRowDelimiter ?? '\n';
  const columnDelimiter = csv?.RecordColumnDelimiter ?? ',';
  return text
    .split(rowDelimiter)
    .filter((line) => line !== '')
    .map((line) => {
      const fields = line.split(columnDelimiter);
      const row: Row = {};
      schema.RecordColumns.forEach((column, i) => {
        row[column.Name] = convert(i < fields.length ? fields[i] : null, column.SqlType, column.Name);
      });
      return row;
    });
}

/** A source value as its column's SQL type; null stays null, anything that does not convert is refused. */
export function convert(value: unknown, sqlType: string, column: string): SqlValue {
  if (value === null || value === undefined) return null;
  const type = /^\s*([A-Za-z]+)\s*(?:\(\s*(\d+)[^)]*\))?/.exec(sqlType);
  const base = type?.[1].toUpperCase() ?? '';
  const length = type?.[2] === undefined ? undefined : Number(type[2]);
  const fail = (): never => {
    throw new Error(`Value ${JSON.stringify(value)} of column ${column} is not of type ${sqlType}`);
  };
  switch (base) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'INTEGER':
    case 'BIGINT': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
      return Number.isInteger(n) ? n : fail();
    }
    case 'REAL':
    case 'DOUBLE':
    case 'DECIMAL':
    case 'NUMERIC': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : fail();
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
      return fail();
    case 'CHAR':
    case 'VARCHAR': {
      if (typeof value === 'object') return fail();
      const s = String(value);
      return length !== undefined && s.length > length ? fail() : s;
    }
    case 'TIMESTAMP':
    case 'DATE': {
      const d = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : typeof value === 'string' ? new Date(/^\d{4}-\d\d-\d\d \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value) : new Date(NaN);
      return Number.isNaN(d.getTime()) ? fail() : d;
    }
    default:
      return typeof value === 'object' ? fail() : String(value);
  }
}
