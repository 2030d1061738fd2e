import assert from 'node:assert/strict';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../src/recording/replayer';
import { activatedExtension, endpointUrl } from './support';

suite('extension: record and replay', () => {
  const written: vscode.Uri[] = [];

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('records an app\'s sends, then replays them at 10x: same bodies, same order, a tenth of the pace', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    broker.sqs.operations.CreateQueue({ QueueName: 'rec-orders' });
    broker.sqs.operations.CreateQueue({ QueueName: 'rec-copy' });
    broker.sqs.operations.CreateQueue({ QueueName: 'rec-other' });
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'rec-orders.ndjson');
    written.push(file);
    await vscode.commands.executeCommand('eventyard.startRecording', { file: file.fsPath, resources: ['rec-orders'] });

    const sqs = new SQSClient({ endpoint: endpointUrl(), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const url = (name: string) => `${endpointUrl()}/000000000000/${name}`;
    for (let i = 0; i < 4; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url('rec-orders'), MessageBody: `{"order":${i}}` }));
      await sqs.send(new SendMessageCommand({ QueueUrl: url('rec-other'), MessageBody: 'not recorded' }));
      await new Promise((r) => setTimeout(r, 250));
    }
    sqs.destroy();
    await vscode.commands.executeCommand('eventyard.stopRecording');
    const lines = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: number; resource: string });
    assert.deepEqual(lines.map((l) => l.resource), ['rec-orders', 'rec-orders', 'rec-orders', 'rec-orders']);
    const span = lines[3].t - lines[0].t;
    assert.ok(span >= 700, `recorded ${span} ms between the first and the last send`);

    const result = await vscode.commands.executeCommand<ReplayResult>('eventyard.replayRecording', undefined, {
      file: file.fsPath, speed: 10, transform: '$merge([$, {"resource": "rec-copy"}])',
    });
    assert.deepEqual(result.failed, []);
    assert.equal(result.sent, 4);
    assert.ok(result.elapsed >= lines[3].t / 10 - 5, `replayed in ${result.elapsed} ms; recorded ${lines[3].t} ms`);
    assert.ok(result.elapsed < lines[3].t / 10 + 2000, `replayed in ${result.elapsed} ms; recorded ${lines[3].t} ms`);
    assert.deepEqual(broker.sqs.peek('rec-copy').messages.map((m) => m.body), [0, 1, 2, 3].map((i) => `{"order":${i}}`));

    const saved = await vscode.commands.executeCommand<vscode.Uri>('eventyard.saveRecordingAsEventFile', file);
    written.push(saved);
    const text = (await vscode.workspace.openTextDocument(saved)).getText();
    assert.equal(text.match(/^ {2}- name: send-rec-orders-\d/gm)?.length, 4, text);
  });

  test('a recording opens as a timeline in the inspector, and a stretch of it replays into the broker', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    broker.sqs.operations.CreateQueue({ QueueName: 'tl-orders' });
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'tl-orders.ndjson');
    written.push(file);
    const url = `${endpointUrl()}/000000000000/tl-orders`;
    const lines = [0, 1, 2, 3, 4].map((i) => JSON.stringify({ t: i * 200, at: '', service: 'sqs', action: 'SendMessage', resource: 'tl-orders', input: { QueueUrl: url, MessageBody: `m${i}` } }));
    await vscode.workspace.fs.writeFile(file, Buffer.from(lines.join('\n') + '\n'));

    await vscode.commands.executeCommand('eventyard.openRecordingTimeline', file);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    for (let i = 0; i < 50 && !tabs().includes('Recording: tl-orders.ndjson'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(tabs().includes('Recording: tl-orders.ndjson'), `tabs: ${tabs().join(', ')}`);

    // What the timeline's "Replay selection" asks for: requests 1..3, at once, as fast as possible.
    const result = await vscode.commands.executeCommand<ReplayResult>('eventyard.replayRecording', undefined, { file: file.fsPath, from: 1, to: 4, speed: Infinity, transform: '' });
    assert.equal(result.sent, 3);
    assert.deepEqual(broker.sqs.peek('tl-orders').messages.map((m) => m.body), ['m1', 'm2', 'm3']);

    const doc = await vscode.workspace.openTextDocument(file);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title).filter((t) => t && /timeline|Replay|event file/.test(t)), ['Open timeline', 'Replay', 'Save as event file']);
  });
});
