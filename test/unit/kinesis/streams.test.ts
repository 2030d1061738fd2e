import assert from 'node:assert/strict';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { throughCodec } from '../support/codec';
import { harness, throwsAws } from './helpers';

describe('kinesis streams', () => {
  it('creates a stream ACTIVE at once by default, and refuses a second one of the same name', () => {
    const { kinesis, events } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 2 });
    const d = ops.DescribeStream({ StreamName: 's' }).StreamDescription;
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.equal(d.StreamModeDetails.StreamMode, 'PROVISIONED');
    assert.equal(d.Shards.length, 2);
    assert.ok(d.StreamCreationTimestamp instanceof Date);
    assert.ok(events.some((e) => e.service === 'kinesis' && e.type === 'streamCreated'));
    throwsAws(
      () => ops.CreateStream({ StreamName: 's', ShardCount: 1 }),
      'ResourceInUseException',
      'Stream s under account 000000000000 already exists.',
    );
  });

  it('creates an on-demand stream with four shards when no shard count is given', () => {
    const { kinesis } = harness();
    kinesis.operations.CreateStream({ StreamName: 's' });
    const d = kinesis.operations.DescribeStream({ StreamName: 's' }).StreamDescription;
    assert.equal(d.StreamModeDetails.StreamMode, 'ON_DEMAND');
    assert.equal(d.Shards.length, 4);
  });

  it('can show CREATING and UPDATING for a while when asked to, then ACTIVE', () => {
    const { kinesis, clock } = harness({ statusTransitionMs: 500 });
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const status = () => ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamStatus;
    assert.equal(status(), 'CREATING');
    throwsAws(() => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('x') }), 'ResourceNotFoundException');
    clock.advance(500);
    assert.equal(status(), 'ACTIVE');
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: (1n << 127n).toString() });
    assert.equal(status(), 'UPDATING');
    throwsAws(
      () => ops.SplitShard({ StreamName: 's', ShardToSplit: '1', NewStartingHashKey: '100' }),
      'ResourceInUseException',
      'Stream s under account 000000000000 not ACTIVE, instead in state UPDATING',
    );
    clock.advance(500);
    assert.equal(status(), 'ACTIVE');
  });

  it('validates the stream name and shard count with the AWS wording', () => {
    const { kinesis } = harness();
    throwsAws(
      () => kinesis.operations.CreateStream({ StreamName: 'bad name', ShardCount: 0 }),
      'ValidationException',
      "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    // A mistyped member is refused before the engine, by the server's codec.
    throwsAws(() => throughCodec(kinesisBinding, kinesis.operations).CreateStream({ StreamName: 's', ShardCount: 'two' }), 'SerializationException');
  });

  it('enforces the account shard limit', () => {
    const { kinesis } = harness({ shardLimit: 3 });
    kinesis.operations.CreateStream({ StreamName: 'a', ShardCount: 2 });
    throwsAws(
      () => kinesis.operations.CreateStream({ StreamName: 'b', ShardCount: 2 }),
      'LimitExceededException',
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: 2\. Limit: 3\./,
    );
  });

  it('lists streams in pages with summaries', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    for (const n of ['c', 'a', 'b']) ops.CreateStream({ StreamName: n, ShardCount: 1 });
    const first = ops.ListStreams({ Limit: 2 });
    assert.deepEqual(first.StreamNames, ['a', 'b']);
    assert.equal(first.HasMoreStreams, true);
    assert.equal(first.StreamSummaries[0].StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/a');
    const second = ops.ListStreams({ NextToken: first.NextToken });
    assert.deepEqual(second.StreamNames, ['c']);
    assert.equal(second.HasMoreStreams, false);
    assert.deepEqual(ops.ListStreams({ ExclusiveStartStreamName: 'a' }).StreamNames, ['b', 'c']);
  });

  it('DescribeStream pages shards with Limit and ExclusiveStartShardId', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 3 });
    const d = ops.DescribeStream({ StreamName: 's', Limit: 2 }).StreamDescription;
    assert.deepEqual(d.Shards.map((s) => s.ShardId), ['shardId-000000000000', 'shardId-000000000001']);
    assert.equal(d.HasMoreShards, true);
    const rest = ops.DescribeStream({ StreamName: 's', ExclusiveStartShardId: 'shardId-000000000001' }).StreamDescription;
    assert.deepEqual(rest.Shards.map((s) => s.ShardId), ['shardId-000000000002']);
    assert.equal(rest.HasMoreShards, false);
  });

  it('ListShards pages with NextToken and filters by shard state', () => {
    const { kinesis, clock } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 2 });
    clock.advance(1000);
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: (1n << 125n).toString() });
    const page1 = ops.ListShards({ StreamName: 's', MaxResults: 3 });
    assert.equal(page1.Shards.length, 3);
    const page2 = ops.ListShards({ NextToken: page1.NextToken, MaxResults: 3 });
    assert.deepEqual(page2.Shards.map((s) => s.ShardId), ['shardId-000000000003']);
    assert.equal(page2.NextToken, undefined);
    throwsAws(
      () => ops.ListShards({ StreamName: 's', NextToken: page1.NextToken }),
      'InvalidArgumentException',
      'NextToken and StreamName cannot be provided together.',
    );
    const ids = (f: Parameters<typeof ops.ListShards>[0]['ShardFilter']) =>
      ops.ListShards({ StreamName: 's', ShardFilter: f }).Shards.map((s) => s.ShardId.slice(-1));
    assert.deepEqual(ids({ Type: 'AT_LATEST' }), ['1', '2', '3']);
    assert.deepEqual(ids({ Type: 'AT_TRIM_HORIZON' }), ['0', '1']);
    assert.deepEqual(ids({ Type: 'FROM_TRIM_HORIZON' }), ['0', '1', '2', '3']);
    assert.deepEqual(ids({ Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000001' }), ['2', '3']);
    assert.deepEqual(ids({ Type: 'AT_TIMESTAMP', Timestamp: new Date(clock.now() - 500) }), ['0', '1']);
    assert.deepEqual(ids({ Type: 'FROM_TIMESTAMP', Timestamp: new Date(clock.now() - 500) }), ['0', '1', '2', '3']);
    assert.deepEqual(ids({ Type: 'AT_TIMESTAMP', Timestamp: new Date(clock.now()) }), ['1', '2', '3']);
  });

  it('DescribeLimits counts open shards and on-demand streams; UpdateStreamMode switches the mode', () => {
    const { kinesis } = harness({ shardLimit: 20 });
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 'p', ShardCount: 3 });
    ops.CreateStream({ StreamName: 'o' });
    assert.deepEqual(ops.DescribeLimits({}), { ShardLimit: 20, OpenShardCount: 7, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 50 });
    const StreamARN = ops.DescribeStreamSummary({ StreamName: 'p' }).StreamDescriptionSummary.StreamARN;
    ops.UpdateStreamMode({ StreamARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    assert.equal(ops.DescribeStream({ StreamName: 'p' }).StreamDescription.StreamModeDetails.StreamMode, 'ON_DEMAND');
    throwsAws(() => ops.UpdateStreamMode({ StreamARN, StreamModeDetails: { StreamMode: 'FAST' as never } }), 'ValidationException');
  });

  it('tags a stream, lists tags in order, removes them', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1, Tags: { team: 'a' } });
    ops.AddTagsToStream({ StreamName: 's', Tags: { env: 'dev', team: 'b' } });
    assert.deepEqual(ops.ListTagsForStream({ StreamName: 's' }), {
      Tags: [
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'b' },
      ],
      HasMoreTags: false,
    });
    assert.deepEqual(ops.ListTagsForStream({ StreamName: 's', Limit: 1 }).HasMoreTags, true);
    ops.RemoveTagsFromStream({ StreamName: 's', TagKeys: ['env'] });
    assert.deepEqual(ops.ListTagsForStream({ StreamName: 's' }).Tags, [{ Key: 'team', Value: 'b' }]);
  });

  it('deletes a stream; a stream with consumers only when EnforceConsumerDeletion is set', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const arn = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
    ops.RegisterStreamConsumer({ StreamARN: arn, ConsumerName: 'c' });
    throwsAws(() => ops.DeleteStream({ StreamName: 's' }), 'ResourceInUseException');
    ops.DeleteStream({ StreamName: 's', EnforceConsumerDeletion: true });
    assert.deepEqual(ops.ListStreams({}).StreamNames, []);
    throwsAws(() => ops.DeleteStream({ StreamName: 's' }), 'ResourceNotFoundException', 'Stream s under account 000000000000 not found.');
  });
});

