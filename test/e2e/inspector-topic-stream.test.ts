import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CheckIfPhoneNumberIsOptedOutCommand, CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import path from 'node:path';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;
const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const clientConfig = () => ({
  endpoint: workbench.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

describe('inspector: topic and stream', () => {
  it('publishes to a topic from the inspector and shows where the message went', async () => {
    const sqs = sqsClient();
    const sns = new SNSClient(clientConfig());
    const id = stamp();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `sink-${id}` }));
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `topic-${id}` }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn }));

    const inspector = await InspectorPage.open(`topic-${id}`);
    await inspector.tab('Publish');
    await inspector.frame.locator('vscode-textarea#message textarea').fill(`{"hello":"${id}"}`);
    await inspector.byTestId('publish').click();
    await inspector.byTestId('publish-status').waitFor({ timeout: 15000 });
    await inspector.tab('Deliveries');
    const delivery = inspector.byTestId('delivery').filter({ hasText: `sink-${id}` }).first();
    await delivery.filter({ hasText: 'delivered' }).waitFor({ timeout: 15000 });
    if (results) await workbench.screenshot(path.join(results, 'inspector-topic-deliveries.png'));

    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    assert.match(got.Messages?.[0]?.Body ?? '', new RegExp(`hello.*${id}`), 'the subscribed queue got the message the map says was delivered');
  });

  it('opts a phone number out from the outbox, as its owner replying STOP would', async () => {
    const sns = new SNSClient(clientConfig());
    const id = stamp();
    const phoneNumber = `+1555${id.slice(-7)}`;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `sms-${id}` }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: phoneNumber }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'Your code is 1234' }));

    const inspector = await InspectorPage.open(`sms-${id}`);
    await inspector.tab('Outbox');
    await inspector.byTestId('reply-stop').click();
    await inspector.byTestId('opted-out').waitFor({ timeout: 15000 });
    const { isOptedOut } = await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber }));
    assert.equal(isOptedOut, true);
  });

  it('browses a shard from TRIM_HORIZON', async () => {
    const kinesis = new KinesisClient(clientConfig());
    const name = `stream-${stamp()}`;
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    for (let i = 0; i < 50; i++) {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (let i = 0; i < 3; i++) {
      await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: `k${i}`, Data: new TextEncoder().encode(`{"click":${i}}`) }));
    }
    const inspector = await InspectorPage.open(name);
    await inspector.byTestId('read').click();
    await inspector.byTestId('record-count').filter({ hasText: /^3 records/ }).waitFor({ timeout: 15000 });
    const data = await inspector.byTestId('record-data').allInnerTexts();
    assert.deepEqual(data, ['{"click":0}', '{"click":1}', '{"click":2}'], 'oldest first, as TRIM_HORIZON reads');
    if (results) await workbench.screenshot(path.join(results, 'inspector-stream.png'));
  });
});
