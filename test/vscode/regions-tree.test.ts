import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension, endpointUrl, eventually } from './support';

suite('extension: other accounts and regions in the tree', () => {
  test('a queue made by a client of another account and region shows after the groups, and opens in the inspector in its scope', async () => {
    const a = (await activatedExtension()).exports as unknown as EventyardApi;
    // A 12-digit access key id acts in that account; the signature's region is the queue's region.
    const queueName = `tree-scope-${Date.now()}`;
    const client = new SQSClient({ endpoint: endpointUrl(), region: 'eu-west-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      await client.send(new CreateQueueCommand({ QueueName: queueName }));
    } finally {
      client.destroy();
    }
    const folder = await eventually('the Other accounts and regions folder', async () => (await a.tree.getChildren()).find((n) => n.kind === 'scopes'));
    const roots = await a.tree.getChildren();
    // This broker's groups, then its other accounts and regions, then the AWS profiles and endpoints.
    const local = roots.filter((n) => n.kind !== 'aws.connection');
    assert.deepEqual(local[local.length - 1], folder, 'after the groups');
    assert.ok(roots.slice(roots.findIndex((n) => n.kind === 'scopes') + 1).every((n) => n.kind === 'aws.connection'), 'before the connections');
    const rows = await a.tree.getChildren(folder);
    const row = rows.find((r) => r.kind === 'scope' && r.scope.accountId === '123456789012');
    assert.ok(row, 'the account has a row');
    const item = a.tree.getTreeItem(row);
    assert.equal(item.label, 'eu-west-1 · 123456789012');
    assert.equal(item.description, '1 queue');
    assert.equal(item.command, undefined, 'the account row itself opens nothing');
    const [queueRow] = await a.tree.getChildren(row);
    assert.equal(a.tree.getTreeItem(queueRow).label, queueName);
    const open = a.tree.getTreeItem(queueRow).command!;
    assert.equal(open.command, 'eventyard.openInspector');
    await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
    const title = `Queue: ${queueName} · eu-west-1 · 123456789012`;
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await eventually('the inspector tab of the queue in its account and region', async () => tabs().includes(title));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
