import { attributesFromText, type TextAttribute } from '../broker/sqs/text-attributes';
import type { MessageAttributeMap } from '../broker/sqs/api';
import { readCsv, writeCsv } from './csv';

/**
 * One message, outbox entry or record of an export: what it takes to send it again, in the AWS API's
 * member names, plus where it came from (read back but not sent). One shape for all three, so a queue's
 * export can be imported into a stream or a topic and back.
 */
export interface ExportedMessage {
  /** The text, or with `encoding: 'base64'` the bytes (a record that is not UTF-8). */
  body: string;
  encoding?: 'base64';
  messageAttributes?: Record<string, TextAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** SNS: the subject an email subscriber saw. */
  subject?: string;
  /** Kinesis. */
  partitionKey?: string;
  /** Where it came from: the SQS/SNS message id, the record's shard and sequence number. */
  messageId?: string;
  shardId?: string;
  sequenceNumber?: string;
  /** When it was sent, published or put (ISO 8601). */
  timestamp?: string;
}

export type ExportFormat = 'json' | 'csv';

/** The CSV header, in this order; `messageAttributes` is a JSON object in its cell. */
export const CSV_COLUMNS = [
  'messageId', 'timestamp', 'messageGroupId', 'messageDeduplicationId', 'partitionKey', 'shardId', 'sequenceNumber',
  'subject', 'messageAttributes', 'encoding', 'body',
] as const;

/** NDJSON (one message a line) or CSV with a header. */
export function encodeExport(messages: readonly ExportedMessage[], format: ExportFormat): string {
  if (format === 'json') return messages.map((m) => JSON.stringify(m) + '\n').join('');
  return writeCsv(CSV_COLUMNS, messages.map((m) => CSV_COLUMNS.map((c) => {
    const value = m[c];
    if (value === undefined) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  })));
}

/** The format a file is in: by its name, else by its first character (JSON starts with `{` or `[`). */
export function formatOf(file: string, text: string): ExportFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(nd)?json(l)?$/i.test(file)) return 'json';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

/**
 * Reads an export: NDJSON, a JSON array (of messages or of body strings), the editor's earlier
 * `{ "queue", "messages": [...] }` document, or CSV with a header that has a `body` column. Every message
 * is checked (a body, attributes that convert, base64 that is base64); an error names the first bad one.
 */
export function decodeExport(text: string, format: ExportFormat): ExportedMessage[] {
  const raw = format === 'csv' ? fromCsv(text) : fromJson(text);
  return raw.map((value, i) => checked(value, i + 1));
}

function fromJson(text: string): unknown[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return [];
  // A whole JSON document (an array or the earlier export), else one document a line.
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole)) return whole;
    const messages = (whole as { messages?: unknown } | null)?.messages;
    if (Array.isArray(messages)) return messages;
    if (whole && typeof whole === 'object' && 'body' in whole) return [whole];
    throw new Error('Expected one message a line (NDJSON), an array of messages or an Eventyard export ({ "messages": [...] }).');
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  return trimmed.split(/\r?\n/).flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (e) {
      throw new Error(`Line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
  });
}

function fromCsv(text: string): unknown[] {
  const [header, ...rows] = readCsv(text);
  if (!header?.includes('body')) throw new Error('The CSV has no "body" column in its header row.');
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new Error(`The CSV has columns this import does not know: ${unknown.join(', ')} (known: ${CSV_COLUMNS.join(', ')}).`);
  return rows.filter((r) => !(r.length === 1 && r[0] === '')).map((row, i) => {
    if (row.length !== header.length) throw new Error(`Row ${i + 2} has ${row.length} fields; the header has ${header.length}.`);
    const m: Record<string, unknown> = {};
    header.forEach((column, j) => {
      if (row[j] === '' && column !== 'body') return;
      if (column === 'messageAttributes') {
        try {
          m[column] = JSON.parse(row[j]);
        } catch {
          throw new Error(`Row ${i + 2}: messageAttributes is not a JSON object.`);
        }
      } else m[column] = row[j];
    });
    return m;
  });
}

const TEXT_FIELDS = ['messageGroupId', 'messageDeduplicationId', 'subject', 'partitionKey', 'messageId', 'shardId', 'sequenceNumber', 'timestamp'] as const;

function checked(value: unknown, n: number): ExportedMessage {
  const m = typeof value === 'string' ? { body: value } : (value as Record<string, unknown> | null);
  if (!m || typeof m !== 'object' || typeof m.body !== 'string') throw new Error(`Message ${n} has no "body" string.`);
  const out: ExportedMessage = { body: m.body };
  if (m.encoding !== undefined) {
    if (m.encoding !== 'base64') throw new Error(`Message ${n}: encoding must be "base64" or absent, not ${JSON.stringify(m.encoding)}.`);
    if (!isBase64(m.body)) throw new Error(`Message ${n}: the body is marked base64 but is not base64.`);
    out.encoding = 'base64';
  }
  if (m.messageAttributes !== undefined) {
    if (!m.messageAttributes || typeof m.messageAttributes !== 'object' || Array.isArray(m.messageAttributes)) throw new Error(`Message ${n}: messageAttributes must be an object.`);
    try {
      attributesFromText(m.messageAttributes as Record<string, TextAttribute>);
    } catch (e) {
      throw new Error(`Message ${n}: ${(e as Error).message}`);
    }
    out.messageAttributes = m.messageAttributes as Record<string, TextAttribute>;
  }
  for (const key of TEXT_FIELDS) {
    const v = m[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new Error(`Message ${n}: ${key} must be a string.`);
    out[key] = v;
  }
  return out;
}

function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** The body as the bytes to send: base64 decoded, or the text's UTF-8. */
export function bodyBytes(message: ExportedMessage): Uint8Array {
  return Buffer.from(message.body, message.encoding === 'base64' ? 'base64' : 'utf8');
}

/** The attributes as the SDK clients take them (binary values as bytes). */
export function sdkAttributes(message: ExportedMessage): MessageAttributeMap | undefined {
  return message.messageAttributes && Object.keys(message.messageAttributes).length ? attributesFromText(message.messageAttributes) : undefined;
}
