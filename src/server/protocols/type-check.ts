import { AwsError } from '../../broker/errors';
import type { Shape, StructureShape } from '../shapes';

/**
 * The generic input codec of the JSON 1.0/1.1 and CBOR protocols: reads a decoded body against the
 * operation's input shape from AWS's model and hands the engine typed values, or refuses the request with
 * the SerializationException wording of AWS's Coral front end.
 *
 * - Members set to null are read as not sent (AWS's JSON and CBOR front ends do; SDKs in some languages
 *   write nulls for unset optionals). List items are left alone: a null item stays a validation error.
 * - Blobs become bytes (a Buffer): JSON sends base64 text, CBOR byte strings.
 * - Timestamps become Date: JSON sends epoch seconds, CBOR a Date (tag 1).
 * - Numbers of an integer member must be whole.
 * Members the model does not know are passed on as sent, as AWS ignores them.
 */
export interface ReadOptions {
  /**
   * Refuse a request missing a member the model requires (or with a null list item) with the
   * ValidationException AWS's front end gives (EventBridge): "1 validation error detected: Value null at
   * 'targets.1.member.arn' failed to satisfy constraint: Member must not be null". Without it, the engine
   * checks required members itself, in its service's own words.
   */
  required?: boolean;
}

export function readInput(shape: StructureShape, value: Record<string, unknown>, options: ReadOptions = {}): Record<string, unknown> {
  const input = readStructure(shape, value, '', options);
  if (options.required) {
    const missing: string[] = [];
    findMissing(shape, input, '', missing);
    if (missing.length) throw notNull(missing);
  }
  return input;
}

/** Paths (in AWS's lower-camel spelling) of required members absent from a read input, in member order. */
function findMissing(shape: Shape, value: unknown, path: string, out: string[]): void {
  if (shape.type === 'structure') {
    const present = value as Record<string, unknown>;
    for (const [name, member] of Object.entries(shape.members)) {
      const at = `${path}${name.charAt(0).toLowerCase()}${name.slice(1)}`;
      if (present[name] === undefined) {
        if (shape.required?.includes(name)) out.push(at);
      } else {
        findMissing(member.shape, present[name], `${at}.`, out);
      }
    }
  } else if (shape.type === 'list') {
    (value as unknown[]).forEach((item, i) => {
      const at = `${path}${i + 1}.member`;
      if (item === null) out.push(at);
      else findMissing(shape.item, item, `${at}.`, out);
    });
  } else if (shape.type === 'map') {
    for (const item of Object.values(value as Record<string, unknown>)) findMissing(shape.value, item, path, out);
  }
}

function notNull(paths: string[]): AwsError {
  const n = paths.length;
  const parts = paths.map((p) => `Value null at '${p}' failed to satisfy constraint: Member must not be null`);
  return new AwsError({ code: 'ValidationException', message: `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}` });
}

/** Drops members set to null from a body no model describes (a service without shapes). */
export function dropNullMembers<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) dropNullMembers(item);
  } else if (isPlainObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (member === null) delete value[key];
      else dropNullMembers(member);
    }
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !(value instanceof Date);
}

function readStructure(shape: StructureShape, value: unknown, path: string, options: ReadOptions): Record<string, unknown> {
  expectObject(value, 'Expected null');
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    // No AWS member is called __proto__; copying it would change the input's prototype.
    if (member === null || member === undefined || name === '__proto__') continue;
    const known = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    out[name] = known ? read(known.shape, member, path ? `${path}.${name}` : name, options) : dropNullMembers(member);
  }
  return out;
}

function read(shape: Shape, value: unknown, path: string, options: ReadOptions): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(shape, value, path, options);
    case 'list':
      if (!Array.isArray(value)) {
        throw isPlainObject(value) ? mismatch(value, 'list') : serialization('Expected list or null');
      }
      return value.map((item, i) => (item === null ? null : read(shape.item, item, `${path}.${i + 1}.member`, options)));
    case 'map': {
      expectObject(value, 'Expected map or null');
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as object)) {
        if (v === null || v === undefined || k === '__proto__') continue;
        out[k] = read(shape.value, v, `${path}.${k}`, options);
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') throw mismatch(value, 'an String');
      return value;
    case 'integer':
    case 'long':
      // A fraction (1.5 shards) is refused like any mistyped member; engines count in whole numbers.
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw mismatch(value, shape.type === 'long' ? 'a Long' : 'an Integer');
      }
      return value;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(value, 'a Double');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'an Boolean');
      return value;
    case 'blob':
      return readBlob(value);
    case 'timestamp':
      if (value instanceof Date) return value;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(value, 'milliseconds since epoch');
      return new Date(value * 1000);
    case 'document':
      return value;
  }
}

function readBlob(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value); // a copy: the request's buffer is not the engine's
  if (typeof value !== 'string') throw mismatch(value, 'a Blob');
  const bytes = base64Bytes(value);
  if (!bytes) throw serialization(`'${value.slice(0, 64)}' can not be converted to a Blob: ${base64Problem(value)}`);
  return bytes;
}

/** Why AWS's Java front end refuses a text as base64, in its words (typo included). */
function base64Problem(text: string): string {
  if (text.length % 4 !== 0) return `Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`;
  const bad = /[^A-Za-z0-9+/=]|=[^=]/.exec(text);
  if (bad) return `Invalid Base64 character: '${bad[0][0]}'`;
  return 'Invalid last non-pad Base64 character dectected';
}

/**
 * Strict base64 (padded, standard alphabet) as AWS's front ends read it, or undefined when the text is not
 * base64: Node's decoder would skip the bad characters and hand the engine other bytes than were meant.
 */
export function base64Bytes(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** A structure or map member must be a JSON object; AWS words a scalar there by what it expected. */
function expectObject(value: unknown, scalarMessage: string): void {
  if (Array.isArray(value)) throw serialization('Start of list found where not expected');
  if (!isPlainObject(value)) throw serialization(scalarMessage);
}

function mismatch(value: unknown, target: string): AwsError {
  if (Array.isArray(value)) return serialization('Start of list found where not expected');
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    return serialization('Start of structure or map found where not expected.');
  }
  const javaClass =
    typeof value === 'boolean'
      ? 'java.lang.Boolean'
      : typeof value === 'number'
        ? 'com.amazon.coral.value.json.numbers.TruncatingBigNumber'
        : typeof value === 'string'
          ? 'java.lang.String'
          : value instanceof Date
            ? 'java.util.Date'
            : 'java.nio.ByteBuffer';
  return serialization(`class ${javaClass} can not be converted to ${target}`);
}

export function serialization(message?: string): AwsError {
  return new AwsError({ code: 'SerializationException', message: message ?? '' });
}
