import type {
  ChildShard,
  GetRecordsOutput,
  GetShardIteratorInput,
  KinesisRecord,
  PutRecordsRequestEntry,
  TimestampInput,
} from './api';
import { amzUtcString, kinesisErrors } from './errors';
import { HASH_KEY_SPACE, partitionKeyToHashKey } from './hash-key';
import { parseSequenceNumber } from './sequence-number';
import { decodeShardIterator, encodeShardIterator } from './shard-iterator';
import { shardIdFor, type ShardState, type StoredRecord, type StreamState } from './stream-state';
import type { AwsError } from '../errors';
import type { MemoryBudget } from '../memory-budget';
import type { ShardThroughput } from './throughput';
import { recordData } from './validation';

/** How records go in and come out of shards; the service resolves streams and emits events around these. */
export interface RecordsContext {
  account: string;
  now: number;
  throughput: ShardThroughput;
  memory?: MemoryBudget;
}

export const ITERATOR_LIFETIME_MS = 5 * 60 * 1000;
const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;

export function throughputKey(stream: StreamState, shard: ShardState): string {
  return `${stream.name}/${stream.incarnation}/${shard.shardId}`;
}

export function hashKeyOf(entry: { PartitionKey: string; ExplicitHashKey?: string }): bigint {
  if (entry.ExplicitHashKey === undefined) return partitionKeyToHashKey(entry.PartitionKey);
  const key = BigInt(entry.ExplicitHashKey);
  if (key >= HASH_KEY_SPACE) {
    throw kinesisErrors.invalidArgument(
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${entry.ExplicitHashKey}`,
    );
  }
  return key;
}

export function rateExceeded(stream: StreamState, shard: ShardState, account: string) {
  return kinesisErrors.throughputExceeded(
    `Rate exceeded for shard ${shard.shardId} in stream ${stream.name} under account ${account}.`,
  );
}

/** A record refused: its shard is over its write limit, or (with `error`) the broker's memory budget is full. */
export type PutOutcome = { shard: ShardState; record: StoredRecord } | { shard: ShardState; throttled: true; error?: AwsError };

/**
 * Appends one record to the open shard its hash key falls in, unless that shard is over its write limit
 * or the record does not fit in the memory budget.
 */
export function putEntry(stream: StreamState, entry: PutRecordsRequestEntry, rc: RecordsContext): PutOutcome {
  const shard = stream.shardForHashKey(hashKeyOf(entry));
  if (!shard) throw new Error(`open shards of ${stream.name} do not cover the key space`);
  const data = recordData(entry.Data);
  const size = data.length + Buffer.byteLength(entry.PartitionKey, 'utf8');
  if (rc.memory && !rc.memory.fits(size)) return { shard, throttled: true, error: rc.memory.refusal('kinesis') };
  if (!rc.throughput.tryWrite(throughputKey(stream, shard), size, rc.now)) return { shard, throttled: true };
  rc.memory?.hold(memoryOwner(stream), size);
  return { shard, record: shard.append(entry.PartitionKey, data, rc.now) };
}

/** The budget counts a stream's records under this name; retention and deletion give them back. */
export function memoryOwner(stream: StreamState): string {
  return `kinesis:${stream.name}`;
}

export function recordBytes(record: StoredRecord): number {
  return record.data.length + Buffer.byteLength(record.partitionKey, 'utf8');
}

function toMillis(t: TimestampInput): number {
  return t.getTime();
}

/** Where a new iterator starts reading, as the per-shard counter of the first record it may return. */
export function iteratorStart(
  stream: StreamState,
  shard: ShardState,
  input: GetShardIteratorInput,
  rc: RecordsContext,
): bigint {
  const type = input.ShardIteratorType;
  const seq = input.StartingSequenceNumber;
  const where = `on shard ${shard.shardId} in stream ${stream.name} under account ${rc.account}`;
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence !== (seq !== undefined) && type !== 'AT_TIMESTAMP') {
    throw kinesisErrors.invalidArgument(
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
        '(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
        `Request specified ${type} and ${seq === undefined ? 'no' : 'also a'} StartingSequenceNumber.`,
    );
  }
  if (type === 'TRIM_HORIZON') return 0n;
  if (type === 'LATEST') return shard.nextCounter;
  if (type === 'AT_TIMESTAMP') {
    if (input.Timestamp === undefined) {
      throw kinesisErrors.invalidArgument(
        'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
      );
    }
    const at = Math.floor(toMillis(input.Timestamp));
    if (at > rc.now) {
      throw kinesisErrors.invalidArgument(
        'The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. ' +
          `timestampInMillis: ${at}, currentTimestampInMillis: ${rc.now}`,
      );
    }
    return shard.counterAtTimestamp(at);
  }
  const parts = parseSequenceNumber(seq as string);
  if (!parts) {
    throw kinesisErrors.invalidArgument(`StartingSequenceNumber ${seq} used in GetShardIterator ${where} is invalid.`);
  }
  if (parts.shardIndex !== shard.index) {
    throw kinesisErrors.invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${shardIdFor(parts.shardIndex)}, while it was used in a call to a shard with ${shard.shardId}`,
    );
  }
  if (parts.shardCreatedSeconds !== Math.floor(shard.createdAt / 1000)) {
    throw kinesisErrors.invalidArgument(
      `StartingSequenceNumber ${seq} used in GetShardIterator ${where} is invalid because it did not come from this stream.`,
    );
  }
  return type === 'AT_SEQUENCE_NUMBER' ? parts.counter : parts.counter + 1n;
}

