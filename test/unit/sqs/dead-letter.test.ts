import assert from 'node:assert/strict';
import { expectAwsError, invalidParameterValue, SECOND, setup } from './support';

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const redrive = (target: string, maxReceiveCount: unknown = 1) =>
  JSON.stringify({ deadLetterTargetArn: arnOf(target), maxReceiveCount });

function dlqSetup(maxReceiveCount = 1) {
  const s = setup();
  const dlq = s.createQueue('dlq');
  const source = s.createQueue('source', { RedrivePolicy: redrive('dlq', maxReceiveCount) });
  return { ...s, dlq, source };
}

describe('SQS dead-letter queues', () => {
  describe('RedrivePolicy', () => {
    it('is stored and reported as set', () => {
      const { ops, source } = dlqSetup(3);
      const policy = ops.GetQueueAttributes({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }).Attributes?.RedrivePolicy;
      assert.deepEqual(JSON.parse(policy ?? '{}'), { deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 3 });
    });

    it('is removed by setting it to an empty string', () => {
      const { ops, source, sqs } = dlqSetup();
      ops.SetQueueAttributes({ QueueUrl: source, Attributes: { RedrivePolicy: '' } });
      assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }), {});
      assert.equal(sqs.listQueueSummaries().find((q) => q.name === 'source')?.deadLetterTargetName, undefined);
    });

    it('rejects a missing key, a bad maxReceiveCount, a missing target and invalid JSON', async () => {
      const { ops, createQueue } = setup();
      createQueue('dlq');
      const url = createQueue('q');
      const set = (RedrivePolicy: string) => () => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy } });
      const reason = (value: string, why: string) => invalidParameterValue(`Value ${value} for parameter RedrivePolicy is invalid. Reason: ${why}`);
      const noArn = JSON.stringify({ maxReceiveCount: 1 });
      await expectAwsError(set(noArn), reason(noArn, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.'));
      const noCount = JSON.stringify({ deadLetterTargetArn: arnOf('dlq') });
      await expectAwsError(set(noCount), reason(noCount, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.'));
      for (const count of [0, 1001]) {
        await expectAwsError(
          set(redrive('dlq', count)),
          reason(redrive('dlq', count), `Invalid value for maxReceiveCount: ${count}, valid values are from 1 to 1000 both inclusive.`),
        );
      }
      await expectAwsError(set(redrive('missing')), reason(redrive('missing'), 'Dead letter target does not exist.'));
      await expectAwsError(set('{'), reason('{', 'Redrive policy is not a valid JSON map.'));
      ops.SetQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: redrive('dlq', '1000') } });
    });

    it('requires the dead-letter queue to be of the same type', async () => {
      const { ops, createQueue } = setup();
      createQueue('dlq');
      createQueue('dlq.fifo', { FifoQueue: 'true' });
      const fifo = createQueue('q.fifo', { FifoQueue: 'true' });
      const std = createQueue('q');
      const why = 'Dead-letter queue must be same type of queue as the source.';
      await expectAwsError(
        () => ops.SetQueueAttributes({ QueueUrl: fifo, Attributes: { RedrivePolicy: redrive('dlq') } }),
        invalidParameterValue(`Value ${redrive('dlq')} for parameter RedrivePolicy is invalid. Reason: ${why}`),
      );
      await expectAwsError(
        () => ops.SetQueueAttributes({ QueueUrl: std, Attributes: { RedrivePolicy: redrive('dlq.fifo') } }),
        invalidParameterValue(`Value ${redrive('dlq.fifo')} for parameter RedrivePolicy is invalid. Reason: ${why}`),
      );
    });

    it('honours the target RedriveAllowPolicy', async () => {
      const { ops, createQueue } = setup();
      const dlq = createQueue('dlq', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
      const q = createQueue('q');
      const denied = () => ops.SetQueueAttributes({ QueueUrl: q, Attributes: { RedrivePolicy: redrive('dlq') } });
      await expectAwsError(
        denied,
        invalidParameterValue(
          `Value ${redrive('dlq')} for parameter RedrivePolicy is invalid. Reason: Queue ${arnOf('q')} is not allowed to use ${arnOf('dlq')} as its dead-letter queue.`,
        ),
      );
      ops.SetQueueAttributes({
        QueueUrl: dlq,
        Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [arnOf('q')] }) },
      });
      denied();
      const other = createQueue('other');
      await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: other, Attributes: { RedrivePolicy: redrive('dlq') } }), {
        ...invalidParameterValue(
          `Value ${redrive('dlq')} for parameter RedrivePolicy is invalid. Reason: Queue ${arnOf('other')} is not allowed to use ${arnOf('dlq')} as its dead-letter queue.`,
        ),
      });
    });

    it('validates RedriveAllowPolicy documents', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      await expectAwsError(
        () => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue' }) } }),
        {
          code: 'InvalidAttributeValue',
          message:
            'Invalid value for the parameter RedriveAllowPolicy. Reason: sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.',
        },
      );
      await expectAwsError(
        () => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'some' }) } }),
        {
          code: 'InvalidAttributeValue',
          message: 'Invalid value for the parameter RedriveAllowPolicy. Reason: Redrive permission must be one of allowAll, denyAll or byQueue.',
        },
      );
      ops.SetQueueAttributes({ QueueUrl: url, Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) } });
    });
  });

  describe('moving messages', () => {
    it('moves a message on the receive that exceeds maxReceiveCount, keeping id, body and attributes', async () => {
      const { ops, source, dlq, clock, events } = dlqSetup(1);
      const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
      const sent = ops.SendMessage({
        QueueUrl: source,
        MessageBody: 'message-1',
        MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } },
      });
      const first = await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 1, AttributeNames: ['All'] });
      assert.equal(first.Messages?.[0].Attributes?.ApproximateReceiveCount, '1');
      clock.advance(SECOND);
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: source }), {});
      const moved = events.find((e) => e.type === 'messageMovedToDeadLetterQueue');
      assert.ok(moved && 'targetQueueName' in moved);
      assert.equal(moved.targetQueueName, 'dlq');
      assert.equal(moved.queueName, 'source');
      const got = await ops.ReceiveMessage({ QueueUrl: dlq, AttributeNames: ['All'], MessageAttributeNames: ['All'] });
      const [m] = got.Messages ?? [];
      assert.equal(m.MessageId, sent.MessageId);
      assert.equal(m.Body, 'message-1');
      assert.equal(m.MD5OfMessageAttributes, 'adb59cd4678ea5a855436b949cd07ab6');
      assert.equal(m.Attributes?.ApproximateReceiveCount, '2');
      assert.equal(m.Attributes?.DeadLetterQueueSourceArn, arnOf('source'));
      assert.equal(m.Attributes?.AWSTraceHeader, trace);
      assert.equal(m.Attributes?.SentTimestamp, String(Date.UTC(2026, 0, 1)));
    });

    it('delivers up to maxReceiveCount times before moving', async () => {
      const { ops, source, dlq } = dlqSetup(3);
      ops.SendMessage({ QueueUrl: source, MessageBody: 'x' });
      for (let i = 0; i < 3; i++) assert.equal((await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 })).Messages?.length, 1);
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 }), {});
      assert.equal(ops.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '1');
    });

    it('moves FIFO messages to a FIFO dead-letter queue and unblocks their group', async () => {
      const { ops, createQueue } = setup();
      const dlq = createQueue('dlq.fifo', { FifoQueue: 'true' });
      const src = createQueue('src.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', RedrivePolicy: redrive('dlq.fifo', 1) });
      ops.SendMessage({ QueueUrl: src, MessageBody: 'first', MessageGroupId: 'g' });
      ops.SendMessage({ QueueUrl: src, MessageBody: 'second', MessageGroupId: 'g' });
      await ops.ReceiveMessage({ QueueUrl: src, VisibilityTimeout: 0 });
      const next = await ops.ReceiveMessage({ QueueUrl: src });
      assert.deepEqual(next.Messages?.map((m) => m.Body), ['second']);
      const dead = await ops.ReceiveMessage({ QueueUrl: dlq, AttributeNames: ['All'] });
      assert.equal(dead.Messages?.[0].Body, 'first');
      assert.equal(dead.Messages?.[0].Attributes?.MessageGroupId, 'g');
      assert.match(dead.Messages?.[0].Attributes?.SequenceNumber ?? '', /^\d{20}$/);
      assert.equal(dead.Messages?.[0].Attributes?.MessageDeduplicationId, dead.Messages?.[0].MessageId);
    });

    it('keeps delivering when the dead-letter queue was deleted', async () => {
      const { ops, source, dlq } = dlqSetup(1);
      ops.SendMessage({ QueueUrl: source, MessageBody: 'x' });
      await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 });
      ops.DeleteQueue({ QueueUrl: dlq });
      assert.equal((await ops.ReceiveMessage({ QueueUrl: source })).Messages?.length, 1);
    });

    it('shows the redrive relations in the queue summaries', () => {
      const { sqs } = dlqSetup(5);
      const summaries = sqs.listQueueSummaries();
      const source = summaries.find((q) => q.name === 'source');
      const dlq = summaries.find((q) => q.name === 'dlq');
      assert.equal(source?.deadLetterTargetName, 'dlq');
      assert.equal(source?.maxReceiveCount, 5);
      assert.deepEqual(dlq?.sourceQueueNames, ['source']);
    });

    it('expires a standard dead letter by its original enqueue time, wherever it sits in the DLQ', async () => {
      const { ops, createQueue, clock, sqs } = setup();
      const DAY = 24 * 3600 * SECOND;
      const dlq = createQueue('dlq', { MessageRetentionPeriod: String((4 * DAY) / SECOND) });
      const source = createQueue('source', { RedrivePolicy: redrive('dlq') });
      ops.SendMessage({ QueueUrl: source, MessageBody: 'old' });
      clock.advance(DAY / 2);
      ops.SendMessage({ QueueUrl: dlq, MessageBody: 'sent-to-dlq' });
      clock.advance(DAY / 2);
      await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 });
      await ops.ReceiveMessage({ QueueUrl: source });
      const bodies = () => sqs.peek('dlq').messages.map((m) => m.body);
      assert.deepEqual(bodies(), ['sent-to-dlq', 'old']);
      // A day in the source plus four in the DLQ would be five; AWS counts four from the first send.
      clock.advance(3 * DAY - 1);
      assert.deepEqual(bodies(), ['sent-to-dlq', 'old']);
      clock.advance(1);
      assert.deepEqual(bodies(), ['sent-to-dlq']);
      clock.advance(DAY / 2);
      assert.deepEqual(bodies(), []);
    });

    it('restarts the retention of a FIFO dead letter when it reaches the DLQ, as AWS does', async () => {
      const { ops, createQueue, clock, sqs } = setup();
      createQueue('dlq.fifo', { FifoQueue: 'true', MessageRetentionPeriod: '600' });
      const src = createQueue('src.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', RedrivePolicy: redrive('dlq.fifo', 1) });
      ops.SendMessage({ QueueUrl: src, MessageBody: 'f', MessageGroupId: 'g' });
      clock.advance(300 * SECOND);
      await ops.ReceiveMessage({ QueueUrl: src, VisibilityTimeout: 0 });
      await ops.ReceiveMessage({ QueueUrl: src });
      clock.advance(600 * SECOND - 1);
      assert.equal(sqs.peek('dlq.fifo').total, 1);
      clock.advance(1);
      assert.equal(sqs.peek('dlq.fifo').total, 0);
    });

    it('expires an older dead letter by a retention period set on the DLQ after it arrived', async () => {
      const { ops, createQueue, clock, sqs } = setup();
      const dlq = createQueue('dlq');
      const source = createQueue('source', { RedrivePolicy: redrive('dlq') });
      ops.SendMessage({ QueueUrl: source, MessageBody: 'older' });
      clock.advance(10 * SECOND);
      ops.SendMessage({ QueueUrl: dlq, MessageBody: 'newer' });
      clock.advance(10 * SECOND);
      await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 });
      await ops.ReceiveMessage({ QueueUrl: source });
      clock.advance(10 * SECOND);
      ops.SetQueueAttributes({ QueueUrl: dlq, Attributes: { MessageRetentionPeriod: '60' } });
      const bodies = () => sqs.peek('dlq').messages.map((m) => m.body);
      clock.advance(30 * SECOND - 1);
      assert.deepEqual(bodies(), ['newer', 'older']);
      clock.advance(1);
      assert.deepEqual(bodies(), ['newer']);
      clock.advance(10 * SECOND);
      assert.deepEqual(bodies(), []);
    });

    it('tells the inspector which queue a dead letter came from', async () => {
      const { ops, source, sqs } = dlqSetup(1);
      ops.SendMessage({ QueueUrl: source, MessageBody: 'x' });
      await ops.ReceiveMessage({ QueueUrl: source, VisibilityTimeout: 0 });
      await ops.ReceiveMessage({ QueueUrl: source });
      const peeked = sqs.peek('dlq').messages[0];
      assert.equal(peeked.deadLetterSourceQueueName, 'source');
      assert.equal(peeked.attributes.DeadLetterQueueSourceArn, arnOf('source'));
    });
  });
});

