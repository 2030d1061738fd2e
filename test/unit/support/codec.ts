import type { ServiceBinding } from '../../../src/server/binding';
import { readInput } from '../../../src/server/protocols/type-check';

/**
 * An engine's operations as a client reaches them over the wire: each input is first read by the server's
 * generic codec against AWS's model (types checked, blobs to bytes, timestamps to Date, nulls dropped), as
 * a JSON body would be. For tests of what a malformed request gets, now that engines take typed values.
 */
export function throughCodec(binding: ServiceBinding, table: object): Record<string, (input: unknown) => unknown> {
  const out: Record<string, (input: unknown) => unknown> = {};
  for (const [action, handler] of Object.entries(table)) {
    const shape = binding.shapes?.[action]?.input;
    out[action] = (input: unknown) => {
      const body = input ?? {};
      if (typeof body !== 'object' || Array.isArray(body)) throw new Error('a JSON body is an object');
      return (handler as (i: unknown) => unknown)(shape ? readInput(shape, body as Record<string, unknown>) : body);
    };
  }
  return out;
}
