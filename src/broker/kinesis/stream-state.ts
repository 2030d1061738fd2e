import { kinesisLimits } from '../limits';
import type { Consumer, Shard, StreamMode, StreamStatus } from './api';
import { ENDING_COUNTER, formatSequenceNumber } from './sequence-number';

/** A record as a shard keeps it. `counter` orders records within the shard. */
export interface StoredRecord {
  counter: bigint;
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
  arrivedAt: number;
}

export function shardIdFor(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** One shard: a hash-key range, its records in order, and where it came from when resharding made it. */
export class ShardState {
  readonly shardId: string;
  readonly records: StoredRecord[] = [];
  readonly startingSequenceNumber: string;
  endingSequenceNumber: string | undefined;
  closedAt: number | undefined;
  nextCounter = 1n;

  constructor(
    readonly index: number,
    readonly startingHashKey: bigint,
    readonly endingHashKey: bigint,
    readonly createdAt: number,
    readonly parentShardId?: string,
    readonly adjacentParentShardId?: string,
  ) {
    this.shardId = shardIdFor(index);
    this.startingSequenceNumber = this.sequenceNumber(0n, createdAt);
  }

  get isOpen(): boolean {
    return this.closedAt === undefined;
  }

  covers(hashKey: bigint): boolean {
    return hashKey >= this.startingHashKey && hashKey <= this.endingHashKey;
  }

  sequenceNumber(counter: bigint, at: number): string {
    return formatSequenceNumber({
      shardCreatedSeconds: Math.floor(this.createdAt / 1000),
      shardIndex: this.index,
      counter,
      arrivalSeconds: Math.floor(at / 1000),
    });
  }

  append(partitionKey: string, data: Buffer, at: number): StoredRecord {
    const counter = this.nextCounter++;
    const record = { counter, sequenceNumber: this.sequenceNumber(counter, at), partitionKey, data, arrivedAt: at };
    this.records.push(record);
    return record;
  }

  close(at: number): void {
    this.closedAt = at;
    this.endingSequenceNumber = this.sequenceNumber(ENDING_COUNTER, at);
  }

  /** Index of the first kept record whose counter is at least `counter` (records.length if none). */
  indexFromCounter(counter: bigint): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.records[mid].counter < counter) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Counter of the first record that arrived at or after `at`; the next counter if none did yet. */
  counterAtTimestamp(at: number): bigint {
    const found = this.records.find((r) => r.arrivedAt >= at);
    return found ? found.counter : this.nextCounter;
  }

  toShard(): Shard {
    return {
      ShardId: this.shardId,
      ...(this.parentShardId ? { ParentShardId: this.parentShardId } : {}),
      ...(this.adjacentParentShardId ? { AdjacentParentShardId: this.adjacentParentShardId } : {}),
      HashKeyRange: { StartingHashKey: this.startingHashKey.toString(), EndingHashKey: this.endingHashKey.toString() },
      SequenceNumberRange: {
        StartingSequenceNumber: this.startingSequenceNumber,
        ...(this.endingSequenceNumber ? { EndingSequenceNumber: this.endingSequenceNumber } : {}),
      },
    };
  }
}

/** What TagResource and PutResourcePolicy act on: a stream or a consumer. */
export interface TaggedResource {
  readonly tags: Map<string, string>;
  policy?: string;
}

export interface ConsumerState extends Omit<Consumer, 'ConsumerCreationTimestamp'>, TaggedResource {
  createdAt: number;
}

/** A stream: its shards (open and closed, oldest first), settings, tags and enhanced fan-out consumers. */
export class StreamState implements TaggedResource {
  status: StreamStatus;
  retentionPeriodHours: number = kinesisLimits.defaultRetentionHours;
  readonly shards: ShardState[] = [];
  readonly tags = new Map<string, string>();
  readonly consumers = new Map<string, ConsumerState>();
  policy: string | undefined;
  readonly shardLevelMetrics = new Set<string>();
  /** The KMS key of server-side encryption, when StartStreamEncryption turned it on. */
  kmsKeyId: string | undefined;
  nextShardIndex = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    public mode: StreamMode,
    status: StreamStatus,
    /** Tells this stream apart from an earlier one of the same name (iterators and page tokens carry it). */
    readonly incarnation: number,
  ) {
    this.status = status;
  }

  get openShards(): ShardState[] {
    return this.shards.filter((s) => s.isOpen);
  }

  get retentionMs(): number {
    return this.retentionPeriodHours * 3600 * 1000;
  }

  addShard(start: bigint, end: bigint, at: number, parent?: string, adjacentParent?: string): ShardState {
    const shard = new ShardState(this.nextShardIndex++, start, end, at, parent, adjacentParent);
    this.shards.push(shard);
    return shard;
  }

  shard(shardId: string): ShardState | undefined {
    return this.shards.find((s) => s.shardId === shardId);
  }

  /** The open shard whose range holds `hashKey`; open shards always cover the whole key space. */
  shardForHashKey(hashKey: bigint): ShardState | undefined {
    return this.shards.find((s) => s.isOpen && s.covers(hashKey));
  }
}

/**
 * AWS reads any `<text>-<digits>` ("shardId-1", "shard-0") or bare digits ("1") as shard number <digits>,
 * in the padded form; a number past Java's int is no shard.
 */
export function normalizeShardId(shardId: string): string | undefined {
  const m = /^(?:[^-]*-)?(\d+)$/.exec(shardId);
  if (!m) return undefined;
  const index = Number(m[1]);
  return index <= 2147483647 ? shardIdFor(index) : undefined;
}
