import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/inspector/protocol';
import { SessionHarness } from './harness';

describe('inspector: queue session', () => {
  let h: SessionHarness;
  beforeEach(() => (h = new SessionHarness()));
  afterEach(() => h.dispose());

  it('answers ready with the resource, the broker clock and everything the local broker offers', async () => {
    h.queue('orders');
    const s = h.open({ kind: 'queue', name: 'orders' });
    await s.receive({ type: 'ready' });
    assert.deepEqual(h.posted[0], { type: 'init', resource: { kind: 'queue', name: 'orders' }, now: h.clock.now(), capabilities: { peek: true, deliveryLog: true, liveChanges: true, writable: true } });
  });

  it('describes counts, FIFO-ness and the dead-letter relation from both sides', async () => {
    const dlq = h.queue('orders-dlq');
    const src = h.queue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: h.arn(dlq), maxReceiveCount: 3 }) });
    h.sqs.SendMessage({ QueueUrl: src, MessageBody: 'a' });
    h.sqs.SendMessage({ QueueUrl: src, MessageBody: 'b', DelaySeconds: 60 });
    await h.sqs.ReceiveMessage({ QueueUrl: src });
    const source = await h.request(h.open({ kind: 'queue', name: 'orders' }), 'queue/describe', {});
    assert.deepEqual(source.counts, { visible: 0, inFlight: 1, delayed: 1 });
    assert.deepEqual(source.deadLetterQueue, { name: 'orders-dlq', maxReceiveCount: 3 });
    assert.equal(source.fifo, false);
    const target = await h.request(h.open({ kind: 'queue', name: 'orders-dlq' }), 'queue/describe', {});
    assert.deepEqual(target.sourceQueues, ['orders']);
    assert.equal(target.deadLetterQueue, undefined);
  });

  it('reports a missing queue with the error an AWS client gets', async () => {
    const s = h.open({ kind: 'queue', name: 'nope' });
    await assert.rejects(h.request(s, 'queue/describe', {}), (e: Error & { code: string }) => {
      assert.match(e.code, /NonExistentQueue|QueueDoesNotExist/);
      return true;
    });
  });

  it('refuses a request that does not belong to the resource kind', async () => {
    h.queue('orders');
    await assert.rejects(h.request(h.open({ kind: 'queue', name: 'orders' }), 'stream/describe', {}), /not available for a queue/);
  });

  it('peeks pages without receiving, and filters by text and by attribute', async () => {
    const url = h.queue('orders');
    for (let i = 0; i < 250; i++) {
      h.sqs.SendMessage({
        QueueUrl: url,
        MessageBody: JSON.stringify({ orderId: i }),
        MessageAttributes: { tenant: { DataType: 'String', StringValue: i % 5 === 0 ? 'acme' : 'globex' } },
      });
    }
    const s = h.open({ kind: 'queue', name: 'orders' });
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 100, limit: 50 });
    assert.equal(page.total, 250);
    assert.equal(page.messages.length, 50);
    assert.equal(page.messages[0].preview, '{"orderId":100}');
    assert.equal(page.messages[0].receiveCount, 0);
    const byText = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10, text: '"ORDERID":12' });
    assert.deepEqual(byText.messages.map((m) => m.preview), ['{"orderId":12}', '{"orderId":120}', '{"orderId":121}', '{"orderId":122}', '{"orderId":123}', '{"orderId":124}', '{"orderId":125}', '{"orderId":126}', '{"orderId":127}', '{"orderId":128}']);
    assert.equal(byText.total, 11);
    const byAttr = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 100, attribute: 'tenant=acme' });
    assert.equal(byAttr.total, 50);
    const anyTenant = await h.request(s, 'queue/peek', { state: 'visible', offset: 0, limit: 1, attribute: 'tenant' });
    assert.equal(anyTenant.total, 250);
    const attrs = await h.sqs.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] });
    assert.equal(attrs.Attributes!.ApproximateNumberOfMessages, '250', 'peeking changed nothing');
  });

  it('keeps list previews short and gives the whole body in the detail', async () => {
    const url = h.queue('orders');
    const body = 'x'.repeat(5000);
    const { MessageId } = h.sqs.SendMessage({ QueueUrl: url, MessageBody: body, MessageAttributes: { k: { DataType: 'Number', StringValue: '7' } } });
    const s = h.open({ kind: 'queue', name: 'orders' });
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.equal(page.messages[0].preview.length, 240);
    const detail = await h.request(s, 'queue/message', { messageId: MessageId });
    assert.equal(detail?.body, body);
    assert.deepEqual(detail?.messageAttributes.k, { DataType: 'Number', StringValue: '7', BinaryValue: undefined });
    assert.equal(detail?.attributes.SentTimestamp, String(h.clock.now()));
    assert.equal(await h.request(s, 'queue/message', { messageId: 'gone' }), null);
  });

  it('sends one message, or N copies in batches, through the engine', async () => {
    const url = h.queue('orders');
    const s = h.open({ kind: 'queue', name: 'orders' });
    const one = await h.request(s, 'queue/send', { body: '{"a":1}', attributes: { kind: { DataType: 'String', StringValue: 'test' } }, copies: 1 });
    assert.equal(one.messageIds.length, 1);
    const many = await h.request(s, 'queue/send', { body: 'copy', attributes: {}, copies: 25, delaySeconds: 30 });
    assert.equal(many.messageIds.length, 25);
    assert.equal(new Set(many.messageIds).size, 25);
    const attrs = h.sqs.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes!;
    assert.equal(attrs.ApproximateNumberOfMessages, '1');
    assert.equal(attrs.ApproximateNumberOfMessagesDelayed, '25');
  });

  it('sends a batch of different messages, one per line, in order', async () => {
    h.queue('orders');
    const s = h.open({ kind: 'queue', name: 'orders' });
    const bodies = Array.from({ length: 23 }, (_, i) => `{"n":${i}}`);
    const r = await h.request(s, 'queue/send', { body: '', bodies, attributes: {}, copies: 1 });
    assert.equal(r.messageIds.length, 23);
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 100 });
    assert.deepEqual(page.messages.map((m) => m.preview), bodies);
  });

  it('gives each FIFO copy its own deduplication id so none is dropped', async () => {
    h.queue('orders.fifo', { FifoQueue: 'true' });
    const s = h.open({ kind: 'queue', name: 'orders.fifo' });
    const r = await h.request(s, 'queue/send', { body: 'x', attributes: {}, copies: 3, messageGroupId: 'g', messageDeduplicationId: 'd' });
    assert.equal(r.messageIds.length, 3);
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(page.messages.map((m) => m.messageGroupId), ['g', 'g', 'g']);
  });

  it('passes the engine validation errors through on send', async () => {
    h.queue('orders.fifo', { FifoQueue: 'true' });
    const s = h.open({ kind: 'queue', name: 'orders.fifo' });
    await assert.rejects(h.request(s, 'queue/send', { body: 'x', attributes: {}, copies: 1 }), (e: Error & { code: string }) => {
      assert.ok(e.code, 'the AWS error code is kept');
      assert.match(e.message, /MessageGroupId/);
      return true;
    });
  });

  it('shows a received message in flight with its handle and countdown span, then releases it', async () => {
    const url = h.queue('orders', { VisibilityTimeout: '30' });
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'work' });
    h.clock.advance(1000);
    const receivedAt = h.clock.now();
    const [m] = (await h.sqs.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 12 })).Messages!;
    const s = h.open({ kind: 'queue', name: 'orders' });
    const [row] = (await h.request(s, 'queue/peek', { state: 'inFlight', offset: 0, limit: 10 })).messages;
    assert.equal(row.receiptHandle, m.ReceiptHandle);
    assert.equal(row.visibleAt, receivedAt + 12000);
    assert.equal(row.hiddenSince, receivedAt);
    h.clock.advance(5000);
    await h.request(s, 'queue/changeVisibility', { receiptHandle: m.ReceiptHandle, visibilityTimeout: 60 });
    const [extended] = (await h.request(s, 'queue/peek', { state: 'inFlight', offset: 0, limit: 10 })).messages;
    assert.equal(extended.visibleAt, h.clock.now() + 60000);
    assert.equal(extended.hiddenSince, h.clock.now(), 'the bar restarts at the new timeout');
    await h.request(s, 'queue/changeVisibility', { receiptHandle: m.ReceiptHandle, visibilityTimeout: 0 });
    const visible = await h.request(s, 'queue/peek', { state: 'visible', offset: 0, limit: 10 });
    assert.equal(visible.total, 1);
    assert.equal(visible.messages[0].visibleAt, undefined);
  });

  it('deletes an in-flight message by its receipt handle', async () => {
    const url = h.queue('orders');
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'work' });
    const [m] = (await h.sqs.ReceiveMessage({ QueueUrl: url })).Messages!;
    const s = h.open({ kind: 'queue', name: 'orders' });
    assert.deepEqual(await h.request(s, 'queue/delete', { receiptHandles: [m.ReceiptHandle] }), { deleted: 1 });
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 })).total, 0);
  });

  it('deletes visible messages by id and leaves the others visible', async () => {
    const url = h.queue('orders');
    const ids = Array.from({ length: 30 }, (_, i) => h.sqs.SendMessage({ QueueUrl: url, MessageBody: `m${i}` }).MessageId);
    const s = h.open({ kind: 'queue', name: 'orders' });
    const r = await h.request(s, 'queue/delete', { messageIds: [ids[3], ids[17], ids[29]] });
    assert.equal(r.deleted, 3);
    const left = await h.request(s, 'queue/peek', { state: 'visible', offset: 0, limit: 100 });
    assert.equal(left.total, 27);
    assert.ok(!left.messages.some((m) => [ids[3], ids[17], ids[29]].includes(m.messageId)));
    assert.ok(left.messages.every((m) => m.receiveCount === 0), 'deleting by id receives no other message');
  });

  it('leaves a selected message that a consumer holds in flight', async () => {
    const url = h.queue('orders');
    const ids = ['a', 'b'].map((b) => h.sqs.SendMessage({ QueueUrl: url, MessageBody: b }).MessageId);
    const [held] = (await h.sqs.ReceiveMessage({ QueueUrl: url })).Messages!;
    const s = h.open({ kind: 'queue', name: 'orders' });
    assert.deepEqual(await h.request(s, 'queue/delete', { messageIds: ids }), { deleted: 1 });
    const left = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(left.messages.map((m) => [m.messageId, m.state]), [[held.MessageId, 'inFlight']]);
    const timeline = await h.request(s, 'queue/activity', { messageId: ids.find((id) => id !== held.MessageId)! });
    assert.equal(timeline.at(-1)?.kind, 'deleted');
  });

  it('purges', async () => {
    const url = h.queue('orders');
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const s = h.open({ kind: 'queue', name: 'orders' });
    await h.request(s, 'queue/purge', {});
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 1 })).total, 0);
  });

  it('lists queue names for the redrive destination picker', async () => {
    h.queue('b');
    h.queue('a');
    assert.deepEqual(await h.request(h.open({ kind: 'queue', name: 'a' }), 'queue/list', {}), ['a', 'b']);
  });

  it('forwards only this queue\'s changes, batched, with a tally by type', async () => {
    const url = h.queue('orders');
    const other = h.queue('other');
    const s = h.open({ kind: 'queue', name: 'orders' });
    await s.receive({ type: 'ready' });
    h.posted.length = 0;
    for (let i = 0; i < 600; i++) h.sqs.SendMessage({ QueueUrl: url, MessageBody: `m${i}` });
    h.sqs.SendMessage({ QueueUrl: other, MessageBody: 'elsewhere' });
    assert.equal(h.posted.length, 0, 'nothing is posted before the batch flushes');
    h.flush();
    assert.equal(h.posted.length, 1);
    const batch = h.posted[0] as Extract<HostMessage, { type: 'changed' }>;
    assert.equal(batch.type, 'changed');
    assert.equal(batch.changes.length, 500);
    assert.equal(batch.dropped, 100);
    assert.deepEqual(batch.tally, { messageSent: 600 });
    assert.ok(batch.changes.every((c) => c.type === 'messageSent' && c.messageId));
    // The notice keeps the event's service, type, time and message fields, not the message itself.
    assert.deepEqual(Object.keys(batch.changes[0]).sort(), ['at', 'messageId', 'receiveCount', 'service', 'type']);
  });

  it('stops forwarding when disposed', async () => {
    const url = h.queue('orders');
    const s = h.open({ kind: 'queue', name: 'orders' });
    await s.receive({ type: 'ready' });
    s.dispose();
    h.posted.length = 0;
    h.sqs.SendMessage({ QueueUrl: url, MessageBody: 'late' });
    h.flush();
    assert.equal(h.posted.length, 0);
  });
});