describe('kinesis resource tags and policies', () => {
  it('TagResource, UntagResource and ListTagsForResource work on streams and consumers', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const streamArn = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
    ops.TagResource({ ResourceARN: streamArn, Tags: { b: '2', a: '1' } });
    ops.UntagResource({ ResourceARN: streamArn, TagKeys: ['b'] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceARN: streamArn }).Tags, [{ Key: 'a', Value: '1' }]);
    assert.deepEqual(ops.ListTagsForStream({ StreamName: 's' }).Tags, [{ Key: 'a', Value: '1' }], 'one set of stream tags');
    const consumerArn = ops.RegisterStreamConsumer({ StreamARN: streamArn, ConsumerName: 'c' }).Consumer.ConsumerARN;
    ops.TagResource({ ResourceARN: consumerArn, Tags: { team: 'x' } });
    assert.deepEqual(ops.ListTagsForResource({ ResourceARN: consumerArn }).Tags, [{ Key: 'team', Value: 'x' }]);
    throwsAws(() => ops.ListTagsForResource({ ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/none' }), 'ResourceNotFoundException');
  });

  it('keeps a resource policy through put, update and delete, as AWS recorded', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const ResourceARN = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
    assert.deepEqual(JSON.parse(ops.GetResourcePolicy({ ResourceARN }).Policy), {});
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'AllowCrossAccountWrite', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kinesis:PutRecord', Resource: ResourceARN }] };
    ops.PutResourcePolicy({ ResourceARN, Policy: JSON.stringify(policy) });
    assert.deepEqual(JSON.parse(ops.GetResourcePolicy({ ResourceARN }).Policy), policy);
    ops.DeleteResourcePolicy({ ResourceARN });
    assert.deepEqual(JSON.parse(ops.GetResourcePolicy({ ResourceARN }).Policy), {});
    throwsAws(() => ops.PutResourcePolicy({ ResourceARN, Policy: 'not json' }), 'InvalidArgumentException');
  });
});

