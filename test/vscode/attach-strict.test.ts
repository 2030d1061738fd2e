import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Broker } from '../../src/broker/broker';
import type { EventyardApi } from '../../src/extension/extension';
import { startServer } from '../../src/server/server';
import { activatedExtension, configuredPort, endpointUrl, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('extension: a window attached to a broker that checks signatures', () => {
  test('lists, peeks and sends signed with eventyard.accessKeys, and follows the other broker\'s changes without polling', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('eventyard');
    const key = { accessKeyId: 'AKIDATTACHED', secretAccessKey: 'attached-secret' };
    const before = a.broker;
    await config.update('accessKeys', [key], vscode.ConfigurationTarget.Workspace);
    await eventually('the broker restarted with the key', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker !== before);
    await a.host.stop();
    // Another window (or `eventyard serve --access-key`) serves the port and checks signatures.
    const other = new Broker({ endpoint: endpointUrl() });
    const server = await startServer(other, { port: configuredPort(), accessKeys: [key], log: () => undefined });
    try {
      const unsigned = await fetch(endpointUrl(), { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, body: '{}' });
      assert.equal(unsigned.status, 403, 'the other broker refuses unsigned requests');
      const { QueueUrl } = other.sqs.operations.CreateQueue({ QueueName: 'served-strictly' });
      other.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'hello from the other window' });

      await a.host.start();
      assert.equal(a.host.state.kind, 'attached');
      const queueRow = async () => {
        const groups = await a.tree.getChildren();
        const queues = await a.tree.getChildren(groups[0]);
        return queues.find((q) => q.name === 'served-strictly');
      };
      const row = await queueRow();
      assert.ok(row, 'the strict broker\'s queue is in this window\'s tree');
      assert.equal(a.tree.getTreeItem(row).description, '1 visible');

      const peeked = await a.client!.peek('served-strictly', 0, 10);
      assert.deepEqual(peeked.messages.map((m) => m.body), ['hello from the other window']);
      assert.equal(other.sqs.listQueueSummaries()[0].visible, 1, 'peeking received nothing');

      await a.client!.sqs('SendMessage', { QueueUrl, MessageBody: 'from the attached window' });
      assert.equal(other.sqs.listQueueSummaries()[0].visible, 2);

      let refreshes = 0;
      const counting = a.tree.onDidChangeTreeData(() => refreshes++);
      try {
        await eventually('the tree refreshed after the attached window\'s own send', () => refreshes > 0);
        await sleep(500);
        refreshes = 0;
        await sleep(3000);
        assert.equal(refreshes, 0, 'an idle attached window re-read the other broker (a 2 s poll did)');
        other.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'sent in the other window' });
        await eventually('the tree refreshed after the other window\'s send', () => refreshes > 0, 3000);
        assert.equal(a.tree.getTreeItem((await queueRow())!).description, '3 visible');
      } finally {
        counting.dispose();
      }
    } finally {
      await a.host.stop();
      await server.close();
      other.dispose();
      await config.update('accessKeys', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually('this window serving again without keys', () => a.host.state.kind === 'serving' && a.broker !== undefined);
  });
});
