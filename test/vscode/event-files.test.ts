import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FileResult } from '../../src/event-files/runner';
import { activatedExtension, eventually } from './support';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace has no folder');
  return folder.uri;
}

const FILE = [
  'steps:',
  '  - name: place',
  '    send: { queue: ef-orders, body: { status: placed } }',
  '  - name: placed',
  '    expect: { message: { queue: ef-orders, matching: { body: { status: placed } }, within: 2s } }',
  '  - name: shipped',
  '    expect: { message: { queue: ef-orders, matching: { body: { status: shipped } }, within: 300ms } }',
  '',
].join('\n');

suite('extension: event files', () => {
  const file = () => vscode.Uri.joinPath(root(), 'orders.events.yaml');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
  });

  test('running a file from its CodeLens marks the failed expectation, not the passing one', async () => {
    const api = (await activatedExtension()).exports;
    api.broker!.sqs.operations.CreateQueue({ QueueName: 'ef-orders' });
    await vscode.workspace.fs.writeFile(file(), Buffer.from(FILE));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);

    const lenses = (await eventually('CodeLenses on the event file', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return found?.some((l) => l.command?.title.includes('Run file')) ? found : undefined;
    }))!;
    const runFile = lenses.find((l) => l.command?.title.includes('Run file'))!;
    assert.equal(lenses.filter((l) => l.command?.title.includes('Run step')).length, 3, 'one "Run step" per step');
    assert.deepEqual(lenses.filter((l) => l.command?.title.includes('Run step')).map((l) => l.range.start.line), [1, 3, 5]);

    const result = await vscode.commands.executeCommand<FileResult>(runFile.command!.command, ...(runFile.command!.arguments ?? []));
    assert.deepEqual(result.steps.map((s) => [s.label, s.status]), [['place', 'passed'], ['placed', 'passed'], ['shipped', 'failed']]);

    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(diagnostics[0].range.start.line, 5, 'on the failed step');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0].message, /shipped failed: No new message matching .* in the closest, body\.status is "placed", expected "shipped"/);

    // Expectations peek: the message the file sent is still in the queue.
    assert.equal(api.broker!.sqs.peek('ef-orders').total, 1);

    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const titles = after.filter((l) => l.command?.title.includes('Run step')).map((l) => l.command!.title);
    assert.match(titles[0], /passed/);
    assert.match(titles[2], /failed/);
  });

  test('a malformed file shows its problems where they are and does not run', async () => {
    await vscode.workspace.fs.writeFile(file(), Buffer.from('steps:\n  - send: { queue: ef-orders, body: x, delaySeconds: 901 }\n'));
    const doc = await vscode.workspace.openTextDocument(file());
    await eventually('the file reloaded', () => doc.getText().includes('901'));
    const result = await vscode.commands.executeCommand<FileResult | undefined>('eventyard.runEventFile', doc.uri);
    assert.equal(result, undefined);
    const diagnostics = await eventually('a diagnostic on the bad line', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diagnostics![0].range.start.line, 1);
    assert.match(diagnostics![0].message, /"delaySeconds" must be from 0 to 900/);
  });
});