describe('SQS message move tasks', () => {
  async function deadLetters(ops: ReturnType<typeof setup>['ops'], sourceUrl: string, bodies: string[]) {
    for (const body of bodies) ops.SendMessage({ QueueUrl: sourceUrl, MessageBody: body });
    for (let i = 0; i < bodies.length; i++) await ops.ReceiveMessage({ QueueUrl: sourceUrl, VisibilityTimeout: 0, MaxNumberOfMessages: 10 });
    while ((await ops.ReceiveMessage({ QueueUrl: sourceUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 })).Messages);
  }

  it('redrives to the original source queues and reports the task as completed', async () => {
    const { ops, createQueue, clock } = setup();
    const dlq = createQueue('dlq');
    const a = createQueue('a', { RedrivePolicy: redrive('dlq') });
    const b = createQueue('b', { RedrivePolicy: redrive('dlq') });
    await deadLetters(ops, a, ['a1', 'a2']);
    await deadLetters(ops, b, ['b1', 'b2']);
    assert.equal(ops.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '4');
    const { TaskHandle } = ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') });
    assert.ok(TaskHandle);
    clock.advance(0);
    const listed = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.deepEqual(listed, [
      {
        Status: 'COMPLETED',
        SourceArn: arnOf('dlq'),
        ApproximateNumberOfMessagesMoved: 4,
        ApproximateNumberOfMessagesToMove: 4,
        StartedTimestamp: Date.UTC(2026, 0, 1),
      },
    ]);
    const bodies = async (url: string) =>
      ((await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, AttributeNames: ['All'] })).Messages ?? []);
    const inA = await bodies(a);
    assert.deepEqual(inA.map((m) => m.Body).sort(), ['a1', 'a2']);
    assert.equal(inA[0].Attributes?.ApproximateReceiveCount, '1');
    assert.equal(inA[0].Attributes?.DeadLetterQueueSourceArn, undefined);
    assert.deepEqual((await bodies(b)).map((m) => m.Body).sort(), ['b1', 'b2']);
  });

  it('gives a redriven message a fresh retention period, as AWS treats it as newly enqueued', async () => {
    const { ops, createQueue, clock, sqs } = setup();
    const DAY = 24 * 3600 * SECOND;
    createQueue('dlq', { MessageRetentionPeriod: String((14 * DAY) / SECOND) });
    const source = createQueue('source', { RedrivePolicy: redrive('dlq'), MessageRetentionPeriod: String((2 * DAY) / SECOND) });
    await deadLetters(ops, source, ['x']);
    clock.advance(3 * DAY);
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') });
    clock.advance(0);
    assert.equal(sqs.peek('source').total, 1);
    clock.advance(2 * DAY - 1);
    assert.equal(sqs.peek('source').messages[0]?.receiveCount, 0);
    clock.advance(1);
    assert.equal(sqs.peek('source').total, 0);
  });

  it('moves to a given DestinationArn', async () => {
    const { ops, createQueue, clock } = setup();
    createQueue('dlq');
    const src = createQueue('src', { RedrivePolicy: redrive('dlq') });
    const dest = createQueue('dest');
    await deadLetters(ops, src, ['x', 'y']);
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('dest') });
    clock.advance(0);
    const [task] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.equal(task.Status, 'COMPLETED');
    assert.equal(task.DestinationArn, arnOf('dest'));
    assert.equal((await ops.ReceiveMessage({ QueueUrl: dest, MaxNumberOfMessages: 10 })).Messages?.length, 2);
  });

  it('moves MaxNumberOfMessagesPerSecond on the scheduler and can be cancelled', async () => {
    const { ops, createQueue, clock, events } = setup();
    createQueue('dlq');
    const src = createQueue('src', { RedrivePolicy: redrive('dlq') });
    const dest = createQueue('dest');
    await deadLetters(ops, src, Array.from({ length: 10 }, (_, i) => `m${i}`));
    const { TaskHandle } = ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('dest'), MaxNumberOfMessagesPerSecond: 1 });
    clock.advance(1 * SECOND);
    const [running] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.equal(running.Status, 'RUNNING');
    assert.equal(running.TaskHandle, TaskHandle);
    assert.equal(running.ApproximateNumberOfMessagesMoved, 2);
    assert.equal(running.ApproximateNumberOfMessagesToMove, 10);
    assert.equal(running.MaxNumberOfMessagesPerSecond, 1);
    await expectAwsError(
      () => ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') }),
      invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.'),
    );
    assert.deepEqual(ops.CancelMessageMoveTask({ TaskHandle }), { ApproximateNumberOfMessagesMoved: 2 });
    clock.advance(10 * SECOND);
    const [cancelled] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.equal(cancelled.Status, 'CANCELLED');
    assert.equal(cancelled.TaskHandle, undefined);
    assert.equal(cancelled.ApproximateNumberOfMessagesMoved, 2);
    assert.equal(ops.GetQueueAttributes({ QueueUrl: dest, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '2');
    assert.deepEqual(
      events.filter((e) => e.type === 'moveTaskChanged').map((e) => ('status' in e ? e.status : '')),
      ['RUNNING', 'CANCELLED'],
    );
    assert.equal(events.filter((e) => e.type === 'messageMoved').length, 2);
  });

  it('fails when the destination is deleted while running', async () => {
    const { ops, createQueue, clock } = setup();
    createQueue('dlq');
    const src = createQueue('src', { RedrivePolicy: redrive('dlq') });
    const dest = createQueue('dest');
    await deadLetters(ops, src, Array.from({ length: 10 }, (_, i) => `m${i}`));
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('dest'), MaxNumberOfMessagesPerSecond: 1 });
    clock.advance(2 * SECOND);
    ops.DeleteQueue({ QueueUrl: dest });
    clock.advance(SECOND);
    const [failed] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.equal(failed.Status, 'FAILED');
    assert.equal(failed.FailureReason, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(failed.ApproximateNumberOfMessagesMoved, 3);
    assert.equal(ops.GetQueueAttributes({ QueueUrl: 'dlq', AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '7');
  });

  it('requires the source to be a dead-letter queue and the queues to exist', async () => {
    const { ops, createQueue } = setup();
    createQueue('plain');
    await expectAwsError(
      () => ops.StartMessageMoveTask({ SourceArn: arnOf('plain') }),
      invalidParameterValue('Source queue must be configured as a Dead Letter Queue.'),
    );
    const notFound = (parameter: string) => ({
      code: 'ResourceNotFoundException',
      message: `The resource that you specified for the ${parameter} parameter doesn't exist.`,
      status: 404,
    });
    await expectAwsError(() => ops.StartMessageMoveTask({ SourceArn: arnOf('missing') }), notFound('SourceArn'));
    await expectAwsError(() => ops.ListMessageMoveTasks({ SourceArn: arnOf('missing') }), notFound('SourceArn'));
    createQueue('dlq');
    createQueue('src', { RedrivePolicy: redrive('dlq') });
    await expectAwsError(() => ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('missing') }), notFound('DestinationArn'));
    await expectAwsError(
      () => ops.ListMessageMoveTasks({ SourceArn: 'not-an-arn' }),
      invalidParameterValue('You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>'),
    );
  });

  it('rejects an invalid task handle, a vanished source and an unknown task', async () => {
    const { ops, createQueue, clock } = setup();
    await expectAwsError(() => ops.CancelMessageMoveTask({ TaskHandle: 'xyz' }), invalidParameterValue('Value for parameter TaskHandle is invalid.'));

    const dlq = createQueue('dlq');
    createQueue('src', { RedrivePolicy: redrive('dlq') });
    const { TaskHandle } = ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), MaxNumberOfMessagesPerSecond: 1 });
    ops.DeleteQueue({ QueueUrl: dlq });
    await expectAwsError(() => ops.CancelMessageMoveTask({ TaskHandle }), {
      code: 'ResourceNotFoundException',
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
      status: 404,
    });

    const other = setup();
    other.createQueue('dlq');
    other.createQueue('src', { RedrivePolicy: redrive('dlq') });
    const foreign = other.ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') }).TaskHandle;
    // The name of a deleted queue is free again after a minute.
    clock.advance(60 * SECOND);
    createQueue('dlq');
    await expectAwsError(() => ops.CancelMessageMoveTask({ TaskHandle: foreign }), {
      code: 'ResourceNotFoundException',
      message: 'Task does not exist.',
      status: 404,
    });
  });

  it('refuses to cancel a finished task and checks its numeric parameters', async () => {
    const { ops, createQueue, clock } = setup();
    createQueue('dlq');
    createQueue('src', { RedrivePolicy: redrive('dlq') });
    const { TaskHandle } = ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') });
    clock.advance(0);
    await expectAwsError(() => ops.CancelMessageMoveTask({ TaskHandle }), invalidParameterValue('Only active tasks can be cancelled.'));
    await expectAwsError(
      () => ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), MaxNumberOfMessagesPerSecond: 501 }),
      invalidParameterValue('Value 501 for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.'),
    );
    await expectAwsError(
      () => ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq'), MaxResults: 11 }),
      invalidParameterValue('Value 11 for parameter MaxResults is invalid. Reason: Must be between 1 and 10, if provided.'),
    );
  });

  it('fails a running task whose source queue is deleted', async () => {
    const { ops, createQueue, clock } = setup();
    const dlq = createQueue('dlq');
    const src = createQueue('src', { RedrivePolicy: redrive('dlq') });
    await deadLetters(ops, src, ['a', 'b', 'c']);
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), MaxNumberOfMessagesPerSecond: 1 });
    clock.advance(0);
    ops.DeleteQueue({ QueueUrl: dlq });
    clock.advance(60 * SECOND);
    createQueue('dlq');
    const [task] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.equal(task.Status, 'FAILED');
    assert.equal(task.ApproximateNumberOfMessagesMoved, 1);
  });

  it('moves a large dead-letter queue in scheduler steps on one timer', async () => {
    const { ops, createQueue, clock } = setup({ collectEvents: false });
    createQueue('dlq');
    createQueue('src', { RedrivePolicy: redrive('dlq') });
    const dest = createQueue('dest');
    for (let i = 0; i < 1200; i += 10) {
      ops.SendMessageBatch({ QueueUrl: 'dlq', Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: `m${i + j}` })) });
    }
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('dest') });
    assert.equal(clock.pendingTimers, 1);
    clock.advance(0);
    const [task] = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results;
    assert.deepEqual([task.Status, task.ApproximateNumberOfMessagesMoved], ['COMPLETED', 1200]);
    assert.equal(ops.GetQueueAttributes({ QueueUrl: dest, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '1200');
  });

  it('lists the most recent task first, up to MaxResults', async () => {
    const { ops, createQueue, clock } = setup();
    createQueue('dlq');
    createQueue('src', { RedrivePolicy: redrive('dlq') });
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq') });
    clock.advance(SECOND);
    ops.StartMessageMoveTask({ SourceArn: arnOf('dlq'), DestinationArn: arnOf('src') });
    clock.advance(0);
    const results = ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq'), MaxResults: 10 }).Results;
    assert.deepEqual(results.map((r) => r.DestinationArn), [arnOf('src'), undefined]);
    assert.equal(ops.ListMessageMoveTasks({ SourceArn: arnOf('dlq') }).Results.length, 1);
  });
});
