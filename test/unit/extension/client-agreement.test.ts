import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { Broker } from '../../../src/broker/broker';
import type { AwsError } from '../../../src/broker/errors';
import type { BrokerClient } from '../../../src/extension/client/broker-client';
import { localClient } from '../../../src/extension/client/local-client';
import { remoteClient } from '../../../src/extension/client/remote-client';
import { startServer, type RunningServer } from '../../../src/server/server';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The editor's two clients must be interchangeable: the same calls through the in-process client and
 * through the SDK over the wire give the same answers (bytes, timestamps and base64 text alike) and the
 * same errors. Reads run on the same state through both; writes run once through each, on resources of
 * their own, and compare all but what is unique to each (ids, receipt handles).
 */
describe('the local and the remote client agree', () => {
  // The remote client loads the AWS SDK on its first call (half a second on an idle machine, seconds on a
  // busy one): load it once here, so no test's time limit pays for it.
  before(async function () {
    this.timeout(60_000);
    await Promise.all([import('@aws-sdk/client-sqs'), import('@aws-sdk/client-sns'), import('@aws-sdk/client-kinesis'), import('@aws-sdk/client-firehose'), import('@aws-sdk/client-eventbridge'), import('@aws-sdk/client-kinesis-analytics')]);
  });

  let broker: Broker;
  let server: RunningServer;
  let local: BrokerClient;
  let remote: BrokerClient;

  beforeEach(async () => {
    // the engine writes queue URLs with its endpoint, the server with the request's: make them one
    const port = await freePort();
    broker = new Broker({ endpoint: `http://127.0.0.1:${port}` });
    server = await startServer(broker, { port, log: () => undefined });
    local = localClient(broker, server.url);
    remote = remoteClient(server.url);
  });
  afterEach(async () => {
    remote.dispose();
    await server.close();
    broker.dispose();
  });

  /** Runs `call` through both clients (local first) and asserts the answers are equal; returns the local one. */
  async function same<T>(what: string, call: (client: BrokerClient) => Promise<T>): Promise<T> {
    const fromLocal = await call(local);
    const fromRemote = await call(remote);
    assert.deepStrictEqual(fromRemote, present(fromLocal), what);
    return fromLocal;
  }

  /** Runs a failing call through both and asserts the same AwsError (code, query code, message, status, fault). */
  async function sameError(what: string, call: (client: BrokerClient) => Promise<unknown>): Promise<void> {
    const caught = async (client: BrokerClient) => {
      const e = (await call(client).then(() => assert.fail(`${what} succeeded`), (error: unknown) => error)) as AwsError;
      assert.equal(e.name, 'AwsError', `${what}: ${String(e)}`);
      return { code: e.code, queryCode: e.queryCode, message: e.message, status: e.status, fault: e.fault };
    };
    assert.deepStrictEqual(await caught(remote), await caught(local), what);
  }

  /** A member the engine sets to `undefined` is one no caller can tell from an absent one. */
  const present = <T>(value: T): T => {
    if (Array.isArray(value)) return value.map(present) as T;
    if (!value || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, present(v)])) as T;
  };
  const without = (value: object, ...keys: string[]) => Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));

  it('SQS: attributes, and messages with string, number and binary attributes, sent and received through either', async () => {
    const binary = Buffer.from([0, 1, 2, 250, 255]);
    const attributes = {
      kind: { DataType: 'String', StringValue: 'order' },
      count: { DataType: 'Number', StringValue: '3' },
      blob: { DataType: 'Binary', BinaryValue: binary },
    };
    const queueOf = async (client: BrokerClient, name: string) => (await client.sqs('CreateQueue', { QueueName: name, Attributes: { VisibilityTimeout: '0' } })).QueueUrl;
    const localUrl = await queueOf(local, 'from-local');
    const remoteUrl = await queueOf(remote, 'from-remote');
    const sent = await Promise.all([[local, localUrl], [remote, remoteUrl]].map(([c, QueueUrl]) =>
      (c as BrokerClient).sqs('SendMessage', { QueueUrl: QueueUrl as string, MessageBody: 'hello', MessageAttributes: attributes })));
    assert.deepStrictEqual(without(sent[1], 'MessageId'), present(without(sent[0], 'MessageId')), 'SendMessage');

    await same('ListQueues', (c) => c.sqs('ListQueues', {}));
    for (const QueueUrl of [localUrl, remoteUrl]) {
      await same('GetQueueUrl', (c) => c.sqs('GetQueueUrl', { QueueName: QueueUrl.slice(QueueUrl.lastIndexOf('/') + 1) }));
      await same('GetQueueAttributes', (c) => c.sqs('GetQueueAttributes', { QueueUrl, AttributeNames: ['All'] }));
      // both receive the same message (visibility 0); only the receipt and the receive count differ
      const view = async (c: BrokerClient) => {
        const { Messages = [] } = await c.sqs('ReceiveMessage', { QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] });
        return Messages.map((m) => ({ ...without(m, 'ReceiptHandle'), Attributes: without(m.Attributes ?? {}, 'ApproximateReceiveCount') }));
      };
      const [received] = await same('ReceiveMessage', view);
      assert.deepStrictEqual((received as { MessageAttributes?: Record<string, unknown> }).MessageAttributes?.blob, { DataType: 'Binary', BinaryValue: binary }, 'binary values arrive as the bytes that were sent');
    }
    await same('ListMessageMoveTasks', (c) => c.sqs('ListMessageMoveTasks', { SourceArn: broker.sqs.queueArn('from-local') }).catch((e: Error) => e.message));
    await sameError('GetQueueUrl of a missing queue', (c) => c.sqs('GetQueueUrl', { QueueName: 'missing' }));
    await sameError('SendMessage to a missing queue', (c) => c.sqs('SendMessage', { QueueUrl: `${server.url}/000000000000/missing`, MessageBody: 'x' }));
    await sameError('CreateQueue of a .fifo name that is not FIFO', (c) => c.sqs('CreateQueue', { QueueName: 'bad.fifo', Attributes: { FifoQueue: 'false' } }));
  });

  it('SNS: topics, subscriptions and a publish with a binary attribute', async () => {
    const { TopicArn } = await local.sns('CreateTopic', { Name: 'events', Attributes: { DisplayName: 'Events' } });
    const { QueueUrl } = await local.sqs('CreateQueue', { QueueName: 'events-raw' });
    await local.sns('Subscribe', { TopicArn, Protocol: 'sqs', Endpoint: broker.sqs.queueArn('events-raw'), Attributes: { RawMessageDelivery: 'true' } });
    await same('ListTopics', (c) => c.sns('ListTopics', {}));
    await same('GetTopicAttributes', (c) => c.sns('GetTopicAttributes', { TopicArn }));
    const { Subscriptions } = await same('ListSubscriptionsByTopic', (c) => c.sns('ListSubscriptionsByTopic', { TopicArn }));
    await same('ListSubscriptions', (c) => c.sns('ListSubscriptions', {}));
    await same('GetSubscriptionAttributes', (c) => c.sns('GetSubscriptionAttributes', { SubscriptionArn: Subscriptions[0].SubscriptionArn }));

    const binary = Buffer.from('\u0000binary\u00ff');
    for (const client of [local, remote]) {
      await client.sns('Publish', { TopicArn, Message: 'hi', MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: binary } } });
    }
    const { Messages = [] } = await local.sqs('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
    assert.deepStrictEqual(Messages.map((m) => m.MessageAttributes?.blob?.BinaryValue), [binary, binary], 'both publishes carried the same bytes');
    await sameError('GetTopicAttributes of a missing topic', (c) => c.sns('GetTopicAttributes', { TopicArn: `${TopicArn}-missing` }));
    await sameError('Subscribe with a malformed ARN', (c) => c.sns('Subscribe', { TopicArn: 'not-an-arn', Protocol: 'sqs', Endpoint: 'x' }));
  });

  it('Kinesis: streams, shards and records (bytes and arrival times)', async () => {
    await local.kinesis('CreateStream', { StreamName: 'clicks', ShardCount: 2 });
    for (const client of [local, remote]) {
      await client.kinesis('PutRecord', { StreamName: 'clicks', PartitionKey: 'k', Data: Buffer.from([0, 1, 2, 255]) });
    }
    await same('ListStreams', (c) => c.kinesis('ListStreams', {}));
    await same('DescribeStreamSummary', (c) => c.kinesis('DescribeStreamSummary', { StreamName: 'clicks' }));
    await same('DescribeStream', (c) => c.kinesis('DescribeStream', { StreamName: 'clicks' }));
    const { Shards } = await same('ListShards', (c) => c.kinesis('ListShards', { StreamName: 'clicks' }));
    for (const shard of Shards) {
      const records = async (c: BrokerClient) => {
        const { ShardIterator } = await c.kinesis('GetShardIterator', { StreamName: 'clicks', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
        return without(await c.kinesis('GetRecords', { ShardIterator: ShardIterator! }), 'NextShardIterator');
      };
      await same(`GetRecords of ${shard.ShardId}`, records);
    }
    await sameError('DescribeStream of a missing stream', (c) => c.kinesis('DescribeStream', { StreamName: 'missing' }));
  });

  it('Kinesis Analytics: applications described, their tree summaries (less the row counts only the local one has) and errors', async () => {
    await local.kinesis('CreateStream', { StreamName: 'pages', ShardCount: 1 });
    await local.analytics('CreateApplication', {
      ApplicationName: 'pages-app',
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/pages', RoleARN: 'arn:aws:iam::000000000000:role/r' },
          InputSchema: { RecordFormat: { RecordFormatType: 'CSV' }, RecordColumns: [{ Name: 'PAGE', SqlType: 'VARCHAR(8)' }] },
        },
      ],
      ApplicationCode: 'CREATE STREAM d (p VARCHAR(8)); CREATE PUMP p AS INSERT INTO d SELECT STREAM page FROM SOURCE_SQL_STREAM_001;',
    });
    await local.analytics('StartApplication', { ApplicationName: 'pages-app', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] });
    await same('DescribeApplication', (c) => c.analytics('DescribeApplication', { ApplicationName: 'pages-app' }));
    await same('ListApplications', (c) => c.analytics('ListApplications', {}));
    const uncounted = (s: Awaited<ReturnType<BrokerClient['snapshot']>>) => s.analyticsApplications?.map((a) => ({ ...a, streams: a.streams.map((st) => without(st, 'rows')) }));
    assert.deepEqual(uncounted(await remote.snapshot()), uncounted(await local.snapshot()));
    assert.equal((await local.snapshot()).analyticsApplications?.[0].streams[0].rows, 0, 'the local one counts the rows of a running application');
    await sameError('DescribeApplication of a missing application', (c) => c.analytics('DescribeApplication', { ApplicationName: 'missing' }));
  });

  it('Firehose and EventBridge: descriptions with timestamps, rules, targets and events', async () => {
    await local.firehose('CreateDeliveryStream', {
      DeliveryStreamName: 'to-bucket',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: 'arn:aws:s3:::bucket', Prefix: 'p/' },
    });
    await same('ListDeliveryStreams', (c) => c.firehose('ListDeliveryStreams', {}));
    await same('DescribeDeliveryStream', (c) => c.firehose('DescribeDeliveryStream', { DeliveryStreamName: 'to-bucket' }));
    await sameError('DescribeDeliveryStream of a missing stream', (c) => c.firehose('DescribeDeliveryStream', { DeliveryStreamName: 'missing' }));

    await local.events('CreateEventBus', { Name: 'shop' });
    await local.events('PutRule', { Name: 'placed', EventBusName: 'shop', EventPattern: '{"source":["shop"]}' });
    await local.events('PutTargets', { Rule: 'placed', EventBusName: 'shop', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] });
    await same('ListEventBuses', (c) => c.events('ListEventBuses', {}));
    await same('DescribeEventBus', (c) => c.events('DescribeEventBus', { Name: 'shop' }));
    await same('ListRules', (c) => c.events('ListRules', { EventBusName: 'shop' }));
    await same('DescribeRule', (c) => c.events('DescribeRule', { Name: 'placed', EventBusName: 'shop' }));
    await same('ListTargetsByRule', (c) => c.events('ListTargetsByRule', { Rule: 'placed', EventBusName: 'shop' }));
    const put = async (c: BrokerClient) => {
      const answer = await c.events('PutEvents', { Entries: [{ EventBusName: 'shop', Source: 'shop', DetailType: 'placed', Detail: '{}', Time: '2026-01-02T03:04:05Z' }] });
      return { ...answer, Entries: answer.Entries.map((e) => without(e, 'EventId')) };
    };
    await same('PutEvents with a Time as text', put);
    await sameError('DescribeRule of a missing rule', (c) => c.events('DescribeRule', { Name: 'missing', EventBusName: 'shop' }));
  });
});
