import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import { sqsLimits } from '../../broker/limits';
import * as rules from '../validation/rules';
import { pickQueue } from './pickers';
import { ask, askTypeAndName, command, notify, pick, requireClient } from './ui';

/** Create, purge, delete and redrive queues. */
export function registerQueueCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    command('eventyard.createQueue', async () => {
      const client = requireClient(host);
      const { fifo, name } = await askTypeAndName('Queue', { standard: 'at-least-once, best-effort order', fifo: 'exactly-once processing, order per message group' }, rules.queueName);
      const visibility = await ask('Visibility timeout in seconds: how long a received message stays hidden from other consumers', rules.visibilityTimeout, { value: String(sqsLimits.defaultVisibilityTimeoutSeconds) });
      const delay = await ask('Delivery delay in seconds: how long new messages wait before they can be received', rules.delaySeconds, { value: '0' });
      const base = name.replace(/\.fifo$/, '');
      const snapshot = await client.snapshot();
      const candidates = snapshot.queues.filter((q) => q.fifo === fifo && q.name !== name);
      const { dlq } = await pick('Dead-letter queue: where messages go after too many failed receives', [
        { label: 'No dead-letter queue', dlq: undefined as undefined | { name: string; create: boolean } },
        { label: `Create ${base}-dlq${fifo ? '.fifo' : ''}`, dlq: { name: `${base}-dlq${fifo ? '.fifo' : ''}`, create: true } },
        ...candidates.map((q) => ({ label: q.name, description: 'existing queue', dlq: { name: q.name, create: false } })),
      ]);
      const attributes: Record<string, string> = { VisibilityTimeout: visibility, DelaySeconds: delay };
      if (fifo) attributes.FifoQueue = 'true';
      if (dlq) {
        const maxReceives = await ask('maxReceiveCount: receives after which a message moves to the dead-letter queue', rules.maxReceiveCount, { value: '3' });
        if (dlq.create) await client.sqs('CreateQueue', { QueueName: dlq.name, Attributes: fifo ? { FifoQueue: 'true' } : {} });
        const { QueueUrl } = await client.sqs('GetQueueUrl', { QueueName: dlq.name });
        const { Attributes } = await client.sqs('GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
        attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: Number(maxReceives) });
      }
      await client.sqs('CreateQueue', { QueueName: name, Attributes: attributes });
      notify(`created queue ${name}${dlq ? ` with dead-letter queue ${dlq.name}` : ''}.`);
    }),

    command('eventyard.purgeQueue', async (node?: unknown) => {
      const client = requireClient(host);
      const queue = await pickQueue(client, node);
      const total = queue.visible + queue.inFlight + queue.delayed;
      const ok = await vscode.window.showWarningMessage(`Delete all ${total} messages of ${queue.name}?`, { modal: true, detail: 'PurgeQueue removes visible, in-flight and delayed messages; it cannot be undone.' }, 'Purge');
      if (ok !== 'Purge') return;
      await client.sqs('PurgeQueue', { QueueUrl: queue.url });
      notify(`purged ${queue.name}.`);
    }),

    command('eventyard.deleteQueue', async (node?: unknown) => {
      const client = requireClient(host);
      const queue = await pickQueue(client, node);
      const ok = await vscode.window.showWarningMessage(`Delete queue ${queue.name} and its messages?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return;
      await client.sqs('DeleteQueue', { QueueUrl: queue.url });
      notify(`deleted queue ${queue.name}.`);
    }),

    command('eventyard.redriveQueue', async (node?: unknown) => {
      const client = requireClient(host);
      const dlq = await pickQueue(client, node, (q) => q.sourceQueueNames.length > 0);
      const { TaskHandle } = await client.sqs('StartMessageMoveTask', { SourceArn: dlq.arn });
      notify(`moving ${dlq.visible} messages from ${dlq.name} back to ${dlq.sourceQueueNames.join(', ')} (task ${TaskHandle.slice(0, 8)}…).`);
    }),
  ];
}
