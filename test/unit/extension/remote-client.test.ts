import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Broker } from '../../../src/broker/broker';
import { AwsError } from '../../../src/broker/errors';
import { isEventyard } from '../../../src/extension/client/http-call';
import { localClient } from '../../../src/extension/client/local-client';
import { remoteClient } from '../../../src/extension/client/remote-client';
import { startServer, type RunningServer } from '../../../src/server/server';

describe('attaching to an Eventyard another window serves', () => {
  // The remote client loads the AWS SDK on its first call (half a second on an idle machine, seconds on a
  // busy one): load it once here, so no test's time limit pays for it.
  before(async function () {
    this.timeout(60_000);
    await Promise.all([import('@aws-sdk/client-sqs'), import('@aws-sdk/client-sns'), import('@aws-sdk/client-kinesis'), import('@aws-sdk/client-firehose'), import('@aws-sdk/client-eventbridge')]);
  });

  let broker: Broker;
  let server: RunningServer;

  beforeEach(async () => {
    broker = new Broker();
    server = await startServer(broker, { port: 0, log: () => undefined });
  });
  afterEach(async () => {
    await server.close();
    broker.dispose();
  });

  it('recognises an Eventyard endpoint by its health route, and nothing else', async () => {
    assert.equal(await isEventyard(server.url), true);
    const other = http.createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      assert.equal(await isEventyard(`http://127.0.0.1:${port}`), false, 'another web server is not an Eventyard');
    } finally {
      other.close();
    }
    assert.equal(await isEventyard(`http://127.0.0.1:${port}`), false, 'a closed port is not an Eventyard');
  });

  it('sees through the wire the same queues, topics, streams and delivery streams as the broker itself', async () => {
    const ops = broker.sqs.operations;
    const { QueueUrl: dlq } = ops.CreateQueue({ QueueName: 'orders-dlq' });
    const dlqArn = broker.sqs.queueArn('orders-dlq');
    const { QueueUrl } = ops.CreateQueue({ QueueName: 'orders', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } });
    ops.SendMessage({ QueueUrl, MessageBody: 'a' });
    ops.SendMessage({ QueueUrl, MessageBody: 'b', DelaySeconds: 60 });
    ops.SendMessage({ QueueUrl: dlq, MessageBody: 'dead' });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'events' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: broker.sqs.queueArn('orders'), Attributes: { FilterPolicy: '{"type":["order"]}' } });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' });
    broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 2 });
    const events = broker.eventbridge.operations;
    const { EventBusArn } = events.CreateEventBus({ Name: 'shop' });
    events.CreateArchive({ ArchiveName: 'shop-all', EventSourceArn: EventBusArn! });
    events.PutRule({ Name: 'placed', EventBusName: 'shop', EventPattern: '{"source":["shop"]}' });
    events.PutTargets({ Rule: 'placed', EventBusName: 'shop', Targets: [{ Id: 'q', Arn: dlqArn }] });
    events.PutRule({ Name: 'nightly', ScheduleExpression: 'rate(1 day)', State: 'DISABLED' });
    const { ConnectionArn } = events.CreateConnection({ Name: 'hooks', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } });
    events.CreateApiDestination({ Name: 'hook', ConnectionArn, InvocationEndpoint: 'https://example.com/hook', HttpMethod: 'PUT' });
    const states = broker.stepfunctions.operations;
    const { stateMachineArn } = states.CreateStateMachine({ name: 'orders-flow', definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: 'arn:aws:iam::000000000000:role/r' });
    states.StartExecution({ stateMachineArn, name: 'one' });

    const client = remoteClient(server.url);
    const remote = await client.snapshot();
    client.dispose();
    const local = await localClient(broker, server.url).snapshot();
    const queueView = (q: (typeof local.queues)[number]) => [q.name, q.visible, q.inFlight, q.delayed, q.deadLetterTargetName, q.maxReceiveCount, q.sourceQueueNames, q.arn];
    assert.deepEqual(remote.queues.map(queueView), local.queues.map(queueView));
    assert.deepEqual(remote.queues.find((q) => q.name === 'orders')!.delayed, 1);
    const subscriptionView = (t: (typeof local.topics)[number]) => [t.arn, t.subscriptions.map((s) => [s.protocol, s.endpoint, s.pending, s.filterPolicy])];
    assert.deepEqual(remote.topics.map(subscriptionView), local.topics.map(subscriptionView));
    const shardView = (s: (typeof local.streams)[number]) => [s.name, s.arn, s.status, s.shards.map((x) => [x.shardId, x.startingHashKey, x.endingHashKey, x.open])];
    assert.deepEqual(remote.streams.map(shardView), local.streams.map(shardView));
    assert.deepEqual(remote.connections, local.connections, 'connections and their API destinations as the engine lists them');
    assert.deepEqual(local.connections!.map((c) => [c.name, c.apiDestinations.map((d) => d.name)]), [['hooks', ['hook']]]);
    assert.deepEqual(remote.buses, local.buses, 'buses, rules, targets and archives as the engine lists them');
    assert.deepEqual(
      remote.buses.map((b) => [b.name, b.rules.map((r) => r.name), b.archives.map((a) => a.ArchiveName)]),
      [['default', ['nightly'], []], ['shop', ['Events-Archive-shop-all', 'placed'], ['shop-all']]],
    );
    assert.deepEqual(remote.stateMachines, local.stateMachines, 'state machines and their recent executions as the engine lists them');
    assert.deepEqual(local.stateMachines!.map((m) => [m.name, m.executions.map((e) => [e.name, e.status])]), [['orders-flow', [['one', 'SUCCEEDED']]]]);
  });

  it('acts through the wire, and engine errors arrive as AwsError with the AWS code', async () => {
    const remote = remoteClient(server.url);
    const { QueueUrl } = await remote.sqs('CreateQueue', { QueueName: 'made-remotely' });
    await remote.sqs('SendMessage', { QueueUrl, MessageBody: 'hi' });
    assert.equal(broker.sqs.listQueueSummaries()[0].visible, 1);
    const peeked = await remote.peek('made-remotely', 0, 10);
    assert.equal(peeked.messages[0].body, 'hi');
    const { TopicArn } = await remote.sns('CreateTopic', { Name: 'remote-topic' });
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:remote-topic');
    await assert.rejects(remote.sqs('GetQueueUrl', { QueueName: 'nope' }), (e: unknown) => e instanceof AwsError && e.code === 'QueueDoesNotExist');
    await assert.rejects(remote.sns('Subscribe', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing', Protocol: 'sqs', Endpoint: 'x' }), (e: unknown) => e instanceof AwsError && e.code === 'NotFound' && e.status === 404);
    await remote.reset();
    assert.deepEqual(broker.sqs.listQueueSummaries(), []);
    remote.dispose();
  });
});
