import assert from 'node:assert/strict';
import path from 'node:path';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

describe('a message trace', () => {
  it('follows an app\'s publish through a topic: delivered to one queue, received and deleted there, dropped by the other queue\'s filter with the reason', async () => {
    const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const sqs = sqsClient();
    const sns = new SNSClient({ endpoint: workbench.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      const queue = async (name: string) => {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
        const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
        return { url: QueueUrl!, arn };
      };
      const paid = await queue(`trace-paid-${id}`);
      const refunds = await queue(`trace-refunds-${id}`);
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `trace-orders-${id}` }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: paid.arn, Attributes: { FilterPolicy: '{"kind":["paid"]}' } }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: refunds.arn, Attributes: { FilterPolicy: '{"kind":["refund"]}' } }));
      await sns.send(new PublishCommand({
        TopicArn,
        Message: JSON.stringify({ order: id, note: '<img src=x onerror=alert(1)>' }),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'paid' } },
      }));
      // the app's consumer takes it
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: paid.url, WaitTimeSeconds: 2 }));
      assert.equal(Messages.length, 1);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: paid.url, ReceiptHandle: Messages[0].ReceiptHandle! }));

      await workbench.runCommand('View: Close All Editors');
      await workbench.runExactCommand('Eventyard: Find Message Trace');
      await workbench.answerPrompt('Message id, trace id or text', id);
      const trace = new InspectorPage(workbench.webview());
      const hops = trace.byTestId('trace-hop');
      await hops.first().waitFor({ timeout: 30000 });

      assert.match(await trace.byTestId('trace-origin').innerText(), /Publish over .* from .*aws-sdk-js/i, 'where it entered: the app\'s SDK');
      const hop = (label: string, resource: string) => hops.filter({ hasText: label }).filter({ hasText: resource }).first();
      await hop('Published', `trace-orders-${id}`).waitFor({ timeout: 15000 });
      await hop('Delivered', `trace-paid-${id}`).waitFor({ timeout: 15000 });
      await hop('Received', `trace-paid-${id}`).waitFor({ timeout: 15000 });
      await hop('Deleted', `trace-paid-${id}`).waitFor({ timeout: 15000 });
      const dropped = hop('Dropped by a filter policy', `trace-refunds-${id}`);
      await dropped.waitFor({ timeout: 15000 });
      assert.match(await dropped.locator('[data-testid="trace-why"]').innerText(), /kind.*refund.*paid/, 'the first failing condition and the value it saw');
      // the payload is text, never markup
      const payload = trace.byTestId('trace-payload').first();
      await payload.waitFor({ state: 'attached', timeout: 5000 });
      assert.match(await payload.textContent() ?? '', /<img src=x onerror=alert\(1\)>/);
      assert.equal(await trace.frame.locator('img').count(), 0);
      if (results) await workbench.screenshot(path.join(results, 'trace.png'));
    } finally {
      sqs.destroy();
      sns.destroy();
    }
  });
});
