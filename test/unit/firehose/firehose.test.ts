import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FakeClock } from '../../../src/broker/clock';
import { isAwsError } from '../../../src/broker/errors';
import { BrokerEvent, EventBus } from '../../../src/broker/events';
import { FirehoseService } from '../../../src/broker/firehose/service';
import { FsObjectWriter } from '../../../src/broker/firehose/fs-object-writer';
import type { ObjectWriter } from '../../../src/broker/firehose/object-writer';
import type { TransformInvoker } from '../../../src/broker/firehose/transform';
import { defaultIdentity } from '../../../src/broker/identity';
import { KinesisService } from '../../../src/broker/kinesis/service';
import { Scheduler } from '../../../src/broker/scheduler';
import { firehoseBinding } from '../../../src/server/firehose/binding';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { throughCodec } from '../support/codec';

const BUCKET_ARN = 'arn:aws:s3:::landing';
const ROLE = 'arn:aws:iam::000000000000:role/firehose';

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

function throwsAws(fn: () => unknown, code: string, message?: string): void {
  assert.throws(fn, (e: unknown) => isAwsError(e) && e.code === code && (message === undefined || e.message === message));
}

describe('firehose', () => {
  let root: string;
  let clock: FakeClock;
  let firehose: FirehoseService;
  let kinesis: KinesisService;
  let events: BrokerEvent[];

  function build(writer: ObjectWriter = new FsObjectWriter(root), transformInvoker?: TransformInvoker) {
    const bus = new EventBus();
    events = [];
    bus.on((e) => events.push(e));
    const ctx = { scheduler: new Scheduler(clock), events: bus, identity: defaultIdentity, endpoint: 'http://127.0.0.1:4566' };
    kinesis = new KinesisService(ctx);
    firehose = new FirehoseService(ctx, { objectWriter: writer, kinesis, transformInvoker });
  }

  /** The service again, with a Lambda transform runner (the local functions' role) given at construction. */
  function buildWithTransform(transformInvoker: TransformInvoker) {
    firehose.dispose();
    build(undefined, transformInvoker);
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'eventyard-firehose-'));
    clock = new FakeClock(Date.UTC(2026, 2, 7, 13, 45, 10));
    build();
  });

  afterEach(async () => {
    firehose.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const create = (extra: object = {}, hints = { SizeInMBs: 1, IntervalInSeconds: 60 }) =>
    firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'ds',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, BufferingHints: hints, ...extra },
    });

  it('delivers buffered records as one object after the buffering interval, under the default UTC time folders', async () => {
    create();
    firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('one\n') } });
    firehose.operations.PutRecordBatch({
      DeliveryStreamName: 'ds',
      Records: [{ Data: Buffer.from('two\n') }, { Data: Buffer.from('three\n') }],
    });
    clock.advance(59_999);
    await firehose.whenIdle();
    assert.deepEqual(await files(root), [], 'nothing is written before the interval');
    clock.advance(1);
    await firehose.flushAll();
    const written = await files(root);
    assert.equal(written.length, 1);
    assert.match(written[0], /^landing\/2026\/03\/07\/13\/ds-1-2026-03-07-13-45-10-[0-9a-f-]{36}$/);
    assert.equal(await readFile(join(root, written[0]), 'utf8'), 'one\ntwo\nthree\n');
    assert.ok(events.some((e) => e.service === 'firehose' && e.type === 'objectDelivered' && e.recordCount === 3));
  });

  it('delivers at once when the buffer reaches SizeInMBs', async () => {
    create();
    const half = Buffer.alloc(512 * 1024, 'a');
    firehose.operations.PutRecordBatch({ DeliveryStreamName: 'ds', Records: [{ Data: half }] });
    await firehose.whenIdle();
    assert.equal((await files(root)).length, 0);
    firehose.operations.PutRecordBatch({ DeliveryStreamName: 'ds', Records: [{ Data: half }] });
    await firehose.whenIdle();
    const written = await files(root);
    assert.equal(written.length, 1);
    assert.equal((await readFile(join(root, written[0]))).length, 1024 * 1024);
  });

  it('puts the Prefix before the time folders, and evaluates !{timestamp:...} expressions instead of them', async () => {
    create({ Prefix: 'raw/' });
    firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } });
    await firehose.flushAll();
    assert.match((await files(root))[0], /^landing\/raw\/2026\/03\/07\/13\/ds-1-/);

    await rm(root, { recursive: true, force: true });
    build();
    create({ Prefix: 'events/day=!{timestamp:yyyy-MM-dd}/', ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/' });
    firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } });
    await firehose.flushAll();
    assert.match((await files(root))[0], /^landing\/events\/day=2026-03-07\/ds-1-2026-03-07-13-45-10-/);
  });

  it('runs the Lambda transform: Ok records are delivered, Dropped vanish, ProcessingFailed go to processing-failed/', async () => {
    const seen: string[] = [];
    buildWithTransform(async (lambdaArn, event) => {
      seen.push(lambdaArn);
      return {
        records: event.records.map((r) => {
          const text = Buffer.from(r.data, 'base64').toString();
          if (text === 'drop') return { recordId: r.recordId, result: 'Dropped' as const };
          if (text === 'bad') return { recordId: r.recordId, result: 'ProcessingFailed' as const, data: r.data };
          return { recordId: r.recordId, result: 'Ok' as const, data: Buffer.from(text.toUpperCase() + '\n').toString('base64') };
        }),
      };
    });
    create({
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:upper' }] }],
      },
    });
    firehose.operations.PutRecordBatch({
      DeliveryStreamName: 'ds',
      Records: ['keep', 'drop', 'bad', 'also'].map((t) => ({ Data: Buffer.from(t) })),
    });
    await firehose.flushAll();
    assert.deepEqual(seen, ['arn:aws:lambda:us-east-1:000000000000:function:upper']);
    const written = await files(root);
    assert.equal(written.length, 2);
    const ok = written.find((f) => f.startsWith('landing/2026/')) as string;
    assert.equal(await readFile(join(root, ok), 'utf8'), 'KEEP\nALSO\n');
    const failed = written.find((f) => f.startsWith('landing/processing-failed/2026/03/07/13/')) as string;
    const line = JSON.parse((await readFile(join(root, failed), 'utf8')).trim());
    assert.equal(Buffer.from(line.rawData, 'base64').toString(), 'bad');
    assert.equal(line.lambdaArn, 'arn:aws:lambda:us-east-1:000000000000:function:upper');
    assert.equal(line.arrivalTimestamp, clock.now());
  });

  it('sends the whole batch to the error output when the transform keeps failing', async () => {
    let calls = 0;
    buildWithTransform(async () => {
      calls++;
      throw new Error('boom');
    });
    create({
      ErrorOutputPrefix: 'failed/',
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:f' }] }],
      },
    });
    firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } });
    await firehose.flushAll();
    assert.equal(calls, 4, 'one call and three retries');
    const written = await files(root);
    assert.equal(written.length, 1);
    assert.match(written[0], /^landing\/failed\/2026\/03\/07\/13\//);
    const line = JSON.parse((await readFile(join(root, written[0]), 'utf8')).trim());
    assert.deepEqual([line.errorCode, line.errorMessage, line.attemptsMade], ['Lambda.FunctionError', 'boom', 4]);
  });

  it('reads a Kinesis stream as source from the moment it is created', async () => {
    kinesis.operations.CreateStream({ StreamName: 'src', ShardCount: 2 });
    kinesis.operations.PutRecord({ StreamName: 'src', PartitionKey: 'a', Data: Buffer.from('before') });
    const streamArn = kinesis.operations.DescribeStreamSummary({ StreamName: 'src' }).StreamDescriptionSummary.StreamARN;
    firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'ds',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn, RoleARN: ROLE },
      S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    kinesis.operations.PutRecords({ StreamName: 'src', Records: ['x', 'y'].map((d) => ({ PartitionKey: d, Data: Buffer.from(d) })) });
    throwsAws(
      () => firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('z') } }),
      'InvalidArgumentException',
      'This operation is not permitted on KinesisStreamAsSource delivery stream type.',
    );
    clock.advance(60_000);
    await firehose.flushAll();
    const written = await files(root);
    assert.equal(written.length, 1);
    assert.deepEqual([...(await readFile(join(root, written[0]), 'utf8'))].sort().join(''), 'xy');
    const d = firehose.operations.DescribeDeliveryStream({ DeliveryStreamName: 'ds' }).DeliveryStreamDescription;
    assert.equal(d.Source?.KinesisStreamSourceDescription.KinesisStreamARN, streamArn);
  });

  it('describes, lists, tags and deletes delivery streams with AWS errors for unknown names', () => {
    create({ Prefix: 'p/' });
    const ops = firehose.operations;
    const d = ops.DescribeDeliveryStream({ DeliveryStreamName: 'ds' }).DeliveryStreamDescription;
    assert.equal(d.DeliveryStreamARN, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/ds');
    assert.equal(d.DeliveryStreamStatus, 'ACTIVE');
    assert.equal(d.DeliveryStreamType, 'DirectPut');
    assert.deepEqual(d.Destinations[0].ExtendedS3DestinationDescription?.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 60 });
    assert.equal(d.Destinations[0].S3DestinationDescription?.Prefix, 'p/');
    assert.deepEqual(ops.ListDeliveryStreams({}), { DeliveryStreamNames: ['ds'], HasMoreDeliveryStreams: false });
    throwsAws(() => create(), 'ResourceInUseException', 'Firehose ds under accountId 000000000000 already exists');

    ops.TagDeliveryStream({ DeliveryStreamName: 'ds', Tags: [{ Key: 'subject', Value: 'taboo' }] });
    assert.deepEqual(ops.ListTagsForDeliveryStream({ DeliveryStreamName: 'ds' }), {
      Tags: [{ Key: 'subject', Value: 'taboo' }],
      HasMoreTags: false,
    });
    ops.UntagDeliveryStream({ DeliveryStreamName: 'ds', TagKeys: ['subject'] });
    assert.deepEqual(ops.ListTagsForDeliveryStream({ DeliveryStreamName: 'ds' }).Tags, []);

    ops.DeleteDeliveryStream({ DeliveryStreamName: 'ds' });
    throwsAws(
      () => ops.DescribeDeliveryStream({ DeliveryStreamName: 'ds' }),
      'ResourceNotFoundException',
      'Firehose ds under account 000000000000 not found.',
    );
    throwsAws(() => ops.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } }), 'ResourceNotFoundException');
  });

  it('validates record size, batch size and buffering hints as AWS bounds them', () => {
    const ops = firehose.operations;
    throwsAws(() => create({}, { SizeInMBs: 129, IntervalInSeconds: 60 }), 'ValidationException',
      "1 validation error detected: Value '129' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 128");
    throwsAws(() => create({}, { SizeInMBs: 5, IntervalInSeconds: 901 }), 'ValidationException');
    create();
    throwsAws(
      () => ops.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.alloc(1024001) } }),
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000",
    );
    throwsAws(
      () => ops.PutRecordBatch({ DeliveryStreamName: 'ds', Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from('x') })) }),
      'ValidationException',
    );
    const out = ops.PutRecordBatch({ DeliveryStreamName: 'ds', Records: Array.from({ length: 500 }, () => ({ Data: Buffer.from('x') })) });
    assert.equal(out.FailedPutCount, 0);
    assert.equal(new Set(out.RequestResponses.map((r) => r.RecordId)).size, 500);
    throwsAws(
      () => firehose.operations.CreateDeliveryStream({ DeliveryStreamName: 'none' }),
      'InvalidArgumentException',
      'Exactly one destination configuration is supported for a Firehose',
    );
  });

  it('retries a failed write and delivers once the bucket folder accepts it', async () => {
    let failures = 1;
    const inner = new FsObjectWriter(root);
    build({
      put: async (bucket, key, bytes) => {
        if (failures-- > 0) throw new Error('disk full');
        await inner.put(bucket, key, bytes);
      },
    });
    create();
    firehose.operations.PutRecord({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } });
    await firehose.flushAll();
    assert.ok(events.some((e) => e.service === 'firehose' && e.type === 'deliveryFailed' && e.error === 'disk full'));
    assert.equal((await files(root)).length, 0);
    clock.advance(5000);
    await firehose.whenIdle();
    assert.equal((await files(root)).length, 1);
  });
});

