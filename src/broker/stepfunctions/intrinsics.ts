/**
 * The States Language's intrinsic functions (`States.Format('{}', $.x)` in a `.$` field of Parameters,
 * ResultSelector, ItemSelector...): a small parser for the call syntax and each function's behaviour as
 * AWS records it (test/fixtures/aws-reference/stepfunctions/intrinsic_functions).
 */
import { createHash, randomUUID } from 'node:crypto';
import { StatesFailure } from './failure';
import { readPath } from './json-path';

type Arg = { kind: 'literal'; value: unknown } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/** Parses and evaluates one intrinsic call against the state's data and the context object. */
export function evaluateIntrinsic(text: string, data: unknown, context: unknown): unknown {
  const parser = new Parser(text);
  const call = parser.call();
  parser.end();
  return run(call, data, context);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  private fail(): never {
    throw new StatesFailure('States.Runtime', `The value of the field is not a valid intrinsic function: ${this.s}`);
  }
  end(): void {
    this.ws();
    if (this.i !== this.s.length) this.fail();
  }
  call(): Arg & { kind: 'call' } {
    this.ws();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    this.ws();
    if (this.s[this.i] !== '(') this.fail();
    this.i++;
    const args: Arg[] = [];
    this.ws();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: m[0].slice(7), args };
    }
    for (;;) {
      args.push(this.arg());
      this.ws();
      const c = this.s[this.i++];
      if (c === ')') break;
      if (c !== ',') this.fail();
    }
    return { kind: 'call', name: m[0].slice(7), args };
  }
  private arg(): Arg {
    this.ws();
    const rest = this.s.slice(this.i);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.string() };
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) {
      // a path runs to the next top-level comma or closing parenthesis
      let depth = 0;
      let j = this.i;
      for (; j < this.s.length; j++) {
        const c = this.s[j];
        if (c === '[' || c === '(') depth++;
        else if (c === ']' || (c === ')' && depth > 0)) depth--;
        else if ((c === ',' || c === ')') && depth === 0) break;
      }
      const path = this.s.slice(this.i, j).trim();
      this.i = j;
      return { kind: 'path', path };
    }
    const lit = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!lit) this.fail();
    this.i += lit[0].length;
    return { kind: 'literal', value: JSON.parse(lit[0]) };
  }
  private string(): string {
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') {
        out += this.s[this.i++];
        continue;
      }
      if (c === "'") return out;
      out += c;
    }
    this.fail();
  }
}

function run(arg: Arg, data: unknown, context: unknown): unknown {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'path') return readPath(arg.path, data, context);
  const args = arg.args.map((a) => run(a, data, context));
  const fn = FUNCTIONS[arg.name];
  if (!fn) throw new StatesFailure('States.Runtime', `Unknown intrinsic function: States.${arg.name}`);
  return fn(args, arg.name);
}

/** How Java prints a value inside States.Format: maps as {k=v}, lists as [a, b]. */
function javaString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}=${javaString(x)}`).join(', ')}}`;
  return String(v);
}

const bad = (name: string, detail: string) => new StatesFailure('States.Runtime', `States.${name}: ${detail}`);
const num = (v: unknown, name: string): number => {
  if (typeof v !== 'number') throw bad(name, `expected a number, got ${JSON.stringify(v)}`);
  return v;
};
const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw bad(name, `expected a string, got ${JSON.stringify(v)}`);
  return v;
};
const arr = (v: unknown, name: string): unknown[] => {
  if (!Array.isArray(v)) throw bad(name, `expected an array, got ${JSON.stringify(v)}`);
  return v;
};
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const FUNCTIONS: Record<string, (args: unknown[], name: string) => unknown> = {
  Format: ([template, ...values], name) => {
    let k = 0;
    return str(template, name).replace(/\\?\{\}/g, (m) => (m.startsWith('\\') ? '{}' : javaString(values[k++])));
  },
  StringToJson: ([s], name) => {
    // AWS gives null for an empty or blank string (test_string_to_json)
    if (str(s, name).trim() === '') return null;
    try {
      return JSON.parse(str(s, name));
    } catch {
      throw bad(name, `cannot parse ${JSON.stringify(s)} as JSON`);
    }
  },
  JsonToString: ([v]) => JSON.stringify(v),
  Array: (args) => args,
  ArrayPartition: ([a, size], name) => {
    const items = arr(a, name);
    const n = num(size, name);
    if (n <= 0) throw bad(name, 'the chunk size must be positive');
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return out;
  },
  ArrayContains: ([a, v], name) => arr(a, name).some((x) => sameJson(x, v)),
  ArrayRange: ([first, last, step], name) => {
    const [a, b, s] = [num(first, name), num(last, name), num(step, name)];
    if (s === 0) throw bad(name, 'the step must not be 0');
    const out: number[] = [];
    for (let x = a; s > 0 ? x <= b : x >= b; x += s) {
      out.push(x);
      if (out.length > 1000) throw bad(name, 'the array would have more than 1000 items');
    }
    return out;
  },
  ArrayGetItem: ([a, i], name) => arr(a, name)[num(i, name)] ?? null,
  ArrayLength: ([a], name) => arr(a, name).length,
  ArrayUnique: ([a], name) => {
    const seen = new Set<string>();
    return arr(a, name).filter((x) => {
      const k = JSON.stringify(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  Base64Encode: ([s], name) => Buffer.from(str(s, name), 'utf8').toString('base64'),
  Base64Decode: ([s], name) => Buffer.from(str(s, name), 'base64').toString('utf8'),
  Hash: ([v, algorithm], name) => {
    const algorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const a = algorithms[str(algorithm, name)];
    if (!a) throw bad(name, `unsupported hash algorithm ${String(algorithm)}`);
    return createHash(a).update(typeof v === 'string' ? v : JSON.stringify(v)).digest('hex');
  },
  JsonMerge: ([a, b, deep], name) => {
    if (deep !== false) throw bad(name, 'deep merging is not supported; the third argument must be false');
    return { ...(a as object), ...(b as object) };
  },
  MathRandom: ([start, end], name) => {
    const [a, b] = [Math.trunc(num(start, name)), Math.trunc(num(end, name))];
    return a + Math.floor(Math.random() * (b - a));
  },
  // Each operand is rounded to an integer first, half up, as AWS does (test_math_add: 1.49 + 1.5 = 3).
  MathAdd: ([a, b], name) => Math.round(num(a, name)) + Math.round(num(b, name)),
  StringSplit: ([s, delimiters], name) => {
    const chars = [...str(delimiters, name)];
    return str(s, name)
      .split(new RegExp(`[${chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`))
      .filter((part) => part.length > 0);
  },
  UUID: () => randomUUID(),
};
