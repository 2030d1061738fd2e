import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/inspector/protocol';
import { layoutShards } from '../../../webview/logic/shard-layout';
import { recordData } from '../../../src/extension/inspector/stream-handler';
import { SessionHarness } from './harness';

describe('inspector: topic session', () => {
  let h: SessionHarness;
  let topicArn: string;
  let queueArn: string;
  beforeEach(() => {
    h = new SessionHarness();
    topicArn = h.broker.sns.operations.CreateTopic({ Name: 'events' }).TopicArn;
    queueArn = h.arn(h.queue('sink'));
  });
  afterEach(() => h.dispose());

  it('describes subscriptions with status and filter policy', async () => {
    h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { FilterPolicy: '{"kind":["a"]}' } });
    const d = await h.request(h.open({ kind: 'topic', name: 'events' }), 'topic/describe', {});
    assert.equal(d.arn, topicArn);
    assert.equal(d.subscriptions.length, 1);
    assert.equal(d.subscriptions[0].status, 'Confirmed');
    assert.equal(d.subscriptions[0].filterPolicy, '{"kind":["a"]}');
  });

  it('publishes and maps each message to its deliveries, naming the rule that filtered it out', async () => {
    h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { FilterPolicy: '{"kind":["a"]}' } });
    const s = h.open({ kind: 'topic', name: 'events' });
    const kept = await h.request(s, 'topic/publish', { message: 'one', attributes: { kind: { DataType: 'String', StringValue: 'a' } } });
    const dropped = await h.request(s, 'topic/publish', { message: 'two', attributes: { kind: { DataType: 'String', StringValue: 'b' } } });
    h.clock.advance(1000);
    const published = await h.request(s, 'topic/published', { limit: 10 });
    const byId = new Map(published.map((p) => [p.messageId, p]));
    assert.equal(byId.get(kept.messageId)?.deliveries[0].status, 'delivered');
    const filtered = byId.get(dropped.messageId)!.deliveries[0];
    assert.equal(filtered.status, 'filteredOut');
    assert.match(filtered.reason ?? '', /kind/);
    const sink = await h.request(h.open({ kind: 'queue', name: 'sink' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.equal(sink.total, 1);
  });

  it('edits a filter policy, and passes SNS\'s refusal of a bad one through', async () => {
    const { SubscriptionArn } = h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, ReturnSubscriptionArn: true });
    const s = h.open({ kind: 'topic', name: 'events' });
    await h.request(s, 'topic/setFilterPolicy', { subscriptionArn: SubscriptionArn, filterPolicy: '{"price":[{"numeric":[">",10]}]}', scope: 'MessageBody' });
    const d = await h.request(s, 'topic/describe', {});
    assert.equal(d.subscriptions[0].filterPolicy, '{"price":[{"numeric":[">",10]}]}');
    assert.equal(d.subscriptions[0].filterPolicyScope, 'MessageBody');
    await assert.rejects(
      h.request(s, 'topic/setFilterPolicy', { subscriptionArn: SubscriptionArn, filterPolicy: '{"price":"notalist"}', scope: 'MessageAttributes' }),
      (e: Error & { code: string }) => e.code === 'InvalidParameter',
    );
  });

  it('shows what an SMS subscriber got in the outbox', async () => {
    h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550100' });
    const s = h.open({ kind: 'topic', name: 'events' });
    await h.request(s, 'topic/publish', { message: 'hello phone', attributes: {} });
    h.clock.advance(1000);
    const outbox = await h.request(s, 'topic/outbox', { limit: 10 });
    assert.ok(outbox.some((e) => e.protocol === 'sms' && e.endpoint === '+15555550100' && e.body.includes('hello phone')));
  });

  it('replies STOP from the outbox: the number is opted out, shown so, and gets no more SMS', async () => {
    h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+1 555 555-0101' });
    const s = h.open({ kind: 'topic', name: 'events' });
    await h.request(s, 'topic/publish', { message: 'first', attributes: {} });
    const [sms] = await h.request(s, 'topic/outbox', { limit: 10 });
    assert.equal(sms.optedOut, false);
    await h.request(s, 'topic/replyStop', { phoneNumber: sms.endpoint });
    assert.deepEqual(h.broker.sns.operations.ListPhoneNumbersOptedOut({}).phoneNumbers, ['+15555550101']);
    await h.request(s, 'topic/publish', { message: 'second', attributes: {} });
    const after = await h.request(s, 'topic/outbox', { limit: 10 });
    assert.deepEqual(after.map((e) => [e.body, e.optedOut]), [['first', true]]);
  });

  it('forwards the topic\'s delivery events and not other topics\'', async () => {
    h.broker.sns.operations.CreateTopic({ Name: 'other' });
    const s = h.open({ kind: 'topic', name: 'events' });
    await s.receive({ type: 'ready' });
    h.broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn });
    await h.request(s, 'topic/publish', { message: 'x', attributes: {} });
    h.clock.advance(1000);
    h.flush();
    const types = h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes.map((c) => c.type));
    assert.ok(types.includes('messagePublished'));
    assert.ok(types.includes('delivery'));
  });
});

