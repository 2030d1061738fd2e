import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

describe('a recording as a timeline', () => {
  it('opens a recorded file as lanes, and replays it from the start at 10× into the broker: same bodies, same order', async () => {
    const queue = `e2e-rec-${Date.now()}`;
    const sqs = sqsClient();
    try {
      await sqs.send(new CreateQueueCommand({ QueueName: queue }));
      // what `Start Recording` writes: one request per line, `t` milliseconds from the start
      const bodies = [0, 1, 2, 3, 4].map((n) => JSON.stringify({ n, note: '<b>not markup</b>' }));
      const file = path.join(workbench.workspace, `${queue}.ndjson`);
      fs.writeFileSync(file, bodies.map((MessageBody, i) => JSON.stringify({
        t: i * 400, at: new Date(Date.UTC(2026, 11, 4, 12, 0, 0, i * 400)).toISOString(), service: 'sqs', action: 'SendMessage', resource: queue, input: { MessageBody },
      })).join('\n') + '\n');

      await workbench.runCommand('View: Close All Editors');
      await workbench.runExactCommand('Eventyard: Open Recording as Timeline');
      // code-server's own file dialog: a quick input holding a path
      const dialog = workbench.page.locator('.quick-input-widget:not([inert])').filter({ has: workbench.page.locator('.quick-input-list') });
      await dialog.locator('.quick-input-list .monaco-list-row', { hasText: `${queue}.ndjson` }).waitFor({ timeout: 15000 });
      await dialog.locator('input').fill(file);
      await dialog.getByRole('button', { name: 'OK' }).click();

      const timeline = new InspectorPage(workbench.webview());
      await timeline.frame.locator('h1', { hasText: `Recording: ${queue}.ndjson` }).waitFor({ timeout: 30000 });
      await timeline.frame.getByRole('button', { name: new RegExp(`sqs\\s*${queue}\\s*5`) }).waitFor({ timeout: 15000 });
      assert.match(await timeline.byTestId('cursor-label').innerText(), /5 of 5$/, 'the scrubber starts at the end');

      await timeline.frame.locator('vscode-single-select[aria-label="Replay pace"]').click();
      await timeline.frame.getByRole('option', { name: '10× faster' }).click();
      // back to the first request, then replay everything from there
      await timeline.frame.getByRole('slider', { name: 'Time in the recording' }).focus();
      await workbench.page.keyboard.press('Home');
      // the scrubber on the first request (it counts itself)
      await timeline.byTestId('cursor-label').filter({ hasText: /^0\.000 s · 1 of 5$/ }).waitFor({ timeout: 5000 });
      await timeline.byTestId('replay-from-here').click();
      await timeline.byTestId('replay-status').filter({ hasText: /^Replayed 5 requests in / }).waitFor({ timeout: 15000 });
      if (results) await workbench.screenshot(path.join(results, 'recording-timeline.png'));

      const received: string[] = [];
      for (let i = 0; i < 5 && received.length < 5; i++) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${workbench.endpoint}/000000000000/${queue}`, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        received.push(...Messages.map((m) => m.Body ?? ''));
        if (Messages.length) {
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: `${workbench.endpoint}/000000000000/${queue}`, Entries: Messages.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })) }));
        }
      }
      assert.deepEqual(received, bodies, 'the replayed messages, in the recorded order');
    } finally {
      sqs.destroy();
    }
  });
});
