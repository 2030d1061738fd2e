import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
const results = process.env.EVENTYARD_E2E_RESULTS;

describe('the Eventyard workbench', () => {
  it('shows the Eventyard activity-bar entry with its Resources view', async () => {
    await workbench.showContainer('Eventyard');
    // a container with a single view shows the view's name in the side-bar title instead of a pane header
    await workbench.view('Resources').locator('.pane-body').waitFor({ timeout: 15000 });
    if (results) await workbench.screenshot(path.join(results, 'eventyard-view.png'));
  });

  it('shows the endpoint in the status bar with its port', async () => {
    await workbench.statusBarItem(String(workbench.brokerPort)).waitFor({ timeout: 30000 });
  });

  it('lists every contributed command in the palette under "Eventyard:"', async () => {
    // a command with a palette `when` or an `enablement` shows only in some contexts: not checked here
    const conditional = new Set<string>((manifest.contributes.menus?.commandPalette ?? []).map((m: { command: string }) => m.command));
    const commands: ContributedCommand[] = manifest.contributes.commands
      .filter((c: ContributedCommand & { enablement?: string }) => !conditional.has(c.command) && !c.enablement);
    assert.ok(commands.length > 0, 'the manifest contributes no commands');
    const input = await workbench.openPalette('>Eventyard: ');
    const missing: string[] = [];
    for (const c of commands) {
      const title = `Eventyard: ${c.title}`;
      await input.fill('>' + title);
      if (!(await workbench.paletteLists(title))) missing.push(title);
    }
    await workbench.page.keyboard.press('Escape');
    assert.deepEqual(missing, [], 'commands missing from the palette');
  });

  it('runs a command from the palette and shows its notification', async () => {
    await workbench.runCommand('Eventyard: Copy Environment for Your App (AWS_ENDPOINT_URL, Region, Test Credentials)');
    const toast = workbench.notification(`AWS_ENDPOINT_URL=${workbench.endpoint}`);
    await toast.waitFor({ timeout: 15000 });
  });

  it('shows a queue that an app creates through the AWS SDK in the Resources tree', async () => {
    const name = `e2e-orders-${Date.now()}`;
    await sqsClient().send(new CreateQueueCommand({ QueueName: name }));
    await workbench.showContainer('Eventyard');
    await workbench.expandTree('Resources');
    await workbench.treeItem('Resources', new RegExp(name)).waitFor({ timeout: 20000 });
  });
});
