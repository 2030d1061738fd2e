import { randomBytes } from 'node:crypto';
import { arn } from '../identity';
import type { KinesisService } from '../kinesis/service';
import { emptyInputAsObject, recordData, validate } from '../kinesis/validation';
import { ServiceEngine, type OperationTable, type ServiceContext } from '../service-context';
import type * as api from './api';
import { deliveryStreamFromSaved, DeliveryStreamState, saveDeliveryStream } from './delivery-stream';
import { describeDestination, destinationOf, type HttpDestination } from './destinations';
import { firehoseErrors } from './errors';
import type { FirehoseEvent } from './events';
import { endpointRequest, refusal, type HttpEndpointPoster } from './http-endpoint';
import { errorObjectKey, evaluatePrefix, objectName } from './object-key';
import { MemoryObjectWriter, type ObjectWriter } from './object-writer';
import * as rules from './rules';
import type { SavedDeliveryStream } from './saved';
import { failureLine, transformRecords, type BufferedRecord, type TransformInvoker } from './transform';

export interface FirehoseOptions {
  /** Where objects land; defaults to memory (the broker gives a folder-backed writer when it has a buckets root). */
  objectWriter?: ObjectWriter;
  /** The source for KinesisStreamAsSource delivery streams. */
  kinesis?: KinesisService;
  /** Runs ProcessingConfiguration's Lambda transforms (the local functions); without it they fail. */
  transformInvoker?: TransformInvoker;
  /** Sends HTTP endpoint deliveries (node:http in `serve` and the extension; the engine has no sockets). */
  httpEndpointPoster?: HttpEndpointPoster;
}

export interface DeliveryStreamSummaryView {
  name: string;
  arn: string;
  type: api.DeliveryStreamType;
  bucket: string;
  prefix: string;
  endpointUrl?: string;
  sourceStreamArn?: string;
  bufferedRecords: number;
  bufferedBytes: number;
  deliveredObjects: number;
  lastObjectKey?: string;
}

