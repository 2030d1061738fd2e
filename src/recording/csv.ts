/**
 * CSV as RFC 4180 writes it: a header row, CRLF between rows, a field quoted when it holds a comma, a
 * quote, CR or LF (quotes doubled inside). No CSV package is among the dependencies yet; this is the small
 * part of one an export needs, kept behind these two functions so a library (csv-stringify/csv-parse) can
 * take their place without touching the callers.
 */
export function writeCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Reads CSV into rows of fields (the header is the first row). Line ends inside quotes belong to the field;
 * a quote inside an unquoted field, or a quoted field not closed, is an error naming its row.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '"' && field === '') {
      // A quoted field runs to the next quote that is not doubled.
      let j = i + 1;
      for (;;) {
        const q = source.indexOf('"', j);
        if (q < 0) throw new Error(`Row ${rows.length + 1}: a quoted field is not closed.`);
        if (source[q + 1] === '"') {
          field += source.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        field += source.slice(j, q);
        i = q + 1;
        break;
      }
      if (i < source.length && !/[,\r\n]/.test(source[i])) throw new Error(`Row ${rows.length + 1}: text after a quoted field's closing quote.`);
      // An empty quoted field must still count as a field when a separator follows.
      if (source[i] === ',') {
        row.push(field);
        field = '';
        i++;
        if (i === source.length) endRow();
      }
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      if (i === source.length) endRow();
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && source[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c === '"') throw new Error(`Row ${rows.length + 1}: a quote inside an unquoted field.`);
    field += c;
    i++;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}
