import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { SearchQueryError, type MessageQuery } from '../../../src/broker/search/query';
import { searchMessages, type SearchOptions } from '../../../src/broker/search/search';
import type { SearchBatch, SearchItem, SearchTarget } from '../../../src/broker/search/types';

async function run(broker: Broker, targets: SearchTarget[], query: MessageQuery, options?: SearchOptions) {
  const batches: SearchBatch[] = [];
  for await (const b of searchMessages(broker, targets, query, options)) batches.push(b);
  const items: SearchItem[] = batches.flatMap((b) => b.items);
  return { batches, items, last: batches[batches.length - 1] };
}

describe('search over queues, outboxes, streams and delivery objects', () => {
  let clock: FakeClock;
  let broker: Broker;
  let url: string;

  beforeEach(() => {
    clock = new FakeClock();
    broker = new Broker({ clock });
    url = broker.sqs.operations.CreateQueue({ QueueName: 'orders' }).QueueUrl;
  });
  afterEach(() => broker.dispose());

  function send(body: string, attrs: Record<string, string> = {}, delay?: number) {
    clock.advance(1000);
    return broker.sqs.operations.SendMessage({
      QueueUrl: url,
      MessageBody: body,
      ...(delay ? { DelaySeconds: delay } : {}),
      MessageAttributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
    });
  }

  it('finds queue messages by free text, newest first, in every state, without changing them', async () => {
    send('{"order":1,"total":50}');
    send('{"order":2,"total":150}');
    send('{"order":3,"total":250}', {}, 60);
    const received = await broker.sqs.operations.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 });
    assert.equal(received.Messages?.length, 1);
    const before = broker.sqs.peek('orders').messages.map((m) => [m.messageId, m.state, m.receiveCount]);
    const { items, last } = await run(broker, [{ kind: 'queue', name: 'orders' }], { text: 'ORDER' });
    assert.deepEqual(items.map((i) => JSON.parse(i.body).order), [3, 2, 1]);
    assert.deepEqual(items.map((i) => i.state), ['delayed', 'visible', 'inFlight']);
    assert.equal(last.done, true);
    assert.equal(last.scanned, 3);
    assert.equal(last.matched, 3);
    assert.equal(last.total, 3);
    assert.deepEqual(broker.sqs.peek('orders').messages.map((m) => [m.messageId, m.state, m.receiveCount]), before);
  });

  it('keeps to the states asked for, and oldest first when asked', async () => {
    send('a');
    send('b', {}, 30);
    send('c');
    const { items } = await run(broker, [{ kind: 'queue', name: 'orders', states: ['visible'] }], {}, { newestFirst: false });
    assert.deepEqual(items.map((i) => i.body), ['a', 'c']);
  });

  it('matches attribute equality and presence', async () => {
    send('x', { tenant: 'acme', region: 'eu' });
    send('y', { tenant: 'globex' });
    send('z');
    assert.deepEqual((await run(broker, [{ kind: 'queue', name: 'orders' }], { attributes: { tenant: 'acme' } })).items.map((i) => i.body), ['x']);
    assert.deepEqual((await run(broker, [{ kind: 'queue', name: 'orders' }], { attributes: { tenant: '' } })).items.map((i) => i.body), ['y', 'x']);
    assert.deepEqual((await run(broker, [{ kind: 'queue', name: 'orders' }], { attributes: { tenant: 'acme', region: 'us' } })).items, []);
  });

  it('matches a JSONPath predicate, a root filter included, and never a body that is not JSON', async () => {
    send('{"order":1,"total":50,"customer":{"vip":true}}');
    send('{"order":2,"total":150}');
    send('not json at all {"total":999}');
    const byFilter = await run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonpath', expression: '$[?(@.total > 100)]' } });
    assert.deepEqual(byFilter.items.map((i) => JSON.parse(i.body).order), [2]);
    const byPath = await run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonpath', expression: '$.customer.vip' } });
    assert.deepEqual(byPath.items.map((i) => JSON.parse(i.body).order), [1]);
  });

  it('matches a JSONata predicate combined with text; a runtime error on one body is no match', async () => {
    send('{"order":1,"total":50,"tags":["red"]}');
    send('{"order":2,"total":150,"tags":["blue"]}');
    send('{"order":3,"total":"lots"}');
    send('{"order":4,"total":300,"tags":["red"]}');
    const { items } = await run(broker, [{ kind: 'queue', name: 'orders' }], { text: 'red', json: { language: 'jsonata', expression: 'total > 100' } });
    assert.deepEqual(items.map((i) => JSON.parse(i.body).order), [4]);
    const all = await run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonata', expression: '"red" in tags' } });
    assert.deepEqual(all.items.map((i) => JSON.parse(i.body).order), [4, 1]);
  });

  it('refuses a query that cannot run before reading anything', async () => {
    await assert.rejects(run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonata', expression: 'total >' } }), SearchQueryError);
    await assert.rejects(run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonpath', expression: 'total' } }), SearchQueryError);
    await assert.rejects(run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonpath', expression: '$[?(@.total ==)]' } }), SearchQueryError);
    assert.equal((await run(broker, [{ kind: 'queue', name: 'orders' }], { json: { language: 'jsonpath', expression: '$[?(@.a.b == 1)]' } })).items.length, 0);
  });

  it('streams results in batches with running counts, stops at the limit, and reports a missing target', async () => {
    for (let i = 0; i < 50; i++) send(JSON.stringify({ i, even: i % 2 === 0 }));
    const { batches, items, last } = await run(
      broker,
      [{ kind: 'queue', name: 'missing' }, { kind: 'queue', name: 'orders' }],
      { json: { language: 'jsonpath', expression: '$[?(@.even == true)]' } },
      { scanBatch: 10, matchBatch: 1000 },
    );
    assert.ok(batches.length >= 5, `batches: ${batches.length}`);
    assert.deepEqual(batches.map((b) => b.scanned), [...batches.map((b) => b.scanned)].sort((a, b) => a - b));
    assert.equal(items.length, 25);
    assert.equal(items[0].body, JSON.stringify({ i: 48, even: true }));
    assert.equal(last.total, 50);
    assert.equal(last.failures.length, 1);
    assert.equal(last.failures[0].resource, 'missing');
    assert.match(last.failures[0].error, /does not exist/);
    const limited = await run(broker, [{ kind: 'queue', name: 'orders' }], {}, { limit: 3 });
    assert.equal(limited.items.length, 3);
    assert.equal(limited.last.scanned, 3);
  });

  it('searches dead letters and tells where each came from', async () => {
    const dlq = broker.sqs.operations.CreateQueue({ QueueName: 'orders-dlq' }).QueueUrl;
    const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    broker.sqs.operations.SetQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }), VisibilityTimeout: '1' } });
    send('{"poison":true}');
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: url });
    clock.advance(2000);
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: url });
    const { items } = await run(broker, [{ kind: 'queue', name: 'orders-dlq' }], { json: { language: 'jsonata', expression: 'poison' } });
    assert.equal(items.length, 1);
    assert.equal(items[0].deadLetterSourceQueueName, 'orders');
    assert.equal(items[0].receiveCount, 1);
  });

  it('searches a topic\'s outbox by text and protocol', async () => {
    const topicArn = broker.sns.operations.CreateTopic({ Name: 'alerts' }).TopicArn;
    broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550100' });
    await broker.sns.operations.Publish({ TopicArn: topicArn, Message: 'disk full on db-1' });
    await broker.sns.operations.Publish({ TopicArn: topicArn, Message: 'all good' });
    clock.advance(1000);
    const { items } = await run(broker, [{ kind: 'topic', name: 'alerts' }], { text: 'disk', attributes: { protocol: 'sms' } });
    assert.equal(items.length, 1);
    assert.match(items[0].body, /disk full/);
    assert.equal(items[0].attributes.endpoint, '+15555550100');
  });

  describe('streams', () => {
    const put = (data: string | Uint8Array, key: string) => {
      clock.advance(1000);
      return broker.kinesis.operations.PutRecord({ StreamName: 'clicks', PartitionKey: key, Data: typeof data === 'string' ? new TextEncoder().encode(data) : data });
    };
    beforeEach(() => broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 2 }));

    it('reads every shard newest first, or one shard; binary data as base64', async () => {
      const puts = [];
      for (let i = 0; i < 12; i++) puts.push(put(JSON.stringify({ i }), `key-${i}`));
      put(new Uint8Array([0xff, 0xfe, 0x00]), 'bin');
      const all = await run(broker, [{ kind: 'stream', name: 'clicks' }], {});
      assert.equal(all.items.length, 13);
      assert.equal(all.items[0].binary, true);
      assert.equal(all.items[0].body, Buffer.from([0xff, 0xfe, 0x00]).toString('base64'));
      assert.deepEqual(all.items.slice(1).map((i) => JSON.parse(i.body).i), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      const shardId = puts[0].ShardId;
      const one = await run(broker, [{ kind: 'stream', name: 'clicks', shardId }], {}, { newestFirst: false });
      assert.ok(one.items.length > 0 && one.items.every((i) => i.shardId === shardId));
      assert.equal(one.items[0].id, puts[0].SequenceNumber);
      assert.equal(one.items[0].attributes.PartitionKey, 'key-0');
    });

    it('keeps to a time range or from a sequence number', async () => {
      const start = clock.now();
      const puts = [];
      for (let i = 0; i < 10; i++) puts.push(put(JSON.stringify({ i }), 'same'));
      const byTime = await run(broker, [{ kind: 'stream', name: 'clicks', from: { timestamp: start + 3000 }, to: { timestamp: start + 5000 } }], {}, { newestFirst: false });
      assert.deepEqual(byTime.items.map((i) => JSON.parse(i.body).i), [2, 3, 4]);
      assert.equal(byTime.last.total, 3);
      const bySequence = await run(broker, [{ kind: 'stream', name: 'clicks', from: { sequenceNumber: puts[7].SequenceNumber } }], {}, { newestFirst: false });
      assert.deepEqual(bySequence.items.map((i) => JSON.parse(i.body).i), [7, 8, 9]);
      const bad = await run(broker, [{ kind: 'stream', name: 'clicks', from: { sequenceNumber: 'abc' } }], {});
      assert.match(bad.last.failures[0].error, /digits/);
    });

    it('answers a missing stream as a failure with Kinesis\'s words', async () => {
      const { last } = await run(broker, [{ kind: 'stream', name: 'nope' }], {});
      assert.match(last.failures[0].error, /nope/);
    });
  });

  it('searches the objects a delivery stream wrote, line by line for JSON', async () => {
    broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'logs',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/f', BucketARN: 'arn:aws:s3:::landing', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    const enc = (s: string) => ({ Data: new TextEncoder().encode(s) });
    broker.firehose.operations.PutRecordBatch({ DeliveryStreamName: 'logs', Records: [enc('{"level":"info"}\n'), enc('{"level":"error","code":7}\n')] });
    clock.advance(60_000);
    await broker.firehose.flushAll();
    broker.firehose.operations.PutRecordBatch({ DeliveryStreamName: 'logs', Records: [enc('{"level":"info"}\n')] });
    clock.advance(60_000);
    await broker.firehose.flushAll();
    const all = await run(broker, [{ kind: 'deliveryStream', name: 'logs' }], {});
    assert.equal(all.items.length, 2);
    const errors = await run(broker, [{ kind: 'deliveryStream', name: 'logs' }], { json: { language: 'jsonata', expression: 'level = "error"' } });
    assert.equal(errors.items.length, 1);
    assert.match(errors.items[0].id, /logs-/);
    assert.match(errors.items[0].body, /"code":7/);
  });
});
