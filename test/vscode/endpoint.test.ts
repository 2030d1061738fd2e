import assert from 'node:assert/strict';
import { CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, QueueDoesNotExist, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SqsEvent } from '../../src/broker/sqs/events';
import { activatedExtension, configuredPort, endpointUrl, eventually, runningBroker } from './support';

function sqsClient(): SQSClient {
  return new SQSClient({
    endpoint: endpointUrl(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

suite('AWS endpoint of the running extension', () => {
  suiteSetup(async () => {
    await activatedExtension();
  });

  test('listens on the port from the eventyard.port setting, not the default', async () => {
    assert.notEqual(configuredPort(), 4566, 'the runner configures a free port so parallel runs do not clash');
    const res = await eventually('the endpoint to accept connections', () =>
      fetch(`${endpointUrl()}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, body: '{}' }),
    );
    assert.equal(res.status, 200);
  });

  test('answers the AWS SDK: an unknown queue is QueueDoesNotExist', async () => {
    const sqs = sqsClient();
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: `missing-${Date.now()}` })), (e: unknown) => {
      assert.ok(e instanceof QueueDoesNotExist, `expected QueueDoesNotExist, got ${(e as Error).name}: ${(e as Error).message}`);
      return true;
    });
  });

  test('a queue created through the AWS SDK appears in the broker the extension shows', async () => {
    const broker = await runningBroker();
    const name = `vscode-test-${Date.now()}`;
    const seen: SqsEvent[] = [];
    const off = broker.events.on((e) => {
      if (e.service === 'sqs' && e.queueName === name) seen.push(e);
    });
    try {
      const sqs = sqsClient();
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      assert.equal(QueueUrl, `${endpointUrl()}/000000000000/${name}`);
      await eventually('the queueCreated event', () => seen.some((e) => e.type === 'queueCreated'));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"order":1}' }));
      // what the Resources tree shows: the queue with one visible message
      const summary = broker.sqs.listQueueSummaries().find((q) => q.name === name);
      assert.ok(summary, `the broker does not list ${name}`);
      assert.equal(summary.fifo, false);
      assert.equal(summary.visible, 1);
      const viaSdk = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }));
      assert.deepEqual(viaSdk.QueueUrls, [QueueUrl]);
    } finally {
      off();
    }
  });
});
