import type { BrokerEvent } from '../events';
import { isAwsError } from '../errors';
import type { KinesisRecord } from '../kinesis/api';
import type { ServiceContext } from '../service-context';
import { batchItemFailures } from './batch-response';
import { kinesisEventRecord } from './kinesis-event';
import type { EventSourceMappingConfiguration } from './mappings';
import type { Invoke, KinesisPort, Poller } from './ports';

/** Where a shard's reading resumes: the mapping's starting position, then after the last record handled. */
type Position =
  | { type: 'TRIM_HORIZON' }
  | { type: 'AT_TIMESTAMP'; at: number }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

interface Pending {
  records: KinesisRecord[];
  retries: number;
}

interface ShardConsumer {
  running?: Promise<void>;
  /** Ends the current wait early; set only while the consumer waits. */
  wake?: () => void;
  /** True while the wait is for new records (a put wakes it), false for a backoff or a batching window. */
  waitingForRecords: boolean;
}

/** Lambda's synchronous invocation payload limit; a batch is cut before its base64 data would exceed it. */
const maxPayloadBytes = 6 * 1024 * 1024;
const retryAfterProblemMs = 5000;
const maxBackoffMs = 30_000;

/**
 * Lambda's Kinesis poller for one mapping: one consumer per shard, each handing the function batches in
 * sequence-number order and moving on only when a batch succeeded (or, with MaximumRetryAttempts, was given
 * up). A failed batch is retried with backoff; with BisectBatchOnFunctionError it is split in two first,
 * and with ReportBatchItemFailures processing resumes at the first failed record. Child shards of a
 * reshard start only once their parents are finished, so a partition key's records stay in order.
 * Consumers wait for the stream's own `recordsPut` events instead of polling on a timer.
 */
