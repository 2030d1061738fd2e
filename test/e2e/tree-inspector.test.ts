import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import path from 'node:path';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

describe('a queue in the Resources tree', () => {
  it('opens its inspector, which shows a message an app sent', async () => {
    const name = `e2e-inspect-${Date.now()}`;
    const body = `{"orderId":"o-${Date.now()}","item":"grinder"}`;
    const sqs = sqsClient();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));

    await workbench.showContainer('Eventyard');
    await workbench.expandTree('Resources');
    await workbench.seeTreeRow('Resources', workbench.treeItem('Resources', new RegExp(name)));
    await workbench.treeItem('Resources', new RegExp(name)).click();
    // Playwright's locators pierce the inspector's (open) shadow roots
    await workbench.webview().getByText(body, { exact: false }).first().waitFor({ timeout: 20000 });
    if (results) await workbench.screenshot(path.join(results, 'inspector.png'));
  });
});
