import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Locator } from 'playwright-core';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;
const shot = async (name: string) => {
  if (results) await workbench.screenshot(path.join(results, name));
};

/** The Resources row of a queue, found by its name and the description beside it. */
function queueRow(name: string, description?: string): Locator {
  const row = workbench.treeItem('Resources', new RegExp(`^${name.replace(/[.]/g, '\\.')}\\b`));
  return description ? row.filter({ hasText: description }) : row;
}

const contextMenu = (row: Locator, entry: string, done: Locator): Promise<void> => workbench.contextMenu(row, entry, done);

const answer = (prompt: string, value: string): Promise<void> => workbench.answerPrompt(prompt, value);

const run = (title: string): Promise<void> => workbench.runExactCommand(title);

/** Waits for a tree row of the Resources view (expanding and scrolling the tree). */
const seeRow = (row: Locator, timeoutMs?: number): Promise<void> => workbench.seeTreeRow('Resources', row, timeoutMs);

describe('queues from the palette and the tree', () => {
  const name = `e2e-palette-${Date.now()}`;

  it('creates a queue from the palette and shows it in the tree with its count', async () => {
    await workbench.showContainer('Eventyard');
    await run('Eventyard: Create Queue');
    await answer('Queue type', 'Standard');
    await answer('Queue name', name);
    await answer('Visibility timeout', '30');
    await answer('Delivery delay', '0');
    await answer('Dead-letter queue', `Create ${name}-dlq`);
    await answer('maxReceiveCount', '3');
    await workbench.notification(`created queue ${name} with dead-letter queue ${name}-dlq`).waitFor({ timeout: 15000 });

    const sqs = sqsClient();
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"order":1}' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"order":2}' }));
    await workbench.expandTree('Resources');
    await seeRow(queueRow(name, '2 visible'));
    await seeRow(queueRow(`${name}-dlq`, `DLQ of ${name}`));
    await shot('tree-queue-created.png');
  });

  it('refuses a queue name that breaks the AWS rule and says which rule', async () => {
    await run('Eventyard: Create Queue');
    await answer('Queue type', 'Standard');
    await workbench.page.locator('.quick-input-message', { hasText: 'Queue name' }).waitFor({ timeout: 15000 });
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('orders with spaces');
    await workbench.page.locator('.quick-input-widget', { hasText: 'Queue names can have up to 80 characters: alphanumerics, hyphens and underscores' })
      .waitFor({ timeout: 10000 });
    await shot('palette-validation.png');
    await workbench.page.keyboard.press('Escape');
  });

  it('sends a message and purges the queue through the context menu', async () => {
    await workbench.showContainer('Eventyard');
    const bodyPrompt = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: 'Message body' });
    await contextMenu(queueRow(name).first(), 'Send Message', bodyPrompt);
    await answer('Message body', '{"order":3}');
    await seeRow(queueRow(name, '3 visible'));

    const dialog = workbench.page.locator('.monaco-dialog-box');
    await contextMenu(queueRow(name).first(), 'Purge Queue', dialog.getByText(`Delete all 3 messages of ${name}?`));
    await shot('purge-confirmation.png');
    await dialog.getByRole('button', { name: 'Purge' }).click();
    await seeRow(queueRow(name, '0 visible'));
    await shot('tree-after-purge.png');
  });

  it('completes a walkthrough step by doing it from the walkthrough', async () => {
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.answerQuickInput('Decouple a producer and a consumer');
    const step = workbench.page.locator('.getting-started-step', { hasText: 'Create a queue with a dead-letter queue' });
    await step.waitFor({ timeout: 20000 });
    await shot('walkthrough-queues-before.png');
    await step.click();
    await step.getByRole('button', { name: 'Create Queue' }).click();
    await answer('Queue type', 'Standard');
    await answer('Queue name', `${name}-walk`);
    await answer('Visibility timeout', '30');
    await answer('Delivery delay', '0');
    await answer('Dead-letter queue', 'No dead-letter queue');
    await workbench.notification(`created queue ${name}-walk`).waitFor({ timeout: 15000 });
    await step.locator('.codicon-getting-started-step-checked').waitFor({ timeout: 15000 });
    await shot('walkthrough-queues-done.png');
  });

  it('loads a workspace definitions file into the tree and shows its mistakes as problems', async () => {
    fs.writeFileSync(path.join(workbench.workspace, 'eventyard.yaml'), [
      'queues:',
      '  - name: e2e-defined',
      '    visibilityTimeout: 45',
      '  - name: e2e-broken',
      '    delaySeconds: 5000',
      'streams:',
      '  - name: e2e-clicks',
      '    shards: 2',
    ].join('\n'));
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await workbench.page.locator('.markers-panel', { hasText: '"delaySeconds" must be from 0 to 900' }).waitFor({ timeout: 15000 });
    await shot('definitions-problems.png');
    // a file that breaks the schema is not applied at all, so a half-typed edit never deletes anything
    fs.writeFileSync(path.join(workbench.workspace, 'eventyard.yaml'), [
      'queues:',
      '  - name: e2e-defined',
      '    visibilityTimeout: 45',
      'streams:',
      '  - name: e2e-clicks',
      '    shards: 2',
    ].join('\n'));
    await workbench.showContainer('Eventyard');
    await workbench.expandTree('Resources');
    await seeRow(queueRow('e2e-defined', '0 visible'));
    await seeRow(queueRow('e2e-clicks', '2 open shards'));
    // fixing the file clears its problem
    await workbench.page.locator('.markers-panel', { hasText: 'delaySeconds' }).waitFor({ state: 'detached', timeout: 15000 });
    await shot('tree-definitions.png');
  });

  it('imports a SAM template and shows its resources in the tree', async () => {
    const template = path.join(workbench.workspace, 'template.yaml');
    fs.writeFileSync(template, [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Dlq:',
      '    Type: AWS::SQS::Queue',
      '    Properties: { QueueName: e2e-sam-dlq }',
      '  Orders:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: e2e-sam-orders',
      '      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 }',
      '  Events:',
      '    Type: AWS::SNS::Topic',
      '    Properties: { TopicName: e2e-sam-events }',
      '  ToOrders:',
      '    Type: AWS::SNS::Subscription',
      '    Properties: { TopicArn: !Ref Events, Protocol: sqs, Endpoint: !GetAtt Orders.Arn }',
    ].join('\n'));
    await run('Eventyard: Import from CloudFormation/SAM Template');
    // code-server's own file dialog: a quick input holding a path, listing the folder once it has read it
    const dialog = workbench.page.locator('.quick-input-widget', { hasText: 'CloudFormation or SAM template' });
    await dialog.locator('.quick-input-list .monaco-list-row', { hasText: 'template.yaml' }).waitFor({ timeout: 15000 });
    await dialog.locator('input').fill(template);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await workbench.notification(/imported 3 resources from template\.yaml/).waitFor({ timeout: 20000 });
    await workbench.showContainer('Eventyard');
    await workbench.expandTree('Resources');
    await seeRow(queueRow('e2e-sam-dlq', 'DLQ of e2e-sam-orders'));
    await workbench.treeItem('Resources', /^e2e-sam-events/).first().waitFor({ timeout: 20000 });
    await shot('tree-sam-import.png');
    assert.match(fs.readFileSync(path.join(workbench.workspace, 'eventyard.yaml'), 'utf8'), /name: e2e-sam-orders/);
  });
});
