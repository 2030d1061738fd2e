import type { SdkService } from './aws-sdk-clients';

/**
 * The few places where the engine's shapes (what the in-process client takes and gives, `src/broker/<service>/api.ts`)
 * and the SDK's differ, by member name so no action needs code of its own:
 * - blobs (SQS and SNS binary attribute values, Kinesis and Firehose data) are bytes on both sides, but
 *   the engine's are Buffers;
 * - EventBridge's `Time` may be a string or epoch number for the engine, a Date for the SDK;
 * - the SDK adds `$metadata` and members it read as absent (`undefined`) to every answer.
 */
const inputMembers: Partial<Record<SdkService, Record<string, (value: unknown) => unknown>>> = {
  events: { Time: (v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v) },
};

/** Bytes answered as the engine answers them: as a Buffer over the same memory. */
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** An engine-shaped input as the SDK's command takes it. */
export function toSdkInput(service: SdkService, input: unknown): unknown {
  const members = inputMembers[service];
  return members ? mapMembers(input, members) : input;
}

/** An SDK answer as the engine gives it. */
export function fromSdkOutput(output: unknown): unknown {
  const walk = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return asBuffer(value);
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(walk);
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && k !== '$metadata') copy[k] = walk(v);
    }
    return copy;
  };
  return walk(output);
}

function mapMembers(value: unknown, members: Record<string, (value: unknown) => unknown>): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((v) => mapMembers(v, members));
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    copy[k] = Object.hasOwn(members, k) ? members[k](v) : mapMembers(v, members);
  }
  return copy;
}