export function newIterator(stream: StreamState, shard: ShardState, fromCounter: bigint, now: number): string {
  return encodeShardIterator({
    issuedAt: now,
    streamName: stream.name,
    incarnation: stream.incarnation,
    shardId: shard.shardId,
    fromCounter,
  });
}

/** Decodes a client's iterator, refusing forged and expired ones with AWS's words. */
export function openIterator(token: string, now: number) {
  const position = decodeShardIterator(token);
  if (!position || position.issuedAt > now || !Number.isFinite(position.issuedAt)) {
    throw kinesisErrors.invalidArgument('Invalid ShardIterator.');
  }
  if (now - position.issuedAt > ITERATOR_LIFETIME_MS) {
    throw kinesisErrors.expiredIterator(
      `Iterator expired. The iterator was created at time ${amzUtcString(position.issuedAt)} while right now it is ` +
        `${amzUtcString(now)} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`,
    );
  }
  return position;
}

export function childShardsOf(stream: StreamState, shard: ShardState): ChildShard[] {
  return stream.shards
    .filter((s) => s.parentShardId === shard.shardId || s.adjacentParentShardId === shard.shardId)
    .map((s) => ({
      ShardId: s.shardId,
      ParentShards: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== undefined),
      HashKeyRange: { StartingHashKey: s.startingHashKey.toString(), EndingHashKey: s.endingHashKey.toString() },
    }));
}

export function toKinesisRecord(r: StoredRecord): KinesisRecord {
  return {
    SequenceNumber: r.sequenceNumber,
    ApproximateArrivalTimestamp: new Date(r.arrivedAt),
    Data: r.data,
    PartitionKey: r.partitionKey,
  };
}

/**
 * Reads up to `limit` records (and at most 10 MiB) from `fromCounter`. At the end of a closed shard the
 * answer has no NextShardIterator and names the child shards to continue with, as AWS does.
 */
export function readRecords(
  stream: StreamState,
  shard: ShardState,
  fromCounter: bigint,
  limit: number,
  rc: RecordsContext,
): GetRecordsOutput {
  const start = shard.indexFromCounter(fromCounter);
  const taken: StoredRecord[] = [];
  let bytes = 0;
  for (let i = start; i < shard.records.length && taken.length < limit; i++) {
    const r = shard.records[i];
    if (taken.length > 0 && bytes + r.data.length > MAX_GET_RECORDS_BYTES) break;
    taken.push(r);
    bytes += r.data.length;
  }
  rc.throughput.recordRead(throughputKey(stream, shard), bytes, rc.now);
  const end = start + taken.length;
  const caughtUp = end >= shard.records.length;
  const millisBehindLatest = caughtUp ? 0 : Math.max(0, rc.now - shard.records[end].arrivedAt);
  const records = taken.map(toKinesisRecord);
  if (!shard.isOpen && caughtUp) {
    return { Records: records, MillisBehindLatest: millisBehindLatest, ChildShards: childShardsOf(stream, shard) };
  }
  const next = taken.length ? taken[taken.length - 1].counter + 1n : fromCounter;
  return {
    Records: records,
    NextShardIterator: newIterator(stream, shard, next, rc.now),
    MillisBehindLatest: millisBehindLatest,
  };
}
