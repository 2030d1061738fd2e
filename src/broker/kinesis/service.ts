import { isAwsError } from '../errors';
import { arn, parseArn } from '../identity';
import { kinesisLimits } from '../limits';
import type { Deadline } from '../scheduler';
import { ServiceEngine, type OperationTable, type ServiceContext } from '../service-context';
import type * as api from './api';
import { ConsumerRegistry } from './consumers';
import { kinesisErrors } from './errors';
import type { KinesisEvent } from './events';
import { uniformRanges } from './hash-key';
import { streamSummaryView, type StreamSummaryView } from './inspector-view';
import {
  iteratorStart,
  newIterator,
  openIterator,
  putEntry,
  rateExceeded,
  readRecords,
  throughputKey,
  toKinesisRecord,
  memoryOwner,
  recordBytes,
  type RecordsContext,
} from './records';
import { mergeShards, scaleUniformly, splitShard } from './resharding';
import { RetentionSchedule } from './retention';
import * as rules from './rules';
import type { SavedStream } from './saved-stream';
import { parseSequenceNumber } from './sequence-number';
import { listShardsPage } from './shard-listing';
import { ShardSubscription } from './shard-subscription';
import { normalizeShardId, StreamState, type ShardState, type StoredRecord } from './stream-state';
import { saveStream, streamFromSaved } from './stream-save';
import { checkTagCharacters, StreamSettings } from './stream-settings';
import { ShardThroughput } from './throughput';
import { emptyInputAsObject, validate } from './validation';

export type { ShardSummary, StreamSummaryView } from './inspector-view';

export interface KinesisOptions {
  /** Enforce per-shard throughput (1 MiB/s or 1,000 records/s in; 2 MiB/s and 5 reads/s out). Off by default. */
  enforceThroughputLimits?: boolean;
  /** Open shards the account may hold across streams (AWS's default quota is 500). */
  shardLimit?: number;
  /**
   * How long CreateStream stays CREATING and resharding UPDATING before ACTIVE. 0 (the default) makes
   * streams ACTIVE at once, so an app that writes right after CreateStream works locally.
   */
  statusTransitionMs?: number;
}

export type RecordsListener = (records: api.KinesisRecord[], shardId: string) => void;

/**
 * Kinesis Data Streams: streams of shards holding ordered records. Every change goes through this class,
 * which also emits the change event, so the tree, inspector and store see exactly what clients did.
 */
export class KinesisService extends ServiceEngine<KinesisEvent> {
  private readonly streams = new Map<string, StreamState>();
  private readonly retention: RetentionSchedule;
  private readonly transitions = new Map<StreamState, Deadline>();
  private readonly listeners = new Map<StreamState, Set<RecordsListener>>();
  /** Live SubscribeToShard pushes by `<consumer ARN>|<shard id>`, with when each began. */
  private readonly subscriptions = new Map<string, { subscription: ShardSubscription; startedAt: number }>();
  private readonly throughput: ShardThroughput;
  private nextIncarnation = 1;
  private readonly consumers: ConsumerRegistry;
  private readonly settings: StreamSettings;
  readonly operations: api.KinesisOperations & OperationTable;

