/**
 * An Amazon States Language file of the workspace (`*.asl.json`, `*.asl.yaml`): read with positions (the
 * `yaml` parser, which reads JSON too), checked by the engine's own validator (the one CreateStateMachine
 * runs, with AWS's codes and messages), each diagnostic placed on the field its location names. No 'vscode'
 * here: positions are zero-based lines and columns.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { validateDefinition } from '../../broker/stepfunctions/validate';

export const ASL_FILE = /\.asl\.(json|ya?ml)$/i;

export interface Position {
  line: number;
  character: number;
}

export interface AslProblem {
  /** AWS's diagnostic code (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, ...) or SYNTAX for the file's own syntax. */
  code: string;
  message: string;
  start: Position;
  end: Position;
}

export interface AslDocument {
  /** The definition as JSON text, as CreateStateMachine takes it; absent when the file does not parse. */
  definition?: string;
  problems: AslProblem[];
  /** Where the machine begins (its StartAt field, else the top), for the CodeLens. */
  startAt: Position;
}

/** Parses and checks an ASL file's text. */
export function readAslDocument(text: string): AslDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: line - 1, character: col - 1 };
  };
  const top = { line: 0, character: 0 };
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({ code: 'SYNTAX', message: e.message.split('\n')[0], start: at(e.pos[0]), end: at(Math.max(e.pos[1], e.pos[0] + 1)) })),
      startAt: top,
    };
  }
  const value: unknown = doc.toJS();
  const definition = JSON.stringify(value ?? null);
  const { diagnostics } = validateDefinition(definition, false);
  const locate = (location: string | undefined): [Position, Position] => {
    const range = rangeOf(doc.contents, location);
    return range ? [at(range[0]), at(range[1])] : [top, top];
  };
  const startRange = rangeOf(doc.contents, '/StartAt', true);
  return {
    definition,
    problems: diagnostics.map((d) => {
      const [start, end] = locate(d.location);
      return { code: d.code, message: d.message, start, end };
    }),
    startAt: startRange ? at(startRange[0]) : top,
  };
}

/**
 * The text range of the field a validator location names (`/States/Charge/Next`): the value when it is a
 * plain value, the key when it is an object or list (a whole state is too much to underline), the
 * nearest field that exists when the named one is missing (`These fields are required: [Next]`).
 */
function rangeOf(root: Node | null, location: string | undefined, keyOnly = false): [number, number] | undefined {
  if (!root || location === undefined || !location.startsWith('/')) return root?.range ? [root.range[0], root.range[0] + 1] : undefined;
  const segments = location.split('/').slice(1).filter((s) => s !== '');
  let node: unknown = root;
  let key: [number, number] | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      if (!pair) break;
      const k = isScalar(pair.key) ? pair.key.range : undefined;
      key = k ? [k[0], k[1]] : key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      const r = (item as Node).range;
      key = r ? [r[0], r[0] + 1] : key;
      node = item;
    } else break;
  }
  if (!keyOnly && isScalar(node) && node.range) return [node.range[0], node.range[1]];
  return key ?? (root.range ? [root.range[0], root.range[0] + 1] : undefined);
}

/** The state machine's name for a file: `orders.asl.json` -> `orders`, cut to what AWS allows in a name. */
export function machineNameFor(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(ASL_FILE, '');
  const name = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
  return name || 'state-machine';
}
