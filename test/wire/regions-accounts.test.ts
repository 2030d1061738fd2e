import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import * as sts from '@aws-sdk/client-sts';
import { refused, sdkFailure } from './support/clients';
import { root, ServeProcess, startServe } from './support/serve';

const reference = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/aws-reference/test_sns.snapshot.json'), 'utf8'));
const recorded = (test: string) => reference[`tests/aws/services/sns/test_sns.py::${test}`]['recorded-content'];

/** The error code as the query protocol sent it (the SDK's exception name adds `Exception`). */
const wireCode = (e: unknown) => (e as { Code?: string }).Code;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const key = (accessKeyId: string): Credentials => ({ accessKeyId, secretAccessKey: 'test' });
const DEFAULT = key('test');
/** A 12-digit access key id acts in that account. */
const ACCOUNT_1 = key('111111111111');
const ACCOUNT_2 = key('222222222222');

/**
 * Regions and accounts with the real SDKs: resources are per (account, region) as in AWS, the region
 * coming from the signature and the account from the access key id (or STS AssumeRole).
 */
describe('regions and accounts', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  const clients: { destroy(): void }[] = [];
  const client = <T extends { destroy(): void }>(make: new (config: object) => T, region: string, credentials: Credentials = DEFAULT): T => {
    const c = new make({ endpoint: server.url, region, credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
  });

  async function queueArn(queues: sqs.SQSClient, QueueUrl: string): Promise<string> {
    const { Attributes } = await queues.send(new sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return Attributes!.QueueArn!;
  }

  async function receiveOne(queues: sqs.SQSClient, QueueUrl: string): Promise<string | undefined> {
    const { Messages } = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    return Messages?.[0]?.Body;
  }

  it('keeps the same names apart in two regions and two accounts, with region and account in every ARN', async () => {
    const scopes = [
      { region: 'us-east-1', credentials: DEFAULT, account: '000000000000' },
      { region: 'eu-west-1', credentials: DEFAULT, account: '000000000000' },
      { region: 'us-east-1', credentials: ACCOUNT_1, account: '111111111111' },
    ];
    for (const { region, credentials, account } of scopes) {
      const topics = client(sns.SNSClient, region, credentials);
      const { TopicArn } = await topics.send(new sns.CreateTopicCommand({ Name: 'orders' }));
      assert.equal(TopicArn, `arn:aws:sns:${region}:${account}:orders`);
      const queues = client(sqs.SQSClient, region, credentials);
      const { QueueUrl } = await queues.send(new sqs.CreateQueueCommand({ QueueName: 'orders' }));
      assert.match(QueueUrl!, new RegExp(`/${account}/orders$`));
      assert.equal(await queueArn(queues, QueueUrl!), `arn:aws:sqs:${region}:${account}:orders`);
      await queues.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: `${account} ${region}` }));
      const streams = client(kinesis.KinesisClient, region, credentials);
      await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 }));
      const { StreamDescriptionSummary } = await streams.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: 'orders' }));
      assert.equal(StreamDescriptionSummary!.StreamARN, `arn:aws:kinesis:${region}:${account}:stream/orders`);
      const { Consumer } = await streams.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: StreamDescriptionSummary!.StreamARN, ConsumerName: 'c' }));
      assert.match(Consumer!.ConsumerARN!, new RegExp(`^arn:aws:kinesis:${region}:${account}:stream/orders/consumer/c:`));
    }
    for (const { region, credentials, account } of scopes) {
      const { Topics } = await client(sns.SNSClient, region, credentials).send(new sns.ListTopicsCommand({}));
      assert.deepEqual(Topics, [{ TopicArn: `arn:aws:sns:${region}:${account}:orders` }], 'each scope lists only its own topic');
      const queues = client(sqs.SQSClient, region, credentials);
      const { QueueUrls } = await queues.send(new sqs.ListQueuesCommand({}));
      assert.equal(QueueUrls?.length, 1);
      assert.equal(await receiveOne(queues, QueueUrls[0]), `${account} ${region}`, 'each queue holds its own message');
      const { StreamNames } = await client(kinesis.KinesisClient, region, credentials).send(new kinesis.ListStreamsCommand({}));
      assert.deepEqual(StreamNames, ['orders']);
    }
    // A region nobody used has nothing.
    const { Topics } = await client(sns.SNSClient, 'ap-south-1').send(new sns.ListTopicsCommand({}));
    assert.deepEqual(Topics, []);
  });

  it('acts in the default account and region for an unsigned request, and in the signature\'s region for a presigned one', async () => {
    const post = async (query: string) => {
      const answer = await fetch(`${server.url}/${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=CreateTopic&Version=2010-03-31&Name=unsigned',
      });
      assert.equal(answer.status, 200);
      return /<TopicArn>([^<]+)<\/TopicArn>/.exec(await answer.text())?.[1];
    };
    assert.equal(await post(''), 'arn:aws:sns:us-east-1:000000000000:unsigned');
    const credential = encodeURIComponent('111111111111/20261203/sa-east-1/sns/aws4_request');
    assert.equal(await post(`?X-Amz-Credential=${credential}`), 'arn:aws:sns:sa-east-1:111111111111:unsigned');
  });

  it('creates a topic in two regions as AWS recorded it (test_create_topic_in_multiple_regions)', async () => {
    const expected = recorded('TestSNSTopicCrudV2::test_create_topic_in_multiple_regions');
    const primary = client(sns.SNSClient, 'us-east-2', ACCOUNT_1);
    const secondary = client(sns.SNSClient, 'us-west-1', ACCOUNT_1);
    const east = await primary.send(new sns.CreateTopicCommand({ Name: 'two-regions' }));
    const west = await secondary.send(new sns.CreateTopicCommand({ Name: 'two-regions' }));
    const listed = (arn: string) => expected['list-primary'].Topics[0].TopicArn.replace('arn:<partition>:sns:<region-primary>:111111111111:<resource:1>', arn);
    assert.deepEqual((await primary.send(new sns.ListTopicsCommand({}))).Topics, [{ TopicArn: listed(east.TopicArn!) }]);
    assert.deepEqual((await secondary.send(new sns.ListTopicsCommand({}))).Topics, [{ TopicArn: west.TopicArn }]);
    for (const [c, region, arn] of [[primary, 'us-east-2', east.TopicArn!], [secondary, 'us-west-1', west.TopicArn!]] as const) {
      assert.equal(arn, `arn:aws:sns:${region}:111111111111:two-regions`);
      const { Attributes } = await c.send(new sns.GetTopicAttributesCommand({ TopicArn: arn }));
      const want = expected['topic-east'].Attributes;
      assert.equal(Attributes!.Owner, want.Owner);
      assert.equal(Attributes!.TopicArn, arn);
      const policy = JSON.parse(Attributes!.Policy!);
      assert.deepEqual(policy, { ...want.Policy, Statement: [{ ...want.Policy.Statement[0], Resource: arn }] });
    }
  });

  it('subscribes a queue of another region and delivers to it; a topic of another region is refused (test_cross_region_delivery_sqs)', async () => {
    const expected = recorded('TestSNSMultiRegions::test_cross_region_delivery_sqs');
    const topics = client(sns.SNSClient, 'us-east-1', ACCOUNT_1);
    const topicsWest = client(sns.SNSClient, 'us-west-2', ACCOUNT_1);
    const queuesWest = client(sqs.SQSClient, 'us-west-2', ACCOUNT_1);
    const { TopicArn } = await topics.send(new sns.CreateTopicCommand({ Name: 'cross-region' }));
    const { QueueUrl } = await queuesWest.send(new sqs.CreateQueueCommand({ QueueName: 'cross-region-queue' }));
    const Endpoint = await queueArn(queuesWest, QueueUrl!);
    assert.equal(Endpoint, 'arn:aws:sqs:us-west-2:111111111111:cross-region-queue');

    const wrongRegion = expected['subscribe-cross-region'].Error;
    const e = await sdkFailure(topicsWest.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint })));
    assert.deepEqual([wireCode(e), e.message, e.$metadata.httpStatusCode], [wrongRegion.Code, wrongRegion.Message, 400]);

    const { SubscriptionArn } = await topics.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint }));
    assert.match(SubscriptionArn!, /^arn:aws:sns:us-east-1:111111111111:cross-region:[0-9a-f-]{36}$/);
    await topics.send(new sns.PublishCommand({ TopicArn, Message: 'This is a test message' }));
    const body = JSON.parse((await receiveOne(queuesWest, QueueUrl!))!);
    assert.equal(body.Type, expected.messages.Messages[0].Body.Type);
    assert.equal(body.Message, expected.messages.Messages[0].Body.Message);
    assert.equal(body.TopicArn, TopicArn);
  });

  it('subscribes a queue of another account as the topic policy allows it, and delivers to it', async () => {
    const owner = client(sns.SNSClient, 'us-east-1', ACCOUNT_1);
    const other = client(sns.SNSClient, 'us-east-1', ACCOUNT_2);
    const otherQueues = client(sqs.SQSClient, 'us-east-1', ACCOUNT_2);
    const { TopicArn } = await owner.send(new sns.CreateTopicCommand({ Name: 'shared' }));
    const { QueueUrl } = await otherQueues.send(new sqs.CreateQueueCommand({ QueueName: 'subscriber' }));
    const Endpoint = await queueArn(otherQueues, QueueUrl!);
    assert.equal(Endpoint, 'arn:aws:sqs:us-east-1:222222222222:subscriber');

    // The default policy lets only the owner's account subscribe.
    const e = await sdkFailure(other.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint })));
    assert.equal(wireCode(e), 'AuthorizationError');
    assert.equal(e.message, `User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:Subscribe on resource: ${TopicArn} because no resource-based policy allows the SNS:Subscribe action`);
    assert.equal(e.$metadata.httpStatusCode, 403);

    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['sns:Subscribe'], Resource: TopicArn }],
    };
    await owner.send(new sns.SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify(policy) }));
    const { SubscriptionArn } = await other.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint, Attributes: { RawMessageDelivery: 'true' } }));
    assert.match(SubscriptionArn!, /^arn:aws:sns:us-east-1:111111111111:shared:/);
    const { Subscriptions } = await owner.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.deepEqual(Subscriptions?.map((s) => [s.Endpoint, s.Owner]), [[Endpoint, '222222222222']]);
    await owner.send(new sns.PublishCommand({ TopicArn, Message: 'across accounts' }));
    assert.equal(await receiveOne(otherQueues, QueueUrl!), 'across accounts');
    // The subscriber's account still has no topic of its own.
    assert.deepEqual((await other.send(new sns.ListTopicsCommand({}))).Topics, []);

    // Publishing from the other account needs its own grant: AddPermission gives it.
    const denied = await sdkFailure(other.send(new sns.PublishCommand({ TopicArn, Message: 'not yet' })));
    assert.deepEqual([wireCode(denied), denied.message, denied.$metadata.httpStatusCode], [
      'AuthorizationError',
      `User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:Publish on resource: ${TopicArn} because no resource-based policy allows the SNS:Publish action`,
      403,
    ]);
    await owner.send(new sns.AddPermissionCommand({ TopicArn, Label: 'partner', AWSAccountId: ['222222222222'], ActionName: ['Publish'] }));
    await other.send(new sns.PublishCommand({ TopicArn, Message: 'published by the partner' }));
    assert.equal(await receiveOne(otherQueues, QueueUrl!), 'published by the partner');
  });

  it('lets another account use a queue as its policy allows (AddPermission), and refuses it before', async () => {
    const owner = client(sqs.SQSClient, 'us-east-1', ACCOUNT_1);
    const other = client(sqs.SQSClient, 'us-east-1', ACCOUNT_2);
    const { QueueUrl } = await owner.send(new sqs.CreateQueueCommand({ QueueName: 'shared-queue' }));
    assert.match(QueueUrl!, /\/111111111111\/shared-queue$/);
    const e = await sdkFailure(other.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: 'too early' })));
    assert.deepEqual([e.message, e.$metadata.httpStatusCode], ['Access to the resource https://sqs.us-east-1.amazonaws.com/ is denied.', 403]);
    await owner.send(new sqs.AddPermissionCommand({ QueueUrl, Label: 'partner', AWSAccountIds: ['222222222222'], Actions: ['SendMessage'] }));
    const shared = await other.send(new sqs.GetQueueUrlCommand({ QueueName: 'shared-queue', QueueOwnerAWSAccountId: '111111111111' })).catch((e: Error) => e);
    assert.ok(shared instanceof Error, 'GetQueueUrl was not granted');
    await owner.send(new sqs.AddPermissionCommand({ QueueUrl, Label: 'lookup', AWSAccountIds: ['222222222222'], Actions: ['GetQueueUrl'] }));
    const found = await other.send(new sqs.GetQueueUrlCommand({ QueueName: 'shared-queue', QueueOwnerAWSAccountId: '111111111111' }));
    assert.equal(found.QueueUrl, QueueUrl);
    await other.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: 'from the partner' }));
    assert.equal(await receiveOne(owner, QueueUrl!), 'from the partner');
    // Only SendMessage was granted.
    const receive = await sdkFailure(other.send(new sqs.ReceiveMessageCommand({ QueueUrl })));
    assert.equal(receive.$metadata.httpStatusCode, 403);
    const listed = (await other.send(new sqs.ListQueuesCommand({}))).QueueUrls ?? [];
    assert.ok(!listed.some((url) => url.endsWith('/shared-queue')), 'the queue stays the owner\'s');
  });

  it('STS answers who signed and AssumeRole gives keys that act in the role\'s account', async () => {
    const identity = async (credentials: Credentials) => {
      const { UserId, Account, Arn } = await client(sts.STSClient, 'us-east-1', credentials).send(new sts.GetCallerIdentityCommand({}));
      return { UserId, Account, Arn };
    };
    assert.deepEqual(await identity(DEFAULT), { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    assert.deepEqual(await identity(ACCOUNT_1), { UserId: '111111111111', Account: '111111111111', Arn: 'arn:aws:iam::111111111111:root' });

    const { Credentials, AssumedRoleUser } = await client(sts.STSClient, 'us-east-1', ACCOUNT_1).send(
      new sts.AssumeRoleCommand({ RoleArn: 'arn:aws:iam::333333333333:role/deployer', RoleSessionName: 'ci-run', DurationSeconds: 900 }),
    );
    assert.match(Credentials!.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(Credentials!.Expiration! > new Date());
    assert.equal(AssumedRoleUser!.Arn, 'arn:aws:sts::333333333333:assumed-role/deployer/ci-run');
    assert.match(AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z0-9]{17}:ci-run$/);
    const role: Credentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
    assert.deepEqual(await identity(role), { UserId: AssumedRoleUser!.AssumedRoleId, Account: '333333333333', Arn: AssumedRoleUser!.Arn });
    const { TopicArn } = await client(sns.SNSClient, 'eu-central-1', role).send(new sns.CreateTopicCommand({ Name: 'as-role' }));
    assert.equal(TopicArn, 'arn:aws:sns:eu-central-1:333333333333:as-role');

    await refused(
      client(sts.STSClient, 'us-east-1').send(new sts.AssumeRoleCommand({ RoleArn: 'arn:aws:iam::333333333333:role/deployer', RoleSessionName: 'x' })),
      'ValidationError',
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });
});

describe('regions and accounts with strict signatures and a data folder', function () {
  this.timeout(60_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-scopes-'));
  const configured = { accessKeyId: 'AKIDSTRICT', secretAccessKey: 'strict-secret' };
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('verifies AssumeRole keys in strict mode and keeps every scope across a restart', async () => {
    let server = await startServe(['--access-key', `${configured.accessKeyId}:${configured.secretAccessKey}`, '--data-dir', dataDir, '--region', 'eu-west-2']);
    const make = <T extends { destroy(): void }>(ctor: new (config: object) => T, region: string, credentials: Credentials) =>
      new ctor({ endpoint: server.url, region, credentials, maxAttempts: 1 });
    try {
      const stsClient = make(sts.STSClient, 'eu-west-2', configured);
      const { Credentials } = await stsClient.send(new sts.AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444444444444:role/app', RoleSessionName: 'app' }));
      const role: Credentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
      const asRole = make(sqs.SQSClient, 'ap-northeast-1', role);
      const { QueueUrl } = await asRole.send(new sqs.CreateQueueCommand({ QueueName: 'kept' }));
      await asRole.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: 'survives' }));
      const byDefault = make(sqs.SQSClient, 'eu-west-2', configured);
      await byDefault.send(new sqs.CreateQueueCommand({ QueueName: 'kept' }));
      // A wrong secret for an issued key is refused like any bad signature.
      const forged = make(sqs.SQSClient, 'ap-northeast-1', { ...role, secretAccessKey: 'wrong' });
      const e = await sdkFailure(forged.send(new sqs.ListQueuesCommand({})));
      assert.equal(e.$metadata.httpStatusCode, 403);
      for (const c of [stsClient, asRole, byDefault, forged]) c.destroy();
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.ok(fs.existsSync(path.join(dataDir, 'scopes', '444444444444', 'ap-northeast-1')), 'the role\'s scope has its folder');

    // After a restart the issued keys are gone (they live in memory), but a 12-digit key reaches the same account.
    server = await startServe(['--data-dir', dataDir, '--region', 'eu-west-2']);
    try {
      const again = make(sqs.SQSClient, 'ap-northeast-1', key('444444444444'));
      const { QueueUrls } = await again.send(new sqs.ListQueuesCommand({}));
      assert.equal(QueueUrls?.length, 1);
      assert.match(QueueUrls[0], /\/444444444444\/kept$/);
      const { Messages } = await again.send(new sqs.ReceiveMessageCommand({ QueueUrl: QueueUrls[0] }));
      assert.equal(Messages?.[0]?.Body, 'survives');
      const { Attributes } = await again.send(new sqs.GetQueueAttributesCommand({ QueueUrl: QueueUrls[0], AttributeNames: ['QueueArn'] }));
      assert.equal(Attributes!.QueueArn, 'arn:aws:sqs:ap-northeast-1:444444444444:kept');
      // The key 'test' acts in the default account; the queue kept there is in eu-west-2, the default region.
      const unsignedDefault = make(sqs.SQSClient, 'eu-west-2', DEFAULT);
      const urls = (await unsignedDefault.send(new sqs.ListQueuesCommand({}))).QueueUrls;
      assert.equal(urls?.length, 1);
      assert.equal((await unsignedDefault.send(new sqs.GetQueueAttributesCommand({ QueueUrl: urls[0], AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn, 'arn:aws:sqs:eu-west-2:000000000000:kept');
      again.destroy();
      unsignedDefault.destroy();
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

describe('a data folder written before regions and accounts', function () {
  this.timeout(60_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-before-scopes-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('loads into the default account and region, and nothing into others', async () => {
    fs.cpSync(path.join(root, 'test/fixtures/data-folder-before-scopes'), dataDir, { recursive: true });
    const server = await startServe(['--data-dir', dataDir]);
    const make = <T extends { destroy(): void }>(ctor: new (config: object) => T, region: string, credentials: Credentials = DEFAULT) =>
      new ctor({ endpoint: server.url, region, credentials, maxAttempts: 1 });
    const queues = make(sqs.SQSClient, 'us-east-1');
    const topics = make(sns.SNSClient, 'us-east-1');
    const streams = make(kinesis.KinesisClient, 'us-east-1');
    const elsewhere = [make(sqs.SQSClient, 'eu-west-1'), make(sqs.SQSClient, 'us-east-1', ACCOUNT_1)];
    try {
      const { QueueUrls } = await queues.send(new sqs.ListQueuesCommand({}));
      assert.equal(QueueUrls?.length, 1);
      const QueueUrl = QueueUrls[0];
      const { Messages } = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl }));
      assert.deepEqual(Messages?.map((m) => m.Body), ['written before scopes']);
      await queues.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0].ReceiptHandle }));
      const TopicArn = 'arn:aws:sns:us-east-1:000000000000:before-scopes';
      assert.deepEqual((await topics.send(new sns.ListTopicsCommand({}))).Topics, [{ TopicArn }]);
      await topics.send(new sns.PublishCommand({ TopicArn, Message: 'after scopes' }));
      const again = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      assert.deepEqual(again.Messages?.map((m) => m.Body), ['after scopes'], 'the old subscription still delivers');
      const { StreamDescriptionSummary } = await streams.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: 'before-scopes' }));
      assert.equal(StreamDescriptionSummary!.StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/before-scopes');
      const { Shards } = await streams.send(new kinesis.ListShardsCommand({ StreamName: 'before-scopes' }));
      const { ShardIterator } = await streams.send(new kinesis.GetShardIteratorCommand({ StreamName: 'before-scopes', ShardId: Shards![0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records } = await streams.send(new kinesis.GetRecordsCommand({ ShardIterator }));
      assert.deepEqual(Records?.map((r) => Buffer.from(r.Data!).toString()), ['record before scopes']);
      for (const other of elsewhere) assert.equal((await other.send(new sqs.ListQueuesCommand({}))).QueueUrls, undefined);
    } finally {
      for (const c of [queues, topics, streams, ...elsewhere]) c.destroy();
      assert.equal(await server.stop(), 0);
    }
  });
});
