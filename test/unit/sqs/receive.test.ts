import assert from 'node:assert/strict';
import { expectAwsError, invalidParameterValue, SECOND, setup } from './support';

const START = Date.UTC(2026, 0, 1);

describe('SQS ReceiveMessage', () => {
  it('returns nothing from an empty queue and the message once sent', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    const sent = ops.SendMessage({ QueueUrl: url, MessageBody: 'message' });
    const got = await ops.ReceiveMessage({ QueueUrl: url });
    assert.equal(got.Messages?.length, 1);
    const [m] = got.Messages ?? [];
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.Body, 'message');
    assert.equal(m.MD5OfBody, sent.MD5OfMessageBody);
    assert.ok(m.ReceiptHandle);
    assert.equal(m.Attributes, undefined);
    assert.equal(m.MessageAttributes, undefined);
  });

  it('returns up to MaxNumberOfMessages and validates the range', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    for (let i = 0; i < 12; i++) ops.SendMessage({ QueueUrl: url, MessageBody: `m${i}` });
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages?.length, 10);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages?.length, 2);
    for (const n of [0, 11]) {
      await expectAwsError(
        () => ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: n }),
        invalidParameterValue(`Value ${n} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`),
      );
    }
  });

  it('validates WaitTimeSeconds and VisibilityTimeout', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    for (const n of [21, -1]) {
      await expectAwsError(
        () => ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: n }),
        invalidParameterValue(`Value ${n} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`),
      );
    }
    await expectAwsError(
      () => ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 43201 }),
      invalidParameterValue('Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.'),
    );
  });

  describe('system attributes', () => {
    it('selects All, single and several system attributes, through both parameter names', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'msg' });
      clock.advance(2 * SECOND);
      const all = await ops.ReceiveMessage({ QueueUrl: url, AttributeNames: ['All'], VisibilityTimeout: 0 });
      assert.deepEqual(all.Messages?.[0].Attributes, {
        SenderId: '000000000000',
        SentTimestamp: String(START),
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(START + 2 * SECOND),
      });
      const again = await ops.ReceiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 });
      assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
      assert.equal(again.Messages?.[0].Attributes?.ApproximateFirstReceiveTimestamp, String(START + 2 * SECOND));
      const single = await ops.ReceiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['SenderId'], VisibilityTimeout: 0 });
      assert.deepEqual(single.Messages?.[0].Attributes, { SenderId: '000000000000' });
      const mixed = await ops.ReceiveMessage({
        QueueUrl: url,
        AttributeNames: ['SenderId'],
        MessageSystemAttributeNames: ['SentTimestamp', 'MessageGroupId'],
        VisibilityTimeout: 0,
      });
      assert.deepEqual(mixed.Messages?.[0].Attributes, { SenderId: '000000000000', SentTimestamp: String(START) });
    });
  });

  describe('message attributes', () => {
    const attributes = {
      General: { DataType: 'String', StringValue: 'Kenobi' },
      Hello: { DataType: 'String', StringValue: 'There' },
      'Help.Me': { DataType: 'String', StringValue: 'Me' },
    };
    const receiveWith = async (names?: string[]) => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: attributes });
      const got = await ops.ReceiveMessage({ QueueUrl: url, MessageAttributeNames: names });
      const [m] = got.Messages ?? [];
      return { names: m.MessageAttributes ? Object.keys(m.MessageAttributes) : undefined, md5: m.MD5OfMessageAttributes };
    };

    it('returns none unless asked', async () => {
      assert.deepEqual(await receiveWith(), { names: undefined, md5: undefined });
      assert.deepEqual(await receiveWith(['Unknown']), { names: undefined, md5: undefined });
    });

    it('returns all for All and .*', async () => {
      for (const names of [['All'], ['.*']]) {
        assert.deepEqual(await receiveWith(names), { names: ['General', 'Hello', 'Help.Me'], md5: '4c360f3fdafd970e05fae2f149d997f5' });
      }
    });

    it('returns named and prefix-matched attributes with the MD5 of what it returns', async () => {
      assert.deepEqual(await receiveWith(['General', 'Hello']), { names: ['General', 'Hello'], md5: 'fca026605781cb4126a1e9044df24232' });
      assert.deepEqual(await receiveWith(['Hello', 'Missing']), { names: ['Hello'], md5: 'a311262e065454b75da111d535b8dacd' });
      assert.deepEqual(await receiveWith(['Hel.*']), { names: ['Hello', 'Help.Me'], md5: '83fee93c1bcd8b9a5a923ffacdc636c7' });
    });
  });

  describe('long polling', () => {
    it('waits WaitTimeSeconds on the fake clock and answers empty', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q');
      let settled = false;
      const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 }).then((r) => ((settled = true), r));
      clock.advance(19 * SECOND);
      await Promise.resolve();
      assert.equal(settled, false);
      clock.advance(1 * SECOND);
      assert.deepEqual(await poll, {});
    });

    it('answers as soon as a message arrives', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q');
      const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      clock.advance(3 * SECOND);
      ops.SendMessage({ QueueUrl: url, MessageBody: 'late' });
      const got = await poll;
      assert.equal(got.Messages?.[0].Body, 'late');
      assert.equal(got.Messages?.[0].ReceiptHandle !== undefined, true);
      assert.equal(clock.now(), START + 3 * SECOND);
    });

    it('uses the queue ReceiveMessageWaitTimeSeconds by default', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q', { ReceiveMessageWaitTimeSeconds: '10' });
      const poll = ops.ReceiveMessage({ QueueUrl: url });
      clock.advance(5 * SECOND);
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      assert.equal((await poll).Messages?.length, 1);
      const explicit = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 0 });
      assert.deepEqual(await explicit, {});
    });

    it('wakes when an in-flight message becomes visible again', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 5 });
      const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      clock.advance(5 * SECOND);
      const got = await poll;
      assert.equal(got.Messages?.[0].Body, 'x');
      assert.equal(clock.now(), START + 5 * SECOND);
    });

    it('serves several waiting consumers in turn, one message each', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      const a = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      const b = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'one' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'two' });
      assert.deepEqual([(await a).Messages?.[0].Body, (await b).Messages?.[0].Body], ['one', 'two']);
    });

    it('leaves no timer behind once answered', async () => {
      const { ops, createQueue, broker } = setup();
      const url = createQueue('q');
      const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      assert.equal(broker.scheduler.size, 1);
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      await poll;
      // What remains: the received message's visibility deadline and the queue's retention deadline.
      assert.equal(broker.scheduler.size, 2);
    });

    it('stops waiting when its client goes away, so the next message goes to a consumer still there', async () => {
      const { ops, createQueue, broker } = setup();
      const url = createQueue('q');
      const gone = new AbortController();
      const abandoned = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 }, { signal: gone.signal });
      const waiting = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      gone.abort();
      assert.deepEqual(await abandoned, {});
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      assert.equal((await waiting).Messages?.[0].Body, 'x');
      const counts = broker.sqs.listQueueSummaries()[0];
      assert.deepEqual([counts.visible, counts.inFlight], [0, 1]);
    });

    it('takes nothing for a client already gone, even when messages are there', async () => {
      const { ops, createQueue, broker } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      const gone = new AbortController();
      gone.abort();
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 }, { signal: gone.signal }), {});
      const counts = broker.sqs.listQueueSummaries()[0];
      assert.deepEqual([counts.visible, counts.inFlight], [1, 0]);
      // The abandoned poll left no wake-up deadline behind either.
      assert.equal(broker.scheduler.size, 1);
    });
  });
});

