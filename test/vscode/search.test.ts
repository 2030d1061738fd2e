import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SearchItem } from '../../src/broker/search/types';
import { eventually, runningBroker } from './support';

suite('Search Messages and message tabs', () => {
  test('searches a queue by a JSONata predicate, leaves it unchanged, opens a hit read-only and diffs two', async () => {
    const broker = await runningBroker();
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'search-orders' });
    for (const total of [50, 150, 250]) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: JSON.stringify({ total }) });
    const before = broker.sqs.peek('search-orders').messages.map((m) => [m.messageId, m.state, m.receiveCount]);

    const found = (await vscode.commands.executeCommand('eventyard.searchMessages', {
      query: 'jsonata: total > 100',
      targets: [{ kind: 'queue', name: 'search-orders' }],
    })) as SearchItem[];
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepStrictEqual(found.map((i) => JSON.parse(i.body).total), [250, 150]);
    assert.deepStrictEqual(broker.sqs.peek('search-orders').messages.map((m) => [m.messageId, m.state, m.receiveCount]), before);

    await vscode.commands.executeCommand('eventyard.openMessage', found[0], 'pretty');
    const editor = (await eventually('the message tab', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'eventyard-message' ? e : undefined;
    }))!;
    assert.strictEqual(editor.document.languageId, 'json');
    assert.strictEqual(editor.document.getText(), '{\n  "total": 250\n}\n');

    await vscode.commands.executeCommand('eventyard.diffMessages', found[0], found[1], 'two orders');
    const tab = (await eventually('the diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    }))!;
    assert.strictEqual(tab.label, 'two orders');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    broker.sqs.operations.DeleteQueue({ QueueUrl });
  });
});
