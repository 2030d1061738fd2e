/**
 * A JSON parser that remembers where each value sits the way Jackson (the parser behind SNS) reports it.
 * SNS's filter-policy errors end in "at [Source: ...; line: 1, column: N]", and N is Jackson's read
 * position at the moment the check failed; to answer with AWS's exact words we must know that position.
 *
 * Jackson's position after it returns a token: past `[`, `{`, `]`, `}`, numbers and literals; just past the
 * opening quote of a string (the text is read lazily); after a field name it has already consumed the colon
 * and started the value, so a field's position is its value's position.
 */
export type JsonNode =
  | { kind: 'string'; value: string; loc: number; textLoc: number }
  | { kind: 'number'; value: number; raw: string; loc: number; textLoc: number }
  | { kind: 'boolean'; value: boolean; loc: number; textLoc: number }
  | { kind: 'null'; loc: number; textLoc: number }
  | { kind: 'array'; items: JsonNode[]; loc: number; endLoc: number }
  | { kind: 'object'; fields: { name: string; value: JsonNode }[]; loc: number; endLoc: number };

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based column, as Jackson counts (the documents here are single-line). */
    readonly column: number,
  ) {
    super(reason);
  }
}

const valueExpected = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

export function parseJsonWithLocations(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const describe = (c: string) => `'${c}' (code ${c.charCodeAt(0)})`;
  const unexpected = (at: number, expectation: string): never => {
    if (at >= text.length) throw new JsonSyntaxError(`Unexpected end-of-input: ${expectation}`, at + 1);
    throw new JsonSyntaxError(`Unexpected character (${describe(text[at])}): ${expectation}`, at + 1);
  };
  const readString = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) throw new JsonSyntaxError('Unexpected end-of-input in VALUE_STRING', i + 1);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new JsonSyntaxError(`Unrecognized character escape ${describe(e ?? ' ')}`, i + 2);
        }
      } else {
        out += c;
        i++;
      }
    }
  };
  /** Whether the closing bracket comes next (after blanks); if so, it is read. */
  const closing = (bracket: string): boolean => {
    ws();
    if (text[i] !== bracket) return false;
    i++;
    return true;
  };
  /** After an entry: true when a comma announces another, false when the bracket closes; else Jackson's error. */
  const another = (bracket: string, entries: string): boolean => {
    if (closing(bracket)) return false;
    if (text[i] !== ',') unexpected(i, `was expecting comma to separate ${entries} entries`);
    i++;
    return true;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const loc = i + 1;
      const fields: { name: string; value: JsonNode }[] = [];
      if (!closing('}')) {
        do {
          ws();
          if (text[i] !== '"') unexpected(i, 'was expecting double-quote to start field name');
          const name = readString();
          ws();
          if (text[i] !== ':') unexpected(i, "was expecting a colon to separate field name and value");
          i++;
          fields.push({ name, value: value() });
        } while (another('}', 'Object'));
      }
      return { kind: 'object', fields, loc, endLoc: i + 1 };
    }
    if (c === '[') {
      i++;
      const loc = i + 1;
      const items: JsonNode[] = [];
      if (!closing(']')) {
        do {
          items.push(value());
        } while (another(']', 'Array'));
      }
      return { kind: 'array', items, loc, endLoc: i + 1 };
    }
    if (c === '"') {
      const loc = i + 2;
      const s = readString();
      return { kind: 'string', value: s, loc, textLoc: i + 1 };
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num && num[0] !== '-') {
      i += num[0].length;
      return { kind: 'number', value: Number(num[0]), raw: num[0], loc: i + 1, textLoc: i + 1 };
    }
    const word = /^[A-Za-z0-9_$+-]+/.exec(text.slice(i))?.[0];
    if (word === 'true' || word === 'false') {
      i += word.length;
      return { kind: 'boolean', value: word === 'true', loc: i + 1, textLoc: i + 1 };
    }
    if (word === 'null') {
      i += 4;
      return { kind: 'null', loc: i + 1, textLoc: i + 1 };
    }
    if (word) {
      i += word.length;
      throw new JsonSyntaxError(`Unrecognized token '${word}': was expecting ${valueExpected}`, i + 1);
    }
    return unexpected(i, `expected a valid value ${valueExpected}`);
  };
  const root = value();
  ws();
  if (i < text.length) unexpected(i, 'expected end-of-input');
  return root;
}

/** The plain JavaScript value of a node. */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'array':
      return node.items.map(toPlain);
    case 'object':
      return Object.fromEntries(node.fields.map((f) => [f.name, toPlain(f.value)]));
    case 'null':
      return null;
    default:
      return node.value;
  }
}
