import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Restartable, SECOND } from './support';

/** Every object the delivery streams wrote under the buckets folder, as text, by path. */
function objects(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // .s3/ is what S3 knows about the objects, not an object.
      if (entry.isDirectory() && entry.name === '.s3') continue;
      if (entry.isDirectory()) walk(full);
      else found[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  if (fs.existsSync(root)) walk(root);
  return found;
}

describe('Store: Firehose across a restart', () => {
  let env: Restartable;
  let buckets: string;
  beforeEach(() => {
    buckets = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-buckets-'));
    env = new Restartable({}, { firehose: { bucketsRoot: buckets } });
  });
  afterEach(async () => {
    await env.cleanup();
    fs.rmSync(buckets, { recursive: true, force: true });
  });

  const firehose = () => env.broker.firehose.operations;

  it('keeps delivery streams and the records buffered for their next delivery', async () => {
    firehose().CreateDeliveryStream({
      DeliveryStreamName: 'events',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::lake',
        RoleARN: 'arn:aws:iam::000000000000:role/firehose',
        Prefix: 'raw/',
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
      },
      Tags: [{ Key: 'team', Value: 'data' }],
    });
    for (const n of [1, 2, 3]) firehose().PutRecord({ DeliveryStreamName: 'events', Record: { Data: Buffer.from(`{"n":${n}}\n`) } });
    const before = firehose().DescribeDeliveryStream({ DeliveryStreamName: 'events' });

    await env.restart(10 * SECOND);

    assert.deepEqual(firehose().DescribeDeliveryStream({ DeliveryStreamName: 'events' }), before);
    assert.deepEqual(firehose().ListTagsForDeliveryStream({ DeliveryStreamName: 'events' }).Tags, [{ Key: 'team', Value: 'data' }]);
    assert.deepEqual(objects(buckets), {});
    // The buffer flushes 60 s after its first record arrived, counting the time the broker was down.
    env.clock.advance(49 * SECOND);
    await env.broker.firehose.whenIdle();
    assert.deepEqual(objects(buckets), {});
    env.clock.advance(2 * SECOND);
    await env.broker.firehose.whenIdle();
    assert.deepEqual(Object.values(objects(buckets)), ['{"n":1}\n{"n":2}\n{"n":3}\n']);

    // Delivered records are not delivered again after the next restart.
    await env.restart(120 * SECOND);
    await env.broker.firehose.whenIdle();
    assert.equal(Object.keys(objects(buckets)).length, 1);
    assert.equal(env.broker.firehose.listDeliveryStreamSummaries()[0].deliveredObjects, 1);
  });

  it('keeps a delivery stream deleted while its last delivery was still being written', async () => {
    firehose().CreateDeliveryStream({
      DeliveryStreamName: 'short-lived',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::lake',
        RoleARN: 'arn:aws:iam::000000000000:role/firehose',
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
      },
    });
    // A full buffer starts its delivery at once; the stream is deleted before the object is written.
    const delivered = new Promise<void>((resolve) => {
      const off = env.broker.events.on((e) => {
        if (e.service !== 'firehose' || e.type !== 'objectDelivered') return;
        off();
        resolve();
      });
    });
    for (const fill of ['a', 'b']) firehose().PutRecord({ DeliveryStreamName: 'short-lived', Record: { Data: Buffer.alloc(600 * 1024, fill) } });
    firehose().DeleteDeliveryStream({ DeliveryStreamName: 'short-lived' });
    await delivered;
    assert.equal(Object.keys(objects(buckets)).length, 1, 'the delivery under way still lands');

    await env.restart(SECOND);

    assert.deepEqual(firehose().ListDeliveryStreams({}).DeliveryStreamNames, []);
  });
});
