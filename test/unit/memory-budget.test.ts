import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../src/broker/broker';
import { FakeClock } from '../../src/broker/clock';
import { AwsError } from '../../src/broker/errors';

/** A broker with a memory budget refuses writes that do not fit, with each service's error, and lets users drain. */
describe('memory budget', () => {
  let clock: FakeClock;
  let broker: Broker;
  const make = (maxMemoryBytes: number) => {
    clock = new FakeClock();
    broker = new Broker({ clock, maxMemoryBytes });
    return broker;
  };
  afterEach(() => broker.dispose());

  const refused = (f: () => unknown, code: string, status: number) =>
    assert.throws(f, (e: unknown) => {
      assert.ok(e instanceof AwsError, String(e));
      assert.equal(e.code, code);
      assert.equal(e.status, status);
      assert.match(e.message, /memory budget is full: .* MiB .*Receive and delete messages/);
      return true;
    });

  it('SQS: a send beyond the budget gets OverLimit 403; deleting, purging and deleting queues make room again', async () => {
    const sqs = make(1000).sqs.operations;
    const { QueueUrl } = sqs.CreateQueue({ QueueName: 'q' });
    const body = 'x'.repeat(300);
    for (let i = 0; i < 3; i++) sqs.SendMessage({ QueueUrl, MessageBody: body });
    assert.equal(broker.memory.usedBytes, 900);
    refused(() => sqs.SendMessage({ QueueUrl, MessageBody: body }), 'OverLimit', 403);
    const batch = sqs.SendMessageBatch({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'y'.repeat(100) }, { Id: 'b', MessageBody: 'z' }] });
    assert.deepEqual(batch.Successful.map((s) => s.Id), ['a']);
    assert.deepEqual(batch.Failed.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'OverLimit', true]]);

    const [first] = (await sqs.ReceiveMessage({ QueueUrl, MaxNumberOfMessages: 1 })).Messages ?? [];
    sqs.DeleteMessage({ QueueUrl, ReceiptHandle: first.ReceiptHandle! });
    assert.equal(broker.memory.usedBytes, 700);
    sqs.SendMessage({ QueueUrl, MessageBody: body });
    sqs.PurgeQueue({ QueueUrl });
    assert.equal(broker.memory.usedBytes, 0);
    sqs.SendMessage({ QueueUrl, MessageBody: body });
    sqs.DeleteQueue({ QueueUrl });
    assert.equal(broker.memory.usedBytes, 0);
  });

  it('SQS: counts message attributes, follows messages to a dead-letter queue and lets retention free them', async () => {
    const sqs = make(10_000).sqs.operations;
    const dlq = sqs.CreateQueue({ QueueName: 'dlq' });
    const arn = sqs.GetQueueAttributes({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    const { QueueUrl } = sqs.CreateQueue({
      QueueName: 'src',
      Attributes: { VisibilityTimeout: '1', MessageRetentionPeriod: '60', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }) },
    });
    sqs.SendMessage({ QueueUrl, MessageBody: 'hello', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
    const size = 'hello'.length + 'k'.length + 'String'.length + 'v'.length;
    assert.equal(broker.memory.usedBytes, size);
    await sqs.ReceiveMessage({ QueueUrl });
    clock.advance(1500);
    await sqs.ReceiveMessage({ QueueUrl });
    assert.equal(sqs.GetQueueAttributes({ QueueUrl: dlq.QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes!.ApproximateNumberOfMessages, '1');
    assert.equal(broker.memory.usedBytes, size, 'a move to the dead-letter queue neither adds nor frees');
    sqs.SetQueueAttributes({ QueueUrl: dlq.QueueUrl, Attributes: { MessageRetentionPeriod: '60' } });
    clock.advance(61_000);
    assert.equal(broker.memory.usedBytes, 0, 'expired messages give their bytes back');
  });

  it('SQS: a FIFO duplicate is still answered when the budget is full, since it stores nothing', () => {
    const sqs = make(10).sqs.operations;
    const { QueueUrl } = sqs.CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } });
    const first = sqs.SendMessage({ QueueUrl, MessageBody: '0123456789', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    const again = sqs.SendMessage({ QueueUrl, MessageBody: '0123456789', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    assert.equal(again.MessageId, first.MessageId);
    refused(() => sqs.SendMessage({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'e' }), 'OverLimit', 403);
  });

  it('SNS: a publish that would not fit gets Throttled 429, and the subscribed queue can still be drained', async () => {
    make(100);
    const { sqs, sns } = broker;
    const { QueueUrl } = sqs.operations.CreateQueue({ QueueName: 'q' });
    const queueArn = sqs.operations.GetQueueAttributes({ QueueUrl, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    const { TopicArn } = sns.operations.CreateTopic({ Name: 't' });
    sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } });
    sns.operations.Publish({ TopicArn, Message: 'm'.repeat(90) });
    clock.advance(1000);
    refused(() => sns.operations.Publish({ TopicArn, Message: 'm'.repeat(20) }), 'Throttled', 429);
    const batch = () => sns.operations.PublishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'm'.repeat(20) }] });
    refused(batch, 'Throttled', 429);
    const [message] = (await sqs.operations.ReceiveMessage({ QueueUrl })).Messages ?? [];
    assert.equal(message.Body, 'm'.repeat(90));
    sqs.operations.DeleteMessage({ QueueUrl, ReceiptHandle: message.ReceiptHandle! });
    sns.operations.Publish({ TopicArn, Message: 'm'.repeat(20) });
  });

  it('Kinesis: PutRecord gets ProvisionedThroughputExceededException, PutRecords fails only the records that do not fit, deletion frees', () => {
    const kinesis = make(100).kinesis.operations;
    kinesis.CreateStream({ StreamName: 's', ShardCount: 1 });
    const data = (n: number) => Buffer.alloc(n, 1);
    kinesis.PutRecord({ StreamName: 's', PartitionKey: 'p', Data: data(59) });
    assert.equal(broker.memory.usedBytes, 60);
    const out = kinesis.PutRecords({ StreamName: 's', Records: [{ PartitionKey: 'p', Data: data(29) }, { PartitionKey: 'p', Data: data(29) }] });
    assert.equal(out.FailedRecordCount, 1);
    assert.equal(out.Records[1].ErrorCode, 'ProvisionedThroughputExceededException');
    assert.match(out.Records[1].ErrorMessage!, /memory budget is full/);
    refused(() => kinesis.PutRecord({ StreamName: 's', PartitionKey: 'p', Data: data(20) }), 'ProvisionedThroughputExceededException', 400);
    const { ShardIterator } = kinesis.GetShardIterator({ StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    assert.equal(kinesis.GetRecords({ ShardIterator: ShardIterator! }).Records.length, 2, 'reads go on while full');
    kinesis.DeleteStream({ StreamName: 's' });
    assert.equal(broker.memory.usedBytes, 0);
  });

  it('Kinesis: records that leave by retention give their bytes back', () => {
    const kinesis = make(1000).kinesis.operations;
    kinesis.CreateStream({ StreamName: 's', ShardCount: 1 });
    kinesis.PutRecord({ StreamName: 's', PartitionKey: 'p', Data: Buffer.alloc(99) });
    assert.equal(broker.memory.usedBytes, 100);
    clock.advance(24 * 3600 * 1000 + 1000);
    assert.equal(broker.memory.usedBytes, 0);
  });

  it('Firehose: a record beyond the budget gets ServiceUnavailableException 503; delivery frees the buffer', async () => {
    const firehose = make(100).firehose;
    firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'f',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::bucket' },
    });
    firehose.operations.PutRecord({ DeliveryStreamName: 'f', Record: { Data: Buffer.alloc(80) } });
    refused(() => firehose.operations.PutRecord({ DeliveryStreamName: 'f', Record: { Data: Buffer.alloc(30) } }), 'ServiceUnavailableException', 503);
    await firehose.flushAll();
    assert.equal(broker.memory.usedBytes, 0);
    firehose.operations.PutRecordBatch({ DeliveryStreamName: 'f', Records: [{ Data: Buffer.alloc(30) }] });
    firehose.operations.DeleteDeliveryStream({ DeliveryStreamName: 'f' });
    assert.equal(broker.memory.usedBytes, 0);
  });

  it('after a restart from a data folder the budget holds the restored messages and records', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-budget-'));
    try {
      const first = new Broker({ clock: new FakeClock(), maxMemoryBytes: 1000, persistence: { dataDir } });
      const { QueueUrl } = first.sqs.operations.CreateQueue({ QueueName: 'kept' });
      first.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(400) });
      first.kinesis.operations.CreateStream({ StreamName: 'kept', ShardCount: 1 });
      first.kinesis.operations.PutRecord({ StreamName: 'kept', PartitionKey: 'p', Data: Buffer.alloc(299) });
      first.firehose.operations.CreateDeliveryStream({
        DeliveryStreamName: 'kept',
        ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::kept-bucket' },
      });
      first.firehose.operations.PutRecord({ DeliveryStreamName: 'kept', Record: { Data: Buffer.alloc(100) } });
      assert.equal(first.memory.usedBytes, 800);
      await first.close();
      broker = new Broker({ clock: new FakeClock(), maxMemoryBytes: 1000, persistence: { dataDir } });
      assert.equal(broker.memory.usedBytes, 800, 'messages, records and buffered Firehose records all count again');
      await broker.firehose.flushAll();
      assert.equal(broker.memory.usedBytes, 700);
      refused(() => broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'y'.repeat(301) }), 'OverLimit', 403);
      const [restored] = (await broker.sqs.operations.ReceiveMessage({ QueueUrl })).Messages ?? [];
      broker.sqs.operations.DeleteMessage({ QueueUrl, ReceiptHandle: restored.ReceiptHandle! });
      assert.equal(broker.memory.usedBytes, 300, 'a restored message gives its bytes back when deleted');
      await broker.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('without a limit nothing is refused', () => {
    broker = new Broker({ clock: new FakeClock() });
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'q' });
    for (let i = 0; i < 20; i++) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(100_000) });
    assert.equal(broker.sqs.operations.GetQueueAttributes({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes!.ApproximateNumberOfMessages, '20');
  });
});
