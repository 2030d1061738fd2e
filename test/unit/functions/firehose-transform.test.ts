import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { MemoryObjectWriter } from '../../../src/broker/firehose/object-writer';
import type { TransformationEvent } from '../../../src/broker/firehose/transform';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture } from './helpers';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';

// Real child processes: generous limits, because a busy machine starts them slowly.
describe('functions: Firehose data transformation (real handler)', function () {
  this.timeout(30_000);
  let broker: Broker;
  let writer: MemoryObjectWriter;

  beforeEach(() => {
    writer = new MemoryObjectWriter();
    broker = new Broker({ functionRunner: new NodeInvocationRunner(), firehose: { objectWriter: writer } });
    broker.functions.create({ name: 'upper', module: fixture('firehose-transform.cjs') });
    broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'ds',
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: 'arn:aws:s3:::landing',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:upper:$LATEST' }] }],
        },
      },
    });
  });
  afterEach(() => broker.dispose());

  const objects = () => [...writer.objects.entries()].map(([key, bytes]) => ({ key, text: bytes.toString('utf8') }));

  it('runs the function on each buffered batch: Ok is delivered transformed, Dropped vanishes, ProcessingFailed goes to the error output', async () => {
    broker.firehose.operations.PutRecordBatch({ DeliveryStreamName: 'ds', Records: ['keep', 'drop', 'bad', 'also'].map((t) => ({ Data: Buffer.from(t) })) });
    await broker.firehose.flushAll();

    const delivered = objects().filter((o) => !o.key.includes('processing-failed'));
    assert.deepEqual(delivered.map((o) => o.text), ['KEEP\nALSO\n']);
    const failed = objects().filter((o) => o.key.includes('processing-failed'));
    assert.equal(failed.length, 1);
    assert.equal(Buffer.from(JSON.parse(failed[0].text.trim()).rawData, 'base64').toString(), 'bad');

    const [invocation] = broker.functions.listInvocations('upper');
    assert.equal(invocation.status, 'succeeded');
    const event = invocation.input as TransformationEvent;
    assert.equal(invocation.trigger.type, 'firehose');
    assert.equal(event.deliveryStreamArn, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/ds');
    assert.equal(event.region, 'us-east-1');
    assert.deepEqual(event.records.map((r) => Buffer.from(r.data, 'base64').toString()), ['keep', 'drop', 'bad', 'also']);
    assert.ok(event.records.every((r) => typeof r.recordId === 'string' && r.recordId && typeof r.approximateArrivalTimestamp === 'number'));
  });

  it('a throwing transform is retried by Firehose, then the batch goes to the error output: nothing is lost', async () => {
    broker.firehose.operations.PutRecordBatch({ DeliveryStreamName: 'ds', Records: ['fine', 'crash'].map((t) => ({ Data: Buffer.from(t) })) });
    await broker.firehose.flushAll();

    const invocations = broker.functions.listInvocations('upper');
    assert.equal(invocations.length, 4, 'one call and three retries');
    assert.ok(invocations.every((i) => i.status === 'failed' && i.error?.errorMessage === 'cannot transform'));
    const failed = objects().flatMap((o) => o.text.trim().split('\n')).map((l) => JSON.parse(l));
    assert.deepEqual(failed.map((l) => Buffer.from(l.rawData, 'base64').toString()).sort(), ['crash', 'fine']);
    assert.ok(failed.every((l) => l.errorCode === 'Lambda.FunctionError' && /cannot transform/.test(l.errorMessage)));
  });
});