describe('kinesis monitoring and encryption settings', () => {
  it('remembers shard-level metrics and KMS encryption and reports them', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const on = ops.EnableEnhancedMonitoring({ StreamName: 's', ShardLevelMetrics: ['IncomingBytes'] });
    assert.deepEqual([on.CurrentShardLevelMetrics, on.DesiredShardLevelMetrics], [[], ['IncomingBytes']]);
    ops.DisableEnhancedMonitoring({ StreamName: 's', ShardLevelMetrics: ['ALL'] });
    assert.deepEqual(ops.DescribeStream({ StreamName: 's' }).StreamDescription.EnhancedMonitoring, [{ ShardLevelMetrics: [] }]);
    throwsAws(() => ops.EnableEnhancedMonitoring({ StreamName: 's', ShardLevelMetrics: ['Nope'] }), 'ValidationException');
    ops.StartStreamEncryption({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    const d = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary;
    assert.deepEqual([d.EncryptionType, d.KeyId], ['KMS', 'alias/aws/kinesis']);
    assert.equal(ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('x') }).EncryptionType, 'KMS');
    ops.StopStreamEncryption({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    assert.equal(ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.EncryptionType, 'NONE');
  });
});

describe('kinesis enhanced fan-out consumers', () => {
  it('registers, describes by ARN or by name, lists and deregisters consumers', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const streamArn = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
    const { Consumer } = ops.RegisterStreamConsumer({ StreamARN: streamArn, ConsumerName: 'consumer' });
    assert.match(Consumer.ConsumerARN, /^arn:aws:kinesis:us-east-1:000000000000:stream\/s\/consumer\/consumer:\d+$/);
    assert.equal(Consumer.ConsumerStatus, 'ACTIVE');
    throwsAws(() => ops.RegisterStreamConsumer({ StreamARN: streamArn, ConsumerName: 'consumer' }), 'ResourceInUseException');
    const byArn = ops.DescribeStreamConsumer({ ConsumerARN: Consumer.ConsumerARN }).ConsumerDescription;
    const byName = ops.DescribeStreamConsumer({ StreamARN: streamArn, ConsumerName: 'consumer' }).ConsumerDescription;
    assert.deepEqual(byArn, byName);
    assert.equal(byArn.StreamARN, streamArn);
    assert.deepEqual(ops.ListStreamConsumers({ StreamARN: streamArn }).Consumers.map((c) => c.ConsumerName), ['consumer']);
    assert.equal(ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.ConsumerCount, 1);
    ops.DeregisterStreamConsumer({ ConsumerARN: Consumer.ConsumerARN });
    throwsAws(() => ops.DescribeStreamConsumer({ ConsumerARN: Consumer.ConsumerARN }), 'ResourceNotFoundException');
  });
});

describe('kinesis inspector helpers', () => {
  it('listStreamSummaries counts the records each shard holds', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    for (const d of ['a', 'b', 'c']) ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from(d) });
    assert.equal(kinesis.listStreamSummaries()[0].shards[0].recordCount, 3);
  });

  it('subscribeToRecords sees every record put after subscribing, until unsubscribed', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 2 });
    const seen: string[] = [];
    const stop = kinesis.subscribeToRecords('s', (records) => seen.push(...records.map((r) => r.Data.toString())));
    ops.PutRecords({ StreamName: 's', Records: ['a', 'b', 'c', 'd'].map((d) => ({ PartitionKey: d, Data: Buffer.from(d) })) });
    stop();
    ops.PutRecord({ StreamName: 's', PartitionKey: 'e', Data: Buffer.from('e') });
    assert.deepEqual(seen.sort(), ['a', 'b', 'c', 'd']);
  });
});
