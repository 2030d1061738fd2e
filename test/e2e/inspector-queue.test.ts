import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import path from 'node:path';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;
const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const seconds = (text: string) => Number(/([\d.]+) s/.exec(text)?.[1] ?? NaN);

describe('inspector: queue', () => {
  it('sends from the inspector, counts down a message an app received, and shows it return', async () => {
    const sqs = sqsClient();
    const name = `iq-${stamp()}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const inspector = await InspectorPage.open(name);

    const body = `{"orderId":"${stamp()}","note":"sent from the inspector"}`;
    await inspector.tab('Send');
    await inspector.frame.locator('vscode-textarea#body textarea').fill(body);
    await inspector.byTestId('send').click();
    await inspector.byTestId('send-status').filter({ hasText: /Sent message/ }).waitFor({ timeout: 15000 });

    await inspector.tab('Messages');
    await inspector.row('sent from the inspector').waitFor({ timeout: 15000 });
    await inspector.byTestId('count-visible').filter({ hasText: '1' }).waitFor();

    // An app receives it: the inspector shows it in flight with a countdown that falls to zero.
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 6 }));
    assert.equal(received.Messages?.[0]?.Body, body, 'the app got what the inspector sent');
    await inspector.tab(/^In flight/);
    const remaining = inspector.byTestId('remaining').first();
    await remaining.waitFor({ timeout: 15000 });
    const first = seconds(await remaining.innerText());
    await new Promise((r) => setTimeout(r, 1500));
    const second = seconds(await remaining.innerText());
    assert.ok(first <= 6 && first > 0, `countdown starts within the timeout (${first})`);
    assert.ok(second < first, `countdown falls (${first} -> ${second})`);
    if (results) await workbench.screenshot(path.join(results, 'inspector-in-flight.png'));

    // The broker makes it visible again; the in-flight list empties and the message is back, received once.
    await inspector.byTestId('in-flight-total').filter({ hasText: /^0 in flight/ }).waitFor({ timeout: 15000 });
    await inspector.byTestId('count-visible').filter({ hasText: '1' }).waitFor();
    await inspector.tab('Messages');
    const row = inspector.row('sent from the inspector');
    await row.waitFor();
    assert.match((await row.getAttribute('aria-label')) ?? '', /visible, received 1 times/);
  });

  it('shows a message pushed past maxReceiveCount in the dead-letter view and redrives it', async () => {
    const sqs = sqsClient();
    const id = stamp();
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `dl-${id}` }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn;
    const src = await sqs.send(
      new CreateQueueCommand({ QueueName: `src-${id}`, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }),
    );
    const body = `{"payment":"${id}","fails":true}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: src.QueueUrl, MessageBody: body }));
    for (let i = 0; i < 3; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: src.QueueUrl, VisibilityTimeout: 0 }));

    const inspector = await InspectorPage.open(`dl-${id}`);
    await inspector.tab('Dead letters');
    const row = inspector.row(`"payment":"${id}"`);
    await row.waitFor({ timeout: 15000 });
    assert.match(await row.innerText(), new RegExp(`src-${id}`), 'the dead letter names its source queue');
    await row.locator('vscode-checkbox').click();
    if (results) await workbench.screenshot(path.join(results, 'inspector-dead-letters.png'));
    await inspector.byTestId('redrive-selected').click();
    await inspector.byTestId('dlq-status').filter({ hasText: 'Redrove 1 of 1' }).waitFor({ timeout: 15000 });
    await inspector.byTestId('dlq-total').filter({ hasText: /^0 dead letters/ }).waitFor({ timeout: 15000 });

    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: src.QueueUrl, WaitTimeSeconds: 2 }));
    assert.equal(back.Messages?.[0]?.Body, body, 'the redriven message is back in its source queue');
  });

  it('shows a hostile body as text and runs nothing', async () => {
    const sqs = sqsClient();
    const name = `xss-${stamp()}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const body = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const dialogs: string[] = [];
    const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    workbench.page.on('dialog', onDialog);
    try {
      const inspector = await InspectorPage.open(name);
      const row = inspector.row('<img src=x');
      await row.waitFor({ timeout: 15000 });
      await row.click();
      await inspector.byTestId('message-body').filter({ hasText: body }).waitFor({ timeout: 15000 });
      assert.equal(await inspector.byTestId('message-body').innerText(), body, 'the body shows as the characters sent');
      assert.equal(await inspector.frame.locator('img').count(), 0, 'no <img> element was created');
      assert.equal(await inspector.frame.locator('ey-app script').count(), 0, 'no script element was created');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(dialogs, []);
    } finally {
      workbench.page.off('dialog', onDialog);
    }
  });
});

describe('inspector: hidden and shown again', () => {
  it('comes back on the tab it was left on, with the unsent body still typed', async () => {
    const sqs = sqsClient();
    const name = `restore-${stamp()}`;
    await sqs.send(new CreateQueueCommand({ QueueName: name }));
    let inspector = await InspectorPage.open(name);
    await inspector.tab('Send');
    await inspector.frame.locator('vscode-textarea#body textarea').fill('{"draft":true}');

    await workbench.runCommand('File: New Untitled Text File');
    await workbench.runCommand('View: Open Previous Editor');
    inspector = new InspectorPage(workbench.webview());
    await inspector.frame.locator('h1', { hasText: name }).waitFor({ timeout: 30000 });
    const textarea = inspector.frame.locator('vscode-textarea#body textarea');
    await textarea.waitFor({ timeout: 15000 });
    assert.equal(await textarea.inputValue(), '{"draft":true}');
    await workbench.runCommand('View: Close All Editors');
  });
});
