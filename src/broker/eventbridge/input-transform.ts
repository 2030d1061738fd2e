/**
 * What a target receives: the whole event, a constant Input, the part an InputPath selects, or an
 * InputTransformer's template filled from its InputPathsMap, as recorded in
 * test/fixtures/aws-reference/events/test_events_inputs.snapshot.json:
 *
 * - A JSON template (starting with `{` or `[`): a placeholder inside quotes takes the value's text (a
 *   missing value gives ""), outside quotes its JSON (missing: null). An object or array inside quotes makes
 *   the result invalid, and nothing is delivered.
 * - A string template (starting with `"`, possibly several quoted lines): every placeholder takes the value's
 *   text, objects and arrays with their quotes dropped (`{acc_id:x,sf_id:baz}`, `[ACTIVE,INACTIVE]`).
 * - Anything else is not delivered.
 * - Predefined placeholders: aws.events.rule-arn, aws.events.rule-name, aws.events.event.ingestion-time,
 *   aws.events.event (the envelope without detail, `detailType` spelled so) and aws.events.event.json.
 */
import { AwsError } from '../errors';
import type { EventEnvelope } from './envelope';
import { eventsErrors } from './errors';
import { tooDeep } from './json-depth';

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface TargetInput {
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
}

export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

const PREDEFINED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'];

/** PutTargets' checks on a target's input; throws ValidationException in AWS's words. */
export function validateTargetInput(targetId: string, input: TargetInput): void {
  const given = [input.Input, input.InputPath, input.InputTransformer].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw eventsErrors.validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`);
  }
  if (input.Input !== undefined) {
    try {
      if (tooDeep(input.Input)) throw new Error('too deep');
      JSON.parse(input.Input);
    } catch {
      throw eventsErrors.invalidParameter('Input', 'Input is not a valid JSON text.');
    }
  }
  if (input.InputPath !== undefined && !isJsonPath(input.InputPath)) {
    throw eventsErrors.invalidParameter('InputPath', `${input.InputPath} is an invalid JSONPath.`);
  }
  const transformer = input.InputTransformer;
  if (transformer) {
    const keys = new Set(Object.keys(transformer.InputPathsMap ?? {}));
    for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) {
      if (PREDEFINED.includes(key)) {
        throw eventsErrors.validation(`Key ${key} in InputPathsMap is reserved.`);
      }
      if (!isJsonPath(path)) throw eventsErrors.validation(`Target ${targetId} has invalid InputPathsMap value: ${path}.`);
    }
    for (const name of placeholders(transformer.InputTemplate)) {
      if (!keys.has(name) && !PREDEFINED.includes(name)) {
        throw eventsErrors.validation(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
      }
    }
  }
}

function isJsonPath(path: string): boolean {
  return /^\$(\.[^.[\]]+|\[\d+\])*$/.test(path);
}

/** Placeholder names in a template: `<name>` where name has no spaces, quotes or angle brackets. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/<([^<>\s"]+)>/g)].map((m) => m[1]);
}

/** Reads a simple JSONPath ($.a.b, $.a[0]) from a value; undefined when absent. */
export function readJsonPath(value: unknown, path: string): unknown {
  if (path === '$') return value;
  let current: unknown = value;
  for (const step of path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current = step.startsWith('[')
      ? (current as unknown[])[Number(step.slice(1, -1))]
      : (current as Record<string, unknown>)[step.slice(1)];
    if (current === undefined) return undefined;
  }
  return current;
}

/** The payload a target receives for an event (a string), or throws when the template gives nothing deliverable. */
export function targetPayload(event: EventEnvelope, input: TargetInput, context: TransformContext): string {
  if (input.Input !== undefined) return input.Input;
  if (input.InputPath !== undefined) {
    const selected = readJsonPath(event, input.InputPath);
    return JSON.stringify(selected ?? null);
  }
  if (input.InputTransformer) return transform(event, input.InputTransformer, context);
  return JSON.stringify(event);
}

function transform(event: EventEnvelope, transformer: InputTransformer, context: TransformContext): string {
  const values = new Map<string, unknown>();
  for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(key, readJsonPath(event, path));
  values.set('aws.events.rule-arn', context.ruleArn);
  values.set('aws.events.rule-name', context.ruleName);
  values.set('aws.events.event.ingestion-time', context.ingestionTime);
  values.set('aws.events.event', {
    id: event.id,
    account: event.account,
    detailType: event['detail-type'],
    time: context.ingestionTime,
    source: event.source,
    region: event.region,
    resources: event.resources,
    version: event.version,
  });
  values.set('aws.events.event.json', event);
  const template = transformer.InputTemplate;
  const start = template.trimStart()[0];
  if (start === '"') return template.replace(/<([^<>\s"]+)>/g, (whole, name: string) => (values.has(name) ? text(values.get(name)) : whole));
  if (start !== '{' && start !== '[') throw undeliverable('InputTemplate is neither JSON nor a quoted string template');
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    const m = c === '<' ? /^<([^<>\s"]+)>/.exec(template.slice(i)) : null;
    if (m && values.has(m[1])) {
      const value = values.get(m[1]);
      if (inString) {
        if (value !== null && typeof value === 'object') throw undeliverable(`placeholder <${m[1]}> inside quotes holds JSON ${Array.isArray(value) ? 'array' : 'object'}`);
        out += JSON.stringify(text(value)).slice(1, -1);
      } else {
        out += JSON.stringify(value ?? null);
      }
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  try {
    JSON.parse(out);
  } catch {
    throw undeliverable('the transformed input is not valid JSON');
  }
  return out;
}

/** A value's text in a string template or inside quotes: objects and arrays lose their quotes. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value).replace(/"/g, '');
  return String(value);
}

function undeliverable(reason: string): AwsError {
  return new AwsError({ code: 'InputTransformationFailed', message: reason });
}
