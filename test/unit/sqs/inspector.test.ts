import assert from 'node:assert/strict';
import { expectAwsError, queueDoesNotExist, SECOND, setup } from './support';

const START = Date.UTC(2026, 0, 1);

describe('SQS inspector surface', () => {
  describe('peek', () => {
    it('shows messages in every state without receiving them', async () => {
      const { ops, sqs, createQueue } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'in-flight', MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'visible' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 30 });
      const received = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 60 })).Messages?.[0];

      const all = sqs.peek('q');
      assert.equal(all.total, 3);
      assert.deepEqual(all.counts, { visible: 1, inFlight: 1, delayed: 1 }, 'the counters, read with the messages');
      assert.deepEqual(all.messages.map((m) => [m.body, m.state]), [
        ['in-flight', 'inFlight'],
        ['visible', 'visible'],
        ['delayed', 'delayed'],
      ]);
      const [inFlight, visible, delayed] = all.messages;
      assert.equal(inFlight.receiptHandle, received?.ReceiptHandle);
      assert.equal(inFlight.visibleAt, START + 60 * SECOND);
      assert.equal(inFlight.receiveCount, 1);
      assert.equal(inFlight.firstReceiveTimestamp, START);
      assert.deepEqual(inFlight.messageAttributes, { a: { DataType: 'String', StringValue: 'v' } });
      assert.equal(inFlight.size, 'in-flight'.length + 'a'.length + 'String'.length + 'v'.length);
      assert.equal(inFlight.attributes.ApproximateReceiveCount, '1');
      assert.equal(visible.receiptHandle, undefined);
      assert.equal(visible.visibleAt, undefined);
      assert.equal(delayed.visibleAt, START + 30 * SECOND);

      sqs.peek('q');
      const again = await ops.ReceiveMessage({ QueueUrl: url, AttributeNames: ['ApproximateReceiveCount'] });
      assert.deepEqual(again.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount]), [['visible', '1']]);
    });

    it('filters by state and pages with offset and limit', () => {
      const { ops, sqs, createQueue } = setup();
      const url = createQueue('q');
      for (let i = 0; i < 25; i++) ops.SendMessage({ QueueUrl: url, MessageBody: `m${i}`, DelaySeconds: i % 5 === 0 ? 10 : 0 });
      const page = sqs.peek('q', { state: 'visible', offset: 5, limit: 3 });
      assert.equal(page.total, 20);
      assert.deepEqual(page.messages.map((m) => m.body), ['m7', 'm8', 'm9']);
      const delayed = sqs.peek('q', { state: 'delayed' });
      assert.deepEqual(delayed.messages.map((m) => m.body), ['m0', 'm5', 'm10', 'm15', 'm20']);
      assert.equal(sqs.peek('q', { offset: 24, limit: 10 }).messages.length, 1);
      assert.equal(sqs.peek('q', { state: 'inFlight' }).total, 0);
      assert.deepEqual(page.counts, { visible: 20, inFlight: 0, delayed: 5 }, 'a page of one state still has every counter');
    });

    it('shows FIFO identifiers', () => {
      const { ops, sqs, createQueue } = setup();
      const url = createQueue('q.fifo', { FifoQueue: 'true' });
      const sent = ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
      const [m] = sqs.peek('q.fifo').messages;
      assert.deepEqual([m.messageGroupId, m.messageDeduplicationId, m.sequenceNumber], ['g', 'd', sent.SequenceNumber]);
    });

    it('answers QueueDoesNotExist for an unknown queue', async () => {
      const { sqs } = setup();
      await expectAwsError(() => sqs.peek('nope'), queueDoesNotExist);
    });
  });

  describe('queue summaries', () => {
    it('summarise counts, type and attributes of every queue, sorted by name', async () => {
      const { ops, sqs, createQueue } = setup();
      const b = createQueue('b');
      createQueue('a.fifo', { FifoQueue: 'true' });
      ops.SendMessage({ QueueUrl: b, MessageBody: '1' });
      ops.SendMessage({ QueueUrl: b, MessageBody: '2' });
      ops.SendMessage({ QueueUrl: b, MessageBody: '3', DelaySeconds: 5 });
      await ops.ReceiveMessage({ QueueUrl: b });
      const [fifo, standard] = sqs.listQueueSummaries('http://localhost:4566');
      assert.equal(fifo.name, 'a.fifo');
      assert.equal(fifo.fifo, true);
      assert.deepEqual(
        { name: standard.name, url: standard.url, arn: standard.arn, fifo: standard.fifo, visible: standard.visible, inFlight: standard.inFlight, delayed: standard.delayed },
        {
          name: 'b',
          url: 'http://localhost:4566/000000000000/b',
          arn: 'arn:aws:sqs:us-east-1:000000000000:b',
          fifo: false,
          visible: 1,
          inFlight: 1,
          delayed: 1,
        },
      );
      assert.deepEqual(standard.sourceQueueNames, []);
      assert.equal(standard.attributes.VisibilityTimeout, '30');
    });
  });

  describe('change events', () => {
    it('emits one event per state change, with the message for sends', async () => {
      const { ops, createQueue, events, clock } = setup();
      const url = createQueue('q');
      const sent = ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 5 })).Messages?.[0].ReceiptHandle ?? '';
      ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 10 });
      clock.advance(10 * SECOND);
      const again = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
      ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: again });
      assert.deepEqual(events.map((e) => e.type), [
        'queueCreated',
        'messageSent',
        'messageReceived',
        'visibilityChanged',
        'messageVisible',
        'messageReceived',
        'messageDeleted',
      ]);
      const send = events[1];
      assert.ok('messageId' in send);
      assert.equal(send.messageId, sent.MessageId);
      assert.equal(send.record?.body, 'x');
      assert.equal(send.size, 1);
      assert.equal(send.at, START);
      const received = events[2];
      assert.ok('visibleAt' in received);
      assert.equal(received.visibleAt, START + 5 * SECOND);
      assert.equal(received.receiveCount, 1);
      const changed = events[3];
      assert.ok('visibleAt' in changed);
      assert.equal(changed.visibleAt, START + 10 * SECOND);
      assert.equal(events[4].at, START + 10 * SECOND);
    });

    it('emits delayed messages becoming visible', () => {
      const { ops, createQueue, events, clock } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 3 });
      clock.advance(3 * SECOND);
      assert.deepEqual(events.map((e) => [e.type, e.at]), [
        ['queueCreated', START],
        ['messageSent', START],
        ['messageVisible', START + 3 * SECOND],
      ]);
    });

    it('does not emit for a deduplicated FIFO send', () => {
      const { ops, createQueue, events } = setup();
      const url = createQueue('q.fifo', { FifoQueue: 'true' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
      assert.equal(events.filter((e) => e.type === 'messageSent').length, 1);
    });
  });

  describe('scale', () => {
    it('keeps 100,000 in-flight messages on one timer and pages them cheaply', async function () {
      // Generous because other work may share the machine; nothing here asserts on elapsed time.
      this.timeout(120_000);
      const { ops, createQueue, clock, sqs, broker } = setup({ collectEvents: false });
      const url = createQueue('big');
      const total = 100_000;
      for (let i = 0; i < total; i += 10) {
        ops.SendMessageBatch({ QueueUrl: url, Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: `m${i + j}` })) });
      }
      for (let i = 0; i < total; i += 10) await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 30 });
      assert.equal(sqs.peek('big', { state: 'inFlight', limit: 0 }).total, total);
      assert.equal(clock.pendingTimers, 1);
      assert.ok(broker.scheduler.size > total);
      const tail = sqs.peek('big', { offset: total - 10, limit: 10 });
      assert.deepEqual(tail.messages.map((m) => m.body), Array.from({ length: 10 }, (_, i) => `m${total - 10 + i}`));
      clock.advance(30 * SECOND);
      assert.equal(sqs.peek('big', { state: 'visible', limit: 0 }).total, total);
      assert.equal(clock.pendingTimers, 1);
    });
  });
});
