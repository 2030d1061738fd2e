import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { localSnapshot } from '../../../src/extension/client/local-client';
import { Coalescer } from '../../../src/extension/tree/coalescer';
import { hashKeyShare, queueCounts, queueDescription, shardDescription, subscriptionDescription } from '../../../src/extension/tree/labels';
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
      assert.deepEqual(roots.map((r) => r.name), ['Queues', 'Topics', 'Streams', 'Delivery streams', 'Functions']);
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
});
