import type { SdkService } from './aws-sdk-clients';

/**
 * The few places where the engine's shapes (what the in-process client takes and gives, `src/broker/<service>/api.ts`)
 * and the SDK's differ, by member name so no action needs code of its own:
 * - SQS and SNS carry binary attribute values as base64 strings in the engine (as both their protocols
 *   write them), where the SDK wants and gives bytes;
 * - Kinesis and Firehose blobs are bytes on both sides, but the engine's are Buffers;
 * - EventBridge's `Time` may be a string or epoch number for the engine, a Date for the SDK;
 * - the SDK adds `$metadata` and members it read as absent (`undefined`) to every answer.
 */
const inputMembers: Partial<Record<SdkService, Record<string, (value: unknown) => unknown>>> = {
  sqs: { BinaryValue: bytesFromBase64, BinaryListValues: (v) => (Array.isArray(v) ? v.map(bytesFromBase64) : v) },
  sns: { BinaryValue: bytesFromBase64 },
  events: { Time: (v) => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : v) },
};

/** Bytes answered as the engine answers them: base64 text for SQS and SNS attributes, Buffers for records. */
const bytesOut: Record<SdkService, (bytes: Uint8Array) => unknown> = {
  sqs: (b) => Buffer.from(b).toString('base64'),
  sns: (b) => Buffer.from(b).toString('base64'),
  kinesis: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  firehose: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  events: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
};

/** An engine-shaped input as the SDK's command takes it. */
export function toSdkInput(service: SdkService, input: unknown): unknown {
  const members = inputMembers[service];
  return members ? mapMembers(input, members) : input;
}

/** An SDK answer as the engine gives it. */
export function fromSdkOutput(service: SdkService, output: unknown): unknown {
  const walk = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return bytesOut[service](value);
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

function bytesFromBase64(value: unknown): unknown {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
}
