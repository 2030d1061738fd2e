import type { Row, SqlValue } from '../input-record';
import { convert } from '../input-record';
import type { Expr } from './ast';

/** A runtime error in a row's expression (it sends the row to the error_stream with this reason). */
export class EvaluationError extends Error {}

const UNIT_MS = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;

/** Scalar functions of the SQL reference that take plain arguments, by name; null in gives null out. */
const FUNCTIONS: Record<string, (...args: SqlValue[]) => SqlValue> = {
  UPPER: (s) => String(s).toUpperCase(),
  LOWER: (s) => String(s).toLowerCase(),
  INITCAP: (s) => String(s).toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, before: string, c: string) => before + c.toUpperCase()),
  CHAR_LENGTH: (s) => [...String(s)].length,
  CHARACTER_LENGTH: (s) => [...String(s)].length,
  ABS: (n) => Math.abs(num(n)),
  CEIL: (n) => Math.ceil(num(n)),
  CEILING: (n) => Math.ceil(num(n)),
  EXP: (n) => Math.exp(num(n)),
  LN: (n) => Math.log(num(n)),
  LOG10: (n) => Math.log10(num(n)),
  MOD: (a, b) => num(a) % num(b),
  POWER: (a, b) => num(a) ** num(b),
  SQRT: (n) => Math.sqrt(num(n)),
  /** SUBSTRING(s, start[, length]): 1-based, as SQL counts. */
  SUBSTRING: (s, start, length) => {
    const chars = [...String(s)];
    const from = Math.max(0, num(start) - 1);
    return chars.slice(from, length === undefined ? undefined : from + Math.max(0, num(length))).join('');
  },
  /** REGEX_REPLACE(s, regex, replacement, position, occurrence): from the 1-based position, the occurrence-th match, or every one for 0. */
  REGEX_REPLACE: (s, regex, replacement, position, occurrence) => {
    const text = String(s);
    const from = position === undefined ? 0 : Math.max(0, num(position) - 1);
    const nth = occurrence === undefined ? 0 : num(occurrence);
    let pattern: RegExp;
    try {
      pattern = new RegExp(String(regex), 'g');
    } catch (e) {
      throw new EvaluationError(`Invalid regular expression ${String(regex)}: ${(e as Error).message}`);
    }
    let seen = 0;
    // Java's $1 group references read the same in JavaScript's replacement strings.
    const tail = text.slice(from).replace(pattern, (...match: unknown[]) => {
      seen++;
      const whole = match[0] as string;
      return nth === 0 || seen === nth ? whole.replace(new RegExp(pattern.source), String(replacement)) : whole;
    });
    return text.slice(0, from) + tail;
  },
};

function num(value: SqlValue): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  throw new EvaluationError(`${JSON.stringify(value)} is not a number`);
}

