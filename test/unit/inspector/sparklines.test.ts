import assert from 'node:assert/strict';
import type { Sparklines } from '../../../src/inspector/protocol';
import { SparklineSampler } from '../../../src/extension/inspector/sparkline-sampler';
import { FakeClock } from '../../../src/broker/clock';
import { SessionHarness } from './harness';

const line = (s: Sparklines, key: string) => s.series.find((x) => x.key === key)?.values;

describe('inspector: sparklines', () => {
  let h: SessionHarness;
  beforeEach(() => (h = new SessionHarness()));
  afterEach(() => h.dispose());

  it('samples a queue every five seconds: visible, in flight, age of oldest message, its DLQ depth', async () => {
    const dlq = h.arn(h.queue('orders-dlq'));
    const url = h.queue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: 1 }), VisibilityTimeout: '30' });
    const s = h.open({ kind: 'queue', name: 'orders' });
    const first = await h.request(s, 'sparklines/read', {});
    assert.deepEqual(first.times, [h.clock.now()]);
    assert.deepEqual(line(first, 'visible'), [0]);
    assert.deepEqual(line(first, 'deadLetterDepth'), [0]);
    assert.equal(first.series.find((x) => x.key === 'deadLetterDepth')?.label, 'Dead-letter queue orders-dlq');

    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    h.clock.advance(5000);
    h.sqs.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 });
    h.clock.advance(5000);
    // The received one's visibility runs out after 30 s; received once already, the next receive moves it to the DLQ.
    h.clock.advance(30_000);
    h.sqs.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    h.clock.advance(5000);

    const later = await h.request(s, 'sparklines/read', {});
    assert.equal(later.intervalMs, 5000);
    assert.equal(later.times.length, 10);
    assert.equal(later.times[1] - later.times[0], 5000);
    assert.deepEqual(line(later, 'visible')!.slice(0, 3), [0, 2, 1]);
    assert.deepEqual(line(later, 'inFlight')!.slice(0, 3), [0, 0, 1]);
    assert.deepEqual(line(later, 'oldestAgeSeconds')!.slice(0, 3), [0, 5, 10]);
    assert.equal(line(later, 'deadLetterDepth')!.at(-1), 1);
    // The other one, received now for the first time, is in flight.
    assert.equal(line(later, 'inFlight')!.at(-1), 1);
    assert.equal(line(later, 'visible')!.at(-1), 0);
  });

  it('keeps ten minutes of samples and no more', async () => {
    h.queue('busy');
    const s = h.open({ kind: 'queue', name: 'busy' });
    await h.request(s, 'sparklines/read', {});
    h.clock.advance(30 * 60 * 1000);
    const out = await h.request(s, 'sparklines/read', {});
    assert.equal(out.times.length, 120);
    assert.equal(out.times.at(-1)! - out.times[0], 119 * 5000);
    assert.equal(out.times.at(-1), h.clock.now());
  });

  it('leaves a gap, not a crash, while the queue is gone, and has no DLQ line without a redrive policy', async () => {
    const url = h.queue('brief');
    const s = h.open({ kind: 'queue', name: 'brief' });
    const first = await h.request(s, 'sparklines/read', {});
    assert.equal(line(first, 'deadLetterDepth'), undefined);
    h.sqs.DeleteQueue({ QueueUrl: url });
    h.clock.advance(5000);
    const out = await h.request(s, 'sparklines/read', {});
    assert.deepEqual(line(out, 'visible'), [0, null]);
  });

  it('gives a stream\'s records put per second over each interval, from any client', async () => {
    const kinesis = h.broker.kinesis.operations;
    kinesis.CreateStream({ StreamName: 'clicks', ShardCount: 2 });
    const s = h.open({ kind: 'stream', name: 'clicks' });
    await h.request(s, 'sparklines/read', {});
    kinesis.PutRecords({
      StreamName: 'clicks',
      Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `k${i}`, Data: new TextEncoder().encode('x') })),
    });
    h.clock.advance(5000);
    await h.request(s, 'stream/put', { partitionKey: 'k', data: 'y' });
    h.clock.advance(5000);
    h.clock.advance(5000);
    const out = await h.request(s, 'sparklines/read', {});
    assert.deepEqual(line(out, 'recordsPerSecond'), [0, 4, 0.2, 0]);
    assert.equal(out.series[0].unit, 'records/s');
  });

  it('stops sampling when the panel closes', async () => {
    h.queue('closing');
    const s = h.open({ kind: 'queue', name: 'closing' });
    await h.request(s, 'sparklines/read', {});
    s.dispose();
    let reads = 0;
    const sampler = new SparklineSampler(h.clock, () => [{ key: 'n', label: 'n', unit: '', read: () => ++reads }]);
    sampler.read();
    sampler.dispose();
    h.clock.advance(60_000);
    assert.equal(reads, 1);
  });

  it('adds a gauge that appears later with nulls before it, and drops one gone for the whole window', () => {
    const clock = new FakeClock();
    let keys = ['a'];
    const sampler = new SparklineSampler(clock, () => keys.map((key) => ({ key, label: key, unit: '', read: () => 1 })), { intervalMs: 1000, windowMs: 3000 });
    sampler.read();
    keys = ['a', 'b'];
    clock.advance(1000);
    let out = sampler.read();
    assert.deepEqual(line(out, 'b'), [null, 1]);
    keys = ['b'];
    clock.advance(3000);
    out = sampler.read();
    assert.equal(line(out, 'a'), undefined);
    assert.deepEqual(line(out, 'b'), [1, 1, 1]);
  });
});
