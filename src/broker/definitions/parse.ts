import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Definitions, DefinitionIssue, DefinitionPath } from './model';
import { checkAgainstSchema } from './schema-check';

/** A zero-based line and character, as editors count them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface LocatedIssue extends DefinitionIssue {
  range: Range;
}

export interface ParsedDefinitions {
  /** Present when the file parsed and matched the schema; otherwise `issues` says why not. */
  definitions?: Definitions;
  issues: LocatedIssue[];
  /** Places an issue (say, an AwsError from provisioning) on the text of its path, or the nearest enclosing node. */
  locate(issue: DefinitionIssue): LocatedIssue;
}

/** Parses eventyard.yaml or eventyard.json (JSON is YAML) keeping the source position of every node. */
export function parseDefinitions(text: string): ParsedDefinitions {
  const parsed = parseLocated(text, checkAgainstSchema);
  return { definitions: parsed.value as Definitions | undefined, issues: parsed.issues, locate: parsed.locate };
}

export interface ParsedLocated {
  /** Present when the text parsed and `check` found nothing; otherwise `issues` says why not. */
  value?: unknown;
  issues: LocatedIssue[];
  locate(issue: DefinitionIssue): LocatedIssue;
}

/**
 * Parses a YAML (or JSON) document and runs `check` over its value, placing every issue on the text of its
 * path: what the definitions file and the event files (src/event-files) share.
 */
export function parseLocated(text: string, check: (value: unknown) => DefinitionIssue[]): ParsedLocated {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, character: col - 1 };
  };
  const rangeOf = (path: DefinitionPath): Range => {
    let node: unknown = doc.contents;
    let found = node as Node | null;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        // a mistake about a key (an unknown key) is shown on the key itself
        if (pair && key === path[path.length - 1] && !pair.value) node = pair.key;
        else node = pair?.value ?? pair?.key;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        node = undefined;
      }
      if (!node) break;
      found = node as Node;
    }
    const range = found?.range ?? [0, 0, 0];
    return { start: toPosition(range[0]), end: toPosition(Math.max(range[1], range[0] + 1)) };
  };
  const locate = (issue: DefinitionIssue): LocatedIssue => ({ ...issue, range: rangeOf(issue.path) });
  if (doc.errors.length) {
    const issues = doc.errors.map((e) => ({
      path: [],
      message: e.message.split('\n')[0],
      range: { start: toPosition(e.pos[0]), end: toPosition(Math.max(e.pos[1], e.pos[0] + 1)) },
    }));
    return { issues, locate };
  }
  const value: unknown = doc.toJS() ?? {};
  const issues = check(value).map(locate);
  return { value: issues.length ? undefined : value, issues, locate };
}
