import { parseLocated, type LocatedIssue, type Range } from '../broker/definitions/parse';
import type { DefinitionIssue } from '../broker/definitions/model';
import { checkAgainst, type Schema } from '../broker/definitions/schema-check';
import rawSchema from '../../schemas/eventyard-events.schema.json';
import { parseDuration } from './duration';
import { ACTIONS, EXPECTATIONS, type EventFile, type Step } from './model';

export type { LocatedIssue, Range };

export interface ParsedEventFile {
  /** Present when the file parsed, fits the schema and its steps make sense; otherwise `issues` says why not. */
  file?: EventFile;
  issues: LocatedIssue[];
  /** Where each step of `steps` is in the text (for CodeLens and diagnostics), in file order. */
  stepRanges: Range[];
  locate(issue: DefinitionIssue): LocatedIssue;
}

/**
 * Parses a `*.events.yaml` file with line positions, checked against schemas/eventyard-events.schema.json
 * (the schema the editor contributes, so completion and our diagnostics agree) and then for what a schema
 * cannot say: one action per step, unique step names, durations.
 */
export function parseEventFile(text: string): ParsedEventFile {
  const parsed = parseLocated(text, (value) => {
    const issues = checkAgainst(value, schema);
    return issues.length ? issues : checkSteps(value as EventFile);
  });
  const steps = parsed.value ? (parsed.value as EventFile).steps : stepsOf(text);
  const stepRanges = steps.map((_, i) => parsed.locate({ path: ['steps', i], message: '' }).range);
  return { file: parsed.value as EventFile | undefined, issues: parsed.issues, stepRanges, locate: parsed.locate };
}

/** Steps of a file that has issues, so a half-written file still shows its CodeLens where it can. */
function stepsOf(text: string): unknown[] {
  const again = parseLocated(text, () => []);
  const steps = (again.value as { steps?: unknown } | undefined)?.steps;
  return Array.isArray(steps) ? steps : [];
}

function checkSteps(file: EventFile): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const names = new Map<string, number>();
  file.steps.forEach((step: Step, i) => {
    const at = ['steps', i];
    const actions = ACTIONS.filter((a) => step[a] !== undefined);
    if (actions.length !== 1) {
      issues.push({
        path: at,
        message: actions.length
          ? `A step does one thing; this one has ${actions.join(' and ')}. Split it into ${actions.length} steps.`
          : `A step needs one of ${ACTIONS.join(', ')}.`,
      });
    }
    if (step.name !== undefined) {
      const first = names.get(step.name);
      if (first !== undefined) issues.push({ path: [...at, 'name'], message: `Step name "${step.name}" is already used by step ${first + 1}.` });
      else names.set(step.name, i);
    }
    const duration = (value: unknown, path: (string | number)[]) => {
      if (value !== undefined && parseDuration(value) === undefined) {
        issues.push({ path, message: `"${path[path.length - 1]}" must be a time such as 500ms, 5s or 2m, or a number of seconds; not ${JSON.stringify(value)}.` });
      }
    };
    duration(step.wait, [...at, 'wait']);
    if (step.expect) {
      const kinds = EXPECTATIONS.filter((e) => step.expect![e] !== undefined);
      if (kinds.length !== 1) {
        issues.push({
          path: [...at, 'expect'],
          message: kinds.length
            ? `An expectation checks one thing; this one has ${kinds.join(' and ')}. Split it into ${kinds.length} steps.`
            : `"expect" needs one of ${EXPECTATIONS.join(', ')}.`,
        });
      }
      const e = step.expect;
      duration(e.message?.within, [...at, 'expect', 'message', 'within']);
      duration(e.empty?.for, [...at, 'expect', 'empty', 'for']);
      duration(e.records?.within, [...at, 'expect', 'records', 'within']);
      duration(e.invoked?.within, [...at, 'expect', 'invoked', 'within']);
    }
  });
  return issues;
}

/** The schema with its `$ref`s to `#/definitions/...` inlined: the shared checker reads plain nested schemas. */
const schema = inline(rawSchema as unknown as Schema & { definitions: Record<string, Schema> }) as Schema;

function inline(root: { definitions: Record<string, Schema> }): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: string }).$ref;
    if (ref) return walk(root.definitions[ref.replace('#/definitions/', '')]);
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'definitions').map(([k, v]) => [k, walk(v)]));
  };
  return walk(root);
}
