import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { BrokerEvent } from '../../../src/broker/events';
import type { SqsEvent } from '../../../src/broker/functions/sqs-event';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture, realBroker, sleep, until } from './helpers';

/**
 * The broker runs on a fake clock, so a visibility timeout ends only when a test says so, never because a
 * handler's process was slow to start on a busy machine; the handlers themselves run for real.
 */
describe('functions: SQS event source mapping (real handlers)', function () {
  this.timeout(30_000);
  let clock: FakeClock;
  let broker: Broker;
  let events: BrokerEvent[];
  const sqs = () => broker.sqs.operations;
  const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

  beforeEach(() => {
    clock = new FakeClock();
    broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    events = [];
    broker.events.on((e) => events.push(e));
  });
  afterEach(() => broker.dispose());

  /** No invocation is running: every one started has completed. */
  const idle = () =>
    events.filter((e) => e.service === 'functions' && e.type === 'invocationStarted').length ===
    events.filter((e) => e.service === 'functions' && e.type === 'invocationCompleted').length;

  /** Waits until `count` records were handed over and the function is idle, then lets the visibility timeout pass. */
  async function afterDeliveries(functionName: string, count: number): Promise<void> {
    await until(() => deliveries(functionName).length >= count && idle(), 20000, `${count} deliveries`);
    clock.advance(30_000);
  }

  function queue(name: string, attributes: Record<string, string> = {}): string {
    return sqs().CreateQueue({ QueueName: name, Attributes: attributes }).QueueUrl;
  }

  /** A source queue whose messages go to `<name>-dlq` after `maxReceiveCount` receives. */
  function queueWithDlq(name: string, maxReceiveCount: number, visibility = 30): { url: string; dlqUrl: string } {
    const dlqUrl = queue(`${name}-dlq`);
    const url = queue(name, {
      VisibilityTimeout: String(visibility),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(`${name}-dlq`), maxReceiveCount }),
    });
    return { url, dlqUrl };
  }

  function counts(url: string): { visible: number; inFlight: number } {
    const a = sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
    return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
  }

  function send(url: string, bodies: string[]): string[] {
    return bodies.map((MessageBody) => sqs().SendMessage({ QueueUrl: url, MessageBody }).MessageId);
  }

  /** Every record handed to the function, in order of invocation. */
  function deliveries(functionName: string) {
    return broker.functions
      .listInvocations(functionName, 1000)
      .reverse()
      .flatMap((inv) => (inv.input as SqsEvent).Records.map((r) => ({ messageId: r.messageId, status: inv.status, body: r.body })));
  }

  const deletes = (queueName: string) =>
    events.filter((e) => e.service === 'sqs' && e.type === 'messageDeleted' && e.queueName === queueName).length;

  it('hands batches in the AWS event shape and deletes every message it processed, once', async () => {
    const url = queue('orders');
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs'), events: [{ type: 'sqs', queue: 'orders', batchSize: 10 }] });
    sqs().SendMessage({
      QueueUrl: url,
      MessageBody: 'first',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } },
    });
    const ids = send(url, Array.from({ length: 24 }, (_, i) => `m-${i}`));

    await until(() => deliveries('echo').length >= 25, 20000, 'all messages delivered');
    await until(() => counts(url).inFlight === 0 && counts(url).visible === 0, 20000, 'queue drained');
    const delivered = deliveries('echo');
    assert.equal(delivered.length, 25);
    assert.equal(new Set(delivered.map((d) => d.messageId)).size, 25, 'no message delivered twice');
    assert.ok(ids.every((id) => delivered.some((d) => d.messageId === id)));
    assert.equal(deletes('orders'), 25);
    assert.ok(broker.functions.listInvocations('echo').every((i) => (i.input as SqsEvent).Records.length <= 10));

    const first = (broker.functions.listInvocations('echo', 100).at(-1)?.input as SqsEvent).Records[0];
    assert.equal(first.body, 'first');
    assert.equal(first.eventSource, 'aws:sqs');
    assert.equal(first.eventSourceARN, arnOf('orders'));
    assert.equal(first.awsRegion, 'us-east-1');
    assert.match(first.md5OfBody, /^[0-9a-f]{32}$/);
    assert.ok(first.receiptHandle.length > 0);
    assert.equal(first.attributes.ApproximateReceiveCount, '1');
    assert.match(first.attributes.SentTimestamp, /^\d{13}$/);
    assert.match(first.attributes.ApproximateFirstReceiveTimestamp, /^\d{13}$/);
    assert.ok(first.attributes.SenderId);
    assert.deepEqual(first.messageAttributes.kind, { stringValue: 'order', stringListValues: [], binaryListValues: [], dataType: 'String' });
    assert.deepEqual(first.messageAttributes.blob, { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' });
    assert.match(first.md5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
  });

  it('leaves a failed batch to its visibility timeout, redelivers it, then the queue moves it to the DLQ', async () => {
    const { url, dlqUrl } = queueWithDlq('payments', 2);
    broker.functions.create({ name: 'reject', module: fixture('throwing.cjs'), events: [{ type: 'sqs', queue: 'payments' }] });
    const ids = send(url, ['a', 'b', 'c']);

    await afterDeliveries('reject', 3);
    await afterDeliveries('reject', 6);
    await until(() => counts(dlqUrl).visible === 3, 20000, 'all three in the dead-letter queue');
    const delivered = deliveries('reject');
    for (const id of ids) {
      assert.equal(delivered.filter((d) => d.messageId === id).length, 2, 'each message delivered maxReceiveCount times');
    }
    assert.ok(delivered.every((d) => d.status === 'failed'));
    assert.deepEqual(counts(url), { visible: 0, inFlight: 0 });
    assert.equal(deletes('payments'), 0, 'a failed batch is never deleted');
    const last = broker.functions.listInvocations('reject', 1)[0];
    assert.equal(last.error?.errorType, 'OrderRejected');
    assert.match(last.logs, /about to fail/);
    const moved = sqs().ReceiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 });
    assert.deepEqual(((await moved).Messages ?? []).map((m) => m.MessageId).sort(), [...ids].sort());
    // Each dead letter keeps why it died: the function's last error on it (the DLQ view shows it).
    for (const id of ids) {
      const why = broker.functions.consumerErrors.lastOf(id)!;
      assert.equal(why.functionName, 'reject');
      assert.match(why.error, /^OrderRejected: /);
    }
  });

  it('a handler that times out is ended, and its messages come back until they reach the DLQ', async () => {
    const { url, dlqUrl } = queueWithDlq('slow-jobs', 1);
    broker.functions.create({ name: 'slow', module: fixture('slow.cjs'), timeout: 1, events: [{ type: 'sqs', queue: 'slow-jobs' }] });
    const [id] = send(url, ['take your time']);

    await afterDeliveries('slow', 1);
    await until(() => counts(dlqUrl).visible === 1, 20000, 'message in the dead-letter queue');
    const invocations = broker.functions.listInvocations('slow');
    assert.equal(invocations.length, 1);
    assert.equal(invocations[0].status, 'timedOut');
    assert.equal(invocations[0].error?.errorType, 'Sandbox.Timedout');
    assert.match(broker.functions.consumerErrors.lastOf(id)!.error, /^Task timed out after /);
    assert.match(invocations[0].logs, /starting slow work/);
    assert.deepEqual(deliveries('slow').map((d) => d.messageId), [id]);
    assert.deepEqual(counts(url), { visible: 0, inFlight: 0 });
    assert.equal(deletes('slow-jobs'), 0);
  });

  it('a handler that exits its process loses no message: it is delivered again', async () => {
    const { url, dlqUrl } = queueWithDlq('fragile', 2);
    broker.functions.create({ name: 'crash', module: fixture('crash.cjs'), events: [{ type: 'sqs', queue: 'fragile' }] });
    const [id] = send(url, ['boom']);
    await afterDeliveries('crash', 1);
    await afterDeliveries('crash', 2);
    await until(() => counts(dlqUrl).visible === 1, 20000, 'message in the dead-letter queue');
    assert.deepEqual(deliveries('crash').map((d) => d.messageId), [id, id]);
    assert.equal(broker.functions.listInvocations('crash')[0].error?.errorType, 'Runtime.ExitError');
  });

  it('with ReportBatchItemFailures deletes the successes and retries only the reported failures', async () => {
    const { url, dlqUrl } = queueWithDlq('mixed', 2);
    broker.functions.create({ name: 'partial', module: fixture('partial.cjs') });
    const mapping = broker.functions.createEventSourceMapping({
      functionName: 'partial',
      eventSourceArn: arnOf('mixed'),
      functionResponseTypes: ['ReportBatchItemFailures'],
      enabled: false,
    });
    const ids = send(url, ['ok-1', 'fail-2', 'ok-3', 'fail-4']);
    broker.functions.updateEventSourceMapping(mapping.uuid, { enabled: true });

    await afterDeliveries('partial', 4);
    await afterDeliveries('partial', 6);
    await until(() => counts(dlqUrl).visible === 2, 20000, 'the two failures in the dead-letter queue');
    const first = broker.functions.listInvocations('partial', 100).at(-1);
    assert.equal((first?.input as SqsEvent).Records.length, 4, 'one batch of four');
    const delivered = deliveries('partial');
    const times = (id: string) => delivered.filter((d) => d.messageId === id).length;
    assert.deepEqual(ids.map(times), [1, 2, 1, 2]);
    assert.equal(deletes('mixed'), 2);
    assert.deepEqual(counts(url), { visible: 0, inFlight: 0 });
    const dead = (await sqs().ReceiveMessage({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 })).Messages ?? [];
    assert.deepEqual(dead.map((m) => m.Body).sort(), ['fail-2', 'fail-4']);
    assert.deepEqual(ids.map((id) => broker.functions.consumerErrors.lastOf(id)?.error), [undefined, 'reported in batchItemFailures', undefined, 'reported in batchItemFailures']);
  });

  it('without ReportBatchItemFailures a returned failure list is ignored: the batch succeeded', async () => {
    const url = queue('plain');
    broker.functions.create({ name: 'partial', module: fixture('partial.cjs'), events: [{ type: 'sqs', queue: 'plain' }] });
    send(url, ['ok-1', 'fail-2']);
    await until(() => deletes('plain') === 2, 20000, 'both deleted');
    assert.equal(deliveries('partial').length, 2);
    assert.deepEqual(counts(url), { visible: 0, inFlight: 0 });
  });

  it('a failure list naming a message not in the batch fails the whole batch', async () => {
    const { url, dlqUrl } = queueWithDlq('bogus', 1);
    broker.functions.create({
      name: 'bogus',
      module: fixture('partial.cjs'),
      handler: 'bogus',
      events: [{ type: 'sqs', queue: 'bogus', functionResponseTypes: ['ReportBatchItemFailures'] }],
    });
    send(url, ['x', 'y']);
    await afterDeliveries('bogus', 2);
    await until(() => counts(dlqUrl).visible === 2, 20000, 'both in the dead-letter queue');
    assert.equal(deletes('bogus'), 0);
  });

  it('waits up to the batching window to fill a batch', async () => {
    broker.dispose();
    ({ broker, events } = realBroker());
    const url = queue('windowed');
    broker.functions.create({
      name: 'echo',
      module: fixture('ok.cjs'),
      events: [{ type: 'sqs', queue: 'windowed', batchSize: 20, maximumBatchingWindowInSeconds: 1 }],
    });
    const sentAt = Date.now();
    send(url, ['1', '2']);
    await sleep(300);
    send(url, ['3']);
    await until(() => deliveries('echo').length === 3, 20000, 'three delivered');
    const invocations = broker.functions.listInvocations('echo');
    assert.equal(invocations.length, 1, 'one invocation for the whole window');
    assert.ok(invocations[0].startedAt - sentAt >= 900, 'the batch waited for the window');
  });

  it('a disabled mapping leaves messages in the queue; enabling it delivers them', async () => {
    const url = queue('paused');
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    const mapping = broker.functions.createEventSourceMapping({ functionName: 'echo', eventSourceArn: arnOf('paused'), enabled: false });
    assert.equal(mapping.state, 'Disabled');
    send(url, ['waiting']);
    await sleep(300);
    assert.equal(broker.functions.listInvocations('echo').length, 0);
    assert.deepEqual(counts(url), { visible: 1, inFlight: 0 });
    broker.functions.updateEventSourceMapping(mapping.uuid, { enabled: true });
    await until(() => deletes('paused') === 1, 20000, 'delivered and deleted');
    assert.equal(broker.functions.getEventSourceMapping(mapping.uuid).lastProcessingResult, 'OK');
  });

  it('deleting a mapping during a long poll hands nothing to the function and hides no message', async () => {
    const url = queue('stopping');
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    const mapping = broker.functions.createEventSourceMapping({ functionName: 'echo', eventSourceArn: arnOf('stopping') });
    await sleep(100);
    broker.functions.deleteEventSourceMapping(mapping.uuid);
    send(url, ['after']);
    await sleep(300);
    assert.equal(broker.functions.listInvocations('echo').length, 0);
    assert.deepEqual(counts(url), { visible: 1, inFlight: 0 });
  });

  it('survives its queue being deleted, says so, and resumes when the queue is back', async () => {
    const first = queue('flaky');
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    const { uuid } = broker.functions.createEventSourceMapping({ functionName: 'echo', eventSourceArn: arnOf('flaky') });
    await sleep(20);
    sqs().DeleteQueue({ QueueUrl: first });
    await until(() => broker.functions.getEventSourceMapping(uuid).lastProcessingResult.startsWith('PROBLEM'), 20000, 'the problem reported');
    assert.match(broker.functions.getEventSourceMapping(uuid).lastProcessingResult, /QueueDoesNotExist/);
    // As in AWS, the name of a deleted queue is free again only after a minute.
    clock.advance(60_000);
    send(queue('flaky'), ['back']);
    clock.advance(5000);
    await until(() => broker.functions.listInvocations('echo').length === 1, 20000, 'delivery after recovery');
    assert.equal(broker.functions.getEventSourceMapping(uuid).lastProcessingResult, 'OK');
  });

  it('refuses a queue whose visibility timeout is shorter than the function timeout, and duplicates', () => {
    queue('short', { VisibilityTimeout: '5' });
    broker.functions.create({ name: 'long', module: fixture('ok.cjs'), timeout: 60 });
    assert.throws(
      () => broker.functions.createEventSourceMapping({ functionName: 'long', eventSourceArn: arnOf('short') }),
      { code: 'InvalidParameterValueException', message: 'Queue visibility timeout: 5 seconds is less than Function timeout: 60 seconds' },
    );
    queue('fine', { VisibilityTimeout: '60' });
    const first = broker.functions.createEventSourceMapping({ functionName: 'long', eventSourceArn: arnOf('fine'), enabled: false });
    assert.throws(() => broker.functions.createEventSourceMapping({ functionName: 'long', eventSourceArn: arnOf('fine') }), {
      code: 'ResourceConflictException',
      message: new RegExp(`existing mapping with UUID ${first.uuid}$`),
    });
    assert.throws(
      () => broker.functions.createEventSourceMapping({ functionName: 'long', eventSourceArn: arnOf('fine'), batchSize: 50 }),
      { message: 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10' },
    );
    assert.throws(() => broker.functions.createEventSourceMapping({ functionName: 'long', eventSourceArn: arnOf('nope') }), {
      code: 'QueueDoesNotExist',
    });
  });
});
