import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/inspector/protocol';
import { SessionHarness } from './harness';

describe('inspector: dead letters', () => {
  let h: SessionHarness;
  let source: string;
  let dlq: string;
  let ids: string[];

  /** Three messages that fail twice each (maxReceiveCount 2) end up in the DLQ on the third receive. */
  beforeEach(async () => {
    h = new SessionHarness();
    dlq = h.queue('orders-dlq');
    source = h.queue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: h.arn(dlq), maxReceiveCount: 2 }) });
    ids = ['a', 'b', 'c'].map((b) => h.sqs.SendMessage({ QueueUrl: source, MessageBody: b }).MessageId);
    for (let i = 0; i < 3; i++) await h.sqs.ReceiveMessage({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
  });
  afterEach(() => h.dispose());

  it('lists dead letters with their source queue and receive count', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.equal(page.total, 3);
    for (const m of page.messages) {
      assert.equal(m.deadLetterSourceQueueName, 'orders');
      assert.ok(m.receiveCount >= 2);
    }
  });

  it('tells the DLQ panel when a message arrives from its source', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    await s.receive({ type: 'ready' });
    const id = h.sqs.SendMessage({ QueueUrl: source, MessageBody: 'd' }).MessageId;
    for (let i = 0; i < 3; i++) await h.sqs.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 });
    h.flush();
    const changes = h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes);
    assert.ok(changes.some((c) => c.type === 'messageMovedToDeadLetterQueue' && c.messageId === id && c.targetQueueName === 'orders-dlq'));
  });

  it('redrives only the selected messages back to their source; the rest stay, visible', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    const r = await h.request(s, 'queue/redrive', { messageIds: [ids[1]] });
    assert.equal(r.moved, 1);
    const back = await h.request(h.open({ kind: 'queue', name: 'orders' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(back.messages.map((m) => m.preview), ['b']);
    const left = await h.request(s, 'queue/peek', { state: 'visible', offset: 0, limit: 10 });
    assert.deepEqual(left.messages.map((m) => m.preview).sort(), ['a', 'c']);
  });

  it('redrives selected messages without receiving any: the rest keep their receive counts and ids', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    const countsBefore = (await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 })).messages.map((m) => [m.messageId, m.receiveCount]);
    await h.request(s, 'queue/redrive', { messageIds: [ids[1]] });
    const left = (await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 })).messages;
    assert.deepEqual(
      left.map((m) => [m.messageId, m.receiveCount]),
      countsBefore.filter(([id]) => id !== ids[1]),
    );
    // Back in its source it is a new delivery: same id, body and attributes, no receives yet.
    const back = (await h.request(h.open({ kind: 'queue', name: 'orders' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 })).messages;
    assert.deepEqual(back.map((m) => [m.messageId, m.receiveCount, m.state]), [[ids[1], 0, 'visible']]);
    const received = await h.sqs.ReceiveMessage({ QueueUrl: source, AttributeNames: ['All'] });
    assert.equal(received.Messages?.[0].Attributes?.ApproximateReceiveCount, '1');
  });

  it('leaves a selected dead letter that a consumer holds in flight where it is', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    const held = (await h.sqs.ReceiveMessage({ QueueUrl: dlq, VisibilityTimeout: 300 })).Messages![0];
    const r = await h.request(s, 'queue/redrive', { messageIds: ids });
    assert.equal(r.moved, 2);
    const left = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(left.messages.map((m) => [m.messageId, m.state]), [[held.MessageId, 'inFlight']]);
  });

  it('refuses a destination that does not exist or is of the other queue type', async () => {
    h.queue('retry.fifo', { FifoQueue: 'true' });
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    await assert.rejects(h.request(s, 'queue/redrive', { messageIds: [ids[0]], destination: 'nowhere' }), /DestinationArn parameter doesn't exist/);
    await assert.rejects(h.request(s, 'queue/redrive', { messageIds: [ids[0]], destination: 'retry.fifo' }), /must be of the same type/);
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 })).total, 3);
  });

  it('redrives selected messages to another queue', async () => {
    h.queue('retry');
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    await h.request(s, 'queue/redrive', { messageIds: [ids[0], ids[2]], destination: 'retry' });
    const retry = await h.request(h.open({ kind: 'queue', name: 'retry' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(retry.messages.map((m) => m.preview).sort(), ['a', 'c']);
  });

  it('redrives all with a move task whose progress the description shows', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    const r = await h.request(s, 'queue/redrive', {});
    assert.ok(r.taskHandle);
    h.clock.advance(10_000);
    const d = await h.request(s, 'queue/describe', {});
    assert.equal(d.moveTasks.length, 1);
    assert.equal(d.moveTasks[0].status, 'COMPLETED');
    assert.equal(d.moveTasks[0].moved, 3);
    const back = await h.request(h.open({ kind: 'queue', name: 'orders' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.equal(back.total, 3);
  });

  it('records each message\'s path through both queues in its timeline', async () => {
    const s = h.open({ kind: 'queue', name: 'orders-dlq' });
    await h.request(s, 'queue/redrive', { messageIds: [ids[0]] });
    const timeline = await h.request(s, 'queue/activity', { messageId: ids[0] });
    const kinds = timeline.map((e) => e.kind);
    assert.equal(kinds[0], 'sent');
    assert.ok(kinds.includes('movedToDeadLetterQueue'));
    const moved = timeline.find((e) => e.kind === 'movedToDeadLetterQueue')!;
    assert.equal(moved.queueName, 'orders');
    assert.equal(moved.targetQueueName, 'orders-dlq');
    assert.equal(kinds[kinds.length - 1], 'moved', 'a redriven message keeps its id, so its timeline goes on');
  });
});
