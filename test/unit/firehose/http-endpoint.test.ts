import assert from 'node:assert/strict';
import { FakeClock } from '../../../src/broker/clock';
import { BrokerEvent, EventBus } from '../../../src/broker/events';
import type { HttpEndpointPoster } from '../../../src/broker/firehose/http-endpoint';
import { MemoryObjectWriter } from '../../../src/broker/firehose/object-writer';
import { FirehoseService } from '../../../src/broker/firehose/service';
import { defaultIdentity } from '../../../src/broker/identity';
import { Scheduler } from '../../../src/broker/scheduler';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';

interface Posted {
  url: string;
  headers: Record<string, string>;
  body: { requestId: string; timestamp: number; records: { data: string }[] };
}

describe('firehose HTTP endpoint destination', () => {
  let clock: FakeClock;
  let firehose: FirehoseService;
  let objects: MemoryObjectWriter;
  let posted: Posted[];
  let events: BrokerEvent[];
  let answer: (p: Posted) => { status: number; body: string };

  beforeEach(() => {
    clock = new FakeClock(Date.UTC(2026, 2, 7, 13, 45, 10));
    const bus = new EventBus();
    events = [];
    bus.on((e) => events.push(e));
    objects = new MemoryObjectWriter();
    posted = [];
    answer = (p) => ({ status: 200, body: JSON.stringify({ requestId: p.body.requestId, timestamp: clock.now() }) });
    const poster: HttpEndpointPoster = {
      post: async (url, headers, body) => {
        const p = { url, headers, body: JSON.parse(body) };
        posted.push(p);
        return answer(p);
      },
    };
    firehose = new FirehoseService(
      { scheduler: new Scheduler(clock), events: bus, identity: defaultIdentity, endpoint: '' },
      { objectWriter: objects, httpEndpointPoster: poster },
    );
    firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'hook',
      HttpEndpointDestinationConfiguration: {
        EndpointConfiguration: { Url: 'http://127.0.0.1:9999/ingest', Name: 'local', AccessKey: 'secret' },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        RequestConfiguration: { CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'dev' }] },
        RetryOptions: { DurationInSeconds: 10 },
        S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::backup' },
      },
    });
  });

  afterEach(() => firehose.dispose());

  it('POSTs the buffered records as base64 with the X-Amz-Firehose headers', async () => {
    firehose.operations.PutRecordBatch({ DeliveryStreamName: 'hook', Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }] });
    clock.advance(60_000);
    await firehose.whenIdle();
    assert.equal(posted.length, 1);
    const p = posted[0];
    assert.equal(p.url, 'http://127.0.0.1:9999/ingest');
    assert.deepEqual(p.body.records.map((r) => Buffer.from(r.data, 'base64').toString()), ['a', 'b']);
    assert.equal(p.body.timestamp, Date.UTC(2026, 2, 7, 13, 45, 10));
    assert.equal(p.headers['x-amz-firehose-request-id'], p.body.requestId);
    assert.equal(p.headers['x-amz-firehose-access-key'], 'secret');
    assert.equal(p.headers['x-amz-firehose-source-arn'], 'arn:aws:firehose:us-east-1:000000000000:deliverystream/hook');
    assert.deepEqual(JSON.parse(p.headers['x-amz-firehose-common-attributes']), { commonAttributes: { env: 'dev' } });
    assert.equal(objects.objects.size, 0, 'FailedDataOnly keeps delivered data out of the bucket');
    assert.ok(events.some((e) => e.service === 'firehose' && e.type === 'httpEndpointDelivered' && e.recordCount === 2));
    const d = firehose.operations.DescribeDeliveryStream({ DeliveryStreamName: 'hook' }).DeliveryStreamDescription;
    assert.equal(d.Destinations[0].HttpEndpointDestinationDescription?.EndpointConfiguration.Url, 'http://127.0.0.1:9999/ingest');
  });

  it('retries a refusing endpoint for the retry duration, then writes the records to the backup bucket', async () => {
    answer = () => ({ status: 503, body: 'busy' });
    firehose.operations.PutRecord({ DeliveryStreamName: 'hook', Record: { Data: Buffer.from('lost?') } });
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      clock.advance(5000);
    }
    await firehose.whenIdle();
    assert.equal(posted.length, 3, 'first attempt and retries at 5 s and 10 s');
    const [key, body] = [...objects.objects][0];
    assert.match(key, /^backup\/http-endpoint-failed\/2026\/03\/07\/13\/hook-1-/);
    const line = JSON.parse(body.toString().trim());
    assert.equal(Buffer.from(line.rawData, 'base64').toString(), 'lost?');
    assert.equal(line.attemptsMade, 3);
    assert.equal(line.errorMessage, 'The endpoint answered HTTP 503.');
  });

  it('treats an answer with the wrong requestId as a failure', async () => {
    let first = true;
    answer = (p) => {
      const ok = !first;
      first = false;
      return { status: 200, body: JSON.stringify({ requestId: ok ? p.body.requestId : 'other', timestamp: 0 }) };
    };
    firehose.operations.PutRecord({ DeliveryStreamName: 'hook', Record: { Data: Buffer.from('x') } });
    clock.advance(60_000);
    await new Promise((r) => setImmediate(r));
    clock.advance(5000);
    await firehose.whenIdle();
    assert.equal(posted.length, 2);
    assert.ok(events.some((e) => e.service === 'firehose' && e.type === 'deliveryFailed' && /does not match/.test(e.error ?? '')));
    assert.ok(events.some((e) => e.service === 'firehose' && e.type === 'httpEndpointDelivered'));
  });
});
