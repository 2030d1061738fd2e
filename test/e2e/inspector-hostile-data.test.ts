import assert from 'node:assert/strict';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { ConfirmSubscriptionCommand, CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const clientConfig = () => ({
  endpoint: workbench.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>';

/**
 * Everything the inspector shows comes from clients, so all of it is attacker-controlled: message
 * attributes, topic outbox mail, stream records. Each must show as the characters sent and run nothing,
 * under a CSP that allows no inline or evaluated script.
 */
describe('inspector: hostile data shows as text', () => {
  const dialogs: string[] = [];
  const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
    dialogs.push(d.message());
    void d.dismiss();
  };
  before(() => workbench.page.on('dialog', onDialog));
  after(() => workbench.page.off('dialog', onDialog));

  const assertInert = async (inspector: InspectorPage) => {
    const fromData = 'img[src="x"], img[src="y"], b:text-is("bold"), b:text-is("t"), b:text-is("key")';
    assert.equal(await inspector.frame.locator(fromData).count(), 0, 'no element was made from the data');
    assert.equal(await inspector.frame.locator('ey-app script').count(), 0, 'no script element was made from the data');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(dialogs, []);
  };

  it('the inspector page forbids inline and evaluated script in its CSP', async () => {
    const sqs = sqsClient();
    const name = `csp-${stamp()}`;
    await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const inspector = await InspectorPage.open(name);
    const csp = await inspector.frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'the page declares a CSP');
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.match(scriptSrc.trim(), /^'nonce-[A-Za-z0-9+/=]+'$/, 'scripts only by nonce: no host, no wildcard');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes/);
    assert.match(csp, /default-src 'none'/);
  });

  it('message attribute names and values', async () => {
    const sqs = sqsClient();
    const name = `attrs-${stamp()}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({
      QueueUrl,
      MessageBody: 'plain body',
      MessageAttributes: { 'x-evil': { DataType: 'String.<b>t</b>', StringValue: HOSTILE } },
    }));
    const inspector = await InspectorPage.open(name);
    const row = inspector.row('plain body');
    await row.waitFor({ timeout: 15000 });
    await row.click();
    const value = inspector.frame.locator('table.kv td', { hasText: '<script>alert(2)</script>' }).first();
    await value.waitFor({ timeout: 15000 });
    assert.equal(await value.innerText(), HOSTILE);
    assert.ok(await inspector.frame.locator('table.kv td', { hasText: 'String.<b>t</b>' }).count(), 'the custom type shows as sent');
    await assertInert(inspector);
  });

  it('an email in a topic\'s outbox, subject and body', async () => {
    const sns = new SNSClient(clientConfig());
    const id = stamp();
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `outbox-${id}` }));
    const endpoint = `dev-${id}@example.com`;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: endpoint }));
    const outbox = (await (await fetch(`${workbench.endpoint}/_eventyard/sns/outbox?endpoint=${encodeURIComponent(endpoint)}`)).json()) as { entries: { body: string }[] };
    const Token = /Token=([^\s&"]+)/.exec(outbox.entries[0]?.body ?? '')?.[1];
    assert.ok(Token, 'the confirmation mail carries its token');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token }));
    await sns.send(new PublishCommand({ TopicArn, Subject: 'Hi <img src=y onerror=alert(3)>', Message: HOSTILE }));

    const inspector = await InspectorPage.open(`outbox-${id}`);
    await inspector.tab('Outbox');
    const mail = inspector.frame.locator('section pre', { hasText: '<script>alert(2)</script>' }).first();
    await mail.waitFor({ timeout: 15000 });
    assert.ok((await mail.innerText()).startsWith(`${HOSTILE}\n`), 'the mail body starts with the message, as sent');
    assert.ok(await inspector.frame.locator('section', { hasText: 'Hi <img src=y onerror=alert(3)>' }).count(), 'the subject shows as sent');
    await assertInert(inspector);
  });

  it('a Kinesis record\'s data', async () => {
    const kinesis = new KinesisClient(clientConfig());
    const name = `records-${stamp()}`;
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    for (let i = 0; i < 50; i++) {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: '<b>key</b>', Data: new TextEncoder().encode(HOSTILE) }));
    const inspector = await InspectorPage.open(name);
    await inspector.byTestId('read').click();
    await inspector.byTestId('record-count').filter({ hasText: /^1 record/ }).waitFor({ timeout: 15000 });
    assert.deepEqual(await inspector.byTestId('record-data').allInnerTexts(), [HOSTILE]);
    await assertInert(inspector);
  });
});
