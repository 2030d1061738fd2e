import { createTokenInstance, EmbeddedActionsParser, type IToken } from 'chevrotain';
import type * as ast from './ast';
import * as t from './lexer';

const UNIT_MS: Record<ast.TimeUnit, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** A SQL error with where it is, as AWS's CodeValidationException points at it. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
  }
}

const at = (token: IToken): ast.Position => ({ line: token.startLine ?? 0, column: token.startColumn ?? 0 });

/** SQL's names: unquoted ones are upper-cased, quoted ones kept as written (`""` is a quote). */
function name(token: IToken): string {
  return token.tokenType === t.QuotedIdentifier ? token.image.slice(1, -1).replace(/""/g, '"') : token.image.toUpperCase();
}

function stringValue(token: IToken): string {
  return token.image.slice(1, -1).replace(/''/g, "'");
}

/**
 * The grammar of Kinesis Analytics' application code: CREATE [OR REPLACE] STREAM and PUMP statements whose
 * SELECT STREAM queries carry expressions, GROUP BY windows (STEP, FLOOR) and WINDOW/OVER sliding windows.
 * Embedded actions build the syntax tree of ast.ts directly.
 */
class SqlParser extends EmbeddedActionsParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  program = this.RULE('program', (): ast.Statement[] => {
    const statements: ast.Statement[] = [];
    this.MANY(() => {
      statements.push(this.SUBRULE(this.statement));
      this.CONSUME(t.Semicolon);
    });
    return statements;
  });

  statement = this.RULE('statement', (): ast.Statement => {
    const create = this.CONSUME(t.Create);
    let orReplace = false;
    this.OPTION(() => {
      this.CONSUME(t.Or);
      this.CONSUME(t.Replace);
      orReplace = true;
    });
    return this.OR([
      { ALT: () => this.SUBRULE(this.createStream, { ARGS: [orReplace, at(create)] }) },
      { ALT: () => this.SUBRULE(this.createPump, { ARGS: [orReplace, at(create)] }) },
    ]);
  });

  createStream = this.RULE('createStream', (orReplace: boolean, position: ast.Position): ast.CreateStream => {
    this.CONSUME(t.Stream);
    const streamName = this.SUBRULE(this.identifier);
    const columns: ast.CreateStream['columns'] = [];
    this.CONSUME(t.LParen);
    this.AT_LEAST_ONE_SEP({
      SEP: t.Comma,
      DEF: () => {
        const column = this.SUBRULE2(this.identifier);
        columns.push({ name: column, type: this.SUBRULE(this.sqlType) });
      },
    });
    this.CONSUME(t.RParen);
    return { kind: 'createStream', orReplace, name: streamName, columns, at: position };
  });

  createPump = this.RULE('createPump', (orReplace: boolean, position: ast.Position): ast.CreatePump => {
    this.CONSUME(t.Pump);
    const pumpName = this.SUBRULE(this.identifier);
    this.CONSUME(t.As);
    this.CONSUME(t.Insert);
    this.CONSUME(t.Into);
    const target = this.SUBRULE2(this.identifier);
    let targetColumns: string[] | undefined;
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      targetColumns = [];
      this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => targetColumns!.push(this.SUBRULE3(this.identifier)) });
      this.CONSUME(t.RParen);
    });
    const select = this.SUBRULE(this.select);
    return { kind: 'createPump', orReplace, name: pumpName, target, ...(targetColumns ? { targetColumns } : {}), select, at: position };
  });

  select = this.RULE('select', (): ast.Select => {
    this.CONSUME(t.Select);
    this.CONSUME(t.Stream);
    const items: ast.Select['items'] = [];
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => items.push(this.SUBRULE(this.selectItem)) });
    const from = this.CONSUME(t.From);
    const stream = this.SUBRULE(this.identifier);
    let alias: string | undefined;
    this.OPTION(() => {
      this.OPTION2(() => this.CONSUME(t.As));
      alias = this.SUBRULE2(this.identifier);
    });
    let where: ast.Expr | undefined;
    this.OPTION3(() => {
      this.CONSUME(t.Where);
      where = this.SUBRULE(this.expr);
    });
    let stagger: ast.Select['stagger'];
    this.OPTION7(() => {
      this.CONSUME(t.Windowed);
      this.CONSUME2(t.By);
      this.CONSUME(t.Stagger);
      this.CONSUME2(t.LParen);
      this.CONSUME(t.Partition);
      this.CONSUME3(t.By);
      const partitionBy: ast.Expr[] = [];
      this.AT_LEAST_ONE_SEP4({ SEP: t.Comma, DEF: () => partitionBy.push(this.SUBRULE4(this.expr)) });
      this.CONSUME(t.Range);
      const range = this.SUBRULE(this.interval);
      this.CONSUME2(t.RParen);
      stagger = { partitionBy, ms: range.ms };
    });
    const groupBy: ast.Expr[] = [];
    this.OPTION4(() => {
      this.CONSUME(t.Group);
      this.CONSUME(t.By);
      this.AT_LEAST_ONE_SEP2({ SEP: t.Comma, DEF: () => groupBy.push(this.SUBRULE2(this.expr)) });
    });
    let having: ast.Expr | undefined;
    this.OPTION5(() => {
      this.CONSUME(t.Having);
      having = this.SUBRULE3(this.expr);
    });
    const windows = new Map<string, ast.WindowSpec>();
    this.OPTION6(() => {
      this.CONSUME(t.Window);
      this.AT_LEAST_ONE_SEP3({
        SEP: t.Comma,
        DEF: () => {
          const windowName = this.SUBRULE3(this.identifier);
          this.CONSUME2(t.As);
          this.CONSUME(t.LParen);
          const spec = this.SUBRULE(this.windowSpec);
          this.CONSUME(t.RParen);
          this.ACTION(() => windows.set(windowName, spec));
        },
      });
    });
    return { items, from: { stream, ...(alias ? { alias } : {}), at: at(from) }, ...(where ? { where } : {}), groupBy, ...(having ? { having } : {}), windows, ...(stagger ? { stagger } : {}) };
  });

  selectItem = this.RULE('selectItem', (): ast.Select['items'][number] =>
    this.OR([
      { ALT: () => (this.CONSUME(t.Star), { kind: 'star' as const }) },
      {
        ALT: () => {
          const expr = this.SUBRULE(this.expr);
          let alias: string | undefined;
          this.OPTION(() => {
            this.OPTION2(() => this.CONSUME(t.As));
            alias = this.SUBRULE(this.identifier);
          });
          return { kind: 'expr' as const, expr, ...(alias ? { alias } : {}) };
        },
      },
    ]),
  );

  windowSpec = this.RULE('windowSpec', (): ast.WindowSpec => {
    const partitionBy: ast.Expr[] = [];
    this.OPTION(() => {
      this.CONSUME(t.Partition);
      this.CONSUME(t.By);
      this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => partitionBy.push(this.SUBRULE(this.expr)) });
    });
    const frame = this.OR([
      {
        ALT: (): ast.WindowSpec['frame'] => {
          this.CONSUME(t.Range);
          return { kind: 'range', ms: this.SUBRULE(this.interval).ms };
        },
      },
      {
        ALT: (): ast.WindowSpec['frame'] => {
          this.CONSUME(t.Rows);
          return { kind: 'rows', count: Number(this.CONSUME(t.NumberLiteral).image) };
        },
      },
    ]);
    this.CONSUME(t.Preceding);
    return { partitionBy, frame };
  });

  interval = this.RULE('interval', (): { ms: number; at: ast.Position } => {
    const start = this.CONSUME(t.Interval);
    const amount = this.CONSUME(t.StringLiteral);
    const unit = this.CONSUME(t.Unit);
    return this.ACTION(() => {
      const n = Number(stringValue(amount).trim());
      if (!Number.isFinite(n) || n < 0) throw new SqlError(`Interval ${amount.image} is not a number of ${unit.image}s`, amount.startLine ?? 0, amount.startColumn ?? 0);
      return { ms: n * UNIT_MS[unit.image.toUpperCase() as ast.TimeUnit], at: at(start) };
    }) ?? { ms: 0, at: at(start) };
  });

  sqlType = this.RULE('sqlType', (): ast.SqlType => {
    const token = this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.Timestamp) }]);
    const typeName = this.ACTION(() => token.image.toUpperCase());
    const params: number[] = [];
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => params.push(Number(this.CONSUME(t.NumberLiteral).image)) });
      this.CONSUME(t.RParen);
    });
    return { name: typeName, params };
  });

  identifier = this.RULE('identifier', (): string => {
    const token = this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.QuotedIdentifier) }]);
    return this.ACTION(() => name(token));
  });

  expr = this.RULE('expr', (): ast.Expr => {
    let left = this.SUBRULE(this.andExpr);
    this.MANY(() => {
      const op = this.CONSUME(t.Or);
      const right = this.SUBRULE2(this.andExpr);
      left = { kind: 'binary', op: 'OR', left, right, at: at(op) };
    });
    return left;
  });

  andExpr = this.RULE('andExpr', (): ast.Expr => {
    let left = this.SUBRULE(this.notExpr);
    this.MANY(() => {
      const op = this.CONSUME(t.And);
      const right = this.SUBRULE2(this.notExpr);
      left = { kind: 'binary', op: 'AND', left, right, at: at(op) };
    });
    return left;
  });

  notExpr = this.RULE('notExpr', (): ast.Expr =>
    this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(t.Not);
          return { kind: 'unary', op: 'NOT', arg: this.SUBRULE(this.notExpr), at: at(op) };
        },
      },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]),
  );

  predicate = this.RULE('predicate', (): ast.Expr => {
    const left = this.SUBRULE(this.additive);
    let result: ast.Expr = left;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            const op = this.CONSUME(t.Comparison);
            const right = this.SUBRULE2(this.additive);
            result = { kind: 'binary', op: this.ACTION(() => (op.image === '!=' ? '<>' : op.image)), left, right, at: at(op) };
          },
        },
        {
          ALT: () => {
            const is = this.CONSUME(t.Is);
            let negated = false;
            this.OPTION2(() => (this.CONSUME(t.Not), (negated = true)));
            this.CONSUME(t.Null);
            result = { kind: 'isNull', arg: left, negated, at: at(is) };
          },
        },
        {
          ALT: () => {
            let negated = false;
            this.OPTION3(() => (this.CONSUME2(t.Not), (negated = true)));
            this.OR2([
              {
                ALT: () => {
                  const like = this.CONSUME(t.Like);
                  result = { kind: 'like', arg: left, pattern: this.SUBRULE3(this.additive), negated, at: at(like) };
                },
              },
              {
                ALT: () => {
                  const between = this.CONSUME(t.Between);
                  const low = this.SUBRULE4(this.additive);
                  this.CONSUME(t.And);
                  const high = this.SUBRULE5(this.additive);
                  result = { kind: 'between', arg: left, low, high, negated, at: at(between) };
                },
              },
              {
                ALT: () => {
                  const inToken = this.CONSUME(t.In);
                  this.CONSUME(t.LParen);
                  const list: ast.Expr[] = [];
                  this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => list.push(this.SUBRULE(this.expr)) });
                  this.CONSUME(t.RParen);
                  result = { kind: 'in', arg: left, list, negated, at: at(inToken) };
                },
              },
            ]);
          },
        },
      ]);
    });
    return result;
  });

  additive = this.RULE('additive', (): ast.Expr => {
    let left = this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(t.Plus) }, { ALT: () => this.CONSUME(t.Minus) }, { ALT: () => this.CONSUME(t.Concat) }]);
      const right = this.SUBRULE2(this.multiplicative);
      left = { kind: 'binary', op: op.image, left, right, at: at(op) };
    });
    return left;
  });

  multiplicative = this.RULE('multiplicative', (): ast.Expr => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.CONSUME(t.Slash) }]);
      const right = this.SUBRULE2(this.unary);
      left = { kind: 'binary', op: op.image, left, right, at: at(op) };
    });
    return left;
  });

  unary = this.RULE('unary', (): ast.Expr =>
    this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(t.Minus);
          return { kind: 'unary', op: '-', arg: this.SUBRULE(this.unary), at: at(op) };
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]),
  );

  primary = this.RULE('primary', (): ast.Expr =>
    this.OR([
      { ALT: () => { const n = this.CONSUME(t.NumberLiteral); return { kind: 'literal', value: Number(n.image), at: at(n) }; } },
      { ALT: () => { const s = this.CONSUME(t.StringLiteral); return { kind: 'literal', value: this.ACTION(() => stringValue(s)), at: at(s) }; } },
      { ALT: () => { const n = this.CONSUME(t.Null); return { kind: 'literal', value: null, at: at(n) }; } },
      { ALT: () => { const b = this.CONSUME(t.True); return { kind: 'literal', value: true, at: at(b) }; } },
      { ALT: () => { const b = this.CONSUME(t.False); return { kind: 'literal', value: false, at: at(b) }; } },
      { ALT: () => this.SUBRULE(this.timestampLiteral) },
      { ALT: () => { const i = this.SUBRULE(this.interval); return { kind: 'interval', ms: i.ms, at: i.at }; } },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          const inner = this.SUBRULE(this.expr);
          this.CONSUME(t.RParen);
          return inner;
        },
      },
      { ALT: () => this.SUBRULE(this.caseExpr) },
      { ALT: () => this.SUBRULE(this.castExpr) },
      { ALT: () => this.SUBRULE(this.stepExpr) },
      { ALT: () => this.SUBRULE(this.floorExpr) },
      { ALT: () => this.SUBRULE(this.columnOrCall) },
    ]),
  );

  timestampLiteral = this.RULE('timestampLiteral', (): ast.Expr => {
    const start = this.CONSUME(t.Timestamp);
    const text = this.CONSUME(t.StringLiteral);
    return this.ACTION(() => {
      const value = new Date(`${stringValue(text).trim().replace(' ', 'T')}Z`);
      if (Number.isNaN(value.getTime())) throw new SqlError(`${text.image} is not a timestamp`, text.startLine ?? 0, text.startColumn ?? 0);
      return { kind: 'literal' as const, value, at: at(start) };
    }) ?? { kind: 'literal', value: null, at: at(start) };
  });

  caseExpr = this.RULE('caseExpr', (): ast.Expr => {
    const start = this.CONSUME(t.Case);
    let operand: ast.Expr | undefined;
    this.OPTION(() => (operand = this.SUBRULE(this.expr)));
    const whens: { when: ast.Expr; then: ast.Expr }[] = [];
    this.AT_LEAST_ONE(() => {
      this.CONSUME(t.When);
      const when = this.SUBRULE2(this.expr);
      this.CONSUME(t.Then);
      whens.push({ when, then: this.SUBRULE3(this.expr) });
    });
    let otherwise: ast.Expr | undefined;
    this.OPTION2(() => {
      this.CONSUME(t.Else);
      otherwise = this.SUBRULE4(this.expr);
    });
    this.CONSUME(t.End);
    return { kind: 'case', ...(operand ? { operand } : {}), whens, ...(otherwise ? { otherwise } : {}), at: at(start) };
  });

  castExpr = this.RULE('castExpr', (): ast.Expr => {
    const start = this.CONSUME(t.Cast);
    this.CONSUME(t.LParen);
    const arg = this.SUBRULE(this.expr);
    this.CONSUME(t.As);
    const type = this.SUBRULE(this.sqlType);
    this.CONSUME(t.RParen);
    return { kind: 'cast', arg, type, at: at(start) };
  });

  stepExpr = this.RULE('stepExpr', (): ast.Expr => {
    const start = this.CONSUME(t.Step);
    this.CONSUME(t.LParen);
    const arg = this.SUBRULE(this.expr);
    this.CONSUME(t.By);
    const size = this.SUBRULE(this.interval);
    this.CONSUME(t.RParen);
    return { kind: 'step', arg, ms: size.ms, at: at(start) };
  });

  floorExpr = this.RULE('floorExpr', (): ast.Expr => {
    const start = this.CONSUME(t.Floor);
    this.CONSUME(t.LParen);
    const arg = this.SUBRULE(this.expr);
    let unit: ast.TimeUnit | undefined;
    this.OPTION(() => {
      this.CONSUME(t.To);
      const token = this.CONSUME(t.Unit);
      unit = this.ACTION(() => token.image.toUpperCase() as ast.TimeUnit);
    });
    this.CONSUME(t.RParen);
    return { kind: 'floor', arg, ...(unit ? { unit } : {}), at: at(start) };
  });

  columnOrCall = this.RULE('columnOrCall', (): ast.Expr => {
    const first = this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.QuotedIdentifier) }]);
    const parts = [this.ACTION(() => name(first))];
    this.MANY(() => {
      this.CONSUME(t.Dot);
      parts.push(this.SUBRULE(this.identifier));
    });
    let call: ast.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      const args: ast.Expr[] = [];
      let star = false;
      let distinct = false;
      this.OPTION2(() =>
        this.OR2([
          { ALT: () => (this.CONSUME(t.Star), (star = true)) },
          {
            ALT: () => {
              this.OPTION3(() => (this.CONSUME(t.Distinct), (distinct = true)));
              this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => args.push(this.SUBRULE(this.expr)) });
            },
          },
        ]),
      );
      this.CONSUME(t.RParen);
      let over: string | ast.WindowSpec | undefined;
      this.OPTION4(() => {
        this.CONSUME(t.Over);
        over = this.OR3([
          { ALT: () => this.SUBRULE2(this.identifier) },
          {
            ALT: () => {
              this.CONSUME2(t.LParen);
              const spec = this.SUBRULE(this.windowSpec);
              this.CONSUME2(t.RParen);
              return spec;
            },
          },
        ]);
      });
      call = { kind: 'call', name: parts.join('.'), args, star, distinct, ...(over ? { over } : {}), at: at(first) };
    });
    if (call) return call;
    const columnName = parts[parts.length - 1];
    return parts.length > 1 ? { kind: 'column', qualifier: parts.slice(0, -1).join('.'), name: columnName, at: at(first) } : { kind: 'column', name: columnName, at: at(first) };
  });
}

