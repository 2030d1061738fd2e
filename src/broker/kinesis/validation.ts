import { constraintValue } from '../constraint-value';
import { AwsError } from '../errors';

/**
 * Input checks with the words of AWS's request validation ("1 validation error detected: Value 'x' at
 * 'streamName' failed to satisfy constraint: ..."). Inputs arrive typed as the API declares them: the
 * server's codec refuses a value of the wrong type (SerializationException) before an engine runs.
 */
export type FieldType = 'string' | 'integer' | 'blob' | 'list' | 'map' | 'boolean' | 'timestamp' | 'structure';

export interface FieldRule {
  /** The member name as AWS words it in messages: lower camel case, dotted for nested members. */
  path: string;
  value: unknown;
  type: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: readonly string[];
  /** The Java class AWS prints for each structure in the value (the entries of PutRecords' Records). */
  structureClass?: string;
}

/** AWS's front end reports at most this many constraint failures in one ValidationException. */
const MAX_REPORTED = 10;

export const STREAM_NAME_PATTERN = '[a-zA-Z0-9_.-]+';
export const HASH_KEY_PATTERN = '0|([1-9]\\d{0,38})';
export const SEQUENCE_NUMBER_PATTERN = '0|([1-9]\\d{0,128})';

function lengthOf(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length;
  return Object.keys(v as object).length;
}

function shown(rule: FieldRule): string {
  return constraintValue(rule.value, { structureClass: rule.structureClass });
}

function violations(rule: FieldRule): string[] {
  const v = rule.value;
  const out: string[] = [];
  if (rule.min !== undefined && (v as number) < rule.min)
    out.push(`Member must have value greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && (v as number) > rule.max)
    out.push(`Member must have value less than or equal to ${rule.max}`);
  if (rule.minLength !== undefined && lengthOf(v) < rule.minLength)
    out.push(`Member must have length greater than or equal to ${rule.minLength}`);
  if (rule.maxLength !== undefined && lengthOf(v) > rule.maxLength)
    out.push(`Member must have length less than or equal to ${rule.maxLength}`);
  if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`).test(v as string))
    out.push(`Member must satisfy regular expression pattern: ${rule.pattern}`);
  if (rule.enum !== undefined && !rule.enum.includes(v as string))
    out.push(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
  return out.map((m) => `Value ${shown(rule)} at '${rule.path}' failed to satisfy constraint: ${m}`);
}

/** A rule's top-level member (`records` for `records.1.member.data`). */
const memberOf = (rule: FieldRule) => rule.path.split('.')[0];

/**
 * Checks every rule and throws one ValidationException listing each failure, as AWS's front end does: by
 * top-level member in the order of their names (Coral's model order: `shardCount` before `streamName`,
 * `startingSequenceNumber` before `streamName`, as recorded against AWS), nested members as the rules
 * list them, and no more than ten.
 */
export function validate(rules: FieldRule[]): void {
  const errors: string[] = [];
  const ordered = [...rules].sort((a, b) => (memberOf(a) < memberOf(b) ? -1 : memberOf(a) > memberOf(b) ? 1 : 0));
  for (const rule of ordered) {
    if (rule.value === undefined || rule.value === null) {
      if (rule.required) errors.push(`Value null at '${rule.path}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    errors.push(...violations(rule));
  }
  if (errors.length) {
    const reported = errors.slice(0, MAX_REPORTED);
    const n = reported.length;
    throw new AwsError({
      code: 'ValidationException',
      message: `${n} validation error${n > 1 ? 's' : ''} detected: ${reported.join('; ')}`,
    });
  }
}

/** The table with each handler taking a missing input as `{}`. */
export function emptyInputAsObject<T extends object>(table: T): T {
  const out: Record<string, unknown> = {};
  for (const [action, handler] of Object.entries(table)) {
    out[action] = (input: unknown, ...rest: unknown[]) =>
      (handler as (...a: unknown[]) => unknown)(input ?? {}, ...rest);
  }
  return out as T;
}

/** A record's bytes as the engine keeps them: copied, so a caller reusing its buffer cannot change a stored record. */
export function recordData(value: Uint8Array): Buffer {
  return Buffer.from(value);
}
