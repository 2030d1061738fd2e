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
  const named = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  const file = () => named('lens-producer.ts');
  const lensesOf = async (uri: vscode.Uri) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of ['lens-producer.ts', 'lens_producer.py', 'lens-big.ts']) await vscode.workspace.fs.delete(named(name)).then(undefined, () => undefined);
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

  test('boto3 calls in Python get their topic\'s and stream\'s lenses, and Send sample puts a record', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    await broker.sns.operations.CreateTopic({ Name: 'lens-alerts' });
    await broker.kinesis.operations.CreateStream({ StreamName: 'lens-clicks', ShardCount: 1 });
    const uri = named('lens_producer.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from([
      'import boto3',
      "STREAM = 'lens-clicks'",
      "boto3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:000000000000:lens-alerts', Message='hi')",
      "boto3.client('kinesis').put_record(StreamName=STREAM, Data=b'x', PartitionKey='k')",
      '',
    ].join('\n')));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'python');
    const found = (await eventually('the lenses on the boto3 calls', async () => {
      const lenses = await lensesOf(uri);
      return lenses.some((l) => l.command?.title.includes('lens-clicks: 0 records')) ? lenses : undefined;
    }))!;
    const titlesOn = (line: number) => found.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
    assert.deepEqual(titlesOn(2), ['$(pulse) lens-alerts: 0 subscriptions', 'Peek', 'Send sample']);
    assert.match(String(titlesOn(3)[0]), /^\$\(pulse\) lens-clicks: 0 records · [A-Z]+$/);
    assert.deepEqual(titlesOn(3).slice(1), ['Peek', 'Send sample']);
    const send = found.find((l) => l.range.start.line === 3 && l.command?.title === 'Send sample')!;
    await vscode.commands.executeCommand(send.command!.command, ...(send.command!.arguments ?? []));
    await eventually('the record count to follow the broker', async () => (await lensesOf(uri)).some((l) => l.command?.title.includes('lens-clicks: 1 records')));
  });

  test('a file over the size cap gets no lens, even with a call the scan would find', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    broker.sqs.operations.CreateQueue({ QueueName: 'lens-big' });
    const uri = named('lens-big.ts');
    const call = "await sqs.send(new SendMessageCommand({ QueueUrl: 'lens-big', MessageBody: 'b' }));\n";
    await vscode.workspace.fs.writeFile(uri, Buffer.from(call + `// ${'x'.repeat(600 * 1024)}\n`));
    await vscode.workspace.openTextDocument(uri);
    assert.deepEqual(await lensesOf(uri), []);
    // The same call in a small file does get one: the cap, not the call, kept the big file quiet.
    await vscode.workspace.fs.writeFile(uri, Buffer.from(call));
    await eventually('the lens once the file is small', async () => (await lensesOf(uri)).some((l) => l.command?.title.includes('lens-big: 0 visible')));
  });
});
