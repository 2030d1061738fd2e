import { createToken, Lexer, type TokenType } from 'chevrotain';

/** The tokens of Kinesis Analytics' streaming SQL (SQLstream's dialect), keywords case-insensitive. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_$]*/ });
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /"(?:[^"]|"")+"/ });

const keywords: Record<string, TokenType> = {};
function keyword(word: string): TokenType {
  const token = createToken({ name: word, pattern: new RegExp(`${word}\\b`, 'i'), longer_alt: Identifier });
  keywords[word] = token;
  return token;
}

export const Create = keyword('CREATE');
export const Or = keyword('OR');
export const Replace = keyword('REPLACE');
export const Stream = keyword('STREAM');
export const Pump = keyword('PUMP');
export const As = keyword('AS');
export const Insert = keyword('INSERT');
export const Into = keyword('INTO');
export const Select = keyword('SELECT');
export const From = keyword('FROM');
export const Where = keyword('WHERE');
export const Group = keyword('GROUP');
export const By = keyword('BY');
export const Having = keyword('HAVING');
export const Window = keyword('WINDOW');
export const Windowed = keyword('WINDOWED');
export const Stagger = keyword('STAGGER');
export const Partition = keyword('PARTITION');
export const Range = keyword('RANGE');
export const Rows = keyword('ROWS');
export const Preceding = keyword('PRECEDING');
export const Over = keyword('OVER');
export const Interval = keyword('INTERVAL');
export const Timestamp = keyword('TIMESTAMP');
export const Step = keyword('STEP');
export const Floor = keyword('FLOOR');
export const To = keyword('TO');
export const Cast = keyword('CAST');
export const Case = keyword('CASE');
export const When = keyword('WHEN');
export const Then = keyword('THEN');
export const Else = keyword('ELSE');
export const End = keyword('END');
export const And = keyword('AND');
export const Not = keyword('NOT');
export const Is = keyword('IS');
export const Null = keyword('NULL');
export const True = keyword('TRUE');
export const False = keyword('FALSE');
export const Like = keyword('LIKE');
export const Between = keyword('BETWEEN');
export const In = keyword('IN');
export const Distinct = keyword('DISTINCT');
export const Unit = createToken({ name: 'Unit', pattern: /(SECOND|MINUTE|HOUR|DAY)\b/i, longer_alt: Identifier });

export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^']|'')*'/ });
export const Concat = createToken({ name: 'Concat', pattern: /\|\|/ });
export const Comparison = createToken({ name: 'Comparison', pattern: /<>|!=|<=|>=|=|<|>/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: Lexer.SKIPPED });
const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  ...Object.values(keywords),
  Unit,
  Identifier,
  QuotedIdentifier,
  NumberLiteral,
  StringLiteral,
  Concat,
  Comparison,
  Plus,
  Minus,
  Star,
  Slash,
  LParen,
  RParen,
  Comma,
  Dot,
  Semicolon,
];

let lexer: Lexer | undefined;

/**
 * The SQL lexer, built on first use: building it analyses every token pattern (some 20 ms), which
 * `eventyard serve` would otherwise pay at every start, before it listens, for an application it may
 * never be given.
 */
export function sqlLexer(): Lexer {
  return (lexer ??= new Lexer(allTokens, { positionTracking: 'full' }));
}