describe('SQS visibility timeout', () => {
  it('hides a received message for the queue VisibilityTimeout, then returns it with a new handle', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q', { VisibilityTimeout: '10' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const first = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0];
    clock.advance(10 * SECOND - 1);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    clock.advance(1);
    const second = (await ops.ReceiveMessage({ QueueUrl: url, AttributeNames: ['ApproximateReceiveCount'] })).Messages?.[0];
    assert.equal(second?.MessageId, first?.MessageId);
    assert.notEqual(second?.ReceiptHandle, first?.ReceiptHandle);
    assert.equal(second?.Attributes?.ApproximateReceiveCount, '2');
  });

  it('honours a per-receive VisibilityTimeout, including 0', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 0 });
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 2 })).Messages?.length, 1);
    clock.advance(2 * SECOND);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('ChangeMessageVisibility extends, shortens and ends the timeout', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 5 })).Messages?.[0].ReceiptHandle ?? '';
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 60 });
    clock.advance(59 * SECOND);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 });
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('counts the new timeout from the moment of the change', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 30 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(20 * SECOND);
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 5 });
    clock.advance(5 * SECOND - 1);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    clock.advance(1);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('limits the total visibility of one receive to 12 hours', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 43200 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(6 * 3600 * SECOND);
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 6 * 3600 });
    await expectAwsError(
      () => ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 6 * 3600 + 1 }),
      invalidParameterValue(
        'Value 21601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds].',
      ),
    );
    clock.advance(6 * 3600 * SECOND - 1);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    clock.advance(1);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('rejects a timeout outside 0-43200', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
    await expectAwsError(
      () => ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43201 }),
      invalidParameterValue('Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.'),
    );
  });

  it('accepts a change after the timeout expired and leaves the message visible', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(2 * SECOND);
    assert.deepEqual(ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 1 }), {});
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('lets an older handle of a standard queue message end the visibility of a later receive', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'test' });
    const first = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 0 })).Messages?.[0].ReceiptHandle ?? '';
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 3 })).Messages?.length, 1);
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: first, VisibilityTimeout: 0 });
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('rejects a handle whose message was deleted, and a stale handle on a FIFO queue', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
    ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 });
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    const notAvailable = (h: string) =>
      invalidParameterValue(
        `Value ${h} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    await expectAwsError(() => ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 }), notAvailable(handle));

    const fifo = createQueue('q.fifo', { FifoQueue: 'true' });
    ops.SendMessage({ QueueUrl: fifo, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    const old = (await ops.ReceiveMessage({ QueueUrl: fifo, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(SECOND);
    await ops.ReceiveMessage({ QueueUrl: fifo });
    await expectAwsError(() => ops.ChangeMessageVisibility({ QueueUrl: fifo, ReceiptHandle: old, VisibilityTimeout: 5 }), notAvailable(old));
  });

  it('keeps a message hidden while its timeout is extended again and again', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q', { VisibilityTimeout: '2' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'test' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].ReceiptHandle ?? '';
    for (let i = 0; i < 4; i++) {
      clock.advance(SECOND);
      ops.ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 2 });
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    }
    clock.advance(2 * SECOND);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.[0].Body, 'test');
  });

  it('ChangeMessageVisibilityBatch reports each entry', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    const handles = (await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2, VisibilityTimeout: 5 })).Messages?.map((m) => m.ReceiptHandle) ?? [];
    const out = ops.ChangeMessageVisibilityBatch({
      QueueUrl: url,
      Entries: [
        { Id: 'a', ReceiptHandle: handles[0], VisibilityTimeout: 100 },
        { Id: 'b', ReceiptHandle: handles[1], VisibilityTimeout: 0 },
        { Id: 'c', ReceiptHandle: 'garbage', VisibilityTimeout: 1 },
      ],
    });
    assert.deepEqual(out.Successful, [{ Id: 'a' }, { Id: 'b' }]);
    assert.deepEqual(out.Failed, [
      { Id: 'c', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
    ]);
    clock.advance(50 * SECOND);
    assert.deepEqual((await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages?.map((m) => m.Body), ['b']);
    await expectAwsError(
      () => ops.ChangeMessageVisibilityBatch({ QueueUrl: url, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: 'h' })) }),
      {
        code: 'TooManyEntriesInBatchRequest',
        queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        message: 'Maximum number of entries per request are 10. You have sent 20.',
      },
    );
  });
});

describe('SQS DeleteMessage', () => {
  it('deletes a received message for good', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    clock.advance(5 * SECOND);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
  });

  it('still deletes with a handle used after the visibility timeout (standard queue)', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const handle = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(2 * SECOND);
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
  });

  it('keeps a message another consumer now holds when deleting with a stale handle', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const old = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    clock.advance(SECOND);
    const current = (await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 1 })).Messages?.[0].ReceiptHandle ?? '';
    ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: old });
    clock.advance(SECOND);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
    assert.notEqual(old, current);
  });

  it('rejects handles that are not receipt handles of the queue', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const other = createQueue('other');
    ops.SendMessage({ QueueUrl: other, MessageBody: 'x' });
    const foreign = (await ops.ReceiveMessage({ QueueUrl: other })).Messages?.[0].ReceiptHandle ?? '';
    for (const handle of ['garbage', foreign]) {
      await expectAwsError(() => ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: handle }), {
        code: 'ReceiptHandleIsInvalid',
        message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
      });
    }
    await expectAwsError(() => ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: '' }), {
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: 'The request must contain the parameter ReceiptHandle.',
    });
  });

  it('DeleteMessageBatch deletes per entry and checks ids', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    const handles = (await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2 })).Messages?.map((m) => m.ReceiptHandle) ?? [];
    const out = ops.DeleteMessageBatch({
      QueueUrl: url,
      Entries: [
        { Id: 'a', ReceiptHandle: handles[0] },
        { Id: 'b', ReceiptHandle: handles[1] },
        { Id: 'c', ReceiptHandle: 'nonsense' },
      ],
    });
    assert.deepEqual(out.Successful, [{ Id: 'a' }, { Id: 'b' }]);
    assert.equal(out.Failed[0].Code, 'ReceiptHandleIsInvalid');
    assert.equal(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }).Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
    for (const Id of ['', 'invalid:id', 'testLongId'.repeat(10)]) {
      await expectAwsError(() => ops.DeleteMessageBatch({ QueueUrl: url, Entries: [{ Id, ReceiptHandle: handles[0] }] }), {
        code: 'InvalidBatchEntryId',
        queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
        message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      });
    }
    await expectAwsError(
      () => ops.DeleteMessageBatch({ QueueUrl: url, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: 'h' })) }),
      {
        code: 'TooManyEntriesInBatchRequest',
        queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        message: 'Maximum number of entries per request are 10. You have sent 20.',
      },
    );
  });
});

describe('SQS delays and retention', () => {
  it('delays every message by the queue DelaySeconds', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q', { DelaySeconds: '10' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
    assert.equal(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }).Attributes?.ApproximateNumberOfMessagesDelayed, '1');
    clock.advance(10 * SECOND - 1);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    clock.advance(1);
    assert.equal((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.length, 1);
  });

  it('lets a per-message DelaySeconds override the queue, including 0', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q', { DelaySeconds: '10' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'now', DelaySeconds: 0 });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 3 });
    assert.deepEqual((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.map((m) => m.Body), ['now']);
    clock.advance(3 * SECOND);
    assert.deepEqual((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.map((m) => m.Body), ['later']);
  });

  it('wakes a long poll when a delayed message becomes visible', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 4 });
    const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
    clock.advance(4 * SECOND);
    assert.equal((await poll).Messages?.length, 1);
    assert.equal(clock.now(), START + 4 * SECOND);
  });

  it('drops messages after MessageRetentionPeriod, wherever they are', async () => {
    const { ops, createQueue, clock, events } = setup();
    const url = createQueue('q', { MessageRetentionPeriod: '60' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    clock.advance(30 * SECOND);
    ops.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 600 });
    clock.advance(30 * SECOND);
    assert.deepEqual(events.filter((e) => e.type === 'messageExpired').length, 1);
    assert.deepEqual((await ops.ReceiveMessage({ QueueUrl: url })).Messages?.map((m) => m.Body), ['b']);
    clock.advance(30 * SECOND);
    const counts = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
    assert.equal(counts.ApproximateNumberOfMessages, '0');
    assert.equal(counts.ApproximateNumberOfMessagesNotVisible, '0');
  });

  it('applies a shortened retention period to messages already in the queue', async () => {
    const { ops, createQueue, clock } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    clock.advance(120 * SECOND);
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { MessageRetentionPeriod: '60' } });
    clock.advance(0);
    assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
  });
});