/** SQL's LIKE: `%` any run, `_` one character, everything else literal. */
function likePattern(pattern: string): RegExp {
  return new RegExp(`^${[...pattern].map((c) => (c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
}

function compare(a: SqlValue, b: SqlValue): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return x! < y! ? -1 : x! > y! ? 1 : 0;
}

/**
 * Evaluates a scalar expression over one row, with SQL's three-valued logic: null compares to nothing,
 * arithmetic on null is null, `AND`/`OR` follow the truth tables. `column` reads a column of the row
 * (ROWTIME among them); aggregates and windows are the operators' work, not this function's.
 */
export function evaluate(expr: Expr, row: Row): SqlValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'interval':
      return expr.ms;
    case 'column':
      if (!Object.hasOwn(row, expr.name)) throw new EvaluationError(`Column ${expr.name} is not in the row`);
      return row[expr.name];
    case 'unary': {
      const v = evaluate(expr.arg, row);
      if (v === null) return null;
      return expr.op === '-' ? -num(v) : !v;
    }
    case 'binary': {
      if (expr.op === 'AND' || expr.op === 'OR') {
        const l = evaluate(expr.left, row);
        const r = evaluate(expr.right, row);
        if (expr.op === 'AND') return l === false || r === false ? false : l === null || r === null ? null : true;
        return l === true || r === true ? true : l === null || r === null ? null : false;
      }
      const l = evaluate(expr.left, row);
      const r = evaluate(expr.right, row);
      if (l === null || r === null) return null;
      switch (expr.op) {
        case '||':
          return String(l) + String(r);
        case '+':
          return l instanceof Date ? new Date(l.getTime() + num(r)) : num(l) + num(r);
        case '-':
          return l instanceof Date && r instanceof Date ? l.getTime() - r.getTime() : l instanceof Date ? new Date(l.getTime() - num(r)) : num(l) - num(r);
        case '*':
          return num(l) * num(r);
        case '/':
          if (num(r) === 0) throw new EvaluationError('Division by zero');
          return num(l) / num(r);
        case '=':
          return compare(l, r) === 0;
        case '<>':
          return compare(l, r) !== 0;
        case '<':
          return compare(l, r) < 0;
        case '>':
          return compare(l, r) > 0;
        case '<=':
          return compare(l, r) <= 0;
        case '>=':
          return compare(l, r) >= 0;
      }
      throw new EvaluationError(`Unknown operator ${expr.op}`);
    }
    case 'isNull':
      return (evaluate(expr.arg, row) === null) !== expr.negated;
    case 'like': {
      const v = evaluate(expr.arg, row);
      const p = evaluate(expr.pattern, row);
      if (v === null || p === null) return null;
      return likePattern(String(p)).test(String(v)) !== expr.negated;
    }
    case 'between': {
      const v = evaluate(expr.arg, row);
      const low = evaluate(expr.low, row);
      const high = evaluate(expr.high, row);
      if (v === null || low === null || high === null) return null;
      return (compare(v, low) >= 0 && compare(v, high) <= 0) !== expr.negated;
    }
    case 'in': {
      const v = evaluate(expr.arg, row);
      if (v === null) return null;
      return expr.list.some((e) => compare(v, evaluate(e, row)) === 0) !== expr.negated;
    }
    case 'case': {
      const operand = expr.operand && evaluate(expr.operand, row);
      for (const { when, then } of expr.whens) {
        const w = evaluate(when, row);
        if (expr.operand ? operand !== null && w !== null && compare(operand!, w) === 0 : w === true) return evaluate(then, row);
      }
      return expr.otherwise ? evaluate(expr.otherwise, row) : null;
    }
    case 'cast': {
      const v = evaluate(expr.arg, row);
      try {
        const typeName = expr.type.params.length ? `${expr.type.name}(${expr.type.params.join(',')})` : expr.type.name;
        // Casting a number to an integer type truncates, as SQL does; convert() would refuse the fraction.
        const value = typeof v === 'number' && /INT/.test(expr.type.name) ? Math.trunc(v) : v instanceof Date && /CHAR/.test(expr.type.name) ? v.toISOString().replace('T', ' ').replace('Z', '') : v;
        return convert(value, typeName, 'CAST');
      } catch (e) {
        throw new EvaluationError((e as Error).message);
      }
    }
    case 'step':
    case 'floor': {
      const v = evaluate(expr.arg, row);
      if (v === null) return null;
      const size = expr.kind === 'step' ? expr.ms : expr.unit ? UNIT_MS[expr.unit] : undefined;
      if (size === undefined) return Math.floor(num(v));
      const t = num(v);
      const start = t - (((t % size) + size) % size);
      return v instanceof Date ? new Date(start) : start;
    }
    case 'call': {
      const fn = FUNCTIONS[expr.name];
      if (!fn || expr.over || expr.star) throw new EvaluationError(`${expr.name} is not a scalar function`);
      const args = expr.args.map((a) => evaluate(a, row));
      return args.includes(null) ? null : fn(...args);
    }
  }
}
