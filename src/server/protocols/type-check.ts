import { AwsError } from '../../broker/errors';
import type { Shape } from '../shapes';

/**
 * Refuses JSON/CBOR input whose members have the wrong type, with the SerializationException wording of
 * AWS's Coral front end, so the engine only ever sees the types its API declares.
 */
export function checkTypes(shape: Shape, value: unknown): void {
  if (value === null || value === undefined) return;
  switch (shape.type) {
    case 'structure':
      expectObject(value);
      for (const [name, member] of Object.entries(shape.members)) {
        if (Object.hasOwn(value as object, name)) checkTypes(member.shape, (value as Record<string, unknown>)[name]);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) throw mismatch(value, 'list');
      for (const item of value) checkTypes(shape.item, item);
      return;
    case 'map':
      expectObject(value);
      for (const item of Object.values(value as object)) checkTypes(shape.value, item);
      return;
    case 'string':
      if (typeof value !== 'string') throw mismatch(value, 'an String');
      return;
    case 'integer':
    case 'long':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw mismatch(value, shape.type === 'double' ? 'a Double' : shape.type === 'long' ? 'a Long' : 'an Integer');
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'an Boolean');
      return;
    case 'blob':
      if (typeof value !== 'string' && !(value instanceof Uint8Array)) throw mismatch(value, 'a Blob');
      return;
    case 'document':
      return;
    case 'timestamp':
      if (typeof value !== 'number' && !(value instanceof Date)) throw mismatch(value, 'milliseconds since epoch');
      return;
  }
}

function expectObject(value: unknown): void {
  if (typeof value !== 'object' || value === null) throw mismatch(value, 'a structure or map');
  if (Array.isArray(value)) throw serialization('Start of list found where not expected');
}

function mismatch(value: unknown, target: string): AwsError {
  if (Array.isArray(value)) return serialization('Start of list found where not expected');
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    return serialization('Start of structure or map found where not expected.');
  }
  const javaClass =
    typeof value === 'boolean'
      ? 'java.lang.Boolean'
      : typeof value === 'number'
        ? 'com.amazon.coral.value.json.numbers.TruncatingBigNumber'
        : typeof value === 'string'
          ? 'java.lang.String'
          : 'java.nio.ByteBuffer';
  return serialization(`class ${javaClass} can not be converted to ${target}`);
}

export function serialization(message?: string): AwsError {
  return new AwsError({ code: 'SerializationException', message: message ?? '' });
}