describe('FsObjectWriter', () => {
  it('refuses keys that would leave the bucket folder', () => {
    const w = new FsObjectWriter('/tmp/buckets');
    assert.throws(() => w.pathOf('b', '../../etc/passwd'));
    assert.throws(() => w.pathOf('../b', 'k'));
    assert.equal(w.pathOf('b', 'a/b/c'), '/tmp/buckets/b/a/b/c');
  });
});

describe('firehose input shapes', () => {
  it('refuses malformed processing configurations and tags instead of failing inside', () => {
    const clock = new FakeClock();
    const firehose = new FirehoseService({ scheduler: new Scheduler(clock), events: new EventBus(), identity: defaultIdentity, endpoint: '' });
    // Through the server's codec, which refuses mistyped members before the engine runs.
    const wire = throughCodec(firehoseBinding, firehose.operations);
    const create = (extra: object) => () =>
      wire.CreateDeliveryStream({
        DeliveryStreamName: 'ds',
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, ...extra },
      });
    throwsAws(create({ ProcessingConfiguration: { Enabled: true, Processors: 'Lambda' } }), 'SerializationException');
    throwsAws(create({ ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [null] }] } }), 'ValidationException');
    throwsAws(create({ ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda' }] } }), 'InvalidArgumentException');
    const kinesis = new KinesisService({ scheduler: new Scheduler(clock), events: new EventBus(), identity: defaultIdentity, endpoint: '' });
    throwsAws(() => throughCodec(kinesisBinding, kinesis.operations).CreateStream({ StreamName: 's', Tags: { a: 5 } }), 'SerializationException');
  });
});