export class KinesisPoller implements Poller {
  private active = false;
  private initialised = false;
  private readonly startedAt: number;
  private readonly positions = new Map<string, Position>();
  private readonly consumers = new Map<string, ShardConsumer>();
  private readonly finished = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly mapping: EventSourceMappingConfiguration,
    private readonly kinesis: KinesisPort,
    private readonly ctx: ServiceContext,
    private readonly invoke: Invoke,
  ) {
    this.startedAt = ctx.scheduler.now();
  }

  private get streamName(): string {
    return this.mapping.eventSourceArn.split(':stream/')[1] ?? '';
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.unsubscribe = this.ctx.events.on((e) => this.onEvent(e));
    this.discover();
  }

  stop(): void {
    this.active = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const c of this.consumers.values()) c.wake?.();
  }

  private onEvent(e: BrokerEvent): void {
    if (e.service !== 'kinesis' || e.streamName !== this.streamName) return;
    if (e.type === 'recordsPut') {
      for (const shardId of Object.keys(e.records)) {
        const c = this.consumers.get(shardId);
        if (c?.waitingForRecords) c.wake?.();
      }
    } else if (e.type === 'streamResharded' || e.type === 'streamCreated') {
      this.discover();
    } else if (e.type === 'streamDeleted') {
      // Its shards and sequence numbers are gone with it; a stream created again under the name starts afresh.
      this.initialised = false;
      this.positions.clear();
      this.finished.clear();
      for (const c of this.consumers.values()) c.wake?.();
    }
  }

  /** Starts a consumer for every shard that is ready: not finished, and its parents finished. */
  private discover(): void {
    if (!this.active) return;
    let shards;
    try {
      shards = this.kinesis.ListShards({ StreamARN: this.mapping.eventSourceArn }).Shards;
    } catch (e) {
      this.problem(e);
      return;
    }
    const listed = new Set(shards.map((s) => s.ShardId));
    if (!this.initialised) {
      this.initialised = true;
      for (const s of shards) {
        const closed = s.SequenceNumberRange.EndingSequenceNumber !== undefined;
        // LATEST means records put from now on, and a closed shard takes no more.
        if (this.mapping.startingPosition === 'LATEST' && closed) this.finished.add(s.ShardId);
        else this.positions.set(s.ShardId, this.mapping.startingPosition === 'LATEST' ? { type: 'AT_TIMESTAMP', at: this.startedAt } : { type: 'TRIM_HORIZON' });
      }
    }
    for (const s of shards) {
      if (this.finished.has(s.ShardId)) continue;
      const parents = [s.ParentShardId, s.AdjacentParentShardId].filter((p): p is string => !!p && listed.has(p));
      if (parents.some((p) => !this.finished.has(p))) continue;
      if (!this.positions.has(s.ShardId)) this.positions.set(s.ShardId, { type: 'TRIM_HORIZON' });
      this.kick(s.ShardId);
    }
  }

  private kick(shardId: string): void {
    let c = this.consumers.get(shardId);
    if (!c) this.consumers.set(shardId, (c = { waitingForRecords: false }));
    const consumer = c;
    if (consumer.running) return;
    consumer.running = this.consume(shardId, consumer).finally(() => {
      consumer.running = undefined;
      // Started again while this consumer was winding down: it saw `active` false, so consume afresh.
      if (this.active && this.consumers.get(shardId) === consumer) this.kick(shardId);
    });
  }

  private async consume(shardId: string, c: ShardConsumer): Promise<void> {
    while (this.active) {
      let read: { records: KinesisRecord[]; closed: boolean };
      try {
        read = this.read(shardId);
        if (read.records.length > 0 && read.records.length < this.mapping.batchSize && this.mapping.maximumBatchingWindowInSeconds > 0) {
          await this.wait(c, this.now() + this.mapping.maximumBatchingWindowInSeconds * 1000, false);
          if (!this.active) return;
          read = this.read(shardId);
        }
      } catch (e) {
        this.problem(e);
        await this.wait(c, this.now() + retryAfterProblemMs, false);
        continue;
      }
      if (read.records.length > 0) {
        try {
          await this.process(shardId, c, read.records);
        } catch (e) {
          // The broker's own failure, not the handler's: keep the consumer alive and read again later.
          this.problem(e);
          await this.wait(c, this.now() + retryAfterProblemMs, false);
        }
      } else if (read.closed) {
        this.finished.add(shardId);
        this.consumers.delete(shardId);
        this.discover();
        return;
      } else {
        await this.wait(c, undefined, true);
      }
    }
  }

  /** The next records of a shard from its position, at most BatchSize and within the payload limit. */
  private read(shardId: string): { records: KinesisRecord[]; closed: boolean } {
    const position = this.positions.get(shardId) ?? { type: 'TRIM_HORIZON' };
    const { ShardIterator } = this.kinesis.GetShardIterator({
      StreamARN: this.mapping.eventSourceArn,
      ShardId: shardId,
      ShardIteratorType: position.type,
      ...(position.type === 'AFTER_SEQUENCE_NUMBER' ? { StartingSequenceNumber: position.sequenceNumber } : {}),
      ...(position.type === 'AT_TIMESTAMP' ? { Timestamp: new Date(position.at) } : {}),
    });
    const out = this.kinesis.GetRecords({ ShardIterator, Limit: Math.min(10000, this.mapping.batchSize), StreamARN: this.mapping.eventSourceArn });
    let bytes = 0;
    let count = 0;
    for (const r of out.Records) {
      bytes += Math.ceil(r.Data.length / 3) * 4 + r.PartitionKey.length + 512;
      if (count > 0 && bytes > maxPayloadBytes) break;
      count++;
    }
    return { records: out.Records.slice(0, count), closed: out.NextShardIterator === undefined };
  }

  private async process(shardId: string, c: ShardConsumer, records: KinesisRecord[]): Promise<void> {
    const queue: Pending[] = [{ records, retries: 0 }];
    const source = { streamArn: this.mapping.eventSourceArn, region: this.ctx.identity.region, accountId: this.ctx.identity.accountId };
    const reportsFailures = this.mapping.functionResponseTypes.includes('ReportBatchItemFailures');
    while (queue.length > 0 && this.active) {
      const item = queue[0];
      const event = { Records: item.records.map((r) => kinesisEventRecord(r, shardId, source)) };
      const invocation = await this.invoke(event, {
        type: 'kinesis',
        eventSourceArn: this.mapping.eventSourceArn,
        mappingUuid: this.mapping.uuid,
        shardId,
      });
      const failedFrom = invocation.status !== 'succeeded' ? 0 : reportsFailures ? firstFailure(invocation.output, item.records) : -1;
      if (failedFrom < 0) {
        this.advance(shardId, item.records[item.records.length - 1]);
        queue.shift();
        this.mapping.lastProcessingResult = 'OK';
        continue;
      }
      this.mapping.lastProcessingResult = 'PROBLEM: Function call failed';
      // Records before the first reported failure succeeded: checkpoint past them.
      if (failedFrom > 0) {
        this.advance(shardId, item.records[failedFrom - 1]);
        item.records = item.records.slice(failedFrom);
      }
      if (this.mapping.bisectBatchOnFunctionError && item.records.length > 1) {
        // Splitting a batch does not count towards the retry quota.
        const half = Math.ceil(item.records.length / 2);
        queue.splice(0, 1, { records: item.records.slice(0, half), retries: item.retries }, { records: item.records.slice(half), retries: item.retries });
        continue;
      }
      item.retries++;
      const limit = this.mapping.maximumRetryAttempts ?? -1;
      if (limit >= 0 && item.retries > limit) {
        // Lambda gives the records up (a deployed mapping could send them to an on-failure destination).
        this.advance(shardId, item.records[item.records.length - 1]);
        queue.shift();
        continue;
      }
      await this.wait(c, this.now() + Math.min(maxBackoffMs, 1000 * 2 ** (item.retries - 1)), false);
    }
  }

  private advance(shardId: string, record: KinesisRecord): void {
    this.positions.set(shardId, { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: record.SequenceNumber });
  }

  /** Waits until `until` (on the broker's scheduler), a wake-up, or stop(). */
  private wait(c: ShardConsumer, until: number | undefined, forRecords: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        deadline?.cancel();
        if (c.wake === done) {
          c.wake = undefined;
          c.waitingForRecords = false;
        }
        resolve();
      };
      const deadline = until === undefined ? undefined : this.ctx.scheduler.at(until, done);
      c.wake = done;
      c.waitingForRecords = forRecords;
      if (!this.active) done();
    });
  }

  private problem(e: unknown): void {
    const what = isAwsError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    this.mapping.lastProcessingResult = `PROBLEM: ${what}`;
  }

  private now(): number {
    return this.ctx.scheduler.now();
  }
}

/** Index of the first record a partial batch response reports failed, or -1 when none failed. */
function firstFailure(output: unknown, records: KinesisRecord[]): number {
  const failed = batchItemFailures(output, records.map((r) => r.SequenceNumber));
  if (failed.size === 0) return -1;
  return records.findIndex((r) => failed.has(r.SequenceNumber));
}
