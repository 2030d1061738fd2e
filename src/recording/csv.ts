import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 writes it (csv-stringify): a header row, CRLF between rows, a field quoted when it holds
 * a comma, a quote, CR or LF (quotes doubled inside).
 */
export function writeCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  // a lone CR or LF is quoted too: readers split rows on either
  return stringify([columns, ...rows] as string[][], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

/** What csv-parse's refusals mean to someone who wrote the file, by its error code. */
const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed.',
  CSV_INVALID_CLOSING_QUOTE: "text after a quoted field's closing quote.",
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field.',
};

/**
 * Reads CSV (csv-parse) into rows of fields (the header is the first row), with or without a byte-order
 * mark, any line ending. Line ends inside quotes belong to the field; a malformed row is an error naming it.
 */
export function readCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    // `records` is how many rows were read whole before the bad one
    const row = ((e as CsvError & { records?: number }).records ?? 0) + 1;
    throw new Error(`Row ${row}: ${REASONS[e.code] ?? e.message}`);
  }
}