let sqlParser: SqlParser | undefined;

/** Parses application code into statements; a SqlError names the first problem's line and column. */
export function parseProgram(code: string): ast.Statement[] {
  const lexed = t.sqlLexer().tokenize(code);
  if (lexed.errors.length) {
    const e = lexed.errors[0];
    throw new SqlError(`Unexpected character '${code.slice(e.offset, e.offset + e.length).slice(0, 1)}'`, e.line ?? 0, e.column ?? 0);
  }
  // A last statement may end without its semicolon, as AWS's console accepts.
  const tokens = lexed.tokens;
  const last = tokens[tokens.length - 1];
  if (last && last.tokenType !== t.Semicolon) {
    const offset = (last.endOffset ?? last.startOffset) + 1;
    const line = last.endLine ?? 1;
    const column = (last.endColumn ?? 0) + 1;
    tokens.push(createTokenInstance(t.Semicolon, ';', offset, offset, line, line, column, column));
  }
  // Built on first use, as the lexer: its self-analysis is the heaviest step of starting `serve`.
  const parser = (sqlParser ??= new SqlParser());
  parser.input = tokens;
  const program = parser.program();
  if (parser.errors.length) {
    const e = parser.errors[0];
    const token = e.token;
    const line = Number.isFinite(token.startLine) ? token.startLine! : (tokens[tokens.length - 1]?.endLine ?? 1);
    const column = Number.isFinite(token.startColumn) ? token.startColumn! : (tokens[tokens.length - 1]?.endColumn ?? 1) + 1;
    // Chevrotain lists every possible continuation on further lines for a choice; the token found is what helps.
    const message = e.message.startsWith('Expecting: one of these')
      ? token.image
        ? `Unexpected '${token.image}'`
        : 'Unexpected end of code'
      : e.message.replace(/\s*\n[\s\S]*$/, '');
    throw new SqlError(message, line, column);
  }
  return program;
}
