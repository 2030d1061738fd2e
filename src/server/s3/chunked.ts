import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { s3Errors } from '../../broker/s3/errors';
import type { WireRequest } from '../wire';

/** The checksum algorithms S3 takes, by the name in `x-amz-checksum-<name>`. */
const ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;

/** The body a client meant and the checksums it declared, with `aws-chunked` framing taken off. */
export interface DecodedBody {
  body: Buffer;
  /** Upper-case algorithm (CRC32, SHA256, ...) to base64 value. */
  checksums: Record<string, string>;
}

/**
 * Reads an S3 upload body. The SDKs send `aws-chunked` (Content-Encoding, or an `x-amz-content-sha256` of
 * STREAMING-…): `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` chunks ending with a zero-size chunk, then
 * trailing headers (`x-amz-checksum-crc32:…`). Checksums arrive as headers or trailers; CRC32, SHA-1 and
 * SHA-256 are checked here (BadDigest when they disagree), the others are kept as sent.
 */
export function decodeBody(request: WireRequest): DecodedBody {
  const encoding = (request.headers['content-encoding'] ?? '').toLowerCase();
  const sha = request.headers['x-amz-content-sha256'] ?? '';
  const chunked = encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
  const trailers: Record<string, string> = {};
  const body = chunked ? unchunk(request.body, trailers) : request.body;
  const checksums: Record<string, string> = {};
  for (const name of ALGORITHMS) {
    const value = request.headers[`x-amz-checksum-${name}`] ?? trailers[`x-amz-checksum-${name}`];
    if (value === undefined) continue;
    const computed = compute(name, body);
    if (computed !== undefined && computed !== value) throw s3Errors.badChecksum(name === 'sha1' || name === 'sha256' ? name.toUpperCase() : name.toUpperCase());
    checksums[name.toUpperCase()] = value;
  }
  return { body, checksums };
}

function unchunk(raw: Buffer, trailers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) throw incomplete();
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    at = eol + 2;
    if (size === 0) break;
    if (at + size > raw.length) throw incomplete();
    parts.push(raw.subarray(at, at + size));
    at += size;
    if (raw.subarray(at, at + 2).toString('latin1') === '\r\n') at += 2;
  }
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return Buffer.concat(parts);
}

function incomplete() {
  return s3Errors.invalidRequest('The request body is not a valid aws-chunked encoding.');
}

function compute(name: (typeof ALGORITHMS)[number], body: Buffer): string | undefined {
  if (name === 'sha1' || name === 'sha256') return createHash(name).update(body).digest('base64');
  // zlib.crc32 is in Node 20.15 and later; an older host (an editor's) keeps the value unchecked.
  if (name === 'crc32' && typeof zlib.crc32 === 'function') {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(zlib.crc32(body) >>> 0);
    return b.toString('base64');
  }
  return undefined;
}
