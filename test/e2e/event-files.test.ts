import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

describe('event files in the editor', () => {
  it('runs a file from its CodeLens: the passing steps say so, the failing expectation is a problem on its line', async () => {
    const queue = `e2e-ef-${Date.now()}`;
    const sqs = sqsClient();
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queue }));
      const name = `${queue}.events.yaml`;
      fs.writeFileSync(path.join(workbench.workspace, name), [
        'steps:',
        '  - name: place',
        `    send: { queue: ${queue}, body: { status: placed } }`,
        '  - name: placed',
        `    expect: { message: { queue: ${queue}, matching: { body: { status: placed } }, within: 2s } }`,
        '  - name: shipped',
        `    expect: { message: { queue: ${queue}, matching: { body: { status: shipped } }, within: 300ms } }`,
        '',
      ].join('\n'));

      await workbench.runCommand('View: Close All Editors');
      // Quick Open, as a user opens a file
      await workbench.openPalette(name);
      await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
      const editor = workbench.page.locator('.editor-instance .monaco-editor').first();
      const lens = (text: string | RegExp) => editor.locator('.codelens-decoration a', { hasText: text });
      await lens('Run file').waitFor({ timeout: 30000 });
      await lens('Run file').click();

      await workbench.notification(new RegExp(`${queue}.*1 failed`)).waitFor({ timeout: 30000 });
      await lens(/Run step.*passed/).first().waitFor({ timeout: 15000 });
      assert.equal(await lens(/Run step.*passed/).count(), 2, 'the send and the first expectation passed');
      await lens(/Run step.*failed/).waitFor({ timeout: 15000 });

      await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const problem = workbench.page.locator('.markers-panel .monaco-list-row', { hasText: /shipped failed: No new message matching/ }).first();
      await problem.waitFor({ timeout: 15000 });
      assert.match(await problem.innerText(), /\[Ln 6, Col \d+\]/, 'on the failed step\'s line');
      if (results) await workbench.screenshot(path.join(results, 'event-file-run.png'));

      // expectations look without taking: the message the file sent is still there
      const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '1');
    } finally {
      sqs.destroy();
    }
  });

  it('saves a dead letter from the inspector as an event file, whose Run file sends it again to the queue it failed in', async () => {
    const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const sqs = sqsClient();
    try {
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `ef-dl-${id}` }));
      const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn;
      const src = await sqs.send(new CreateQueueCommand({ QueueName: `ef-src-${id}`, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }));
      const body = `{"payment":"${id}","fails":true}`;
      await sqs.send(new SendMessageCommand({ QueueUrl: src.QueueUrl, MessageBody: body }));
      for (let i = 0; i < 3; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: src.QueueUrl, VisibilityTimeout: 0 }));

      const inspector = await InspectorPage.open(`ef-dl-${id}`);
      await inspector.tab('Dead letters');
      const row = inspector.row(`"payment":"${id}"`);
      await row.waitFor({ timeout: 15000 });
      await row.locator('vscode-checkbox').click();
      await inspector.byTestId('save-selected').click();

      // the file opens in an editor: its Run file sends the message to the queue it died in
      const editor = workbench.page.locator('.editor-instance .monaco-editor', { hasText: `ef-src-${id}` }).first();
      const runFile = editor.locator('.codelens-decoration a', { hasText: 'Run file' });
      await runFile.waitFor({ timeout: 30000 });
      await runFile.click();
      await workbench.notification(/1 passed, 0 failed/).waitFor({ timeout: 30000 });
      const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: src.QueueUrl, WaitTimeSeconds: 2 }));
      assert.equal(back.Messages?.[0]?.Body, body, 'the saved dead letter is back in its source queue');
      if (results) await workbench.screenshot(path.join(results, 'event-file-from-dead-letter.png'));
    } finally {
      sqs.destroy();
    }
  });
});
