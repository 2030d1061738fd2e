import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceNode } from '../tree/nodes';
import { readSettings } from '../settings';
import { environmentText } from './environment';
import { command, notify, requireClient } from './ui';

/** Start, stop, restart and reset the broker; copy what an app needs to reach it. */
export function registerBrokerCommands(host: BrokerHost, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    command('eventyard.startBroker', () => host.start()),
    command('eventyard.stopBroker', () => host.stop()),
    command('eventyard.restartBroker', () => host.restart()),

    command('eventyard.resetBroker', async () => {
      const client = requireClient(host);
      const ok = await vscode.window.showWarningMessage('Delete every queue, topic, stream, delivery stream and function of the broker?', { modal: true }, 'Reset');
      if (ok !== 'Reset') return;
      await client.reset();
      notify('the broker is empty again.');
    }),

    command('eventyard.copyEnvironment', async () => {
      const client = requireClient(host);
      const settings = readSettings();
      const text = environmentText(client.endpoint, settings.region, settings.accessKeys[0]);
      await vscode.env.clipboard.writeText(text);
      notify(`copied ${text.trim().split('\n').join(' ')}`);
    }),

    command('eventyard.copyUrl', async (node?: ResourceNode) => {
      if (node?.kind !== 'queue') throw new Error('Choose a queue in the Resources view.');
      await vscode.env.clipboard.writeText(node.queue.url);
      notify(`copied ${node.queue.url}`);
    }),

    command('eventyard.copyArn', async (node?: ResourceNode) => {
      const arn = node && arnOf(node);
      if (!arn) throw new Error('Choose a resource in the Resources view.');
      await vscode.env.clipboard.writeText(arn);
      notify(`copied ${arn}`);
    }),

    command('eventyard.showOutput', async () => output.show()),
  ];
}

function arnOf(node: ResourceNode): string | undefined {
  switch (node.kind) {
    case 'queue': return node.queue.arn;
    case 'topic': return node.topic.arn;
    case 'subscription': return node.subscription.arn;
    case 'stream': return node.stream.arn;
    case 'shard': return undefined;
    case 'deliveryStream': return node.deliveryStream.arn;
    case 'function': return node.fn.arn;
    case 'bus': return node.bus.arn;
    case 'rule': return node.rule.arn;
    case 'target': return node.target.Arn;
    case 'group': return undefined;
  }
}
