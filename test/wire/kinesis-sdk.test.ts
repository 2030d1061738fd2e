import assert from 'node:assert/strict';
import * as k from '@aws-sdk/client-kinesis';
import { credentials } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

/** Kinesis through the latest AWS SDK for JavaScript, on its default HTTP/2 handler, against `eventyard serve`. */
describe('Kinesis over JSON 1.1 with @aws-sdk/client-kinesis (HTTP/2)', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: k.KinesisClient;

  before(async () => {
    server = await startServe();
    client = new k.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  async function rejection(promise: Promise<unknown>): Promise<k.KinesisServiceException> {
    try {
      await promise;
    } catch (e) {
      return e as k.KinesisServiceException;
    }
    assert.fail('expected the call to fail');
  }

  const create = async (StreamName: string, ShardCount = 1) => {
    await client.send(new k.CreateStreamCommand({ StreamName, ShardCount }));
    const summary = await client.send(new k.DescribeStreamSummaryCommand({ StreamName }));
    return summary.StreamDescriptionSummary!.StreamARN!;
  };

  const readAll = async (StreamName: string, ShardId: string) => {
    const { ShardIterator } = await client.send(
      new k.GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    return client.send(new k.GetRecordsCommand({ ShardIterator }));
  };

  it('talks HTTP/2, the SDK default for Kinesis', () => {
    assert.equal(client.config.requestHandler.constructor.name, 'NodeHttp2Handler');
  });

  it('creates a stream the SDK waiter sees ACTIVE, describes it, lists and deletes it', async () => {
    await client.send(new k.CreateStreamCommand({ StreamName: 'wire-life', ShardCount: 3 }));
    const waited = await k.waitUntilStreamExists({ client, maxWaitTime: 20 }, { StreamName: 'wire-life' });
    assert.equal(waited.state, 'SUCCESS');
    const d = (await client.send(new k.DescribeStreamCommand({ StreamName: 'wire-life' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.equal(d.StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/wire-life');
    assert.equal(d.Shards!.length, 3);
    assert.ok(d.StreamCreationTimestamp instanceof Date);
    assert.ok(Math.abs(d.StreamCreationTimestamp.getTime() - Date.now()) < 60_000);
    const listed = await client.send(new k.ListStreamsCommand({}));
    assert.ok(listed.StreamNames!.includes('wire-life'));
    await client.send(new k.DeleteStreamCommand({ StreamName: 'wire-life' }));
    const err = await rejection(client.send(new k.DescribeStreamCommand({ StreamName: 'wire-life' })));
    assert.equal(err.name, 'ResourceNotFoundException');
    assert.equal(err.message, 'Stream wire-life under account 000000000000 not found.');
    assert.equal(err.$metadata.httpStatusCode, 400);
  });

  it('PutRecord, PutRecords and GetRecords carry binary data, sequence numbers and arrival times intact', async () => {
    await create('wire-records');
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80]);
    const one = await client.send(new k.PutRecordCommand({ StreamName: 'wire-records', PartitionKey: 'p', Data: binary }));
    assert.match(one.SequenceNumber!, /^\d{56}$/);
    const many = await client.send(
      new k.PutRecordsCommand({
        StreamName: 'wire-records',
        Records: ['b', 'c', 'ünïcödé 💣'].map((s) => ({ PartitionKey: s, Data: Buffer.from(s) })),
      }),
    );
    assert.equal(many.FailedRecordCount, 0);
    const got = await readAll('wire-records', one.ShardId!);
    assert.deepEqual(Buffer.from(got.Records![0].Data!), binary);
    assert.deepEqual(got.Records!.slice(1).map((r) => Buffer.from(r.Data!).toString()), ['b', 'c', 'ünïcödé 💣']);
    assert.deepEqual(got.Records!.map((r) => r.SequenceNumber), [one.SequenceNumber, ...many.Records!.map((r) => r.SequenceNumber)]);
    assert.ok(got.Records![0].ApproximateArrivalTimestamp instanceof Date);
    assert.equal(got.MillisBehindLatest, 0);
    assert.ok(got.NextShardIterator);
  });

  it('answers bad input with the AWS error shapes the SDK knows', async () => {
    await create('wire-errors');
    const validation = await rejection(
      client.send(new k.PutRecordCommand({ StreamName: 'wire-errors', PartitionKey: '', Data: Buffer.from('x') })),
    );
    assert.equal(validation.name, 'ValidationException');
    assert.match(validation.message, /^1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint/);
    const badIterator = await rejection(client.send(new k.GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAGarbage' })));
    assert.equal(badIterator.name, 'InvalidArgumentException');
    assert.equal(badIterator.message, 'Invalid ShardIterator.');
    const badSplit = await rejection(
      client.send(new k.SplitShardCommand({ StreamName: 'wire-errors', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1' })),
    );
    assert.equal(badSplit.name, 'InvalidArgumentException');
  });

  it('accepts the StreamARN, splits a shard and hands readers on to the children', async () => {
    const StreamARN = await create('wire-reshard');
    await client.send(new k.PutRecordCommand({ StreamARN, PartitionKey: 'p', Data: Buffer.from('before') }));
    await client.send(
      new k.SplitShardCommand({ StreamARN, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 127n).toString() }),
    );
    const end = await readAll('wire-reshard', 'shardId-000000000000');
    assert.deepEqual(end.Records!.map((r) => Buffer.from(r.Data!).toString()), ['before']);
    assert.equal(end.NextShardIterator, undefined);
    assert.deepEqual(end.ChildShards!.map((c) => c.ShardId), ['shardId-000000000001', 'shardId-000000000002']);

    const pages: string[][] = [];
    let page = await client.send(new k.ListShardsCommand({ StreamName: 'wire-reshard', MaxResults: 2 }));
    pages.push(page.Shards!.map((s) => s.ShardId!));
    while (page.NextToken) {
      page = await client.send(new k.ListShardsCommand({ NextToken: page.NextToken, MaxResults: 2 }));
      pages.push(page.Shards!.map((s) => s.ShardId!));
    }
    assert.deepEqual(pages, [['shardId-000000000000', 'shardId-000000000001'], ['shardId-000000000002']]);
    const open = await client.send(new k.ListShardsCommand({ StreamARN, ShardFilter: { Type: 'AT_LATEST' } }));
    assert.equal(open.Shards!.length, 2);
    const scaled = await client.send(new k.UpdateShardCountCommand({ StreamARN, TargetShardCount: 1, ScalingType: 'UNIFORM_SCALING' }));
    assert.deepEqual([scaled.CurrentShardCount, scaled.TargetShardCount], [2, 1]);
  });

  it('reads from AT_TIMESTAMP and AFTER_SEQUENCE_NUMBER iterators', async () => {
    await create('wire-iterators');
    const a = await client.send(new k.PutRecordCommand({ StreamName: 'wire-iterators', PartitionKey: 'p', Data: Buffer.from('a') }));
    await client.send(new k.PutRecordCommand({ StreamName: 'wire-iterators', PartitionKey: 'p', Data: Buffer.from('b') }));
    const after = await client.send(
      new k.GetShardIteratorCommand({
        StreamName: 'wire-iterators',
        ShardId: a.ShardId,
        ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
        StartingSequenceNumber: a.SequenceNumber,
      }),
    );
    const got = await client.send(new k.GetRecordsCommand({ ShardIterator: after.ShardIterator, Limit: 10 }));
    assert.deepEqual(got.Records!.map((r) => Buffer.from(r.Data!).toString()), ['b']);
    const at = await client.send(
      new k.GetShardIteratorCommand({
        StreamName: 'wire-iterators',
        ShardId: a.ShardId,
        ShardIteratorType: 'AT_TIMESTAMP',
        Timestamp: new Date(Date.now() - 60_000),
      }),
    );
    const all = await client.send(new k.GetRecordsCommand({ ShardIterator: at.ShardIterator }));
    assert.equal(all.Records!.length, 2);
  });

  it('SubscribeToShard pushes existing and new records over the HTTP/2 event stream', async () => {
    const StreamARN = await create('wire-push');
    await client.send(new k.PutRecordCommand({ StreamARN, PartitionKey: 'p', Data: Buffer.from('first') }));
    const { Consumer } = await client.send(new k.RegisterStreamConsumerCommand({ StreamARN, ConsumerName: 'pusher' }));
    const out = await client.send(
      new k.SubscribeToShardCommand({
        ConsumerARN: Consumer!.ConsumerARN,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      }),
    );
    const seen: string[] = [];
    let continuation = '';
    for await (const event of out.EventStream!) {
      const e = event.SubscribeToShardEvent!;
      seen.push(...e.Records!.map((r) => Buffer.from(r.Data!).toString()));
      continuation = e.ContinuationSequenceNumber!;
      assert.equal(e.MillisBehindLatest, 0);
      if (seen.length === 1) await client.send(new k.PutRecordCommand({ StreamARN, PartitionKey: 'p', Data: Buffer.from('second') }));
      if (seen.length === 2) break;
    }
    assert.deepEqual(seen, ['first', 'second']);
    assert.match(continuation, /^\d{56}$/);
  });

  it('tags, retention and enhanced fan-out consumers', async () => {
    const StreamARN = await create('wire-admin');
    await client.send(new k.AddTagsToStreamCommand({ StreamName: 'wire-admin', Tags: { team: 'blue' } }));
    const tags = await client.send(new k.ListTagsForStreamCommand({ StreamName: 'wire-admin' }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'blue' }]);
    await client.send(new k.IncreaseStreamRetentionPeriodCommand({ StreamName: 'wire-admin', RetentionPeriodHours: 48 }));
    const summary = await client.send(new k.DescribeStreamSummaryCommand({ StreamName: 'wire-admin' }));
    assert.equal(summary.StreamDescriptionSummary!.RetentionPeriodHours, 48);
    const { Consumer } = await client.send(new k.RegisterStreamConsumerCommand({ StreamARN, ConsumerName: 'fan' }));
    assert.equal(Consumer!.ConsumerStatus, 'ACTIVE');
    const described = await client.send(new k.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    assert.equal(described.ConsumerDescription!.StreamARN, StreamARN);
    const listed = await client.send(new k.ListStreamConsumersCommand({ StreamARN }));
    assert.deepEqual(listed.Consumers!.map((c) => c.ConsumerName), ['fan']);
    await client.send(new k.DeregisterStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    assert.deepEqual((await client.send(new k.ListStreamConsumersCommand({ StreamARN }))).Consumers, []);
  });
});
