import type { RecordColumn, RecordFormat, SourceSchema } from './api';

/** What DiscoverInputSchema infers from sample records: the schema, and each record's values under it as text. */
export interface InferredSchema {
  schema: SourceSchema;
  parsed: string[][];
}

const CSV_DELIMITERS = [',', '\t', '|', ';'];

/**
 * Infers an input schema from sample records, as DiscoverInputSchema does: JSON when every record is a JSON
 * object (or an array of them: one row per element), with a column per scalar leaf (nested fields by their
 * path, e.g. `$.user.id`); else CSV, when one delimiter splits every line into the same number of fields
 * (columns COL1, COL2, ...), or one column of whole lines. Types: BOOLEAN, INTEGER (BIGINT beyond 32 bits), REAL for fractions, else
 * VARCHAR sized to the longest value rounded up to a power of two. Undefined for binary data, JSON mixed
 * with other text, or no line at all.
 */
export function inferSchema(records: string[]): InferredSchema | undefined {
  // Binary data, or JSON documents mixed with other text, fit no format.
  if (records.some(isBinary)) return undefined;
  const json = inferJson(records);
  if (json) return json;
  if (records.some((r) => /^\s*[[{]/.test(r))) return undefined;
  return inferCsv(records);
}

type Leaf = { path: string[]; values: unknown[] };

function inferJson(records: string[]): InferredSchema | undefined {
  const documents: unknown[] = [];
  for (const text of records) {
    try {
      documents.push(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  const arrays = documents.every((d) => Array.isArray(d) && d.every(isObject));
  if (!arrays && !documents.every(isObject)) return undefined;
  const rows = (arrays ? documents.flat() : documents) as Record<string, unknown>[];
  const leaves = new Map<string, Leaf>();
  const visit = (value: Record<string, unknown>, path: string[]) => {
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v)) continue; // arrays are no column; their elements would need a RecordRowPath of their own
      if (isObject(v)) visit(v, [...path, key]);
      else {
        const id = JSON.stringify([...path, key]);
        if (!leaves.has(id)) leaves.set(id, { path: [...path, key], values: [] });
      }
    }
  };
  for (const row of rows) visit(row, []);
  if (leaves.size === 0) return undefined;
  for (const leaf of leaves.values()) leaf.values = rows.map((r) => read(r, leaf.path));
  const names = columnNames([...leaves.values()].map((l) => l.path));
  const columns: RecordColumn[] = [...leaves.values()].map((leaf, i) => ({
    Name: names[i],
    Mapping: `$${leaf.path.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `['${p.replace(/'/g, "\\'")}']`)).join('')}`,
    SqlType: sqlType(leaf.values),
  }));
  const format: RecordFormat = { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: arrays ? '$[0:]' : '$' } } };
  const parsed = rows.map((_, r) => [...leaves.values()].map((leaf) => text(leaf.values[r])));
  return { schema: { RecordFormat: format, RecordEncoding: 'UTF-8', RecordColumns: columns }, parsed };
}

function inferCsv(records: string[]): InferredSchema | undefined {
  const lines = records.flatMap((r) => r.split(/\r?\n/)).filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  for (const delimiter of CSV_DELIMITERS) {
    const rows = lines.map((l) => l.split(delimiter));
    const width = rows[0].length;
    if (width < 2 || rows.some((r) => r.length !== width)) continue;
    const columns: RecordColumn[] = Array.from({ length: width }, (_, i) => ({ Name: `COL${i + 1}`, SqlType: sqlType(rows.map((r) => csvValue(r[i]))) }));
    const format: RecordFormat = { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: delimiter } } };
    return { schema: { RecordFormat: format, RecordEncoding: 'UTF-8', RecordColumns: columns }, parsed: rows };
  }
  // No delimiter splits them: each line is one value.
  const format: RecordFormat = { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } };
  return { schema: { RecordFormat: format, RecordEncoding: 'UTF-8', RecordColumns: [{ Name: 'COL1', SqlType: sqlType(lines.map(csvValue)) }] }, parsed: lines.map((l) => [l]) };
}

/** Text with control characters other than tab and line breaks, or bytes that were not UTF-8. */
function isBinary(text: string): boolean {
  return [...text].some((c) => {
    const code = c.codePointAt(0)!;
    return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0xfffd;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function read(row: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = row;
  for (const p of path) v = isObject(v) ? v[p] : undefined;
  return v;
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** A CSV field as the value it spells: true/false, a number, else the text. */
function csvValue(field: string): unknown {
  const t = field.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return field;
}

/** Column names: each field's own name, made a SQL name; where two leaves share one, their paths joined with `_`. */
function columnNames(paths: string[][]): string[] {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
  const leaf = paths.map((p) => clean(p[p.length - 1]));
  return paths.map((p, i) => (leaf.filter((n) => n === leaf[i]).length > 1 ? clean(p.join('_')) : leaf[i]));
}

function sqlType(values: unknown[]): string {
  const present = values.filter((v) => v !== undefined && v !== null && v !== '');
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.length && present.every((v) => typeof v === 'number')) {
    const numbers = present as number[];
    if (numbers.every(Number.isInteger)) return numbers.every((n) => Math.abs(n) <= 2 ** 31 - 1) ? 'INTEGER' : 'BIGINT';
    return 'REAL';
  }
  const longest = Math.max(1, ...present.map((v) => String(v).length));
  return `VARCHAR(${2 ** Math.ceil(Math.log2(longest))})`;
}
