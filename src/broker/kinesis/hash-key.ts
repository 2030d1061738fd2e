import { createHash } from 'node:crypto';

/** Hash keys span [0, 2^128 - 1]; the MD5 of a partition key, read as an unsigned integer, lands in it. */
export const HASH_KEY_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_KEY_SPACE - 1n;

export function partitionKeyToHashKey(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

/** Splits the key space into `count` ranges the way AWS lays out a new stream: equal widths, the last takes the rest. */
export function uniformRanges(count: number): { start: bigint; end: bigint }[] {
  const width = HASH_KEY_SPACE / BigInt(count);
  const ranges: { start: bigint; end: bigint }[] = [];
  for (let i = 0; i < count; i++) {
    const start = width * BigInt(i);
    const end = i === count - 1 ? MAX_HASH_KEY : width * BigInt(i + 1) - 1n;
    ranges.push({ start, end });
  }
  return ranges;
}
