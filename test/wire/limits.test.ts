import assert from 'node:assert/strict';
import { FirehoseClient, PutRecordCommand as FirehosePut, CreateDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, CreateStreamCommand, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { SNSClient, CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { awsCli, credentials, sqsClient } from './support/clients';
import { runCli, ServeProcess, startServe } from './support/serve';

/** `serve --max-memory-mb`: what real clients see when the budget is full, and that draining makes room. */
describe('memory budget over the wire', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  const config = () => ({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });

  before(async () => {
    server = await startServe(['--max-memory-mb', '1']);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it('SQS: the SDK gets OverLimit (403) once the budget is full, the CLI too, and receiving and deleting make room', async () => {
    const sqs = sqsClient(server.url);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'full' }));
    const body = 'x'.repeat(256 * 1024 - 1);
    for (let i = 0; i < 4; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const error = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body })).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the fifth 256 KiB message does not fit in 1 MiB');
    const e = error as { name: string; message: string; $metadata: { httpStatusCode: number } };
    assert.equal(e.name, 'OverLimit');
    assert.equal(e.$metadata.httpStatusCode, 403);
    assert.match(e.message, /memory budget is full/);
    const cli = await awsCli(server.url, ['sqs', 'send-message', '--queue-url', QueueUrl!, '--message-body', 'x'.repeat(10_000)]);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /\(OverLimit\).*memory budget is full/);

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2 }));
    assert.equal(Messages?.length, 2);
    for (const m of Messages!) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    for (let i = 0; i < 2; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    assert.equal(Attributes?.ApproximateNumberOfMessages, '4', 'nothing lost or half-stored');
  });

  it('SNS, Kinesis and Firehose clients get their own services\' errors while the budget is full', async () => {
    const sns = new SNSClient(config());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const published = await sns.send(new PublishCommand({ TopicArn, Message: 'm'.repeat(256 * 1024 - 1) })).then(() => undefined, (e: unknown) => e);
    assert.equal((published as { name: string }).name, 'ThrottledException');
    assert.equal((published as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 429);

    const kinesis = new KinesisClient(config());
    await kinesis.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 's', PartitionKey: 'p', Data: Buffer.alloc(300 * 1024) })).then(() => undefined, (e: unknown) => e);
    assert.equal((put as { name: string }).name, 'ProvisionedThroughputExceededException');
    const puts = await kinesis.send(new PutRecordsCommand({ StreamName: 's', Records: [{ PartitionKey: 'p', Data: Buffer.from('small') }, { PartitionKey: 'p', Data: Buffer.alloc(300 * 1024) }] }));
    assert.equal(puts.FailedRecordCount, 2, 'each record is refused on its own, as AWS reports throttled records');
    assert.deepEqual(puts.Records?.map((r) => r.ErrorCode), ['ProvisionedThroughputExceededException', 'ProvisionedThroughputExceededException']);

    const firehose = new FirehoseClient(config());
    await firehose.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'f',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::limits-bucket' },
    }));
    const record = await firehose.send(new FirehosePut({ DeliveryStreamName: 'f', Record: { Data: Buffer.alloc(300 * 1024) } })).then(() => undefined, (e: unknown) => e);
    assert.equal((record as { name: string }).name, 'ServiceUnavailableException');
    assert.equal((record as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 503);
    assert.equal(server.child.exitCode, null);
  });

  it('refuses a budget that is not a positive number', async () => {
    for (const value of ['0', '-1', 'lots']) {
      const r = await runCli(['serve', `--max-memory-mb=${value}`]);
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, /--max-memory-mb must be a positive number of MiB/);
    }
  });
});
