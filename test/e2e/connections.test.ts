import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Locator } from 'playwright-core';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;
const shot = async (name: string) => {
  if (results) await workbench.screenshot(path.join(results, name));
};

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A row of the connection (its rows come after this window's broker's, so the last of a name is its). */
const row = (label: string | RegExp): Locator => workbench.treeItem('Resources', label).last();

const contextMenu = (row: Locator, entry: string, done: Locator): Promise<void> => workbench.contextMenu(row, entry, done);

const answer = (prompt: string, value: string): Promise<void> => workbench.answerPrompt(prompt, value);

/** Waits for a tree row of the Resources view (expanding and scrolling the tree). */
const seeRow = (row: Locator, timeoutMs?: number): Promise<void> => workbench.seeTreeRow('Resources', row, timeoutMs);

describe('connections: a custom endpoint in the tree', () => {
  let serve: ChildProcess | undefined;
  let endpoint: string;
  let sqs: SQSClient;
  const jobs = `conn-e2e-jobs-${Date.now()}`;
  const dlq = `${jobs}-dlq`;
  const urls: Record<string, string> = {};

  before(async function () {
    this.timeout(60_000);
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    // another Eventyard, as a teammate's or a CI machine's would be: its own process and port
    serve = spawn(process.execPath, [path.resolve('dist/cli.js'), 'serve', '--port', String(port)], { stdio: 'ignore', detached: true });
    for (let i = 0; i < 150 && !(await fetch(endpoint, { method: 'POST' }).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
    sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    urls[dlq] = (await sqs.send(new CreateQueueCommand({ QueueName: dlq }))).QueueUrl!;
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls[dlq], AttributeNames: ['QueueArn'] }));
    urls[jobs] = (await sqs.send(new CreateQueueCommand({ QueueName: jobs, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 1 }) } }))).QueueUrl!;
    // one message dead-lettered the way a failing consumer does it, and one waiting
    await sqs.send(new SendMessageCommand({ QueueUrl: urls[jobs], MessageBody: 'failed job' }));
    for (let i = 0; i < 2; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls[jobs], VisibilityTimeout: 0 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: urls[jobs], MessageBody: '{"job":"waiting"}' }));
  });

  after(async () => {
    sqs?.destroy();
    if (serve?.pid) process.kill(-serve.pid, 'SIGTERM');
  });

  const counts = async (name: string) => {
    const { Attributes: a = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls[name], AttributeNames: ['All'] }));
    return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
  };

  it('adds the endpoint, browses its queue, polls, sends and redrives, in the tree and in its inspector', async function () {
    this.timeout(180_000);
    await workbench.showContainer('Eventyard');
    await workbench.runCommand('Eventyard: Add Connection…');
    await answer('Endpoint URL', endpoint);
    await answer('A name for the connection', 'teammate');
    await answer('sign requests as', 'No profile');
    await answer('Region', 'us-east-1');
    await workbench.notification('added connection teammate').waitFor({ timeout: 15000 });

    const connection = row(/^teammate\b/);
    await seeRow(connection);
    assert.match(await connection.getAttribute('aria-label') ?? '', /read-only/);
    await seeRow(row(new RegExp(`^${jobs}, 1 visible`)));
    await seeRow(row(new RegExp(`^${dlq}, 1 visible`)));

    // Poll: the message is received with the timeout typed; the list counts down
    const pollPrompt = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: 'Poll receives messages' });
    await contextMenu(row(new RegExp(`^${jobs}, `)), 'Poll Messages (receive with a short visibility timeout)…', pollPrompt);
    await answer('Poll receives messages', '30');
    const polled = workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: '{"job":"waiting"}' });
    await polled.waitFor({ timeout: 15000 });
    assert.match(await polled.innerText(), /receive #1 · hidden for \d+ s more/);
    await shot('connections-poll.png');
    await workbench.page.keyboard.press('Escape');
    assert.deepEqual(await counts(jobs), { visible: 0, inFlight: 1 });

    // read-only until writes are enabled
    await contextMenu(connection, 'Enable Writes', workbench.notification('writes enabled on teammate'));
    const bodyPrompt = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: 'Message body to send' });
    await contextMenu(row(new RegExp(`^${jobs}, `)), 'Send Message…', bodyPrompt);
    await answer('Message body to send', '{"job":"from the tree"}');
    await workbench.notification(new RegExp(`sent message .* to ${jobs} on teammate`)).waitFor({ timeout: 15000 });

    // redrive asks for the dead-letter queue's name typed
    const confirmPrompt = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: `Type ${dlq} to redrive messages` });
    await contextMenu(row(new RegExp(`^${dlq}, `)), 'Redrive Dead Letters…', confirmPrompt);
    await shot('connections-redrive-confirm.png');
    await answer(`Type ${dlq}`, dlq);
    await workbench.notification(`redrive of ${dlq} completed: 1 messages moved back to ${jobs}`).waitFor({ timeout: 30000 });
    assert.deepEqual(await counts(jobs), { visible: 2, inFlight: 1 });
    assert.deepEqual(await counts(dlq), { visible: 0, inFlight: 0 });
    await seeRow(row(new RegExp(`^${jobs}, 2 visible · 1 in flight`)));
    await shot('connections-tree.png');

    // the inspector on the connection: a click on the queue's row; Poll instead of peek, then send
    await workbench.runCommand('View: Close All Editors');
    await row(new RegExp(`^${jobs}, `)).click();
    const inspector = workbench.webview();
    await inspector.locator('h1', { hasText: jobs }).waitFor({ timeout: 30000 });
    await inspector.locator('[data-testid="connection-banner"]', { hasText: 'teammate' }).filter({ hasText: 'writes enabled' }).waitFor({ timeout: 15000 });
    await inspector.locator('vscode-textfield[aria-label="Visibility timeout in seconds"] input').fill('20');
    await inspector.locator('[data-testid="poll"]').click();
    await inspector.locator('[data-testid="poll-status"]', { hasText: /Received 2 messages: their receive counts rose/ }).waitFor({ timeout: 15000 });
    const received = inspector.locator('[data-testid="polled-message"]', { hasText: '{"job":"from the tree"}' });
    await received.locator('[data-testid="remaining"]', { hasText: /hidden for [\d.]+ s/ }).waitFor({ timeout: 15000 });
    assert.deepEqual(await counts(jobs), { visible: 0, inFlight: 3 });
    await shot('connections-inspector-poll.png');
    await received.getByRole('button', { name: 'Delete' }).or(received.locator('vscode-button', { hasText: 'Delete' })).first().click();
    await inspector.locator('[data-testid="poll-status"]', { hasText: 'Deleted.' }).waitFor({ timeout: 15000 });
    assert.deepEqual(await counts(jobs), { visible: 0, inFlight: 2 });
    await inspector.getByRole('tab', { name: 'Send' }).click();
    await inspector.locator('vscode-textarea#body textarea').fill('{"job":"from the inspector"}');
    await inspector.locator('[data-testid="send"]').click();
    await inspector.locator('[data-testid="send-status"]', { hasText: /Sent message/ }).waitFor({ timeout: 15000 });
    assert.deepEqual(await counts(jobs), { visible: 1, inFlight: 2 });
    await workbench.runCommand('View: Close All Editors');

    await contextMenu(connection, 'Remove Connection', workbench.notification('removed connection teammate'));
  });
});