  constructor(
    ctx: ServiceContext,
    private readonly options: KinesisOptions = {},
  ) {
    super(ctx);
    this.throughput = new ShardThroughput(options.enforceThroughputLimits ?? false);
    this.retention = new RetentionSchedule(ctx.scheduler, (s) => this.streams.get(s.name) === s, (e) => this.emit(e), ctx.memory);
    this.consumers = new ConsumerRegistry(ctx, (ref) => this.streamByArn(ref), (e) => this.emit(e));
    this.settings = new StreamSettings({
      account: ctx.identity.accountId,
      now: () => this.now(),
      emit: (e) => this.emit(e),
      resolve: (ref) => this.resolve(ref),
      reshardable: (ref) => this.reshardable(ref),
      transition: (stream, status) => this.transition(stream, status),
      consumers: this.consumers,
    });
    this.operations = emptyInputAsObject({
      CreateStream: (i) => this.createStream(i),
      DeleteStream: (i) => this.deleteStream(i),
      DescribeStream: (i) => this.describeStream(i),
      DescribeStreamSummary: (i) => this.describeStreamSummary(i),
      ListStreams: (i) => this.listStreams(i),
      ListShards: (i) => this.listShards(i),
      IncreaseStreamRetentionPeriod: (i) => this.changeRetention(i, 'increase'),
      DecreaseStreamRetentionPeriod: (i) => this.changeRetention(i, 'decrease'),
      AddTagsToStream: (i) => this.settings.addTags(i),
      RemoveTagsFromStream: (i) => this.settings.removeTags(i),
      ListTagsForStream: (i) => this.settings.listTags(i),
      PutRecord: (i) => this.putRecord(i),
      PutRecords: (i) => this.putRecords(i),
      GetShardIterator: (i) => this.getShardIterator(i),
      GetRecords: (i) => this.getRecords(i),
      SplitShard: (i) => this.splitShard(i),
      MergeShards: (i) => this.mergeShards(i),
      UpdateShardCount: (i) => this.updateShardCount(i),
      RegisterStreamConsumer: (i) => this.consumers.register(i),
      DescribeStreamConsumer: (i) => this.consumers.describe(i),
      ListStreamConsumers: (i) => this.consumers.list(i),
      DeregisterStreamConsumer: (i) => {
        const out = this.consumers.deregister(i);
        this.closeSubscriptions((key) => !this.consumerExists(key));
        return out;
      },
      SubscribeToShard: (i) => this.subscribeToShard(i),
      DescribeLimits: () => this.describeLimits(),
      UpdateStreamMode: (i) => this.updateStreamMode(i),
      EnableEnhancedMonitoring: (i) => this.settings.monitoring(i, true),
      DisableEnhancedMonitoring: (i) => this.settings.monitoring(i, false),
      StartStreamEncryption: (i) => this.settings.encryption(i, true),
      StopStreamEncryption: (i) => this.settings.encryption(i, false),
      TagResource: (i) => this.settings.tagResource(i),
      UntagResource: (i) => this.settings.untagResource(i),
      ListTagsForResource: (i) => this.settings.listTagsForResource(i),
      PutResourcePolicy: (i) => this.settings.putResourcePolicy(i),
      GetResourcePolicy: (i) => ({ Policy: this.settings.resource(i).resource.policy ?? '{}' }),
      DeleteResourcePolicy: (i) => this.settings.deleteResourcePolicy(i),
    });
  }

  dispose(): void {
    this.closeSubscriptions(() => true);
    this.retention.dispose();
    for (const d of this.transitions.values()) d.cancel();
    this.transitions.clear();
    this.listeners.clear();
  }

  // ---- reading helpers for the tree, the inspector and Firehose ----

  listStreamSummaries(): StreamSummaryView[] {
    return [...this.streams.values()].sort((a, b) => a.name.localeCompare(b.name)).map(streamSummaryView);
  }

  /**
   * A stream's shards with the records each holds, oldest first: the engine's own arrays, for the search
   * (src/broker/search), which reads them and never writes. Throws ResourceNotFoundException as
   * DescribeStream would.
   */
  shardRecords(streamName: string): { shardId: string; records: readonly StoredRecord[] }[] {
    return this.resolve({ StreamName: streamName }).shards.map((s) => ({ shardId: s.shardId, records: s.records }));
  }

  /**
   * Calls `listener` with every record put to the stream from now on (a LATEST reader that never falls
   * behind); Firehose's Kinesis-source delivery streams read this way. Returns the unsubscribe function.
   */
  subscribeToRecords(streamArnOrName: string, listener: RecordsListener): () => void {
    const stream = this.resolve(
      streamArnOrName.startsWith('arn:') ? { StreamARN: streamArnOrName } : { StreamName: streamArnOrName },
    );
    return this.listen(stream, listener);
  }

