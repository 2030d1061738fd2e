import assert from 'node:assert/strict';
import type { Sparklines } from '../../../src/inspector/protocol';
import { SparklineSampler } from '../../../src/extension/inspector/sparkline-sampler';
import { FakeClock } from '../../../src/broker/clock';
import { SessionHarness } from './harness';
import { colourOf, formatValue, latest, plotData, summary } from '../../../webview/logic/sparklines';

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

  it('ends each line at the counts of now, between two samples, without keeping that point', async () => {
    const url = h.queue('between');
    const s = h.open({ kind: 'queue', name: 'between' });
    await h.request(s, 'sparklines/read', {});
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    h.sqs.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 });
    h.clock.advance(2000);
    // the inspector's counts above the lines say 1 visible, 1 in flight: so does the lines' last point
    const mid = await h.request(s, 'sparklines/read', {});
    assert.deepEqual(mid.times, [h.clock.now() - 2000, h.clock.now()]);
    assert.deepEqual(line(mid, 'visible'), [0, 1]);
    assert.deepEqual(line(mid, 'inFlight'), [0, 1]);
    assert.deepEqual(line(mid, 'oldestAgeSeconds'), [0, 2]);
    h.clock.advance(3000);
    // at the next tick the sample is taken then; the point read between was not kept
    const tick = await h.request(s, 'sparklines/read', {});
    assert.deepEqual(tick.times, [h.clock.now() - 5000, h.clock.now()]);
    assert.deepEqual(line(tick, 'oldestAgeSeconds'), [0, 5]);
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

describe('inspector: sparkline view logic', () => {
  const data: Sparklines = {
    intervalMs: 5000,
    times: [0, 5000, 10_000, 300_000],
    series: [
      { key: 'visible', label: 'Visible', unit: 'messages', values: [0, 3, 12, null] },
      { key: 'oldestAgeSeconds', label: 'Age of oldest message', unit: 's', values: [0, 5, 10, 250] },
      { key: 'recordsPerSecond', label: 'Records put', unit: 'records/s', values: [null, null, null, null] },
    ],
  };

  it('gives uPlot times in seconds and keeps gaps as nulls', () => {
    assert.deepEqual(plotData(data, data.series[0]), [[0, 5, 10, 300], [0, 3, 12, null]]);
  });

  it('says the latest values, skipping a gap at the end, for the accessible label', () => {
    assert.equal(latest(data.series[0]), 12);
    assert.equal(latest(data.series[2]), null);
    assert.equal(formatValue(3.456, 'records/s'), '3.46 records/s');
    assert.equal(formatValue(95, 's'), '95 s');
    assert.equal(formatValue(250, 's'), '4 min');
    assert.equal(summary(data), 'Visible: 12 messages; Age of oldest message: 4 min; Records put: no data (over the last 5 min)');
    assert.equal(summary({ intervalMs: 5000, times: [], series: [] }), 'No samples yet');
  });

  it('colours each line from the theme, falling back to the foreground', () => {
    const theme: Record<string, string> = { '--vscode-charts-blue': ' #3794ff', '--vscode-foreground': '#ccc' };
    const read = (v: string) => theme[v] ?? '';
    assert.equal(colourOf('visible', read), '#3794ff');
    assert.equal(colourOf('deadLetterDepth', read), '#ccc');
    assert.equal(colourOf('visible', () => ''), 'gray');
  });
});