const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** A reader of the records a delivery stream accepts (a Kinesis Analytics application's input). */
export type DeliveryRecordsListener = (records: readonly BufferedRecord[]) => void;

/** What a delivery's outcome says; emitDelivery adds the stream's name, state and buffer. */
type DeliveryOutcome = Omit<
  Extract<FirehoseEvent, { type: 'objectDelivered' | 'deliveryFailed' | 'httpEndpointDelivered' }>,
  'service' | 'deliveryStreamName' | 'deliveryStream' | 'buffered' | 'at'
>;
const WRITE_RETRY_MS = 5000;
const WRITE_RETRY_FOR_MS = 24 * 3600 * 1000;

/**
 * Firehose delivery streams: records buffered by size and time, optionally transformed by a local function,
 * then concatenated into objects in a folder that stands for an S3 bucket. Every change goes through here
 * and emits a change event.
 */
export class FirehoseService extends ServiceEngine<FirehoseEvent> {
  private readonly streams = new Map<string, DeliveryStreamState>();
  private readonly writer: ObjectWriter;
  private readonly transformInvoker: TransformInvoker | undefined;
  private readonly httpPoster: HttpEndpointPoster | undefined;
  private readonly writesInFlight = new Set<Promise<void>>();
  private readonly listeners = new Map<string, Set<DeliveryRecordsListener>>();
  readonly operations: api.FirehoseOperations & OperationTable;

  constructor(
    ctx: ServiceContext,
    private readonly options: FirehoseOptions = {},
  ) {
    super(ctx);
    this.writer = options.objectWriter ?? new MemoryObjectWriter();
    this.transformInvoker = options.transformInvoker;
    this.httpPoster = options.httpEndpointPoster;
    this.operations = emptyInputAsObject({
      CreateDeliveryStream: (i) => this.create(i),
      DeleteDeliveryStream: (i) => this.delete(i),
      DescribeDeliveryStream: (i) => this.describe(i),
      ListDeliveryStreams: (i) => this.list(i),
      PutRecord: (i) => this.putRecord(i),
      PutRecordBatch: (i) => this.putRecordBatch(i),
      TagDeliveryStream: (i) => this.tag(i),
      UntagDeliveryStream: (i) => this.untag(i),
      ListTagsForDeliveryStream: (i) => this.listTags(i),
    });
  }

  /** Delivers everything buffered now, without waiting for the buffering hints; resolves when written. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => this.flush(s)));
  }

  /** Resolves once every delivery already started (including scheduled write retries now running) is done. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const pending = [...[...this.streams.values()].map((s) => s.delivering), ...this.writesInFlight];
      await Promise.all(pending);
      const after = [...[...this.streams.values()].map((s) => s.delivering), ...this.writesInFlight];
      if (after.length === pending.length && after.every((p, i) => p === pending[i])) return;
    }
  }

  listDeliveryStreamSummaries(): DeliveryStreamSummaryView[] {
    return [...this.streams.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => ({
        name: s.name,
        arn: s.arn,
        type: s.type,
        bucket: s.s3.bucket,
        prefix: s.s3.prefix,
        ...(s.destination.kind === 'http' ? { endpointUrl: s.destination.url } : {}),
        ...(s.source ? { sourceStreamArn: s.source.KinesisStreamARN } : {}),
        bufferedRecords: s.buffer.length,
        bufferedBytes: s.bufferedBytes,
        deliveredObjects: s.deliveredObjects,
        ...(s.lastObjectKey ? { lastObjectKey: s.lastObjectKey } : {}),
      }));
  }

  dispose(): void {
    for (const s of this.streams.values()) this.stop(s);
    this.streams.clear();
    this.listeners.clear();
  }

  /**
   * Calls `listener` with every record the delivery stream (named or by ARN) accepts from now on, before
   * buffering, as AWS hands a delivery stream's records to a Kinesis Analytics input. Throws
   * ResourceNotFoundException when it does not exist. Returns the unsubscribe function.
   */
  subscribeToRecords(nameOrArn: string, listener: DeliveryRecordsListener): () => void {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf('/') + 1) : nameOrArn;
    this.require(name);
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }


  /**
   * A delivery's outcome, with the stream's counters and what its buffer holds now (what the store keeps),
   * unless the stream was deleted meanwhile: its delivery may still finish, but nothing of it is kept.
   */
  private emitDelivery(s: DeliveryStreamState, outcome: DeliveryOutcome): void {
    const live = this.streams.get(s.name) === s ? { deliveryStream: saveDeliveryStream(s), buffered: [...s.buffer] } : {};
    this.emit({ service: 'firehose', ...outcome, deliveryStreamName: s.name, ...live, at: this.now() });
  }

  private require(name: string): DeliveryStreamState {
    const s = this.streams.get(name);
    if (!s) throw firehoseErrors.notFound(name, this.account);
    return s;
  }

  private stop(s: DeliveryStreamState): void {
    s.flushDeadline?.cancel();
    s.flushDeadline = undefined;
    s.stopSource?.();
    s.stopSource = undefined;
  }

  // ---- durability: change events carry what the store writes; a snapshot and a restart come here ----

  /** Every delivery stream as saved, with the records it has buffered (the buffer's own objects), for a snapshot. */
  *savedDeliveryStreams(): Generator<{ deliveryStream: SavedDeliveryStream; buffered: readonly BufferedRecord[] }> {
    for (const s of this.streams.values()) yield { deliveryStream: saveDeliveryStream(s), buffered: s.buffer };
  }

  /**
   * Puts back a delivery stream kept across a restart, with the records it had buffered, without events.
   * Its buffer flushes by its interval counted from the oldest record's arrival; a Kinesis source is read
   * from LATEST again (records put to the source stream while the broker was down are not read).
   */
  restoreDeliveryStream(saved: SavedDeliveryStream, buffered: BufferedRecord[]): void {
    const state = deliveryStreamFromSaved(saved);
    this.streams.set(state.name, state);
    for (const record of buffered) {
      state.buffer.push(record);
      state.bufferedBytes += record.data.length;
    }
    this.ctx.memory?.hold(memoryOwner(state), state.bufferedBytes);
    if (state.source) {
      try {
        state.stopSource = this.readFromKinesis(state, state.source.KinesisStreamARN);
      } catch {
        // The source stream is gone (deleted, or not kept): the delivery stream stays, reading nothing.
      }
    }
    if (state.buffer.length) {
      state.flushDeadline = this.ctx.scheduler.at(state.buffer[0].arrivedAt + state.destination.intervalInSeconds * 1000, () => {
        state.flushDeadline = undefined;
        void this.flush(state);
      });
    }
  }

  // ---- delivery streams ----

  private create(input: api.CreateDeliveryStreamInput): api.CreateDeliveryStreamOutput {
    validate(rules.createDeliveryStream(input));
    const name = input.DeliveryStreamName;
    if (this.streams.has(name)) throw firehoseErrors.exists(name, this.account);
    const type = input.DeliveryStreamType ?? 'DirectPut';
    if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') {
      throw firehoseErrors.invalidArgument(`Delivery stream type ${type} is not supported by this broker.`);
    }
    const source = input.KinesisStreamSourceConfiguration;
    if ((type === 'KinesisStreamAsSource') !== (source !== undefined)) {
      throw firehoseErrors.invalidArgument(
        type === 'KinesisStreamAsSource'
          ? 'KinesisSourceStreamConfig is required for KinesisStreamAsSource delivery stream type.'
          : 'KinesisSourceStreamConfig is only allowed for KinesisStreamAsSource delivery stream type.',
      );
    }
    const destination = destinationOf(input);
    const state = new DeliveryStreamState(
      name,
      arn(this.ctx.identity, 'firehose', `deliverystream/${name}`),
      type,
      this.now(),
      destination,
      source ? { KinesisStreamARN: source.KinesisStreamARN, RoleARN: source.RoleARN } : undefined,
    );
    if (source) state.stopSource = this.readFromKinesis(state, source.KinesisStreamARN);
    for (const t of input.Tags ?? []) state.tags.set(t.Key, t.Value ?? '');
    this.streams.set(name, state);
    this.emit({ service: 'firehose', type: 'deliveryStreamCreated', deliveryStreamName: name, deliveryStream: saveDeliveryStream(state), at: this.now() });
    return { DeliveryStreamARN: state.arn };
  }

  /** A Kinesis-source delivery stream reads the stream from LATEST at creation, as AWS starts it. */
  private readFromKinesis(state: DeliveryStreamState, streamArn: string): () => void {
    const kinesis = this.options.kinesis;
    if (!kinesis) throw firehoseErrors.invalidArgument('Kinesis streams are not available in this broker.');
    try {
      return kinesis.subscribeToRecords(streamArn, (records) => {
        if (this.streams.get(state.name) !== state) return;
        this.accept(state, records.map((r) => r.Data));
      });
    } catch {
      throw firehoseErrors.invalidArgument(`Kinesis stream ${streamArn} does not exist or is not accessible.`);
    }
  }

  private delete(input: api.DeleteDeliveryStreamInput): api.Empty {
    validate(rules.nameOnly(input));
    const s = this.require(input.DeliveryStreamName);
    this.stop(s);
    this.streams.delete(s.name);
    this.listeners.delete(s.name);
    this.emit({ service: 'firehose', type: 'deliveryStreamDeleted', deliveryStreamName: s.name, at: this.now() });
    return {};
  }

  private describe(input: api.DescribeDeliveryStreamInput): api.DescribeDeliveryStreamOutput {
    validate(rules.describe(input));
    const s = this.require(input.DeliveryStreamName);
    const destinations =
      input.ExclusiveStartDestinationId === 'destinationId-000000000001' ? [] : [describeDestination(s.destination)];
    return {
      DeliveryStreamDescription: {
        DeliveryStreamName: s.name,
        DeliveryStreamARN: s.arn,
        DeliveryStreamStatus: 'ACTIVE',
        DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
        DeliveryStreamType: s.type,
        VersionId: String(s.versionId),
        CreateTimestamp: new Date(s.createdAt),
        ...(s.source
          ? { Source: { KinesisStreamSourceDescription: { ...s.source, DeliveryStartTimestamp: new Date(s.createdAt) } } }
          : {}),
        Destinations: destinations,
        HasMoreDestinations: false,
      },
    };
  }

  private list(input: api.ListDeliveryStreamsInput): api.ListDeliveryStreamsOutput {
    validate(rules.list(input));
    const after = input.ExclusiveStartDeliveryStreamName;
    const names = [...this.streams.values()]
      .filter((s) => input.DeliveryStreamType === undefined || s.type === input.DeliveryStreamType)
      .map((s) => s.name)
      .sort()
      .filter((n) => after === undefined || n > after);
    const limit = input.Limit ?? 10;
    return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
  }

  // ---- records ----

  private directPut(name: string): DeliveryStreamState {
    const s = this.require(name);
    if (s.type !== 'DirectPut') {
      throw firehoseErrors.invalidArgument(`This operation is not permitted on ${s.type} delivery stream type.`);
    }
    return s;
  }

  private recordId(s: DeliveryStreamState): string {
    // Opaque like AWS's; unique per delivery stream and sortable by arrival.
    return (s.nextRecordId++).toString(16).padStart(16, '0') + randomBytes(40).toString('hex');
  }

  private accept(s: DeliveryStreamState, data: Buffer[]): string[] {
    const bytes = data.reduce((sum, d) => sum + d.length, 0);
    if (this.ctx.memory && !this.ctx.memory.fits(bytes)) throw this.ctx.memory.refusal('firehose');
    this.ctx.memory?.hold(memoryOwner(s), bytes);
    const at = this.now();
    const records: BufferedRecord[] = [];
    const ids: string[] = [];
    for (const d of data) {
      const record: BufferedRecord = { recordId: this.recordId(s), data: d, arrivedAt: at };
      s.buffer.push(record);
      s.bufferedBytes += d.length;
      records.push(record);
      ids.push(record.recordId);
    }
    this.emit({ service: 'firehose', type: 'recordsPut', deliveryStreamName: s.name, count: data.length, records, at });
    for (const listener of this.listeners.get(s.name) ?? []) {
      try {
        listener(records);
      } catch (e) {
        // A reader's failure must never fail the producer's PutRecord.
        console.error('eventyard: firehose record listener failed', e);
      }
    }
    const d = s.destination;
    if (s.bufferedBytes >= d.sizeInMBs * 1024 * 1024) {
      void this.flush(s);
    } else if (!s.flushDeadline) {
      s.flushDeadline = this.ctx.scheduler.at(s.buffer[0].arrivedAt + d.intervalInSeconds * 1000, () => {
        s.flushDeadline = undefined;
        void this.flush(s);
      });
    }
    return ids;
  }

  private putRecord(input: api.PutRecordInput): api.PutRecordOutput {
    validate(rules.putRecord(input));
    const s = this.directPut(input.DeliveryStreamName);
    const [id] = this.accept(s, [recordData(input.Record.Data)]);
    return { RecordId: id, Encrypted: false };
  }

  private putRecordBatch(input: api.PutRecordBatchInput): api.PutRecordBatchOutput {
    validate(rules.putRecordBatch(input));
    const s = this.directPut(input.DeliveryStreamName);
    const data = input.Records.map((r) => recordData(r.Data));
    if (data.reduce((sum, d) => sum + d.length, 0) > MAX_BATCH_BYTES) {
      throw firehoseErrors.invalidArgument('Records size exceeds 4 MiB limit');
    }
    const ids = this.accept(s, data);
    return { FailedPutCount: 0, Encrypted: false, RequestResponses: ids.map((RecordId) => ({ RecordId })) };
  }

  // ---- delivery ----

  private flush(s: DeliveryStreamState): Promise<void> {
    s.flushDeadline?.cancel();
    s.flushDeadline = undefined;
    const batch = s.buffer.splice(0);
    // The budget counts records waiting in the buffer; a flushed batch belongs to its delivery from here on.
    this.ctx.memory?.release(memoryOwner(s), s.bufferedBytes);
    s.bufferedBytes = 0;
    if (batch.length) {
      s.delivering = s.delivering
        .then(() => this.deliver(s, batch))
        .catch((e: unknown) => {
          // A failed delivery must not stop the ones after it; the inspector sees why it failed.
          const error = e instanceof Error ? e.message : String(e);
          this.emitDelivery(s, { type: 'deliveryFailed', recordCount: batch.length, error });
        });
    }
    return s.delivering;
  }

  private async deliver(s: DeliveryStreamState, batch: BufferedRecord[]): Promise<void> {
    const d = s.destination;
    const at = batch[0].arrivedAt;
    let delivered = batch.map((r) => r.data);
    if (d.transformLambdaArn) {
      const lambdaArn = d.transformLambdaArn;
      const outcome = await transformRecords(batch, lambdaArn, this.transformInvoker, {
        deliveryStreamArn: s.arn,
        region: this.ctx.identity.region,
      });
      delivered = outcome.delivered;
      if (outcome.failed.length) {
        const body = outcome.failed.map((f) => failureLine(f, lambdaArn, this.now())).join('\n') + '\n';
        const key = errorObjectKey(s.s3.errorOutputPrefix, s.name, s.versionId, at);
        await this.write(s, key, Buffer.from(body), outcome.failed.length, 'deliveryFailed', outcome.failed[0].errorCode);
      }
    }
    if (!delivered.length) return;
    if (d.kind === 'http') {
      await this.postToEndpoint(s, d, delivered, at);
      if (!d.backupAllData) return;
    }
    const key = evaluatePrefix(s.s3.prefix, at) + objectName(s.name, s.versionId, at);
    await this.write(s, key, Buffer.concat(delivered), delivered.length, 'objectDelivered');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.ctx.scheduler.after(ms, resolve));
  }

  /**
   * POSTs the records to the endpoint, retrying every 5 s for the destination's retry duration; what still
   * fails lands in the backup bucket under `http-endpoint-failed/`, as AWS does with undeliverable data.
   */
  private async postToEndpoint(s: DeliveryStreamState, d: HttpDestination, records: Buffer[], at: number): Promise<void> {
    const started = this.now();
    const c = d.config;
    let attempts = 0;
    let error = '';
    for (;;) {
      attempts++;
      const request = endpointRequest(records, at, s.arn, c.EndpointConfiguration.AccessKey, c.RequestConfiguration?.CommonAttributes ?? []);
      try {
        if (!this.httpPoster) throw new Error('No HTTP client is configured for endpoint delivery in this broker.');
        const why = refusal(await this.httpPoster.post(d.url, request.headers, request.body), request.requestId);
        if (!why) {
          this.emitDelivery(s, { type: 'httpEndpointDelivered', url: d.url, recordCount: records.length });
          return;
        }
        error = why;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      this.emitDelivery(s, { type: 'deliveryFailed', url: d.url, recordCount: records.length, error });
      if (this.streams.get(s.name) !== s || this.now() + WRITE_RETRY_MS > started + d.retryDurationSeconds * 1000) break;
      await this.sleep(WRITE_RETRY_MS);
    }
    const ended = this.now();
    const lines = records.map((r) =>
      JSON.stringify({
        attemptsMade: attempts,
        arrivalTimestamp: at,
        errorCode: 'HttpEndpoint.RequestFailed',
        errorMessage: error,
        attemptEndingTimestamp: ended,
        rawData: r.toString('base64'),
        EndpointUrl: d.url,
      }),
    );
    const key = errorObjectKey(d.backup.errorOutputPrefix, s.name, s.versionId, at, 'http-endpoint-failed');
    await this.write(s, key, Buffer.from(lines.join('\n') + '\n'), records.length, 'deliveryFailed', error);
  }

  /** Writes one object; a failed write is retried every 5 s for 24 hours, as Firehose retries S3. */
  private write(
    s: DeliveryStreamState,
    key: string,
    body: Buffer,
    recordCount: number,
    type: 'objectDelivered' | 'deliveryFailed',
    error?: string,
  ): Promise<void> {
    const bucket = s.s3.bucket;
    const giveUpAt = this.now() + WRITE_RETRY_FOR_MS;
    const attempt = async (): Promise<void> => {
      try {
        await this.writer.put(bucket, key, body);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.emitDelivery(s, { type: 'deliveryFailed', bucket, recordCount, error: message });
        if (this.streams.get(s.name) === s && this.now() + WRITE_RETRY_MS <= giveUpAt) {
          this.ctx.scheduler.after(WRITE_RETRY_MS, () => {
            const retry = attempt().finally(() => this.writesInFlight.delete(retry));
            this.writesInFlight.add(retry);
          });
        }
        return;
      }
      if (type === 'objectDelivered') {
        s.deliveredObjects++;
        s.lastObjectKey = key;
      }
      this.emitDelivery(s, { type, bucket, key, recordCount, ...(error ? { error } : {}) });
    };
    return attempt();
  }

  // ---- tags ----

  private tag(input: api.TagDeliveryStreamInput): api.Empty {
    validate(rules.tag(input));
    const s = this.require(input.DeliveryStreamName);
    const keys = new Set([...s.tags.keys(), ...input.Tags.map((t) => t.Key)]);
    if (keys.size > 50) {
      throw firehoseErrors.limitExceeded(`Delivery stream ${s.name} cannot have more than 50 tags.`);
    }
    for (const t of input.Tags) s.tags.set(t.Key, t.Value ?? '');
    this.emit({ service: 'firehose', type: 'deliveryStreamTagged', deliveryStreamName: s.name, deliveryStream: saveDeliveryStream(s), at: this.now() });
    return {};
  }

  private untag(input: api.UntagDeliveryStreamInput): api.Empty {
    validate(rules.untag(input));
    const s = this.require(input.DeliveryStreamName);
    for (const k of input.TagKeys) s.tags.delete(k);
    this.emit({ service: 'firehose', type: 'deliveryStreamTagged', deliveryStreamName: s.name, deliveryStream: saveDeliveryStream(s), at: this.now() });
    return {};
  }

  private listTags(input: api.ListTagsForDeliveryStreamInput): api.ListTagsForDeliveryStreamOutput {
    validate(rules.listTags(input));
    const s = this.require(input.DeliveryStreamName);
    const after = input.ExclusiveStartTagKey;
    const keys = [...s.tags.keys()].filter((k) => after === undefined || k > after);
    const limit = input.Limit ?? 50;
    return {
      Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: s.tags.get(Key) })),
      HasMoreTags: keys.length > limit,
    };
  }
}

/** The budget counts a delivery stream's buffered records under this name. */
function memoryOwner(s: DeliveryStreamState): string {
  return `firehose:${s.name}`;
}
