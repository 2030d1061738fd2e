import schema from '../../../schemas/eventyard.schema.json';
import type { DefinitionIssue, DefinitionPath } from './model';

/** The subset of JSON Schema the definitions schema uses (other keywords, such as `anyOf`, are not checked). */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
}

/**
 * Checks a parsed definitions file against schemas/eventyard.schema.json, the same schema the editor
 * contributes for completion, so the diagnostics and the completion never disagree.
 */
export function checkAgainstSchema(value: unknown): DefinitionIssue[] {
  return checkAgainst(value, schema as Schema);
}

/** The same check against another schema of this subset (the event files' schema uses it too). */
export function checkAgainst(value: unknown, against: Schema): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  check(value, against, [], issues);
  return issues;
}

function check(value: unknown, s: Schema, path: DefinitionPath, issues: DefinitionIssue[]): void {
  const where = path.length ? `"${path[path.length - 1]}"` : 'The file';
  const fail = (message: string, at = path) => issues.push({ path: at, message });
  if (s.type && !hasType(value, s.type)) {
    fail(`${where} must be ${article(s.type)}, not ${describe(value)}.`);
    return;
  }
  if (s.enum && !s.enum.includes(value)) fail(`${where} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}.`);
  if (typeof value === 'string' && s.pattern && !new RegExp(s.pattern).test(value)) {
    fail(`${where} is not valid: ${s.description ?? `it must match ${s.pattern}`}`);
  }
  if (typeof value === 'number') {
    if ((s.minimum !== undefined && value < s.minimum) || (s.maximum !== undefined && value > s.maximum)) {
      fail(`${where} must be from ${s.minimum} to ${s.maximum}.${s.description ? ` ${s.description}` : ''}`);
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => check(item, s.items!, [...path, i], issues));
  if (isObject(value)) {
    for (const key of s.required ?? []) if (!(key in value)) fail(`${where} needs "${key}".`);
    for (const [key, member] of Object.entries(value)) {
      const memberSchema = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (memberSchema) check(member, memberSchema, [...path, key], issues);
      else if (s.additionalProperties === false) {
        fail(`Unknown key "${key}"; expected one of ${Object.keys(s.properties ?? {}).join(', ')}.`, [...path, key]);
      }
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasType(v: unknown, type: NonNullable<Schema['type']>): boolean {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'integer': return Number.isInteger(v);
    default: return typeof v === type;
  }
}

function article(type: string): string {
  return { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' }[type] ?? type;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