  private listen(stream: StreamState, listener: RecordsListener): () => void {
    let set = this.listeners.get(stream);
    if (!set) this.listeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  // ---- durability: change events carry what the store writes; a snapshot and a restart come here ----

  /** Every stream as saved, with the records each shard holds (its own objects), for a snapshot. */
  *savedStreams(): Generator<{ stream: SavedStream; records: Record<string, readonly StoredRecord[]> }> {
    for (const stream of this.streams.values()) {
      yield { stream: saveStream(stream), records: Object.fromEntries(stream.shards.map((s) => [s.shardId, s.records])) };
    }
  }

  /**
   * Puts back a stream kept across a restart with its shards' records (in order; those of a shard the
   * stream no longer has are left out), without events, and re-arms its retention. Each open shard's next
   * counter goes past its records and `skipAhead` further, so numbers given out before a crash that lost
   * their records are never given again.
   */
  restoreStream(saved: SavedStream, records: ReadonlyMap<string, readonly StoredRecord[]>, skipAhead = 0n): void {
    const stream = streamFromSaved(saved);
    for (const shard of stream.shards) {
      const kept = records.get(shard.shardId) ?? [];
      for (const r of kept) {
        shard.records.push(r);
        this.ctx.memory?.hold(memoryOwner(stream), recordBytes(r));
      }
      const last = kept[kept.length - 1];
      if (last && last.counter >= shard.nextCounter) shard.nextCounter = last.counter + 1n;
      if (shard.isOpen) shard.nextCounter += skipAhead;
    }
    this.streams.set(stream.name, stream);
    this.nextIncarnation = Math.max(this.nextIncarnation, stream.incarnation + 1);
    this.retention.arm(stream);
  }

  // ---- streams ----


  private requireStream(name: string): StreamState {
    const stream = this.streams.get(name);
    if (!stream) throw kinesisErrors.streamNotFound(name, this.account);
    return stream;
  }

  /** The stream a request names by StreamName or StreamARN (AWS accepts either, and both if they agree). */
  private resolve(ref: api.StreamRef): StreamState {
    validate(rules.streamRef(ref));
    let name = ref.StreamName;
    if (ref.StreamARN !== undefined) {
      const parsed = parseArn(ref.StreamARN);
      const fromArn = parsed?.resource.startsWith('stream/') ? parsed.resource.slice('stream/'.length) : undefined;
      if (!parsed || !fromArn || parsed.service !== 'kinesis') {
        throw kinesisErrors.invalidArgument(`StreamARN ${ref.StreamARN} is invalid.`);
      }
      if (parsed.accountId !== this.account || parsed.region !== this.ctx.identity.region) {
        throw kinesisErrors.streamNotFound(fromArn, parsed.accountId);
      }
      if (name !== undefined && name !== fromArn) {
        throw kinesisErrors.invalidArgument(`StreamARN ${ref.StreamARN} does not match StreamName ${name}.`);
      }
      name = fromArn;
    }
    if (name === undefined) throw kinesisErrors.invalidArgument('Either StreamName or StreamARN should be provided.');
    return this.requireStream(name);
  }

  private streamByArn(streamArn: string): StreamState {
    return this.resolve({ StreamARN: streamArn });
  }

  private openShardCount(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.openShards.length;
    return n;
  }

  private checkShardLimit(additional: number): void {
    const limit = this.options.shardLimit ?? 500;
    const current = this.openShardCount();
    if (current + additional > limit) {
      const { accountId, region } = this.ctx.identity;
      throw kinesisErrors.limitExceeded(
        `This request would exceed the shard limit for the account ${accountId} in ${region}. ` +
          `Current shard count for the account: ${current}. Limit: ${limit}. Number of additional shards that ` +
          `would have resulted from this request: ${additional}. Refer to the AWS Service Limits page ` +
          '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to ' +
          'request higher limits.',
      );
    }
  }

  /** Shows `status` for statusTransitionMs, then ACTIVE; with no delay the stream is ACTIVE at once. */
  private transition(stream: StreamState, status: api.StreamStatus): void {
    const delay = this.options.statusTransitionMs ?? 0;
    if (delay <= 0) return;
    stream.status = status;
    this.transitions.get(stream)?.cancel();
    this.transitions.set(
      stream,
      this.ctx.scheduler.after(delay, () => {
        this.transitions.delete(stream);
        stream.status = 'ACTIVE';
        this.emit({ service: 'kinesis', type: 'streamStatusChanged', streamName: stream.name, stream: saveStream(stream), at: this.now() });
      }),
    );
  }

  private createStream(input: api.CreateStreamInput): api.Empty {
    validate(rules.createStream(input));
    const name = input.StreamName;
    if (this.streams.has(name)) throw kinesisErrors.streamExists(name, this.account);
    checkTagCharacters(input.Tags);
    const count = input.ShardCount ?? 4;
    this.checkShardLimit(count);
    const mode = input.StreamModeDetails?.StreamMode ?? (input.ShardCount === undefined ? 'ON_DEMAND' : 'PROVISIONED');
    const now = this.now();
    const streamArn = arn(this.ctx.identity, 'kinesis', `stream/${name}`);
    const stream = new StreamState(name, streamArn, now, mode, 'ACTIVE', this.nextIncarnation++);
    for (const r of uniformRanges(count)) stream.addShard(r.start, r.end, now);
    for (const [k, v] of Object.entries(input.Tags ?? {})) stream.tags.set(k, v);
    this.streams.set(name, stream);
    this.transition(stream, 'CREATING');
    this.emit({ service: 'kinesis', type: 'streamCreated', streamName: name, stream: saveStream(stream), at: now });
    return {};
  }

  private deleteStream(input: api.DeleteStreamInput): api.Empty {
    const stream = this.resolve(input);
    if (stream.consumers.size > 0 && !input.EnforceConsumerDeletion) {
      throw kinesisErrors.resourceInUse(
        `Stream ${stream.name} under account ${this.account} has registered consumers. ` +
          'Deregister them first or set EnforceConsumerDeletion.',
      );
    }
    this.streams.delete(stream.name);
    this.retention.forget(stream);
    this.transitions.get(stream)?.cancel();
    this.transitions.delete(stream);
    this.listeners.delete(stream);
    this.closeSubscriptions((key) => key.startsWith(`${stream.arn}/consumer/`));
    this.throughput.forget(`${stream.name}/${stream.incarnation}/`);
    this.emit({ service: 'kinesis', type: 'streamDeleted', streamName: stream.name, at: this.now() });
    return {};
  }

  private describeStream(input: api.DescribeStreamInput): api.DescribeStreamOutput {
    validate(rules.describeStream(input));
    const stream = this.resolve(input);
    const limit = input.Limit ?? 100;
    const after = input.ExclusiveStartShardId;
    const eligible = stream.shards.filter((s) => after === undefined || s.shardId > after);
    return {
      StreamDescription: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: stream.status,
        StreamModeDetails: { StreamMode: stream.mode },
        Shards: eligible.slice(0, limit).map((s) => s.toShard()),
        HasMoreShards: eligible.length > limit,
        RetentionPeriodHours: stream.retentionPeriodHours,
        StreamCreationTimestamp: new Date(stream.createdAt),
        EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }],
        EncryptionType: stream.kmsKeyId ? 'KMS' : 'NONE',
        ...(stream.kmsKeyId ? { KeyId: stream.kmsKeyId } : {}),
      },
    };
  }

  private describeLimits(): api.DescribeLimitsOutput {
    const streams = [...this.streams.values()];
    return {
      ShardLimit: this.options.shardLimit ?? 500,
      OpenShardCount: this.openShardCount(),
      OnDemandStreamCount: streams.filter((s) => s.mode === 'ON_DEMAND').length,
      OnDemandStreamCountLimit: 50,
    };
  }

  private updateStreamMode(input: api.UpdateStreamModeInput): api.Empty {
    validate(rules.updateStreamMode(input));
    const stream = this.reshardable(input);
    stream.mode = input.StreamModeDetails.StreamMode;
    this.transition(stream, 'UPDATING');
    this.emit({ service: 'kinesis', type: 'streamStatusChanged', streamName: stream.name, stream: saveStream(stream), at: this.now() });
    return {};
  }

  private describeStreamSummary(input: api.StreamRef): api.DescribeStreamSummaryOutput {
    const stream = this.resolve(input);
    return {
      StreamDescriptionSummary: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: stream.status,
        StreamModeDetails: { StreamMode: stream.mode },
        RetentionPeriodHours: stream.retentionPeriodHours,
        StreamCreationTimestamp: new Date(stream.createdAt),
        EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }],
        EncryptionType: stream.kmsKeyId ? 'KMS' : 'NONE',
        ...(stream.kmsKeyId ? { KeyId: stream.kmsKeyId } : {}),
        OpenShardCount: stream.openShards.length,
        ConsumerCount: stream.consumers.size,
      },
    };
  }

  private listStreams(input: api.ListStreamsInput): api.ListStreamsOutput {
    validate(rules.listStreams(input));
    let after = input.ExclusiveStartStreamName;
    if (input.NextToken !== undefined) {
      after = Buffer.from(input.NextToken, 'base64').toString('utf8');
      if (!this.streams.has(after) && !/^[a-zA-Z0-9_.-]+$/.test(after)) {
        throw kinesisErrors.invalidArgument(`NextToken ${input.NextToken} is invalid.`);
      }
    }
    const limit = input.Limit ?? 100;
    const names = [...this.streams.keys()].sort().filter((n) => after === undefined || n > after);
    const page = names.slice(0, limit);
    const more = names.length > limit;
    return {
      StreamNames: page,
      HasMoreStreams: more,
      ...(more ? { NextToken: Buffer.from(page[page.length - 1], 'utf8').toString('base64') } : {}),
      StreamSummaries: page.map((n) => {
        const s = this.streams.get(n) as StreamState;
        return {
          StreamName: s.name,
          StreamARN: s.arn,
          StreamStatus: s.status,
          StreamModeDetails: { StreamMode: s.mode },
          StreamCreationTimestamp: new Date(s.createdAt),
        };
      }),
    };
  }

  private listShards(input: api.ListShardsInput): api.ListShardsOutput {
    validate(rules.listShards(input));
    const named = input.StreamName !== undefined || input.StreamARN !== undefined;
    if (named && input.NextToken !== undefined) {
      throw kinesisErrors.invalidArgument('NextToken and StreamName cannot be provided together.');
    }
    if (!named && input.NextToken === undefined) {
      throw kinesisErrors.invalidArgument('Either NextToken or StreamName should be provided.');
    }
    return listShardsPage(input, (ref) => this.resolve(ref), this.now());
  }

  private changeRetention(input: api.RetentionPeriodInput, direction: 'increase' | 'decrease'): api.Empty {
    validate(rules.retention(input));
    const stream = this.resolve(input);
    const hours = input.RetentionPeriodHours;
    if (hours < kinesisLimits.minRetentionHours) {
      throw kinesisErrors.invalidArgument(
        `Minimum allowed retention period is ${kinesisLimits.minRetentionHours} hours. Requested retention period (${hours} hours) is too short.`,
      );
    }
    if (hours > kinesisLimits.maxRetentionHours) {
      throw kinesisErrors.invalidArgument(
        `Maximum allowed retention period is ${kinesisLimits.maxRetentionHours} hours. Requested retention period (${hours} hours) is too long.`,
      );
    }
    const current = stream.retentionPeriodHours;
    if (direction === 'increase' && hours < current) {
      throw kinesisErrors.invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than existing ` +
          `retention period (${current} hours). Use DecreaseRetentionPeriod API.`,
      );
    }
    if (direction === 'decrease' && hours > current) {
      throw kinesisErrors.invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing ` +
          `retention period (${current} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    stream.retentionPeriodHours = hours;
    this.retention.expire(stream);
    this.emit({ service: 'kinesis', type: 'streamRetentionChanged', streamName: stream.name, stream: saveStream(stream), at: this.now() });
    return {};
  }

  // ---- records ----

  private recordsContext(): RecordsContext {
    return { account: this.account, now: this.now(), throughput: this.throughput, memory: this.ctx.memory };
  }

  private writableStream(ref: api.StreamRef): StreamState {
    const stream = this.resolve(ref);
    if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') {
      throw kinesisErrors.streamNotFound(stream.name, this.account);
    }
    return stream;
  }

  private putRecord(input: api.PutRecordInput): api.PutRecordOutput {
    validate(rules.putRecord(input));
    const stream = this.writableStream(input);
    if (input.SequenceNumberForOrdering !== undefined) this.checkOrderingNumber(stream, input.SequenceNumberForOrdering);
    const rc = this.recordsContext();
    const outcome = putEntry(stream, input, rc);
    if (!('record' in outcome)) throw outcome.error ?? rateExceeded(stream, outcome.shard, this.account);
    this.recordsAdded(stream, [outcome]);
    return {
      ShardId: outcome.shard.shardId,
      SequenceNumber: outcome.record.sequenceNumber,
      EncryptionType: stream.kmsKeyId ? 'KMS' : 'NONE',
    };
  }

  /**
   * SequenceNumberForOrdering asks for a number above the one given. Per-shard counters only grow, so any
   * number this stream issued is already below the next; we only refuse numbers it could not have issued.
   */
  private checkOrderingNumber(stream: StreamState, value: string): void {
    const parts = parseOrdering(value);
    if (!parts || parts.arrivalSeconds * 1000 > this.now()) {
      throw kinesisErrors.invalidArgument(
        `ExclusiveMinimumSequenceNumber ${value} used in PutRecord on stream ${stream.name} under account ` +
          `${this.account} is invalid.`,
      );
    }
  }

  private putRecords(input: api.PutRecordsInput): api.PutRecordsOutput {
    validate(rules.putRecords(input));
    let total = 0;
    for (const r of input.Records) {
      total += r.Data.length + Buffer.byteLength(r.PartitionKey, 'utf8');
    }
    if (total > 5 * 1024 * 1024) throw kinesisErrors.invalidArgument('Records size exceeds 5 MB limit');
    const stream = this.writableStream(input);
    const rc = this.recordsContext();
    const outcomes = input.Records.map((r) => putEntry(stream, r, rc));
    this.recordsAdded(stream, outcomes);
    let failed = 0;
    const results = outcomes.map((o): api.PutRecordsResultEntry => {
      if ('record' in o) return { SequenceNumber: o.record.sequenceNumber, ShardId: o.shard.shardId };
      failed++;
      const e = o.error ?? rateExceeded(stream, o.shard, this.account);
      return { ErrorCode: e.code, ErrorMessage: e.message };
    });
    return { FailedRecordCount: failed, Records: results, EncryptionType: stream.kmsKeyId ? 'KMS' : 'NONE' };
  }

  private recordsAdded(stream: StreamState, outcomes: ReturnType<typeof putEntry>[]): void {
    const byShard = new Map<ShardState, api.KinesisRecord[]>();
    const added: Record<string, StoredRecord[]> = {};
    for (const o of outcomes) {
      if (!('record' in o)) continue;
      (added[o.shard.shardId] ??= []).push(o.record);
      let list = byShard.get(o.shard);
      if (!list) byShard.set(o.shard, (list = []));
      list.push(toKinesisRecord(o.record));
    }
    if (byShard.size === 0) return;
    this.retention.ensureArmed(stream);
    this.emit({ service: 'kinesis', type: 'recordsPut', streamName: stream.name, records: added, at: this.now() });
    for (const listener of this.listeners.get(stream) ?? []) {
      for (const [shard, records] of byShard) {
        try {
          listener(records, shard.shardId);
        } catch (e) {
          // A reader's failure (a Firehose delivery, say) must never fail the producer's PutRecord.
          console.error('eventyard: kinesis record listener failed', e);
        }
      }
    }
  }

  /** The stream's name as a request gives it (its StreamName, or the end of its StreamARN), for messages. */
  private nameOf(ref: api.StreamRef): string {
    return ref.StreamName ?? ref.StreamARN?.slice(ref.StreamARN.indexOf('/') + 1) ?? '';
  }

  /** A shard id read as AWS does, before the stream is looked up: one it cannot read is not found. */
  private shardIdOf(ref: api.StreamRef, shardId: string): string {
    const normalized = normalizeShardId(shardId);
    if (!normalized) throw kinesisErrors.shardNotFound(shardId, this.nameOf(ref), this.account);
    return normalized;
  }

  /** SplitShard's and MergeShards' shard: AWS words a miss "Could not find shard ...". */
  private reshardShard(stream: StreamState, shardId: string): ShardState {
    const shard = stream.shard(shardId);
    if (!shard) throw kinesisErrors.shardNotFound(shardId, stream.name, this.account);
    return shard;
  }

  private shardOf(stream: StreamState, shardId: string): ShardState {
    const normalized = normalizeShardId(shardId);
    if (!normalized) throw kinesisErrors.shardNotFound(shardId, stream.name, this.account);
    const shard = stream.shard(normalized);
    if (!shard) throw kinesisErrors.shardDoesNotExist(normalized, stream.name, this.account);
    return shard;
  }

  private getShardIterator(input: api.GetShardIteratorInput): api.GetShardIteratorOutput {
    validate(rules.getShardIterator(input));
    const shardId = this.shardIdOf(input, input.ShardId);
    let stream: StreamState;
    try {
      stream = this.resolve(input);
    } catch (e) {
      // AWS names the shard, not the stream, when the stream of a GetShardIterator does not exist.
      if (isAwsError(e) && e.code === 'ResourceNotFoundException') {
        throw kinesisErrors.shardDoesNotExist(shardId, this.nameOf(input), this.account);
      }
      throw e;
    }
    const shard = this.shardOf(stream, shardId);
    const rc = this.recordsContext();
    return { ShardIterator: newIterator(stream, shard, iteratorStart(stream, shard, input, rc), rc.now) };
  }

  private getRecords(input: api.GetRecordsInput): api.GetRecordsOutput {
    validate(rules.getRecords(input));
    const rc = this.recordsContext();
    const position = openIterator(input.ShardIterator, rc.now);
    const stream = this.streams.get(position.streamName);
    const shard = stream?.incarnation === position.incarnation ? stream.shard(position.shardId) : undefined;
    if (!stream || !shard) {
      throw kinesisErrors.shardDoesNotExist(position.shardId, position.streamName, this.account);
    }
    if (input.StreamARN !== undefined && input.StreamARN !== stream.arn) {
      throw kinesisErrors.invalidArgument(`StreamARN ${input.StreamARN} does not match the stream of the ShardIterator.`);
    }
    if (!this.throughput.tryRead(throughputKey(stream, shard), rc.now)) {
      throw rateExceeded(stream, shard, this.account);
    }
    const out = readRecords(stream, shard, position.fromCounter, input.Limit ?? 10000, rc);
    if (out.Records.length) {
      this.emit({
        service: 'kinesis',
        type: 'recordsRead',
        streamName: stream.name,
        shardId: shard.shardId,
        count: out.Records.length,
        at: rc.now,
      });
    }
    return out;
  }

  // ---- enhanced fan-out ----

  private consumerExists(key: string): boolean {
    try {
      this.consumers.find({ ConsumerARN: key.slice(0, key.lastIndexOf('|')) });
      return true;
    } catch {
      return false;
    }
  }

  private closeSubscriptions(which: (key: string) => boolean): void {
    for (const [key, entry] of [...this.subscriptions]) if (which(key)) entry.subscription.close();
  }

  private subscribeToShard(input: api.SubscribeToShardInput): api.SubscribeToShardOutput {
    validate(rules.subscribeToShard(input));
    const { stream, consumer } = this.consumers.find({ ConsumerARN: input.ConsumerARN });
    const shard = this.shardOf(stream, input.ShardId);
    const rc = this.recordsContext();
    const key = `${consumer.ConsumerARN}|${shard.shardId}`;
    const previous = this.subscriptions.get(key);
    if (previous && rc.now - previous.startedAt < 5000) {
      throw kinesisErrors.resourceInUse(`Another active subscription exists for this consumer: ${consumer.ConsumerARN}`);
    }
    previous?.subscription.close();
    const position = input.StartingPosition;
    const from = iteratorStart(
      stream,
      shard,
      {
        ShardId: shard.shardId,
        ShardIteratorType: position.Type,
        StartingSequenceNumber: position.SequenceNumber,
        Timestamp: position.Timestamp,
      },
      rc,
    );
    let subscription: ShardSubscription | undefined = undefined;
    subscription = new ShardSubscription(
      stream,
      shard,
      from,
      this.ctx.scheduler,
      (onRecords) => this.listen(stream, (_records, shardId) => onRecords(shardId)),
      () => {
        if (this.subscriptions.get(key)?.subscription === subscription) this.subscriptions.delete(key);
      },
    );
    if (!subscription.isClosed) this.subscriptions.set(key, { subscription, startedAt: rc.now });
    return { EventStream: subscription };
  }

  // ---- resharding ----

  private reshardable(ref: api.StreamRef): StreamState {
    const stream = this.resolve(ref);
    if (stream.status !== 'ACTIVE') throw kinesisErrors.streamNotActive(stream.name, this.account, stream.status);
    return stream;
  }

  private resharded(stream: StreamState): void {
    this.retention.arm(stream);
    this.transition(stream, 'UPDATING');
    this.emit({ service: 'kinesis', type: 'streamResharded', streamName: stream.name, stream: saveStream(stream), at: this.now() });
  }

  private splitShard(input: api.SplitShardInput): api.Empty {
    validate(rules.splitShard(input));
    const shardId = this.shardIdOf(input, input.ShardToSplit);
    const stream = this.reshardable(input);
    const shard = this.reshardShard(stream, shardId);
    this.checkShardLimit(1);
    splitShard(stream, shard, BigInt(input.NewStartingHashKey), this.now(), this.account);
    this.resharded(stream);
    return {};
  }

  private mergeShards(input: api.MergeShardsInput): api.Empty {
    validate(rules.mergeShards(input));
    const shardId = this.shardIdOf(input, input.ShardToMerge);
    const adjacentId = this.shardIdOf(input, input.AdjacentShardToMerge);
    const stream = this.reshardable(input);
    const shard = this.reshardShard(stream, shardId);
    const adjacent = this.reshardShard(stream, adjacentId);
    mergeShards(stream, shard, adjacent, this.now(), this.account);
    this.resharded(stream);
    return {};
  }

  private updateShardCount(input: api.UpdateShardCountInput): api.UpdateShardCountOutput {
    validate(rules.updateShardCount(input));
    const stream = this.reshardable(input);
    if (stream.mode === 'ON_DEMAND') {
      throw kinesisErrors.onDemandReshard(stream.name, this.account);
    }
    const current = stream.openShards.length;
    const target = input.TargetShardCount;
    if (target > current * 2) {
      throw kinesisErrors.limitExceeded(
        `UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${current} Target shard count: ${target}`,
      );
    }
    if (target * 2 < current) {
      throw kinesisErrors.limitExceeded(
        `UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${current} Target shard count: ${target}`,
      );
    }
    this.checkShardLimit(target - current);
    scaleUniformly(stream, target, this.now());
    this.resharded(stream);
    return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardCount: current, TargetShardCount: target };
  }


}

function parseOrdering(value: string) {
  // "0" is a valid ordering number for a stream's very first put.
  return value === '0' ? { arrivalSeconds: 0 } : parseSequenceNumber(value);
}
