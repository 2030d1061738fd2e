/**
 * How a message body is shown in an editor tab: its format guessed (JSON, XML, text) and one of three views
 * (as sent, pretty-printed, hex dump). Free of `vscode`, so it is unit-tested.
 */
export type BodyFormat = 'json' | 'xml' | 'plaintext';
export type BodyView = 'raw' | 'pretty' | 'hex';

export function detectFormat(body: string): BodyFormat {
  const t = body.trim();
  if ((t.startsWith('{') || t.startsWith('[')) && parses(t)) return 'json';
  if (t.startsWith('<') && t.endsWith('>')) return 'xml';
  return 'plaintext';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A hex dump: offset, sixteen bytes, the printable ASCII beside them. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n') + '\n';
}

/** Indents XML one element per line; text that is not simple XML comes back unchanged. */
function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/).filter((s) => s.length);
  let depth = 0;
  const out: string[] = [];
  for (const token of tokens) {
    if (token.startsWith('</')) depth = Math.max(0, depth - 1);
    out.push('  '.repeat(depth) + token);
    if (token.startsWith('<') && !token.startsWith('</') && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>')) depth++;
  }
  // Put an element's text back on its line: `<a>`, `text`, `</a>` become `<a>text</a>`.
  return out.join('\n').replace(/^(\s*<[^/!?][^>]*>)\n\s*([^<\n]+)\n\s*(<\/[^>]+>)$/gm, '$1$2$3');
}

/**
 * The text of one view. `binary` bodies are base64 (stream records and objects that are not UTF-8): their
 * hex view shows the decoded bytes, the others the base64 as it is.
 */
export function renderBody(body: string, view: BodyView, binary = false): { text: string; language: BodyFormat } {
  if (view === 'hex') return { text: hexDump(binary ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8')), language: 'plaintext' };
  const language = binary ? 'plaintext' : detectFormat(body);
  if (view === 'raw') return { text: body, language };
  if (language === 'json') return { text: JSON.stringify(JSON.parse(body), null, 2) + '\n', language };
  if (language === 'xml') return { text: prettyXml(body.trim()) + '\n', language };
  return { text: body, language };
}
