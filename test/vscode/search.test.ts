import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SearchItem } from '../../src/broker/search/types';
import { eventually, runningBroker } from './support';

suite('Search Messages, message tabs and the dead-letter workbench', () => {
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

  test('redrives dead letters: a dry run shows the diff and changes nothing, then each is sent and its original deleted', async () => {
    const broker = await runningBroker();
    const source = broker.sqs.operations.CreateQueue({ QueueName: 'redrive-src', Attributes: { VisibilityTimeout: '0' } }).QueueUrl;
    const dlq = broker.sqs.operations.CreateQueue({ QueueName: 'redrive-dlq' }).QueueUrl;
    const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    broker.sqs.operations.SetQueueAttributes({ QueueUrl: source, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }) } });
    for (const total of ['5', '500']) broker.sqs.operations.SendMessage({ QueueUrl: source, MessageBody: JSON.stringify({ total }) });
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: source, MaxNumberOfMessages: 10 });
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: source, MaxNumberOfMessages: 10 });
    await eventually('two dead letters', () => broker.sqs.peek('redrive-dlq').messages.length === 2);

    const args = { queue: 'redrive-dlq', query: '500', transform: '{"total": $number(total)}' };
    const dry = (await vscode.commands.executeCommand('eventyard.redriveDeadLetters', { ...args, confirm: false })) as { entries: { after: string }[]; sent: string[] };
    assert.deepStrictEqual(dry.entries.map((e) => e.after), ['{"total":500}']);
    assert.deepStrictEqual(dry.sent, []);
    const tab = (await eventually('the dry-run diff', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    }))!;
    assert.strictEqual(tab.label, 'Redrive dry run: 1 from redrive-dlq');
    assert.strictEqual(broker.sqs.peek('redrive-dlq').messages.length, 2);

    const run = (await vscode.commands.executeCommand('eventyard.redriveDeadLetters', { ...args, confirm: true })) as { sent: string[] };
    assert.strictEqual(run.sent.length, 1);
    assert.deepStrictEqual(broker.sqs.peek('redrive-dlq').messages.map((m) => JSON.parse(m.body).total), ['5']);
    assert.deepStrictEqual(broker.sqs.peek('redrive-src').messages.map((m) => m.body), ['{"total":500}']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    broker.sqs.operations.DeleteQueue({ QueueUrl: source });
    broker.sqs.operations.DeleteQueue({ QueueUrl: dlq });
  });
});
