import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrokerOptions } from '../../../src/broker/broker';
import type { InspectorSession } from '../../../src/extension/inspector/session';
import type { InspectorMethod, ParamsOf, RequestError } from '../../../src/inspector/protocol';
import { shardRecords } from '../kinesis/helpers';
import { SessionHarness } from './harness';

/**
 * The inspector writes through the broker's one entry, so with its limits full it gets the answers an
 * AWS client gets over the wire (test/wire/limits.test.ts), shown as a plain message, and changes nothing.
 */
describe('inspector: a broker whose limits are full', () => {
  let h: SessionHarness;
  let dir: string | undefined;

  const open = (options: BrokerOptions) => {
    h = new SessionHarness(options);
    const ops = h.broker;
    const orders = h.arn(h.queue('orders'));
    // A publish that got through would land in `orders`.
    const { TopicArn } = ops.sns.operations.CreateTopic({ Name: 'events' });
    ops.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: orders });
    ops.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
    ops.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'landing',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/f', BucketARN: 'arn:aws:s3:::landing' },
    });
  };

  /** What the webview receives for a request: the error exactly as posted, or undefined on success. */
  const failure = async <M extends InspectorMethod>(session: InspectorSession, method: M, params: ParamsOf<M>): Promise<RequestError | undefined> => {
    const before = h.posted.length;
    await session.receive({ type: 'request', id: 1000 + before, method, params } as never);
    const response = h.posted.slice(before).find((m) => m.type === 'response');
    assert.ok(response && response.type === 'response', `a response to ${method}`);
    return response.ok ? undefined : response.error;
  };

  const plain = (error: RequestError | undefined, code: string, message: RegExp) => {
    assert.ok(error, 'refused');
    assert.deepEqual(Object.keys(error).sort(), ['code', 'message'], 'the error as the webview shows it, nothing else');
    assert.equal(error.code, code);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
  };

  afterEach(async () => {
    h.dispose();
    await h.broker.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  describe('the data folder at its size limit', () => {
    const maxBytes = 16 * 1024;
    const full = /^Service is unable to handle the request: Eventyard's data folder reached its size limit of 16384 bytes\.$/;

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-inspector-limits-'));
      open({ persistence: { dataDir: dir, maxBytes } });
      // Filled by an app before the user turns to the inspector.
      const filler = h.queue('filler');
      while (h.broker.store!.store.bytes < maxBytes) h.sqs.SendMessage({ QueueUrl: filler, MessageBody: 'x'.repeat(1000) });
      await h.broker.store!.durable();
    });

    it("refuses a queue send whole with the wire's ServiceUnavailable, and sends none of its copies", async () => {
      const s = h.open({ kind: 'queue', name: 'orders' });
      plain(await failure(s, 'queue/send', { body: 'one', attributes: {}, copies: 1 }), 'ServiceUnavailable', full);
      plain(await failure(s, 'queue/send', { body: 'many', attributes: {}, copies: 25 }), 'ServiceUnavailable', full);
      assert.equal(h.broker.sqs.peek('orders').total, 0, 'nothing half-sent');
    });

    it('refuses a publish, a record put and a delivery-stream put the same way, and keeps none of them', async () => {
      const topic = h.open({ kind: 'topic', name: 'events' });
      plain(await failure(topic, 'topic/publish', { message: 'm', attributes: {} }), 'ServiceUnavailable', full);
      const stream = h.open({ kind: 'stream', name: 'clicks' });
      plain(await failure(stream, 'stream/put', { partitionKey: 'p', data: 'r' }), 'ServiceUnavailable', full);
      const delivery = h.open({ kind: 'deliveryStream', name: 'landing' });
      plain(await failure(delivery, 'deliveryStream/put', { data: 'd' }), 'ServiceUnavailable', full);
      const bus = h.open({ kind: 'bus', name: 'default' });
      plain(await failure(bus, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{}' }), 'ServiceUnavailable', full);
      h.clock.advance(1000);
      assert.equal(h.broker.sqs.peek('orders').total, 0, 'no publish delivered');
      assert.equal(h.broker.eventbridge.recentEvents('default').length, 0, 'no event put');
      assert.equal(shardRecords(h.broker.kinesis, 'clicks', 'shardId-000000000000').length, 0);
      assert.equal(h.broker.firehose.listDeliveryStreamSummaries()[0].bufferedRecords, 0);
    });

    it('still deletes and purges, so the user can make room from the inspector', async () => {
      const s = h.open({ kind: 'queue', name: 'filler' });
      const waiting = h.broker.sqs.peek('filler', { offset: 0, limit: 2 }).messages.map((m) => m.messageId);
      assert.equal(await failure(s, 'queue/delete', { messageIds: waiting }), undefined);
      assert.equal(await failure(s, 'queue/purge', {}), undefined);
      assert.equal(h.broker.sqs.peek('filler').total, 0);
    });
  });

  describe('the memory budget full', () => {
    beforeEach(() => {
      open({ maxMemoryBytes: 1024 * 1024 });
      // Four messages of 256 KiB - 1 leave four bytes of the MiB: nothing of five bytes or more fits.
      const filler = h.queue('filler');
      for (let i = 0; i < 4; i++) h.sqs.SendMessage({ QueueUrl: filler, MessageBody: 'x'.repeat(256 * 1024 - 1) });
    });

    it("gives each service's own refusal, as SDKs get it over the wire, and keeps nothing", async () => {
      const budget = /memory budget is full/;
      const queue = h.open({ kind: 'queue', name: 'orders' });
      plain(await failure(queue, 'queue/send', { body: 'hello', attributes: {}, copies: 1 }), 'OverLimit', budget);
      plain(await failure(h.open({ kind: 'topic', name: 'events' }), 'topic/publish', { message: 'hello', attributes: {} }), 'Throttled', budget);
      plain(
        await failure(h.open({ kind: 'stream', name: 'clicks' }), 'stream/put', { partitionKey: 'p', data: 'hello' }),
        'ProvisionedThroughputExceededException',
        budget,
      );
      plain(
        await failure(h.open({ kind: 'deliveryStream', name: 'landing' }), 'deliveryStream/put', { data: 'hello' }),
        'ServiceUnavailableException',
        budget,
      );
      h.clock.advance(1000);
      assert.equal(h.broker.sqs.peek('orders').total, 0);
      assert.equal(shardRecords(h.broker.kinesis, 'clicks', 'shardId-000000000000').length, 0);
      assert.equal(h.broker.firehose.listDeliveryStreamSummaries()[0].bufferedRecords, 0);
    });

    it('answers a send of several copies with one refusal per copy, as SendMessageBatch does, and sends none', async () => {
      const result = await h.request(h.open({ kind: 'queue', name: 'orders' }), 'queue/send', { body: 'hello', attributes: {}, copies: 3 });
      assert.deepEqual(result.messageIds, []);
      assert.deepEqual(result.failed.map((f) => f.code), ['OverLimit', 'OverLimit', 'OverLimit']);
      assert.equal(h.broker.sqs.peek('orders').total, 0);
    });
  });
});
