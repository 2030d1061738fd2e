import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { InspectorPage } from './inspector-page';
import { sqsClient } from './support/aws';
import { workbench } from './support/workbench';

/** Retries `step` while the restarted broker is not listening yet. */
async function retried<T>(step: () => Promise<T>, timeoutMs = 30000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

describe('inspector: broker restart', () => {
  it('an open inspector follows the restarted broker and shows what reaches the new one', async () => {
    const sqs = sqsClient();
    const name = `restart-${Date.now()}`;
    await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const inspector = await InspectorPage.open(name);
    await inspector.byTestId('count-visible').filter({ hasText: '0' }).waitFor({ timeout: 15000 });

    await workbench.runCommand('Eventyard: Restart Broker');
    // The command returns before the old broker has closed; a request then could still reach it.
    await new Promise((r) => setTimeout(r, 3000));
    // The app creates its queue again once the new broker listens (a no-op where the queue was kept).
    const { QueueUrl } = await retried(() => sqs.send(new CreateQueueCommand({ QueueName: name })));
    const body = `{"sentAfterRestart":"${name}"}`;
    await retried(() => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body })));

    await inspector.row(`"sentAfterRestart":"${name}"`).waitFor({ timeout: 30000 });
    await inspector.byTestId('count-visible').filter({ hasText: '1' }).waitFor({ timeout: 15000 });
  });
});