describe('inspector: stream session', () => {
  let h: SessionHarness;
  beforeEach(() => {
    h = new SessionHarness();
    h.broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 2 });
    h.clock.advance(1000);
  });
  afterEach(() => h.dispose());

  it('puts a record, tells which shard took it, and reads it back from TRIM_HORIZON', async () => {
    const s = h.open({ kind: 'stream', name: 'clicks' });
    const put = await h.request(s, 'stream/put', { partitionKey: 'user-1', data: '{"page":"/"}' });
    const d = await h.request(s, 'stream/describe', {});
    assert.equal(d.shards.length, 2);
    assert.ok(d.shards.some((sh) => sh.shardId === put.shardId && sh.recordCount === 1));
    const read = await h.request(s, 'stream/read', { shardId: put.shardId, position: { type: 'TRIM_HORIZON' }, limit: 10 });
    assert.deepEqual(read.records.map((r) => [r.sequenceNumber, r.partitionKey, r.data]), [[put.sequenceNumber, 'user-1', '{"page":"/"}']]);
    assert.ok(read.nextIterator);
    const latest = await h.request(s, 'stream/read', { shardId: put.shardId, position: { type: 'LATEST' }, limit: 10 });
    assert.equal(latest.records.length, 0);
    await h.request(s, 'stream/put', { partitionKey: 'user-1', data: 'second' });
    const tail = await h.request(s, 'stream/read', { shardId: put.shardId, iterator: latest.nextIterator, limit: 10 });
    assert.deepEqual(tail.records.map((r) => r.data), ['second'], 'continuing an iterator is the live tail');
  });

  it('reshards: a shard split at the middle of its range, adjacent shards merged, a count reached evenly', async () => {
    const s = h.open({ kind: 'stream', name: 'clicks' });
    await h.request(s, 'stream/reshard', { action: 'split', shardId: 'shardId-000000000000' });
    const open = async () => (await h.request(s, 'stream/describe', {})).shards.filter((x) => x.open);
    assert.deepEqual((await open()).map((x) => [x.shardId, x.startingHashKey]), [
      ['shardId-000000000001', '170141183460469231731687303715884105728'],
      ['shardId-000000000002', '0'],
      ['shardId-000000000003', '85070591730234615865843651857942052864'],
    ]);
    await h.request(s, 'stream/reshard', { action: 'merge', shardId: 'shardId-000000000002', adjacentShardId: 'shardId-000000000003' });
    assert.equal((await open()).length, 2);
    await assert.rejects(h.request(s, 'stream/reshard', { action: 'merge', shardId: 'shardId-000000000001', adjacentShardId: 'shardId-000000000001' }), (e: Error & { code: string }) => e.code === 'InvalidArgumentException');
    await h.request(s, 'stream/reshard', { action: 'updateShardCount', targetShardCount: 4 });
    h.clock.advance(1000);
    assert.equal((await open()).length, 4);
  });

  it('reads after a sequence number', async () => {
    const s = h.open({ kind: 'stream', name: 'clicks' });
    const a = await h.request(s, 'stream/put', { partitionKey: 'k', data: 'a' });
    await h.request(s, 'stream/put', { partitionKey: 'k', data: 'b' });
    const r = await h.request(s, 'stream/read', { shardId: a.shardId, position: { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: a.sequenceNumber }, limit: 10 });
    assert.deepEqual(r.records.map((x) => x.data), ['b']);
  });

  it('reports Kinesis\'s own error for a shard that does not exist', async () => {
    const s = h.open({ kind: 'stream', name: 'clicks' });
    await assert.rejects(h.request(s, 'stream/read', { shardId: 'shardId-000000000099', limit: 1 }), (e: Error & { code: string }) => e.code === 'ResourceNotFoundException');
    await assert.rejects(h.request(h.open({ kind: 'stream', name: 'nope' }), 'stream/describe', {}), (e: Error & { code: string }) => e.code === 'ResourceNotFoundException');
  });

  it('tells the panel which shards took records, and leaves its own reads out', async () => {
    const s = h.open({ kind: 'stream', name: 'clicks' });
    await s.receive({ type: 'ready' });
    const put = await h.request(s, 'stream/put', { partitionKey: 'k', data: 'x' });
    await h.request(s, 'stream/read', { shardId: put.shardId, limit: 10 });
    h.flush();
    const changes = h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes);
    assert.deepEqual(changes.map((c) => [c.type, c.shardIds]), [['recordsPut', [put.shardId]]]);
  });

  it('shows binary data as base64', () => {
    assert.deepEqual(recordData(new TextEncoder().encode('héllo')), { data: 'héllo' });
    assert.deepEqual(recordData(Uint8Array.from([0xff, 0xfe, 0x00])), { data: '//4A', binary: true });
  });

  it('lays out shards by hash range with children of a split a row below', () => {
    const max = (2n ** 128n - 1n).toString();
    const half = (2n ** 127n).toString();
    const boxes = layoutShards([
      { shardId: 'p', startingHashKey: '0', endingHashKey: max, open: false },
      { shardId: 'a', startingHashKey: '0', endingHashKey: (2n ** 127n - 1n).toString(), parentShardId: 'p', open: true },
      { shardId: 'b', startingHashKey: half, endingHashKey: max, parentShardId: 'p', open: true },
    ]);
    assert.deepEqual(boxes.map((b) => [b.shardId, b.x, b.width, b.row, b.parents]), [
      ['p', 0, 1, 0, []],
      ['a', 0, 0.5, 1, ['p']],
      ['b', 0.5, 0.5, 1, ['p']],
    ]);
  });
});
