import { AwsError } from '../errors';

/**
 * Input checks with the words of AWS's request validation ("1 validation error detected: Value 'x' at
 * 'streamName' failed to satisfy constraint: ..."). A value of the wrong JSON type is a
 * SerializationException, as the AWS front end answers before validation runs.
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
}

export const STREAM_NAME_PATTERN = '[a-zA-Z0-9_.-]+';
export const HASH_KEY_PATTERN = '0|([1-9]\\d{0,38})';
export const SEQUENCE_NUMBER_PATTERN = '0|([1-9]\\d{0,128})';

function serializationError(message: string): AwsError {
  return new AwsError({ code: 'SerializationException', message });
}

function checkType(rule: FieldRule): void {
  const v = rule.value;
  const ok = {
    string: typeof v === 'string',
    // A fraction (1.5 shards) is refused like any mistyped member; the engine counts in whole numbers.
    integer: Number.isInteger(v),
    boolean: typeof v === 'boolean',
    blob: typeof v === 'string' || v instanceof Uint8Array,
    list: Array.isArray(v),
    map: typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array),
    structure: typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array),
    timestamp: v instanceof Date || (typeof v === 'number' && Number.isFinite(v)),
  }[rule.type];
  if (!ok) {
    if (Array.isArray(v)) throw serializationError('Start of list found where not expected');
    if (typeof v === 'object') throw serializationError('Start of structure or map found where not expected.');
    throw serializationError(`Unexpected value type for member '${rule.path}'`);
  }
}

function lengthOf(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length;
  return Object.keys(v as object).length;
}

function shown(rule: FieldRule): string {
  const v = rule.value;
  if (v instanceof Uint8Array) return `'java.nio.HeapByteBuffer[pos=0 lim=${v.length} cap=${v.length}]'`;
  if (Array.isArray(v)) return `'[${v.join(', ')}]'`;
  return `'${String(v)}'`;
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

export function validate(rules: FieldRule[]): void {
  const errors: string[] = [];
  for (const rule of rules) {
    if (rule.value === undefined || rule.value === null) {
      if (rule.required) errors.push(`Value null at '${rule.path}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    checkType(rule);
    errors.push(...violations(rule));
  }
  if (errors.length) {
    const n = errors.length;
    throw new AwsError({
      code: 'ValidationException',
      message: `${n} validation error${n > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
    });
  }
}

/** A member sent as JSON `null` is absent, as AWS's JSON protocols read it; list items stay as sent. */
function withoutNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // No AWS member is called __proto__; copying it would change the input's prototype.
    if (v !== null && v !== undefined && k !== '__proto__') out[k] = withoutNullMembers(v);
  }
  return out;
}

/** The table with each handler taking a missing input as `{}` and null members as absent. */
export function emptyInputAsObject<T extends object>(table: T): T {
  const out: Record<string, unknown> = {};
  for (const [action, handler] of Object.entries(table)) {
    out[action] = (input: unknown, ...rest: unknown[]) =>
      (handler as (...a: unknown[]) => unknown)(
        typeof input === 'object' && input !== null && !Array.isArray(input) ? withoutNullMembers(input) : {},
        ...rest,
      );
  }
  return out as T;
}

/** Bytes of a blob input: CBOR gives bytes, JSON gives base64 text. */
export function blobBytes(value: Uint8Array | string, path: string): Buffer {
  // Copied so a caller reusing its buffer cannot change a stored record.
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw serializationError(`'${value.slice(0, 64)}' can not be converted to a Blob at '${path}': invalid Base64`);
  }
  return Buffer.from(value, 'base64');
}
