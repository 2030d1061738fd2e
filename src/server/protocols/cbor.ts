import { Decoder, Encoder, Tag } from 'cbor-x';
import { AwsError } from '../../broker/errors';
import type { WireResponse } from '../wire';
import { encodeOutput } from './output-values';
import { serialization } from './type-check';

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

const decoder = new Decoder({ mapsAsObjects: true, useRecords: false });
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });

/**
 * AWS CBOR 1.1 (the Kinesis Java SDK's default). Byte strings stay bytes and timestamps (tag 1, epoch
 * milliseconds as the SDKs write them) become Date; the generic input codec (type-check.ts) then reads the
 * body against the model as it does a JSON one.
 */
export function decodeCbor(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = decoder.decode(body);
  } catch {
    throw serialization();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw serialization('Start of list found where not expected');
  }
  return fromCbor(value) as Record<string, unknown>;
}

export function encodeCborResult(output: unknown, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: Buffer.from(encoder.encode(toCbor(output ?? {}))),
  };
}

export function encodeCborError(error: AwsError, requestId: string): WireResponse {
  return {
    status: error.status,
    headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    // Bare (no message) where AWS sends none, as for an unknown operation or an empty body.
    body: Buffer.from(encoder.encode(error.message === '' ? { __type: error.code } : { __type: error.code, message: error.message })),
  };
}

function fromCbor(value: unknown): unknown {
  // cbor-x reads tag 1 as epoch seconds; the SDKs send milliseconds, so its Date is 1000x too late.
  if (value instanceof Date) return new Date(value.getTime() / 1000);
  if (value instanceof Uint8Array) return value;
  if (value instanceof Tag) throw serialization();
  if (value instanceof Map) throw serialization('Start of structure or map found where not expected.');
  if (Array.isArray(value)) return value.map(fromCbor);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCbor(v);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Timestamps as tag 1 (epoch milliseconds, as the SDKs read them) and blobs as byte strings. */
function toCbor(value: unknown): unknown {
  return encodeOutput(value, { date: (d) => new Tag(d.getTime(), 1), bytes: (b) => Buffer.from(b) });
}
