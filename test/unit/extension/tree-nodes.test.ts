import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { localSnapshot } from '../../../src/extension/client/local-client';
import { Coalescer } from '../../../src/extension/tree/coalescer';
import { apiDestinationDescription, busDescription, connectionDescription, hashKeyShare, queueCounts, queueDescription, ruleDescription, scopeDescription, scopeLabel, shardDescription, subscriptionDescription, targetDescription, targetLabel } from '../../../src/extension/tree/labels';
import { childNodes, rootNodes, type ResourceNode } from '../../../src/extension/tree/nodes';

const settings = { showEmptyGroups: true, showMessageCounts: true, showClosedShards: true };

describe('the Resources tree rows', () => {
  it('groups resources and shows a dead-letter queue under its source, marked', () => {
    const broker = new Broker();
    try {
      const ops = broker.sqs.operations;
      ops.CreateQueue({ QueueName: 'orders-dlq' });
      ops.CreateQueue({ QueueName: 'orders', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn('orders-dlq'), maxReceiveCount: 3 }) } });
      const snapshot = localSnapshot(broker, 'http://127.0.0.1:4566');
      const roots = rootNodes(snapshot, settings);
      assert.deepEqual(roots.map((r) => r.name), ['Queues', 'Topics', 'Streams', 'Delivery streams', 'Functions', 'Event buses', 'State machines', 'Buckets']);
      assert.deepEqual(rootNodes(snapshot, { ...settings, showEmptyGroups: false }).map((r) => r.name), ['Queues']);
      const queues = childNodes(roots[0], snapshot, settings);
      assert.deepEqual(queues.map((q) => q.name), ['orders', 'orders-dlq']);
      const [under] = childNodes(queues[0], snapshot, settings) as Extract<ResourceNode, { kind: 'queue' }>[];
      assert.equal(under.name, 'orders-dlq');
      assert.deepEqual(under.deadLetterOf, { source: 'orders', maxReceiveCount: 3 });
      assert.deepEqual(childNodes(under, snapshot, settings), [], 'a DLQ under its source does not nest again');
      assert.equal(queueDescription(under.queue, true, 3), '0 visible · DLQ after 3 receives');
      assert.equal(queueDescription(queues[1].kind === 'queue' ? queues[1].queue : under.queue, false), 'DLQ of orders');
    } finally {
      broker.dispose();
    }
  });

  it('labels counts, subscriptions and shards the way a user reads them', () => {
    assert.equal(queueCounts({ visible: 3, inFlight: 0, delayed: 0 }), '3 visible');
    assert.equal(queueCounts({ visible: 3, inFlight: 1, delayed: 2 }), '3 visible · 1 in flight · 2 delayed');
    assert.equal(subscriptionDescription({ arn: 'a', protocol: 'sqs', endpoint: 'e', pending: false, raw: true, filterPolicy: '{ "type": ["order"] }', filterPolicyScope: 'MessageAttributes' }),
      'confirmed · raw · filter on attributes: {"type":["order"]}');
    assert.equal(subscriptionDescription({ arn: 'a', protocol: 'http', endpoint: 'e', pending: true, raw: false }), 'pending confirmation');
    const half = (2n ** 127n - 1n).toString();
    assert.equal(hashKeyShare({ startingHashKey: '0', endingHashKey: half }), '50.0% of keys');
    assert.equal(shardDescription({ shardId: 's2', startingHashKey: '0', endingHashKey: half, open: false, parentShardId: 's0', recordCount: 7 }, true),
      'closed · 50.0% of keys · child of s0 · 7 records');
  });

  it('shows a stream\'s shards after a split: closed parent, two children', () => {
    const broker = new Broker();
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
      const shard = broker.kinesis.listStreamSummaries()[0].shards[0];
      broker.kinesis.operations.SplitShard({ StreamName: 'clicks', ShardToSplit: shard.shardId, NewStartingHashKey: (2n ** 127n).toString() });
      const snapshot = localSnapshot(broker, '');
      const [stream] = childNodes(rootNodes(snapshot, settings)[2], snapshot, settings);
      const shards = childNodes(stream, snapshot, settings).map((s) => (s.kind === 'shard' ? shardDescription(s.shard, false) : ''));
      assert.equal(shards.length, 3);
      assert.match(shards[0], /^closed · 100\.0% of keys/);
      assert.match(shards[1], /^open · 50\.0% of keys · child of shardId-000000000000/);
      assert.equal(childNodes(stream, snapshot, { ...settings, showClosedShards: false }).length, 2);
    } finally {
      broker.dispose();
    }
  });

  it('shows event buses, their rules (pattern or schedule, disabled) and the rules\' targets', () => {
    const broker = new Broker();
    try {
      const ops = broker.eventbridge.operations;
      const hidden = localSnapshot(broker, '');
      assert.deepEqual(rootNodes(hidden, { ...settings, showEmptyGroups: false }), [], 'the default bus alone, without rules, does not show the group');
      ops.CreateEventBus({ Name: 'shop' });
      ops.PutRule({ Name: 'order-placed', EventBusName: 'shop', EventPattern: '{"source": ["shop.orders"], "detail-type": ["OrderPlaced"]}' });
      ops.PutTargets({ Rule: 'order-placed', EventBusName: 'shop', Targets: [
        { Id: 'orders', Arn: broker.sqs.queueArn('orders') },
        { Id: 'notify', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:notify', InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' } },
      ] });
      ops.PutRule({ Name: 'nightly', ScheduleExpression: 'rate(1 day)', State: 'DISABLED' });
      const snapshot = localSnapshot(broker, '');
      const [group] = rootNodes(snapshot, { ...settings, showEmptyGroups: false });
      assert.equal(group.name, 'Event buses');
      assert.equal(group.kind === 'group' && group.count, 2);
      const buses = childNodes(group, snapshot, settings);
      assert.deepEqual(buses.map((b) => b.name), ['default', 'shop'], 'the default bus first');
      assert.deepEqual(buses.map((b) => (b.kind === 'bus' ? busDescription(b.bus) : '')), ['1 rule', '1 rule']);
      const [nightly] = childNodes(buses[0], snapshot, settings);
      assert.equal(nightly.kind === 'rule' && ruleDescription(nightly.rule), 'disabled · schedule rate(1 day)');
      const [placed] = childNodes(buses[1], snapshot, settings);
      assert.equal(placed.kind === 'rule' && ruleDescription(placed.rule), 'pattern {"source":["shop.orders"],"detail-type":["OrderPlaced"]}');
      const targets = childNodes(placed, snapshot, settings);
      assert.deepEqual(targets.map((t) => (t.kind === 'target' ? [targetLabel(t.target.Arn), targetDescription(t.target)] : [])), [
        ['queue: orders', 'id orders'],
        ['function: notify', 'id notify · input transformer'],
      ]);
    } finally {
      broker.dispose();
    }
  });

  it('shows connections with their API destinations in a folder under the event buses, without a secret', () => {
    const broker = new Broker();
    try {
      const ops = broker.eventbridge.operations;
      const { ConnectionArn } = ops.CreateConnection({
        Name: 'shop-api',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'tree-secret-key' }, InvocationHttpParameters: { HeaderParameters: [{ Key: 'h', Value: 'tree-secret-header', IsValueSecret: true }] } },
      });
      const { ApiDestinationArn } = ops.CreateApiDestination({ Name: 'orders', ConnectionArn, InvocationEndpoint: 'https://example.com/orders/*', HttpMethod: 'POST', InvocationRateLimitPerSecond: 10 });
      const snapshot = localSnapshot(broker, '');
      const [group] = rootNodes(snapshot, { ...settings, showEmptyGroups: false });
      assert.equal(group.name, 'Event buses', 'a connection shows the group even with the default bus alone');
      const children = childNodes(group, snapshot, settings);
      assert.deepEqual(children.map((c) => [c.kind, c.name]), [['bus', 'default'], ['connections', 'Connections']]);
      const [connection] = childNodes(children[1], snapshot, settings);
      assert.equal(connection.kind === 'connection' && connectionDescription(connection.connection), 'API_KEY · authorized');
      const [destination] = childNodes(connection, snapshot, settings);
      assert.equal(destination.kind === 'apiDestination' && apiDestinationDescription(destination.apiDestination), 'POST https://example.com/orders/* · 10/s');
      assert.equal(targetLabel(ApiDestinationArn), 'API destination: orders');
      const shown = JSON.stringify(snapshot);
      assert.ok(!shown.includes('tree-secret-key') && !shown.includes('tree-secret-header'), 'no secret in what the tree reads');
    } finally {
      broker.dispose();
    }
  });

  it('labels targets by the resource they name', () => {
    assert.equal(targetLabel('arn:aws:sns:us-east-1:000000000000:alerts'), 'topic: alerts');
    assert.equal(targetLabel('arn:aws:kinesis:us-east-1:000000000000:stream/clicks'), 'stream: clicks');
    assert.equal(targetLabel('arn:aws:firehose:us-east-1:000000000000:deliverystream/lake'), 'delivery stream: lake');
    assert.equal(targetLabel('arn:aws:events:us-east-1:000000000000:event-bus/audit'), 'bus: audit');
    assert.equal(targetLabel('arn:aws:states:us-east-1:000000000000:stateMachine:x'), 'arn:aws:states:us-east-1:000000000000:stateMachine:x');
    assert.equal(targetDescription({ Id: 't', Input: '{ "a": 1 }' }), 'id t · constant input {"a":1}');
    assert.equal(targetDescription({ Id: 't', InputPath: '$.detail' }), 'id t · input path $.detail');
  });

  it('coalesces a burst of 10,000 changes into one refresh', async () => {
    let refreshes = 0;
    const coalescer = new Coalescer(() => refreshes++, 20);
    for (let i = 0; i < 10000; i++) coalescer.schedule();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(refreshes, 1);
    coalescer.schedule();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(refreshes, 2, 'a later change refreshes again');
    coalescer.dispose();
  });

  it('shows other accounts and regions in use after the groups, each with what it holds', () => {
    const broker = new Broker();
    try {
      broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
      assert.equal(localSnapshot(broker, 'http://127.0.0.1:4566').scopes?.length, 0);
      assert.ok(!rootNodes(localSnapshot(broker, 'http://127.0.0.1:4566'), settings).some((n) => n.kind === 'scopes'), 'one scope in use: no folder');
      broker.scope('111111111111', 'eu-west-1');
      assert.ok(!rootNodes(localSnapshot(broker, 'http://127.0.0.1:4566'), settings).some((n) => n.kind === 'scopes'), 'a scope holding nothing is not shown');
      const west = broker.scope('111111111111', 'eu-west-1');
      west.sqs.operations.CreateQueue({ QueueName: 'orders' });
      west.sqs.operations.CreateQueue({ QueueName: 'refunds' });
      west.sns.operations.CreateTopic({ Name: 'orders' });
      const snapshot = localSnapshot(broker, 'http://127.0.0.1:4566');
      const roots = rootNodes(snapshot, settings);
      const folder = roots[roots.length - 1];
      assert.deepEqual([folder.kind, folder.name], ['scopes', 'Other accounts and regions']);
      const [row] = childNodes(folder, snapshot, settings) as Extract<ResourceNode, { kind: 'scope' }>[];
      assert.equal(scopeLabel(row.scope), 'eu-west-1 · 111111111111');
      assert.equal(scopeDescription(row.scope), '2 queues · 1 topic');
      // each of its resources is a row of its own, opened in the inspector in that scope
      assert.deepEqual(childNodes(row, snapshot, settings).map((n) => n.kind === 'scopedResource' && `${n.resourceKind}:${n.name}`), ['queue:orders', 'queue:refunds', 'topic:orders']);
      assert.deepEqual(childNodes(roots[0], snapshot, settings).map((q) => q.name), ['orders'], 'the groups stay the default scope\'s');
    } finally {
      broker.dispose();
    }
  });

  it('follows changes in other accounts and regions too', () => {
    const broker = new Broker();
    try {
      let changes = 0;
      const off = broker.otherScopeEvents.on(() => changes++);
      broker.scope('222222222222', 'us-west-2').sqs.operations.CreateQueue({ QueueName: 'q' });
      assert.ok(changes > 0);
      off();
    } finally {
      broker.dispose();
    }
  });
});

