import assert from 'node:assert/strict';
import type { SubscribeToShardEvent, SubscribeToShardEventStream } from '../../../src/broker/kinesis/api';
import { harness, text, throwsAws } from './helpers';

function setup() {
  const h = harness();
  const ops = h.kinesis.operations;
  ops.CreateStream({ StreamName: 's', ShardCount: 1 });
  const streamArn = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
  const consumerArn = ops.RegisterStreamConsumer({ StreamARN: streamArn, ConsumerName: 'fan' }).Consumer.ConsumerARN;
  const put = (d: string) => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from(d) }).SequenceNumber;
  const subscribe = (Type: 'TRIM_HORIZON' | 'LATEST' | 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER', SequenceNumber?: string) =>
    ops.SubscribeToShard({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type, SequenceNumber } })
      .EventStream[Symbol.asyncIterator]();
  return { ...h, ops, put, subscribe, consumerArn };
}

async function nextEvent(it: AsyncIterator<SubscribeToShardEventStream>): Promise<SubscribeToShardEvent | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value.SubscribeToShardEvent;
}

describe('kinesis SubscribeToShard (enhanced fan-out push)', () => {
  it('pushes what is in the shard, then each new record, with a continuation sequence number', async () => {
    const { put, subscribe } = setup();
    const a = put('a');
    const it = subscribe('TRIM_HORIZON');
    const first = await nextEvent(it);
    assert.deepEqual(first?.Records.map((r) => text(r.Data)), ['a']);
    assert.equal(first?.ContinuationSequenceNumber, a);
    assert.equal(first?.MillisBehindLatest, 0);
    const b = put('b');
    const second = await nextEvent(it);
    assert.deepEqual(second?.Records.map((r) => text(r.Data)), ['b']);
    assert.equal(second?.ContinuationSequenceNumber, b);
    await it.return?.();
  });

  it('sends a heartbeat every five seconds and ends after five minutes', async () => {
    const { subscribe, clock } = setup();
    const it = subscribe('LATEST');
    assert.deepEqual((await nextEvent(it))?.Records, []);
    clock.advance(5000);
    assert.deepEqual((await nextEvent(it))?.Records, []);
    clock.advance(5 * 60 * 1000);
    const rest: unknown[] = [];
    for (let e = await nextEvent(it); e; e = await nextEvent(it)) rest.push(e);
    assert.ok(rest.length > 0 && rest.length <= 60, `${rest.length} heartbeats before the end`);
  });

  it('a consumer resumes after its continuation number with AFTER_SEQUENCE_NUMBER', async () => {
    const { put, subscribe, clock } = setup();
    const it = subscribe('LATEST');
    const start = await nextEvent(it);
    await it.return?.();
    put('x');
    clock.advance(5000);
    const again = subscribe('AFTER_SEQUENCE_NUMBER', start?.ContinuationSequenceNumber);
    assert.deepEqual((await nextEvent(again))?.Records.map((r) => text(r.Data)), ['x']);
    await again.return?.();
  });

  it('hands on to the child shards at the end of a closed shard and ends', async () => {
    const { ops, put, subscribe } = setup();
    put('a');
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: (1n << 127n).toString() });
    const it = subscribe('TRIM_HORIZON');
    const last = await nextEvent(it);
    assert.deepEqual(last?.Records.map((r) => text(r.Data)), ['a']);
    assert.deepEqual(last?.ChildShards?.map((c) => c.ShardId), ['shardId-000000000001', 'shardId-000000000002']);
    assert.equal(await nextEvent(it), undefined);
  });

  it('refuses a second subscription of the same consumer and shard within five seconds', () => {
    const { ops, subscribe, consumerArn } = setup();
    subscribe('LATEST');
    throwsAws(
      () => ops.SubscribeToShard({ ConsumerARN: consumerArn, ShardId: '0', StartingPosition: { Type: 'LATEST' } }),
      'ResourceInUseException',
    );
  });

  it('ends when the consumer is deregistered', async () => {
    const { ops, subscribe, consumerArn } = setup();
    const it = subscribe('LATEST');
    await nextEvent(it);
    ops.DeregisterStreamConsumer({ ConsumerARN: consumerArn });
    assert.equal(await nextEvent(it), undefined);
    throwsAws(
      () => ops.SubscribeToShard({ ConsumerARN: consumerArn, ShardId: '0', StartingPosition: { Type: 'LATEST' } }),
      'ResourceNotFoundException',
    );
  });
});
