import * as assert from 'assert';
import * as vscode from 'vscode';
import { eventually, runningBroker } from './support';

/** The open webview tabs' labels. */
const webviewTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);

suite('Message traces in the inspector', () => {
  test('Find Message Trace opens a trace panel for a message id or body text, and says so when nothing matches', async () => {
    const broker = await runningBroker();
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'traced-orders' });
    const { MessageId } = broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: '{"order":"trace-me-7731"}' });

    const byId = await vscode.commands.executeCommand<string | undefined>('eventyard.findMessageTrace', MessageId);
    assert.strictEqual(byId, MessageId);
    await eventually('the trace panel for the id', () => webviewTabs().includes(`Trace: ${MessageId}`));

    const byText = await vscode.commands.executeCommand<string | undefined>('eventyard.findMessageTrace', 'trace-me-7731');
    assert.strictEqual(byText, MessageId, 'body text finds the same trace');
    await eventually('the trace panel for the text', () => webviewTabs().includes('Trace: trace-me-7731'));

    const before = webviewTabs().length;
    const none = await vscode.commands.executeCommand<string | undefined>('eventyard.findMessageTrace', 'no-message-holds-this-4410');
    assert.strictEqual(none, undefined);
    assert.strictEqual(webviewTabs().length, before, 'no panel for a trace that does not exist');

    // Opening the same trace again reveals its panel instead of a second one.
    await vscode.commands.executeCommand('eventyard.openInspector', { kind: 'trace', name: MessageId });
    assert.strictEqual(webviewTabs().filter((l) => l === `Trace: ${MessageId}`).length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    broker.sqs.operations.DeleteQueue({ QueueUrl });
  });
});
