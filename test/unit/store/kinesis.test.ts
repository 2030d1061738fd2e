import assert from 'node:assert/strict';
import { Restartable, SECOND } from './support';

const HOUR = 3600 * SECOND;
const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

describe('Store: Kinesis across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable()));
  afterEach(() => env.cleanup());

  const kinesis = () => env.broker.kinesis.operations;

  async function readShard(StreamName: string, ShardId: string, iterator?: string) {
    const it = iterator ?? (await kinesis().GetShardIterator({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator!;
    const out = await kinesis().GetRecords({ ShardIterator: it });
    return { records: out.Records.map((r) => ({ seq: r.SequenceNumber, key: r.PartitionKey, data: text(r.Data) })), next: out.NextShardIterator };
  }

  it('keeps streams, shards (closed parents too), records with their sequence numbers, retention, tags and consumers', async () => {
    await kinesis().CreateStream({ StreamName: 's', ShardCount: 2 });
    const put = await kinesis().PutRecords({
      StreamName: 's',
      Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from(`r${i}`) })),
    });
    const shards = (await kinesis().ListShards({ StreamName: 's' })).Shards!;
    await kinesis().SplitShard({ StreamName: 's', ShardToSplit: shards[0].ShardId, NewStartingHashKey: (BigInt(shards[0].HashKeyRange.EndingHashKey) / 2n).toString() });
    await kinesis().IncreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 48 });
    await kinesis().AddTagsToStream({ StreamName: 's', Tags: { team: 'data' } });
    const arn = (await kinesis().DescribeStreamSummary({ StreamName: 's' })).StreamDescriptionSummary.StreamARN;
    const consumer = (await kinesis().RegisterStreamConsumer({ StreamARN: arn, ConsumerName: 'fan' })).Consumer;
    await kinesis().PutRecord({ StreamName: 's', PartitionKey: 'after-split', Data: Buffer.from('late') });

    const shardsBefore = (await kinesis().ListShards({ StreamName: 's' })).Shards;
    const recordsBefore = new Map<string, unknown>();
    for (const shard of shardsBefore!) recordsBefore.set(shard.ShardId, (await readShard('s', shard.ShardId)).records);
    const summaryBefore = (await kinesis().DescribeStreamSummary({ StreamName: 's' })).StreamDescriptionSummary;

    await env.restart(HOUR);

    assert.deepEqual((await kinesis().ListShards({ StreamName: 's' })).Shards, shardsBefore);
    for (const shard of shardsBefore!) assert.deepEqual((await readShard('s', shard.ShardId)).records, recordsBefore.get(shard.ShardId));
    assert.deepEqual((await kinesis().DescribeStreamSummary({ StreamName: 's' })).StreamDescriptionSummary, summaryBefore);
    assert.equal(summaryBefore.RetentionPeriodHours, 48);
    assert.deepEqual((await kinesis().ListTagsForStream({ StreamName: 's' })).Tags, [{ Key: 'team', Value: 'data' }]);
    assert.deepEqual((await kinesis().ListStreamConsumers({ StreamARN: arn })).Consumers, [consumer]);
    const all = [...recordsBefore.values()].flat() as { seq: string }[];
    assert.equal(all.length, 21);
    for (const r of put.Records) assert.ok(all.some((x) => x.seq === r.SequenceNumber));
  });

  it('continues sequence numbers and iterators taken before the restart', async () => {
    await kinesis().CreateStream({ StreamName: 's', ShardCount: 1 });
    const first = await kinesis().PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('one') });
    const { next } = await readShard('s', first.ShardId);
    await env.restart(SECOND);
    const second = await kinesis().PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('two') });
    assert.ok(BigInt(second.SequenceNumber) > BigInt(first.SequenceNumber));
    const after = await readShard('s', first.ShardId, next);
    assert.deepEqual(after.records.map((r) => r.data), ['two']);
  });

  it('drops records past retention while down, and keeps deleted streams deleted', async () => {
    await kinesis().CreateStream({ StreamName: 's', ShardCount: 1 });
    await kinesis().CreateStream({ StreamName: 'gone', ShardCount: 1 });
    const { ShardId } = await kinesis().PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('old') });
    env.clock.advance(12 * HOUR);
    await kinesis().PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('new') });
    await kinesis().DeleteStream({ StreamName: 'gone' });
    await env.restart(13 * HOUR);
    assert.deepEqual((await kinesis().ListStreams({})).StreamNames, ['s']);
    assert.deepEqual((await readShard('s', ShardId)).records.map((r) => r.data), ['new']);
  });
});
