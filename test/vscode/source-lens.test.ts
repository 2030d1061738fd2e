import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension, eventually } from './support';

const SOURCE = [
  "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
  "const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/lens-orders';",
  'const sqs = new SQSClient({});',
  'export async function placeOrder(order: unknown) {',
  '  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(order) }));',
  '}',
  '',
].join('\n');

suite('extension: CodeLens in source', () => {
  const file = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'lens-producer.ts');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
  });

  test('a SendMessageCommand to a same-file constant gets the queue\'s live count, Peek and Send sample', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    broker.sqs.operations.CreateQueue({ QueueName: 'lens-orders' });
    await vscode.workspace.fs.writeFile(file(), Buffer.from(SOURCE));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);

    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
    const first = (await eventually('the lenses on the call', async () => {
      const found = await lenses();
      return found.some((l) => l.command?.title.includes('lens-orders: 0 visible')) ? found : undefined;
    }))!;
    const titles = first.filter((l) => l.range.start.line === 4).map((l) => l.command?.title);
    assert.deepEqual(titles, ['$(pulse) lens-orders: 0 visible · 0 in flight', 'Peek', 'Send sample']);

    const send = first.find((l) => l.command?.title === 'Send sample')!;
    await vscode.commands.executeCommand(send.command!.command, ...(send.command!.arguments ?? []));
    assert.equal(broker.sqs.peek('lens-orders').total, 1);
    assert.match(broker.sqs.peek('lens-orders').messages[0].body, /"sample":true/);
    await eventually('the count to follow the broker', async () => (await lenses()).some((l) => l.command?.title.includes('lens-orders: 1 visible')));
  });
});
