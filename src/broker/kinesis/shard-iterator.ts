import { createHash } from 'node:crypto';

/**
 * Shard iterators are opaque to clients. Ours carry where to read next and when the iterator was made
 * (AWS expires them after five minutes), plus a checksum so a mangled or invented token is refused as
 * "Invalid ShardIterator." instead of being read from a wrong place.
 */
export interface IteratorPosition {
  issuedAt: number;
  streamName: string;
  /** Tells a stream apart from a later one of the same name. */
  incarnation: number;
  shardId: string;
  /** Read records whose per-shard counter is at least this. */
  fromCounter: bigint;
}

const HEADER = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);
const CHECKSUM_BYTES = 4;

function checksum(payload: Buffer): Buffer {
  return createHash('md5').update('eventyard-shard-iterator').update(payload).digest().subarray(0, CHECKSUM_BYTES);
}

export function encodeShardIterator(p: IteratorPosition): string {
  const payload = Buffer.from(
    [p.issuedAt, p.streamName, p.incarnation, p.shardId, p.fromCounter.toString()].join('/'),
    'utf8',
  );
  return Buffer.concat([HEADER, payload, checksum(payload)]).toString('base64');
}

export function decodeShardIterator(token: string): IteratorPosition | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.toString('base64') !== token || bytes.length <= HEADER.length + CHECKSUM_BYTES) return undefined;
  if (!bytes.subarray(0, HEADER.length).equals(HEADER)) return undefined;
  const payload = bytes.subarray(HEADER.length, bytes.length - CHECKSUM_BYTES);
  if (!checksum(payload).equals(bytes.subarray(bytes.length - CHECKSUM_BYTES))) return undefined;
  const parts = payload.toString('utf8').split('/');
  if (parts.length !== 5 || !/^\d+$/.test(parts[4])) return undefined;
  const [issuedAt, streamName, incarnation, shardId, fromCounter] = parts;
  return {
    issuedAt: Number(issuedAt),
    streamName,
    incarnation: Number(incarnation),
    shardId,
    fromCounter: BigInt(fromCounter),
  };
}
