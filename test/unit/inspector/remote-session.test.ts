import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { connectionClient, type ConnectionClient } from '../../../src/extension/connections/connection-client';
import { ConnectionError } from '../../../src/extension/connections/connection-errors';
import type { ConnectionSpec } from '../../../src/extension/connections/connection-spec';
import type { ConnectionAccess } from '../../../src/extension/inspector/remote/connection-access';
import { RemoteInspectorSession } from '../../../src/extension/inspector/remote/remote-session';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { InspectorSession } from '../../../src/extension/inspector/session';
import { remoteStateMachines } from '../../../src/extension/client/remote-client';
import type { HostMessage, InspectorMethod, ParamsOf, ResourceRef, ResultOf } from '../../../src/inspector/protocol';
import { startServer, type RunningServer } from '../../../src/server/server';

const KEY = { accessKeyId: 'AKIDINSPECT', secretAccessKey: 'inspect-secret-value' };

/**
 * The inspector on a connection, as the panel drives it: a second broker in strict SigV4 mode reached over
 * the wire through a profile of temporary AWS files (the SDK's own providers), with what the user would
 * answer to a typed confirmation and whether writes are enabled in the test's hands.
 */
describe('inspector on a connection (over the wire, through a profile)', () => {
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  let dir: string;
  let broker: Broker;
  let server: RunningServer;
  let client: ConnectionClient;
  let writable: boolean;
  let typed: string | undefined;
  let asked: string[];
  let posted: HostMessage[];
  const sessions: RemoteInspectorSession[] = [];
  let nextId = 1;

  before(async function () {
    this.timeout(60_000);
    await Promise.all([import('@aws-sdk/client-sqs'), import('@aws-sdk/client-sns'), import('@aws-sdk/client-kinesis'), import('@aws-sdk/client-firehose'), import('@aws-sdk/client-eventbridge'), import('@aws-sdk/client-sfn'), import('@aws-sdk/credential-providers')]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-remote-inspector-'));
    fs.writeFileSync(path.join(dir, 'config'), '[profile inspect]\nregion = us-east-1\n\n[profile wrong]\nregion = us-east-1\n');
    fs.writeFileSync(path.join(dir, 'credentials'), `[inspect]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n\n[wrong]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = not-the-secret\n`);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });
  after(() => {
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    broker = new Broker();
    server = await startServer(broker, { port: 0, accessKeys: [KEY], log: () => undefined });
    client = connectionClient(spec('inspect'), 'us-east-1');
    writable = false;
    typed = undefined;
    asked = [];
    posted = [];
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    client.dispose();
    await server.close();
    broker.dispose();
  });

  const spec = (profile: string): ConnectionSpec => ({ id: `endpoint:${profile}`, kind: 'endpoint', name: `serve-${profile}`, endpoint: server.url, profile });

  /** What the editor gives the session: read-only refusals and typed confirmations worded as the tree's. */
  const access = (c: ConnectionClient = client): ConnectionAccess => ({
    client: () => c,
    writable: () => {
      if (!writable) throw new ConnectionError('ReadOnly', 'serve-inspect is read-only. Use "Enable Writes" on the connection to send, delete, purge, redrive or reshard there.');
      return c;
    },
    isWritable: () => writable,
    confirm: async (what, name) => {
      asked.push(`${what} ${name}`);
      if (typed !== name) throw new ConnectionError('ConfirmationMismatch', `Nothing was done: "${typed}" is not ${name}.`);
    },
  });

  const open = (resource: ResourceRef, c?: ConnectionClient, refreshMs = 0) => {
    const session = new RemoteInspectorSession({
      access: access(c),
      connection: { name: 'serve-inspect', region: 'us-east-1', where: new URL(server.url).host, production: true },
      resource,
      post: (m) => posted.push(m),
      refreshMs,
    });
    sessions.push(session);
    return session;
  };

  const request = async <M extends InspectorMethod>(session: RemoteInspectorSession, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> => {
    const id = nextId++;
    await session.receive({ type: 'request', id, method, params } as never);
    const response = posted.find((m) => m.type === 'response' && m.id === id);
    if (!response || response.type !== 'response') throw new Error(`no response to ${method}`);
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result as ResultOf<M>;
  };

  const counts = (name: string) => {
    const q = broker.sqs.queueSummary(name);
    return { visible: q.visible, inFlight: q.inFlight };
  };

  it('says in init what a connection allows and which connection it is, and never sends a credential', async () => {
    broker.sqs.operations.CreateQueue({ QueueName: 'jobs' });
    const s = open({ kind: 'queue', name: 'jobs' });
    await s.receive({ type: 'ready' });
    const init = posted[0];
    assert.equal(init.type, 'init');
    assert.deepEqual(init.type === 'init' && init.capabilities, { peek: false, deliveryLog: false, liveChanges: false, writable: false });
    assert.deepEqual(init.type === 'init' && init.connection, { name: 'serve-inspect', region: 'us-east-1', where: new URL(server.url).host, production: true });
    await request(s, 'queue/describe', {});
    await request(s, 'queue/poll', { visibilityTimeout: 1, maxMessages: 1 });
    await assert.rejects(request(s, 'queue/send', { body: 'x', attributes: {}, copies: 1 }));
    const everything = JSON.stringify(posted);
    assert.doesNotMatch(everything, new RegExp(`${KEY.secretAccessKey}|${KEY.accessKeyId}`));
  });

  it('queue: describe over the API, poll with the timeout chosen (receive counts rise, countdowns), delete what was received', async () => {
    const ops = broker.sqs.operations;
    ops.CreateQueue({ QueueName: 'jobs-dlq' });
    const { QueueUrl } = ops.CreateQueue({ QueueName: 'jobs', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn('jobs-dlq'), maxReceiveCount: 3 }) }, tags: { team: 'payments' } });
    ops.SendMessage({ QueueUrl, MessageBody: '{"job":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'nightly' } } });
    const s = open({ kind: 'queue', name: 'jobs' });
    const d = await request(s, 'queue/describe', {});
    assert.deepEqual([d.name, d.url, d.fifo, d.counts, d.deadLetterQueue, d.tags], ['jobs', `${server.url}/000000000000/jobs`, false, { visible: 1, inFlight: 0, delayed: 0 }, { name: 'jobs-dlq', maxReceiveCount: 3 }, { team: 'payments' }]);
    assert.deepEqual((await request(open({ kind: 'queue', name: 'jobs-dlq' }), 'queue/describe', {})).sourceQueues, ['jobs'], 'ListDeadLetterSourceQueues');

    await assert.rejects(request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 }), { code: 'NotSupportedOnConnection', message: /SQS has no read that leaves messages as they are/ });

    const [m] = await request(s, 'queue/poll', { visibilityTimeout: 30, maxMessages: 10 });
    assert.equal(m.body, '{"job":1}');
    assert.equal(m.receiveCount, 1);
    assert.equal(m.visibleAt - m.hiddenSince, 30_000);
    assert.deepEqual(m.messageAttributes.kind, { DataType: 'String', StringValue: 'nightly', BinaryValue: undefined });
    assert.deepEqual(counts('jobs'), { visible: 0, inFlight: 1 }, 'a poll is a receive');
    assert.ok(posted.some((p) => p.type === 'changed' && p.changes.length === 0), 'the views are told to read again');
    assert.deepEqual((await request(s, 'queue/polled', {})).map((p) => p.messageId), [m.messageId]);
    assert.equal((await request(s, 'queue/message', { messageId: m.messageId }))?.body, '{"job":1}');

    // read-only: the receipt handle is here, but nothing is deleted
    await assert.rejects(request(s, 'queue/delete', { receiptHandles: [m.receiptHandle] }), { code: 'ReadOnly', message: /serve-inspect is read-only/ });
    assert.deepEqual(counts('jobs'), { visible: 0, inFlight: 1 });
    writable = true;
    await request(s, 'queue/changeVisibility', { receiptHandle: m.receiptHandle, visibilityTimeout: 0 });
    assert.deepEqual(counts('jobs'), { visible: 1, inFlight: 0 }, 'released');
    const [again] = await request(s, 'queue/poll', { visibilityTimeout: 60, maxMessages: 1 });
    assert.equal(again.receiveCount, 2, 'the second receive counts');
    assert.deepEqual(await request(s, 'queue/delete', { receiptHandles: [again.receiptHandle] }), { deleted: 1 });
    assert.deepEqual(counts('jobs'), { visible: 0, inFlight: 0 });
    assert.deepEqual(await request(s, 'queue/polled', {}), []);
    await assert.rejects(request(s, 'queue/delete', { messageIds: ['x'] }), { code: 'NotSupportedOnConnection' });
  });

  it('queue: send in batches, purge and redrive only after the name is typed, the move task followed to its end', async () => {
    const ops = broker.sqs.operations;
    const { QueueUrl: dlq } = ops.CreateQueue({ QueueName: 'jobs-dlq' });
    ops.CreateQueue({ QueueName: 'jobs', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn('jobs-dlq'), maxReceiveCount: 1 }) } });
    writable = true;
    const jobs = open({ kind: 'queue', name: 'jobs' });
    const sent = await request(jobs, 'queue/send', { body: 'hello', attributes: { source: { DataType: 'String', StringValue: 'inspector' } }, copies: 12 });
    assert.equal(sent.messageIds.length, 12);
    assert.deepEqual(counts('jobs'), { visible: 12, inFlight: 0 });

    typed = 'job';
    await assert.rejects(request(jobs, 'queue/purge', {}), { code: 'ConfirmationMismatch' });
    assert.deepEqual(counts('jobs'), { visible: 12, inFlight: 0 }, 'a wrong name does nothing');
    typed = 'jobs';
    await request(jobs, 'queue/purge', {});
    assert.deepEqual(counts('jobs'), { visible: 0, inFlight: 0 });

    ops.SendMessage({ QueueUrl: dlq, MessageBody: 'dead 1' });
    ops.SendMessage({ QueueUrl: dlq, MessageBody: 'dead 2' });
    const dead = open({ kind: 'queue', name: 'jobs-dlq' });
    await assert.rejects(request(dead, 'queue/redrive', { messageIds: ['a'] }), { code: 'NotSupportedOnConnection' });
    typed = 'jobs-dlq';
    const started = await request(dead, 'queue/redrive', { destination: 'jobs' });
    assert.ok(started.taskHandle);
    assert.deepEqual(asked, ['Purge queue jobs', 'Purge queue jobs', 'Redrive jobs-dlq']);
    const deadline = Date.now() + 10_000;
    let tasks = (await request(dead, 'queue/describe', {})).moveTasks;
    while (tasks[0]?.status === 'RUNNING' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      tasks = (await request(dead, 'queue/describe', {})).moveTasks;
    }
    assert.deepEqual(tasks.map((t) => [t.status, t.moved, t.toMove]), [['COMPLETED', 2, 2]], 'ListMessageMoveTasks reports the progress');
    assert.deepEqual(counts('jobs'), { visible: 2, inFlight: 0 });
  });

  it('topic: subscriptions with their filter policies, publish, and no outbox (saying why)', async () => {
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'events' });
    broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
    const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: broker.sqs.queueArn('orders'), Attributes: { FilterPolicy: '{"type":["order"]}', RawMessageDelivery: 'true' }, ReturnSubscriptionArn: true });
    const s = open({ kind: 'topic', name: 'events' });
    const d = await request(s, 'topic/describe', {});
    assert.equal(d.arn, TopicArn);
    assert.deepEqual(d.subscriptions, [{ arn: SubscriptionArn, protocol: 'sqs', endpoint: broker.sqs.queueArn('orders'), status: 'Confirmed', filterPolicy: '{"type":["order"]}', filterPolicyScope: 'MessageAttributes', rawMessageDelivery: true }]);
    await assert.rejects(request(s, 'topic/outbox', { limit: 10 }), { code: 'NotSupportedOnConnection', message: /SNS keeps no record a client can read/ });
    await assert.rejects(request(s, 'topic/publish', { message: 'x', attributes: {} }), { code: 'ReadOnly' });
    writable = true;
    await request(s, 'topic/publish', { message: 'an order', attributes: { type: { DataType: 'String', StringValue: 'order' } } });
    await request(s, 'topic/publish', { message: 'filtered out', attributes: { type: { DataType: 'String', StringValue: 'refund' } } });
    assert.deepEqual(broker.sqs.peek('orders', { offset: 0, limit: 10 }).messages.map((m) => m.body), ['an order']);
    await request(s, 'topic/setFilterPolicy', { subscriptionArn: SubscriptionArn!, filterPolicy: '{"type":["refund"]}', scope: 'MessageBody' });
    assert.deepEqual((await request(s, 'topic/describe', {})).subscriptions.map((x) => [x.filterPolicy, x.filterPolicyScope]), [['{"type":["refund"]}', 'MessageBody']]);

    // the local matcher explains a policy on a sample, read-only or not, without publishing
    writable = false;
    const sample = (filterPolicy: string, message: string, attributes = {}) => request(s, 'topic/testFilter', { filterPolicy, scope: 'MessageAttributes', message, attributes });
    assert.deepEqual(await sample('{"type":["order"],"amount":[{"numeric":[">",10]}]}', 'x', { type: { DataType: 'String', StringValue: 'order' }, amount: { DataType: 'Number', StringValue: '12' } }), { matched: true });
    assert.deepEqual(await sample('{"type":["order"],"amount":[{"numeric":[">",10]}]}', 'x', { type: { DataType: 'String', StringValue: 'order' }, amount: { DataType: 'Number', StringValue: '5' } }), { matched: false, failedKey: 'amount' });
    assert.deepEqual(await request(s, 'topic/testFilter', { filterPolicy: '{"kind":["a"]}', scope: 'MessageBody', message: '{"kind":"b"}', attributes: {} }), { matched: false, failedKey: 'kind' });
    await assert.rejects(sample('{"type":', 'x'), { code: 'InvalidParameter', message: /^Invalid parameter: FilterPolicy: failed to parse JSON/ });
    assert.equal(broker.sqs.peek('orders', { offset: 0, limit: 10 }).total, 1, 'nothing was published');
  });

  it('stream: shards with their lineage, consumers, put and read; delivery stream: describe and put', async () => {
    const k = broker.kinesis.operations;
    k.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
    k.UpdateShardCount({ StreamName: 'clicks', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' });
    const arn = broker.kinesis.listStreamSummaries()[0].arn;
    k.RegisterStreamConsumer({ StreamARN: arn, ConsumerName: 'dashboard' });
    const s = open({ kind: 'stream', name: 'clicks' });
    const d = await request(s, 'stream/describe', {});
    assert.deepEqual(d.shards.map((x) => [x.shardId, x.parentShardId, x.open, x.recordCount]), [
      ['shardId-000000000000', undefined, false, undefined],
      ['shardId-000000000001', 'shardId-000000000000', true, undefined],
      ['shardId-000000000002', 'shardId-000000000000', true, undefined],
    ]);
    assert.deepEqual(d.consumers?.map((c) => c.name), ['dashboard']);
    writable = true;
    const put = await request(s, 'stream/put', { partitionKey: 'user-1', data: 'click' });
    const read = await request(s, 'stream/read', { shardId: put.shardId, position: { type: 'TRIM_HORIZON' }, limit: 10 });
    assert.deepEqual(read.records.map((r) => [r.data, r.partitionKey, r.sequenceNumber]), [['click', 'user-1', put.sequenceNumber]]);

    // resharding wants writes and the stream's name typed
    typed = 'click';
    await assert.rejects(request(s, 'stream/reshard', { action: 'split', shardId: 'shardId-000000000001' }), { code: 'ConfirmationMismatch' });
    typed = 'clicks';
    await request(s, 'stream/reshard', { action: 'split', shardId: 'shardId-000000000001' });
    assert.equal((await request(s, 'stream/describe', {})).shards.filter((x) => x.open).length, 3);
    assert.deepEqual(asked, ['Reshard stream clicks', 'Reshard stream clicks']);

    broker.firehose.operations.CreateDeliveryStream({ DeliveryStreamName: 'archive', ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::lake', RoleARN: 'arn:aws:iam::000000000000:role/f', Prefix: 'raw/' } });
    const f = open({ kind: 'deliveryStream', name: 'archive' });
    assert.equal((await request(f, 'deliveryStream/describe', {})).destination, 'lake/raw/');
    assert.ok((await request(f, 'deliveryStream/put', { data: 'row' })).recordId);
  });

  const ORDER_EVENT = (total: number) => JSON.stringify({ version: '0', id: `e-${total}`, source: 'shop', 'detail-type': 'OrderPlaced', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { total } });

  it('bus: rules with patterns and targets, archives; rules judged on a pasted event; no event log (saying why); put with writes', async () => {
    const eb = broker.eventbridge.operations;
    const { EventBusArn } = eb.CreateEventBus({ Name: 'orders' });
    broker.sqs.operations.CreateQueue({ QueueName: 'big-orders' });
    eb.PutRule({ Name: 'big', EventBusName: 'orders', EventPattern: '{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}' });
    eb.PutTargets({ Rule: 'big', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: broker.sqs.queueArn('big-orders'), InputPath: '$.detail' }] });
    eb.PutRule({ Name: 'quiet', EventBusName: 'orders', EventPattern: '{"source":["shop"]}', State: 'DISABLED' });
    eb.PutRule({ Name: 'tick', ScheduleExpression: 'rate(1 hour)' });
    eb.CreateArchive({ ArchiveName: 'orders-archive', EventSourceArn: EventBusArn, EventPattern: '{"source":["shop"]}', RetentionDays: 7, Description: 'shop events' });
    const s = open({ kind: 'bus', name: 'orders' });
    const d = await request(s, 'bus/describe', {});
    assert.equal(d.arn, EventBusArn);
    // the archive's managed rule is listed by ListRules, as on AWS
    assert.deepEqual(d.rules.map((r) => [r.name, r.state, r.pattern, r.schedule, r.targets]), [
      ['Events-Archive-orders-archive', 'ENABLED', '{"source":["shop"],"replay-name":[{"exists":false}]}', undefined, []],
      ['big', 'ENABLED', '{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}', undefined, [{ id: 'q', arn: broker.sqs.queueArn('big-orders'), input: 'input path $.detail' }]],
      ['quiet', 'DISABLED', '{"source":["shop"]}', undefined, []],
    ]);
    assert.deepEqual(d.archives, [{ name: 'orders-archive', state: 'ENABLED', eventCount: 0, sizeBytes: 0, retentionDays: 7, pattern: '{"source":["shop"]}', description: 'shop events' }]);
    // the same description as the local panel gives
    assert.deepEqual(d, await localDescription('orders'));

    await assert.rejects(request(s, 'bus/events', { limit: 10 }), { code: 'NotSupportedOnConnection', message: /EventBridge keeps no record a client can read/ });
    await assert.rejects(request(s, 'bus/explain', { eventId: 'x' }), { code: 'NotSupportedOnConnection' });
    const small = await request(s, 'bus/explain', { event: ORDER_EVENT(50) });
    const big = small.verdicts.find((v) => v.rule === 'big')!;
    assert.deepEqual([big.matched, big.miss?.path, big.miss?.seen], [false, 'detail.total', ['50']]);
    assert.deepEqual(small.verdicts.find((v) => v.rule === 'quiet'), { rule: 'quiet', state: 'DISABLED', matched: true }, 'a disabled rule may match (and not route)');
    assert.deepEqual((await request(open({ kind: 'bus', name: 'default' }), 'bus/explain', { event: ORDER_EVENT(50) })).verdicts, [{ rule: 'tick', state: 'ENABLED', matched: false, scheduled: true }]);
    assert.equal((await request(s, 'bus/explain', { event: ORDER_EVENT(150) })).verdicts.find((v) => v.rule === 'big')?.matched, true);
    await assert.rejects(request(s, 'bus/explain', { event: '{"source":"shop"}' }), { code: 'ValidationException', message: 'Parameter Event is not valid.' }, 'TestEventPattern\'s envelope');

    // the sandbox on a pasted event; the recent events are not to be had; a bad pattern in the endpoint's own words
    assert.deepEqual(await request(s, 'bus/testPattern', { pattern: '{"detail":{"total":[{"numeric":[">",100]}]}}', event: ORDER_EVENT(150), limit: 10 }), { results: [{ source: 'shop', detailType: 'OrderPlaced', matched: true }], matched: 1 });
    await assert.rejects(request(s, 'bus/testPattern', { pattern: '{"source":["shop"]}', limit: 10 }), { code: 'NotSupportedOnConnection' });
    const endpointSays = (() => {
      try {
        eb.TestEventPattern({ EventPattern: '{"source":"shop"}', Event: ORDER_EVENT(1) });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    await assert.rejects(request(s, 'bus/testPattern', { pattern: '{"source":"shop"}', event: ORDER_EVENT(1), limit: 10 }), { code: 'InvalidEventPatternException', message: endpointSays });

    await assert.rejects(request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{"total":150}' }), { code: 'ReadOnly' });
    writable = true;
    assert.match((await request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{"total":150}' })).eventId, /^[-0-9a-f]{36}$/);
    await request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{"total":5}' });
    await broker.eventbridge.settled();
    assert.deepEqual(broker.sqs.peek('big-orders', { offset: 0, limit: 10 }).messages.map((m) => m.body), ['{"total":150}'], 'routed by the endpoint\'s rule');
    await assert.rejects(request(s, 'bus/putEvent', { source: '', detailType: 'OrderPlaced', detail: '{}' }), { code: 'InvalidArgument' }, 'PutEvents\' refusal of the entry');
    assert.doesNotMatch(JSON.stringify(posted), new RegExp(`${KEY.secretAccessKey}|${KEY.accessKeyId}`));
  });

  /** The local panel's description of the same bus, for comparison. */
  const localDescription = async (bus: string) => {
    const local: HostMessage[] = [];
    const session = new InspectorSession({ broker, resource: { kind: 'bus', name: bus }, activity: new ActivityLog(), post: (m) => local.push(m) });
    try {
      await session.receive({ type: 'request', id: 1, method: 'bus/describe', params: {} } as never);
      const r = local.find((m) => m.type === 'response');
      return r?.type === 'response' && r.ok ? r.result : r;
    } finally {
      session.dispose();
    }
  };

  it('state machine: definition and executions with their history; start with writes; stop and redrive after the name is typed', async () => {
    const sf = broker.stepfunctions.operations;
    const definition = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } } });
    const { stateMachineArn } = sf.CreateStateMachine({ name: 'orders-flow', definition, roleArn: 'arn:aws:iam::000000000000:role/states' });
    sf.CreateStateMachine({ name: 'other', definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: 'arn:aws:iam::000000000000:role/states' });
    const s = open({ kind: 'stateMachine', name: 'orders-flow' });
    const before = await request(s, 'stateMachine/describe', {});
    assert.deepEqual([before.arn, before.type, before.definition, before.executions], [stateMachineArn, 'STANDARD', definition, []]);

    await assert.rejects(request(s, 'stateMachine/start', { input: '{}' }), { code: 'ReadOnly' });
    writable = true;
    const { executionArn } = await request(s, 'stateMachine/start', { name: 'first', input: '{"order":1}' });
    assert.ok(posted.some((p) => p.type === 'changed' && p.changes.length === 0), 'the views are told to read again');
    const running = await request(s, 'stateMachine/execution', { executionArn });
    assert.deepEqual([running.name, running.status, running.input, running.waitingTokens], ['first', 'RUNNING', '{"order":1}', []]);
    assert.deepEqual(running.events.map((e) => e.type), ['ExecutionStarted', 'WaitStateEntered']);
    assert.equal(running.events[1].details?.name, 'Hold');
    assert.equal(typeof running.events[0].timestamp, 'number');
    assert.deepEqual((await request(s, 'stateMachine/describe', {})).executions.map((e) => [e.name, e.status]), [['first', 'RUNNING']]);

    // stopping wants the execution's name typed; a wrong one does nothing
    typed = 'firs';
    await assert.rejects(request(s, 'stateMachine/stop', { executionArn }), { code: 'ConfirmationMismatch' });
    assert.equal(sf.DescribeExecution({ executionArn }).status, 'RUNNING');
    typed = 'first';
    await request(s, 'stateMachine/stop', { executionArn });
    const aborted = await request(s, 'stateMachine/execution', { executionArn });
    assert.deepEqual([aborted.status, aborted.redriveStatus, aborted.events.at(-1)?.type], ['ABORTED', 'REDRIVABLE', 'ExecutionAborted']);

    // redrive: read-only refused, then after the name is typed the execution goes on from the Wait
    writable = false;
    await assert.rejects(request(s, 'stateMachine/redrive', { executionArn }), { code: 'ReadOnly' });
    writable = true;
    await request(s, 'stateMachine/redrive', { executionArn });
    const redriven = await request(s, 'stateMachine/execution', { executionArn });
    assert.deepEqual([redriven.status, redriven.redriveCount, redriven.redriveStatus], ['RUNNING', 1, 'NOT_REDRIVABLE']);
    assert.ok(redriven.events.some((e) => e.type === 'ExecutionRedriven'));
    assert.deepEqual(asked, ['Stop execution first', 'Stop execution first', 'Redrive execution first']);
    sf.StopExecution({ executionArn });

    // another machine's execution is not this one's; a machine the endpoint lacks says so
    const { executionArn: foreign } = sf.StartExecution({ stateMachineArn: stateMachineArn.replace('orders-flow', 'other'), input: '{}' });
    await assert.rejects(request(s, 'stateMachine/execution', { executionArn: foreign }), { code: 'ExecutionDoesNotExist' });
    await assert.rejects(request(open({ kind: 'stateMachine', name: 'missing' }), 'stateMachine/describe', {}), { code: 'StateMachineDoesNotExist' });
    assert.doesNotMatch(JSON.stringify(posted), new RegExp(`${KEY.secretAccessKey}|${KEY.accessKeyId}`));
  });

  it('state machine: with no change events, the refresh timer tells the view to read the running execution again until it ends', async () => {
    const sf = broker.stepfunctions.operations;
    const { stateMachineArn } = sf.CreateStateMachine({ name: 'short', roleArn: 'arn:aws:iam::000000000000:role/states', definition: '{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":1,"End":true}}}' });
    const { executionArn } = sf.StartExecution({ stateMachineArn, input: '{}' });
    const s = open({ kind: 'stateMachine', name: 'short' }, undefined, 100);
    await s.receive({ type: 'ready' });
    const nudges = () => posted.filter((p) => p.type === 'changed' && p.changes.length === 0).length;
    // what the view does on each batch: read the execution again
    const seen: string[] = [];
    const deadline = Date.now() + 10_000;
    let read = 0;
    while (!seen.includes('SUCCEEDED') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      if (nudges() > read) {
        read = nudges();
        seen.push((await request(s, 'stateMachine/execution', { executionArn })).status);
      }
    }
    assert.equal(seen[0], 'RUNNING');
    assert.equal(seen.at(-1), 'SUCCEEDED', 'the graph follows the execution to its end');
    s.dispose();
    const after = nudges();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(nudges(), after, 'a closed panel reads nothing more');
  });

  it('state machine: an express machine, whose executions AWS does not list, shows none and says why, in the panel and the tree', async () => {
    const sf = broker.stepfunctions.operations;
    const role = 'arn:aws:iam::000000000000:role/states';
    sf.CreateStateMachine({ name: 'fast', type: 'EXPRESS', roleArn: role, definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' });
    sf.CreateStateMachine({ name: 'slow', roleArn: role, definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' });
    // the endpoint here lists express executions; AWS refuses with StateMachineTypeNotSupported (ListExecutions' documentation): that one action answers as AWS does
    const refused = new ConnectionError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    const asAws: ConnectionClient = { ...client, states: ((action: string, input: never) => (action === 'ListExecutions' ? Promise.reject(refused) : client.states(action as never, input))) as ConnectionClient['states'] };
    const fast = await request(open({ kind: 'stateMachine', name: 'fast' }, asAws), 'stateMachine/describe', {});
    assert.deepEqual([fast.type, fast.executions], ['EXPRESS', []]);
    assert.match(fast.executionsNote ?? '', /^AWS does not list or describe the executions of an express state machine/);
    // a standard machine's failure is no such thing
    await assert.rejects(request(open({ kind: 'stateMachine', name: 'slow' }, asAws), 'stateMachine/describe', {}), { code: 'StateMachineTypeNotSupported' });
    await assert.rejects(remoteStateMachines(asAws), { code: 'StateMachineTypeNotSupported' });
    sf.DeleteStateMachine({ stateMachineArn: broker.stepfunctions.operations.ListStateMachines({}).stateMachines.find((m) => m.name === 'slow')!.stateMachineArn });
    assert.deepEqual((await remoteStateMachines(asAws)).map((m) => [m.name, m.type, m.executions]), [['fast', 'EXPRESS', []]], 'the tree lists the express machine');
  });

  it('a profile the endpoint refuses: the request fails with what to do, and no secret', async () => {
    broker.sqs.operations.CreateQueue({ QueueName: 'jobs' });
    const wrong = connectionClient(spec('wrong'), 'us-east-1');
    try {
      const s = open({ kind: 'queue', name: 'jobs' }, wrong);
      await assert.rejects(request(s, 'queue/describe', {}), (e: Error) => {
        assert.match(e.message, /refused the credentials of profile wrong .* Check the access key and secret of the profile/);
        assert.doesNotMatch(e.message, /not-the-secret|\n\s+at /);
        return true;
      });
    } finally {
      wrong.dispose();
    }
  });
});
