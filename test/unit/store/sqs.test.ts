import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Restartable, SECOND } from './support';

const all = ['All'];

describe('Store: SQS across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable()));
  afterEach(() => env.cleanup());

  const sqs = () => env.broker.sqs.operations;

  it('keeps queues with their attributes, tags and redrive policy', async () => {
    const dlq = sqs().CreateQueue({ QueueName: 'dlq' }).QueueUrl;
    const dlqArn = sqs().GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    const url = sqs().CreateQueue({
      QueueName: 'orders',
      Attributes: { VisibilityTimeout: '45', DelaySeconds: '2', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
      tags: { team: 'checkout' },
    }).QueueUrl;
    env.clock.advance(5 * SECOND);
    sqs().SetQueueAttributes({ QueueUrl: url, Attributes: { MessageRetentionPeriod: '600' } });
    sqs().TagQueue({ QueueUrl: url, Tags: { env: 'dev' } });
    const before = sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes;

    await env.restart();

    assert.deepEqual(sqs().ListQueues({}).QueueUrls?.sort(), [dlq, url].sort());
    assert.deepEqual(sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes, before);
    assert.deepEqual(sqs().ListQueueTags({ QueueUrl: url }).Tags, { team: 'checkout', env: 'dev' });
    assert.deepEqual(sqs().ListDeadLetterSourceQueues({ QueueUrl: dlq }).queueUrls, [url]);
  });

  it('keeps visible, in-flight and delayed messages with receive counts, timestamps and deadlines', async () => {
    const url = sqs().CreateQueue({ QueueName: 'q' }).QueueUrl;
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'first', MessageAttributes: { kind: { DataType: 'String', StringValue: 'a' } } });
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 60 });
    const [taken] = (await sqs().ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 100, AttributeNames: ['All'] })).Messages!;
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'visible' });
    const firstReceive = taken.Attributes!.ApproximateFirstReceiveTimestamp;

    await env.restart(10 * SECOND);

    const counts = sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes!;
    assert.equal(counts.ApproximateNumberOfMessages, '1');
    assert.equal(counts.ApproximateNumberOfMessagesNotVisible, '1');
    assert.equal(counts.ApproximateNumberOfMessagesDelayed, '1');
    const now = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 600 });
    assert.deepEqual(now.Messages?.map((m) => m.Body), ['visible']);

    // The delay ends 60 s after the send, not 60 s after the restart.
    env.clock.advance(50 * SECOND);
    const later = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 600 });
    assert.deepEqual(later.Messages?.map((m) => m.Body), ['delayed']);

    // The in-flight message keeps its deadline (100 s after the receive) and its history.
    env.clock.advance(39 * SECOND);
    assert.equal((await sqs().ReceiveMessage({ QueueUrl: url })).Messages, undefined);
    env.clock.advance(2 * SECOND);
    const again = await sqs().ReceiveMessage({ QueueUrl: url, AttributeNames: ['All'], MessageAttributeNames: ['All'] });
    assert.equal(again.Messages?.length, 1);
    const m = again.Messages![0];
    assert.equal(m.Body, 'first');
    assert.equal(m.MessageId, taken.MessageId);
    assert.equal(m.Attributes!.ApproximateReceiveCount, '2');
    assert.equal(m.Attributes!.ApproximateFirstReceiveTimestamp, firstReceive);
    assert.equal(m.MD5OfBody, taken.MD5OfBody);
    assert.deepEqual(m.MessageAttributes, { kind: { DataType: 'String', StringValue: 'a' } });
  });

  it('keeps binary attribute values as bytes, written as base64 text as older data folders hold them', async () => {
    const url = sqs().CreateQueue({ QueueName: 'bin' }).QueueUrl;
    const bytes = Buffer.from([0, 1, 2, 255]);
    const sent = sqs().SendMessage({
      QueueUrl: url,
      MessageBody: 'b',
      MessageAttributes: { raw: { DataType: 'Binary', BinaryValue: bytes }, text: { DataType: 'String', StringValue: 's' } },
    });
    await env.durable();
    const onDisk = env.files().map((f) => fs.readFileSync(path.join(env.dir, f)).toString('latin1')).join('');
    assert.ok(onDisk.includes('"BinaryValue":"AAEC/w=="'), 'the value is saved as base64 text, the format the older code wrote');

    await env.restart();

    const [m] = (await sqs().ReceiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] })).Messages!;
    assert.deepEqual(m.MessageAttributes?.raw.BinaryValue, bytes);
    assert.equal(m.MessageAttributes?.text.StringValue, 's');
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
  });

  it('accepts the receipt handle of a receive made before the restart', async () => {
    const url = sqs().CreateQueue({ QueueName: 'q' }).QueueUrl;
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'x' });
    const [m] = (await sqs().ReceiveMessage({ QueueUrl: url })).Messages!;
    await env.restart();
    sqs().ChangeMessageVisibility({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 600 });
    sqs().DeleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! });
    await env.restart(700 * SECOND);
    const attrs = sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes!;
    assert.equal(attrs.ApproximateNumberOfMessages, '0');
    assert.equal(attrs.ApproximateNumberOfMessagesNotVisible, '0');
  });

  it('makes a message whose visibility ended while down visible, and moves it to the DLQ past maxReceiveCount', async () => {
    const dlq = sqs().CreateQueue({ QueueName: 'dlq' }).QueueUrl;
    const dlqArn = sqs().GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    const url = sqs().CreateQueue({
      QueueName: 'q',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
    }).QueueUrl;
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'poison' });
    await sqs().ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 30 });

    await env.restart(60 * SECOND);

    assert.equal(sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes!.ApproximateNumberOfMessages, '1');
    assert.equal((await sqs().ReceiveMessage({ QueueUrl: url })).Messages, undefined);
    await env.restart();
    const moved = await sqs().ReceiveMessage({ QueueUrl: dlq, AttributeNames: ['All'] });
    assert.equal(moved.Messages?.[0].Body, 'poison');
    assert.equal(moved.Messages?.[0].Attributes!.DeadLetterQueueSourceArn, dlqArn.replace(':dlq', ':q'));
    assert.equal(sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes!.ApproximateNumberOfMessages, '0');
  });

  it('drops messages whose retention ended while the broker was down', async () => {
    const url = sqs().CreateQueue({ QueueName: 'q', Attributes: { MessageRetentionPeriod: '60' } }).QueueUrl;
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'old' });
    env.clock.advance(30 * SECOND);
    sqs().SendMessage({ QueueUrl: url, MessageBody: 'young' });
    await env.restart(40 * SECOND);
    const got = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => m.Body), ['young']);
  });

  it('keeps deletes, purges and deleted queues', async () => {
    const a = sqs().CreateQueue({ QueueName: 'a' }).QueueUrl;
    const b = sqs().CreateQueue({ QueueName: 'b' }).QueueUrl;
    const gone = sqs().CreateQueue({ QueueName: 'gone' }).QueueUrl;
    for (const body of ['1', '2', '3']) sqs().SendMessage({ QueueUrl: a, MessageBody: body });
    sqs().SendMessage({ QueueUrl: b, MessageBody: 'purged' });
    sqs().SendMessage({ QueueUrl: gone, MessageBody: 'x' });
    const [m] = (await sqs().ReceiveMessage({ QueueUrl: a })).Messages!;
    sqs().DeleteMessage({ QueueUrl: a, ReceiptHandle: m.ReceiptHandle! });
    sqs().PurgeQueue({ QueueUrl: b });
    sqs().DeleteQueue({ QueueUrl: gone });
    await env.restart();
    assert.deepEqual(sqs().ListQueues({}).QueueUrls, [a, b]);
    const left = await sqs().ReceiveMessage({ QueueUrl: a, MaxNumberOfMessages: 10 });
    assert.deepEqual(left.Messages?.map((x) => x.Body).sort(), ['2', '3']);
    assert.equal((await sqs().ReceiveMessage({ QueueUrl: b })).Messages, undefined);
  });

  it('keeps FIFO order, a group blocked by its in-flight message, sequence numbers and the deduplication window', async () => {
    const url = sqs().CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    const sent = ['a1', 'b1', 'a2', 'b2'].map((body) =>
      sqs().SendMessage({ QueueUrl: url, MessageBody: body, MessageGroupId: body[0], MessageDeduplicationId: body }),
    );
    const [a1] = (await sqs().ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 100 })).Messages!;
    assert.equal(a1.Body, 'a1');

    await env.restart(10 * SECOND);

    // Group a is blocked by a1 in flight; group b is free.
    const next = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, AttributeNames: ['All'] });
    assert.deepEqual(next.Messages?.map((m) => m.Body), ['b1', 'b2']);
    assert.deepEqual(next.Messages?.map((m) => m.Attributes!.SequenceNumber), [sent[1].SequenceNumber, sent[3].SequenceNumber]);
    // A repeat within five minutes of the first send is the same message, not a new one.
    const repeat = sqs().SendMessage({ QueueUrl: url, MessageBody: 'a2', MessageGroupId: 'a', MessageDeduplicationId: 'a2' });
    assert.equal(repeat.MessageId, sent[2].MessageId);
    sqs().DeleteMessage({ QueueUrl: url, ReceiptHandle: a1.ReceiptHandle! });
    const rest = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    assert.deepEqual(rest.Messages?.map((m) => m.Body), ['a2']);

    // Past the window the same deduplication id is a new message.
    await env.restart(5 * 60 * SECOND);
    const fresh = sqs().SendMessage({ QueueUrl: url, MessageBody: 'a1', MessageGroupId: 'a', MessageDeduplicationId: 'a1' });
    assert.notEqual(fresh.MessageId, sent[0].MessageId);
    assert.ok(BigInt(fresh.SequenceNumber!) > BigInt(sent[3].SequenceNumber!));
  });

  it('keeps many messages in arrival order through several restarts', async () => {
    const url = sqs().CreateQueue({ QueueName: 'q' }).QueueUrl;
    for (let i = 0; i < 300; i++) sqs().SendMessage({ QueueUrl: url, MessageBody: `m${i}` });
    await env.restart();
    const bodies: string[] = [];
    for (let round = 0; round < 3; round++) {
      const got = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 3600 });
      bodies.push(...got.Messages!.map((m) => m.Body!));
      await env.restart();
    }
    assert.deepEqual(bodies, Array.from({ length: 30 }, (_, i) => `m${i}`));
    assert.equal(sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes!.ApproximateNumberOfMessages, '270');
  });
});
