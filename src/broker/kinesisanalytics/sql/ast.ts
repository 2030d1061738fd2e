/** The streaming SQL dialect's syntax tree, as parser.ts builds it. Names are normalised as SQL does: unquoted upper-cased, quoted kept. */

export interface Position {
  line: number;
  column: number;
}

export type Statement = CreateStream | CreatePump;

export interface CreateStream {
  kind: 'createStream';
  orReplace: boolean;
  name: string;
  columns: { name: string; type: SqlType }[];
  at: Position;
}

export interface CreatePump {
  kind: 'createPump';
  orReplace: boolean;
  name: string;
  target: string;
  targetColumns?: string[];
  select: Select;
  at: Position;
}

export interface SqlType {
  name: string;
  params: number[];
}

export interface Select {
  items: ({ kind: 'star' } | { kind: 'expr'; expr: Expr; alias?: string })[];
  from: { stream: string; alias?: string; at: Position };
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  windows: Map<string, WindowSpec>;
  /** WINDOWED BY STAGGER (PARTITION BY ... RANGE INTERVAL ...): a window per partition, opened by its first row. */
  stagger?: { partitionBy: Expr[]; ms: number };
}

export interface WindowSpec {
  partitionBy: Expr[];
  /** RANGE INTERVAL ... PRECEDING (milliseconds) or ROWS n PRECEDING. */
  frame: { kind: 'range'; ms: number } | { kind: 'rows'; count: number };
}

export type TimeUnit = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null | Date; at: Position }
  | { kind: 'interval'; ms: number; at: Position }
  | { kind: 'column'; qualifier?: string; name: string; at: Position }
  | { kind: 'unary'; op: '-' | 'NOT'; arg: Expr; at: Position }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; at: Position }
  | { kind: 'isNull'; arg: Expr; negated: boolean; at: Position }
  | { kind: 'like'; arg: Expr; pattern: Expr; negated: boolean; at: Position }
  | { kind: 'between'; arg: Expr; low: Expr; high: Expr; negated: boolean; at: Position }
  | { kind: 'in'; arg: Expr; list: Expr[]; negated: boolean; at: Position }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; otherwise?: Expr; at: Position }
  | { kind: 'cast'; arg: Expr; type: SqlType; at: Position }
  | { kind: 'step'; arg: Expr; ms: number; at: Position }
  | { kind: 'floor'; arg: Expr; unit?: TimeUnit; at: Position }
  | { kind: 'call'; name: string; args: Expr[]; star: boolean; distinct: boolean; over?: string | WindowSpec; at: Position };
