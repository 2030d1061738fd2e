import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FileResult } from '../../src/event-files/runner';
import { activatedExtension } from './support';

suite('extension: save as event file', () => {
  const written: vscode.Uri[] = [];

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('a dead letter saved as an event file sends it again to the queue it failed in', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    const sqs = broker.sqs.operations;
    sqs.CreateQueue({ QueueName: 'save-dlq' });
    const dlqArn = broker.sqs.queueArn('save-dlq');
    const source = sqs.CreateQueue({
      QueueName: 'save-orders',
      Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
    });
    const body = '{"orderId":"o-1","note":"price ${amount}"}';
    sqs.SendMessage({ QueueUrl: source.QueueUrl!, MessageBody: body, MessageAttributes: { origin: { DataType: 'String', StringValue: 'web' } } });
    // Received once and not deleted: the next receive moves it to the dead-letter queue.
    await sqs.ReceiveMessage({ QueueUrl: source.QueueUrl! });
    await sqs.ReceiveMessage({ QueueUrl: source.QueueUrl! });
    assert.equal(broker.sqs.peek('save-dlq').total, 1, 'the message is a dead letter');

    const uri = await vscode.commands.executeCommand<vscode.Uri>('eventyard.saveAsEventFile', { queue: 'save-dlq', messageIds: [broker.sqs.peek('save-dlq').messages[0].messageId] });
    assert.ok(uri, 'the command answered the file it wrote');
    written.push(uri);
    assert.match(uri.path, /save-dlq\.events\.yaml$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the file is open');

    const result = await vscode.commands.executeCommand<FileResult>('eventyard.runEventFile', uri);
    assert.deepEqual(result.steps.map((s) => s.status), ['passed']);
    const resent = broker.sqs.peek('save-orders').messages;
    assert.equal(resent.length, 1);
    assert.equal(resent[0].body, body, 'the same bytes, ${...} included');
    assert.equal(resent[0].messageAttributes?.origin?.StringValue, 'web');
  });
});
