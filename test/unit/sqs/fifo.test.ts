import assert from 'node:assert/strict';
import { expectAwsError, invalidParameterValue, SECOND, setup } from './support';

function fifoSetup(attributes: Record<string, string> = {}) {
  const s = setup();
  const url = s.createQueue('q.fifo', { FifoQueue: 'true', ...attributes });
  const send = (MessageBody: string, MessageGroupId = 'g', MessageDeduplicationId = MessageBody.replace(/\W/g, '-')) =>
    s.ops.SendMessage({ QueueUrl: url, MessageBody, MessageGroupId, MessageDeduplicationId });
  const bodies = async (max = 10, VisibilityTimeout?: number) =>
    (await s.ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: max, VisibilityTimeout })).Messages?.map((m) => m.Body) ?? [];
  return { ...s, url, send, bodies };
}

describe('SQS FIFO queues', () => {
  it('gives each message an increasing 20-digit SequenceNumber and reports FIFO attributes', async () => {
    const { ops, url, send } = fifoSetup();
    const a = send('m1');
    const b = send('m2');
    assert.match(a.SequenceNumber ?? '', /^\d{20}$/);
    assert.ok(BigInt(a.SequenceNumber ?? 0) < BigInt(b.SequenceNumber ?? 0));
    const got = await ops.ReceiveMessage({ QueueUrl: url, AttributeNames: ['All'] });
    const attrs = got.Messages?.[0].Attributes ?? {};
    assert.equal(attrs.MessageGroupId, 'g');
    assert.equal(attrs.MessageDeduplicationId, 'm1');
    assert.equal(attrs.SequenceNumber, a.SequenceNumber);
    assert.equal(attrs.ApproximateReceiveCount, '1');
  });

  it('requires a MessageGroupId: MissingParameter alone, InvalidParameterValue in a batch', async () => {
    const { ops, url } = fifoSetup();
    await expectAwsError(() => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' }), {
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: 'The request must contain the parameter MessageGroupId.',
    });
    await expectAwsError(
      () => ops.SendMessageBatch({ QueueUrl: url, Entries: [{ Id: '1', MessageBody: 'x', MessageDeduplicationId: 'd' }] }),
      invalidParameterValue('The request must contain the parameter MessageGroupId.'),
    );
  });

  it('requires a deduplication id unless content-based deduplication is on', async () => {
    const { ops, url } = fifoSetup();
    const expected = invalidParameterValue(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
    await expectAwsError(() => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }), expected);
    await expectAwsError(() => ops.SendMessageBatch({ QueueUrl: url, Entries: [{ Id: '1', MessageBody: 'x', MessageGroupId: 'g' }] }), expected);
  });

  it('refuses a per-message delay but applies the queue delay', async () => {
    const { ops, url, clock, bodies } = fifoSetup({ DelaySeconds: '2' });
    await expectAwsError(
      () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 2 }),
      invalidParameterValue('Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.'),
    );
    ops.SendMessage({ QueueUrl: url, MessageBody: 'message-1', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 0 });
    assert.deepEqual(await bodies(), []);
    clock.advance(2 * SECOND);
    assert.deepEqual(await bodies(), ['message-1']);
  });

  it('delivers a group in order and blocks it while a message is in flight', async () => {
    const { ops, url, send, bodies, clock } = fifoSetup();
    send('a1', 'a');
    send('a2', 'a');
    send('b1', 'b');
    const first = await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 10 });
    assert.equal(first.Messages?.[0].Body, 'a1');
    assert.deepEqual(await bodies(10, 10), ['b1']);
    assert.deepEqual(await bodies(), []);
    clock.advance(10 * SECOND);
    assert.deepEqual(await bodies(10, 10), ['a1', 'a2', 'b1']);
  });

  it('unblocks the group when its head is deleted', async () => {
    const { ops, url, send, bodies } = fifoSetup();
    send('Message 1');
    send('Message 2');
    const handle = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
    assert.deepEqual(await bodies(), []);
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    assert.deepEqual(await bodies(), ['Message 2']);
  });

  it('wakes a long poll when a blocked group is unblocked by a delete', async () => {
    const { ops, url, send } = fifoSetup();
    send('one');
    send('two');
    const handle = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
    const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    assert.equal((await poll).Messages?.[0].Body, 'two');
  });

  it('offers only the visible prefix of a group when part of it stays in flight', async () => {
    const { ops, url, send, bodies, clock } = fifoSetup();
    send('foo');
    send('bar');
    send('baz');
    const handles = (await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3, VisibilityTimeout: 5 })).Messages?.map((m) => m.ReceiptHandle) ?? [];
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handles[2], VisibilityTimeout: 60 });
    clock.advance(5 * SECOND);
    assert.deepEqual(await bodies(), ['foo', 'bar']);
  });

  it('offers nothing while the head of the group stays in flight', async () => {
    const { ops, url, send, bodies, clock } = fifoSetup();
    send('foo');
    send('bar');
    const handles = (await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2, VisibilityTimeout: 5 })).Messages?.map((m) => m.ReceiptHandle) ?? [];
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handles[0], VisibilityTimeout: 60 });
    clock.advance(5 * SECOND);
    assert.deepEqual(await bodies(), []);
  });

  describe('group order (as AWS was recorded to answer)', () => {
    const cbd = () => fifoSetup({ ContentBasedDeduplication: 'true' });
    const sendTo = (s: ReturnType<typeof fifoSetup>, group: string, body: string) =>
      s.ops.SendMessage({ QueueUrl: s.url, MessageBody: body, MessageGroupId: group });

    it('returns a whole group before the next, even when sends interleave', async () => {
      const s = cbd();
      sendTo(s, 'group-1', 'g1-m1');
      sendTo(s, 'group-2', 'g2-m1');
      sendTo(s, 'group-1', 'g1-m2');
      sendTo(s, 'group-1', 'g1-m3');
      assert.deepEqual(await s.bodies(10), ['g1-m1', 'g1-m2', 'g1-m3', 'g2-m1']);
    });

    it('puts groups that were received from behind the others', async () => {
      const s = cbd();
      sendTo(s, 'group-1', 'g1-m1');
      sendTo(s, 'group-2', 'g2-m1');
      sendTo(s, 'group-2', 'g2-m2');
      sendTo(s, 'group-3', 'g3-m1');
      sendTo(s, 'group-1', 'g1-m2');
      assert.deepEqual(await s.bodies(3, 0), ['g1-m1', 'g1-m2', 'g2-m1']);
      assert.deepEqual(await s.bodies(10, 0), ['g3-m1', 'g1-m1', 'g1-m2', 'g2-m1', 'g2-m2']);
    });

    it('shares the visibility timeout within a group and requeues groups as they expire', async () => {
      const s = fifoSetup({ ContentBasedDeduplication: 'true', VisibilityTimeout: '1' });
      for (const body of ['g1-m1', 'g1-m2', 'g1-m3', 'g1-m4']) sendTo(s, 'group-1', body);
      sendTo(s, 'group-2', 'g2-m1');
      sendTo(s, 'group-3', 'g3-m1');
      assert.deepEqual(await s.bodies(2), ['g1-m1', 'g1-m2']);
      assert.deepEqual(await s.bodies(1), ['g2-m1']);
      s.clock.advance(2 * SECOND);
      assert.deepEqual(await s.bodies(10, 0), ['g3-m1', 'g1-m1', 'g1-m2', 'g1-m3', 'g1-m4', 'g2-m1']);
    });

    it('makes a group available again as soon as its oldest message is visible', async () => {
      const s = fifoSetup({ ContentBasedDeduplication: 'true', VisibilityTimeout: '30' });
      sendTo(s, 'group-1', 'g1-m1');
      sendTo(s, 'group-1', 'g1-m2');
      sendTo(s, 'group-2', 'g2-m1');
      const first = (await s.ops.ReceiveMessage({ QueueUrl: s.url, MaxNumberOfMessages: 2 })).Messages ?? [];
      assert.deepEqual(first.map((m) => m.Body), ['g1-m1', 'g1-m2']);
      s.ops.ChangeMessageVisibility({ QueueUrl: s.url, ReceiptHandle: first[0].ReceiptHandle, VisibilityTimeout: 1 });
      s.clock.advance(2 * SECOND);
      assert.deepEqual(await s.bodies(3), ['g2-m1', 'g1-m1']);
    });

    it('keeps a group blocked after a partial delete and frees it after a full one', async () => {
      const s = cbd();
      for (const [g, b] of [['1', 'g1-m1'], ['2', 'g2-m1'], ['1', 'g1-m2'], ['2', 'g2-m2'], ['1', 'g1-m3'], ['1', 'g1-m4'], ['3', 'g3-m1']]) {
        sendTo(s, `group-${g}`, b);
      }
      const first = (await s.ops.ReceiveMessage({ QueueUrl: s.url, MaxNumberOfMessages: 2 })).Messages ?? [];
      assert.deepEqual(first.map((m) => m.Body), ['g1-m1', 'g1-m2']);
      s.ops.DeleteMessage({ QueueUrl: s.url, ReceiptHandle: first[0].ReceiptHandle });
      assert.deepEqual(await s.bodies(10, 0), ['g2-m1', 'g2-m2', 'g3-m1']);
      s.ops.DeleteMessage({ QueueUrl: s.url, ReceiptHandle: first[1].ReceiptHandle });
      assert.deepEqual((await s.bodies(10, 0)).sort(), ['g1-m3', 'g1-m4', 'g2-m1', 'g2-m2', 'g3-m1']);
    });
  });

  describe('deduplication', () => {
    it('answers a repeated deduplication id with the first message and keeps one copy, even after delete', async () => {
      const { ops, url, send, bodies } = fifoSetup();
      const first = send('{"foo": "bar"}', 'g', 'dedup1');
      const again = send('{"foo": "bar"}', 'g', 'dedup1');
      assert.equal(again.MessageId, first.MessageId);
      assert.equal(again.SequenceNumber, first.SequenceNumber);
      const got = await ops.ReceiveMessage({ QueueUrl: url });
      ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: got.Messages?.[0].ReceiptHandle ?? '' });
      send('{"foo": "bar"}', 'g', 'dedup1');
      assert.deepEqual(await bodies(), []);
    });

    it('deduplicates by the SHA-256 of the body with ContentBasedDeduplication', async () => {
      const { ops, url, bodies } = fifoSetup({ ContentBasedDeduplication: 'true' });
      const a = ops.SendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
      const b = ops.SendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'other', MessageGroupId: 'g' });
      assert.equal(a.MessageId, b.MessageId);
      assert.deepEqual(await bodies(), ['same', 'other']);
      const got = await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 0, AttributeNames: ['MessageDeduplicationId'] });
      assert.equal(got.Messages, undefined);
    });

    it('reports the content hash as MessageDeduplicationId', async () => {
      const { ops, url } = fifoSetup({ ContentBasedDeduplication: 'true' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' });
      const got = await ops.ReceiveMessage({ QueueUrl: url, AttributeNames: ['MessageDeduplicationId'] });
      assert.equal(got.Messages?.[0].Attributes?.MessageDeduplicationId, '0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5');
    });

    it('forgets a deduplication id after five minutes', async () => {
      const { send, bodies, clock } = fifoSetup();
      const a = send('x', 'g', 'd');
      clock.advance(5 * 60 * SECOND - 1);
      assert.equal(send('x', 'g', 'd').MessageId, a.MessageId);
      clock.advance(1);
      assert.notEqual(send('x', 'g', 'd').MessageId, a.MessageId);
      assert.deepEqual(await bodies(), ['x', 'x']);
    });

    it('deduplicates across groups with queue scope, not with messageGroup scope', async () => {
      const queueScope = fifoSetup();
      queueScope.send('Test', 'g1', 'same');
      queueScope.send('Test', 'g2', 'same');
      assert.deepEqual(await queueScope.bodies(), ['Test']);

      const groupScope = fifoSetup({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
      groupScope.send('Test', 'g1', 'same');
      groupScope.send('Test', 'g2', 'same');
      assert.deepEqual(await groupScope.bodies(), ['Test', 'Test']);
    });

    it('forgets deduplication ids on purge', async () => {
      const { ops, url, send, bodies } = fifoSetup();
      send('message-1', 'g', 'd');
      ops.PurgeQueue({ QueueUrl: url });
      send('message-2', 'g', 'd');
      assert.deepEqual(await bodies(), ['message-2']);
    });
  });

  describe('receipt handles', () => {
    it('rejects deleting with a handle whose visibility timeout expired', async () => {
      const { ops, url, send, clock } = fifoSetup();
      send('foobar');
      const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
      clock.advance(1500);
      await expectAwsError(
        () => ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle }),
        invalidParameterValue(`Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`),
      );
    });

    it('deletes after the visibility timeout was extended', async () => {
      const { ops, url, send, clock, bodies } = fifoSetup();
      send('foobar');
      const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
      ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 3 });
      clock.advance(1500);
      ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
      clock.advance(5 * SECOND);
      assert.deepEqual(await bodies(), []);
    });

    it('returns the same messages and handles for a retried ReceiveRequestAttemptId', async () => {
      const { ops, url, send } = fifoSetup();
      send('a');
      send('b');
      const first = await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2, ReceiveRequestAttemptId: 'attempt-1' });
      const retry = await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2, ReceiveRequestAttemptId: 'attempt-1' });
      assert.deepEqual(retry.Messages?.map((m) => m.ReceiptHandle), first.Messages?.map((m) => m.ReceiptHandle));
      const other = await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'attempt-2' });
      assert.deepEqual(other, {});
      ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: first.Messages?.[0].ReceiptHandle ?? '' });
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'attempt-1' }), {});
    });
  });

  it('checks ReceiveRequestAttemptId', async () => {
    const { ops, url } = fifoSetup();
    await expectAwsError(
      () => ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'has space' }),
      invalidParameterValue(
        'Value has space for parameter ReceiveRequestAttemptId is invalid. Reason: ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      ),
    );
  });

  it('answers a retried attempt afresh once its messages became visible again', async () => {
    const { ops, url, send, clock } = fifoSetup();
    send('a');
    const first = await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'r', VisibilityTimeout: 5 });
    clock.advance(5 * SECOND);
    const retry = await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'r', AttributeNames: ['ApproximateReceiveCount'] });
    assert.notEqual(retry.Messages?.[0].ReceiptHandle, first.Messages?.[0].ReceiptHandle);
    assert.equal(retry.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
  });

  it('does not repeat a receive attempt whose messages were purged', async () => {
    const { ops, url, send } = fifoSetup();
    send('a');
    await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'r' });
    ops.PurgeQueue({ QueueUrl: url });
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'r' }), {});
  });

  it('counts messages of blocked groups as visible', async () => {
    const { ops, url, send } = fifoSetup();
    send('a1');
    send('a2');
    await ops.ReceiveMessage({ QueueUrl: url });
    const attrs = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }).Attributes;
    assert.deepEqual(attrs, { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '1' });
  });

  it('keeps order in a group of many messages deleted out of order', async () => {
    const { ops, url, send } = fifoSetup();
    for (let i = 0; i < 3000; i++) send(`m${i}`);
    const seen: string[] = [];
    for (;;) {
      const got = (await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages ?? [];
      if (got.length === 0) break;
      seen.push(...got.map((m) => m.Body));
      for (const m of [...got].reverse()) ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    }
    assert.equal(seen.length, 3000);
    assert.deepEqual(seen, Array.from({ length: 3000 }, (_, i) => `m${i}`));
  });
});
