/**
 * Sequence numbers as AWS forms them: a 56-digit decimal whose hex form packs the shard's creation time,
 * a per-shard counter, the arrival time and the shard index. Only the counter changes within a shard, so
 * numbers of one shard compare in arrival order as integers, and any number tells which shard issued it.
 */
export interface SequenceParts {
  shardCreatedSeconds: number;
  shardIndex: number;
  counter: bigint;
  arrivalSeconds: number;
}

/** The counter a closed shard's EndingSequenceNumber carries: above any record's. */
export const ENDING_COUNTER = (1n << 63n) - 1n;

function hex(value: number | bigint, width: number): string {
  return value.toString(16).padStart(width, '0').slice(-width);
}

export function formatSequenceNumber(p: SequenceParts): string {
  const digits =
    '2' +
    hex(p.shardCreatedSeconds, 9) +
    hex(p.shardIndex % 16, 1) +
    hex(p.counter, 16) +
    '00' +
    hex(p.arrivalSeconds, 9) +
    hex(p.shardIndex, 8) +
    '2';
  return BigInt('0x' + digits).toString(10);
}

/** Undefined when `value` is not a sequence number this broker could have issued. */
export function parseSequenceNumber(value: string): SequenceParts | undefined {
  if (!/^[1-9]\d{0,128}$/.test(value)) return undefined;
  const digits = BigInt(value).toString(16);
  if (digits.length !== 47 || digits[0] !== '2' || digits[46] !== '2') return undefined;
  const counter = BigInt('0x' + digits.slice(11, 27));
  if (counter > ENDING_COUNTER) return undefined;
  return {
    shardCreatedSeconds: parseInt(digits.slice(1, 10), 16),
    counter,
    arrivalSeconds: parseInt(digits.slice(29, 38), 16),
    shardIndex: parseInt(digits.slice(38, 46), 16),
  };
}
