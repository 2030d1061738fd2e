/**
 * AWS's JSON and CBOR front ends read a member set to null as a member not sent; SDKs in some languages
 * write nulls for unset optionals. Dropping them here means an engine never sees null where its API
 * says "string or absent". List items are left alone: a null inside a list stays an error for validation.
 */
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
