import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace has no folder');
  return folder.uri;
}

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

const ROLE = 'arn:aws:iam::000000000000:role/vscode';

/** The row of a state machine's execution in the Resources view, asked for as the view asks. */
async function executionRow(a: EventyardApi, machine: string, execution: string): Promise<vscode.TreeItem | undefined> {
  const groups = await a.tree.getChildren();
  const group = groups.find((g) => g.kind === 'group' && g.group === 'stateMachines');
  if (!group) return undefined;
  const row = (await a.tree.getChildren(group)).find((n: TreeNode) => n.name === machine);
  if (!row) return undefined;
  const exec = (await a.tree.getChildren(row)).find((n: TreeNode) => n.name === execution);
  return exec && a.tree.getTreeItem(exec);
}

/** Edits the document whether or not its editor is visible (the inspector opens over it). */
async function edit(uri: vscode.Uri, range: vscode.Range, text: string): Promise<void> {
  const change = new vscode.WorkspaceEdit();
  change.replace(uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(change));
}

const iconOf = (item: vscode.TreeItem | undefined) => (item?.iconPath as vscode.ThemeIcon | undefined)?.id;

const BROKEN = [
  '{',
  '  "StartAt": "Check",',
  '  "States": {',
  '    "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.total", "NumericGreaterThan": 100, "Next": "Approve" } ], "Default": "Ship" },',
  '    "Ship": { "Type": "Pass", "End": true }',
  '  }',
  '}',
].join('\n');

suite('extension: Step Functions', () => {
  const file = () => vscode.Uri.joinPath(root(), 'vscode-orders.asl.json');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
  });

  test('the tree shows a state machine\'s executions with their status, following them as they change', async () => {
    const a = await api();
    const ops = a.broker!.stepfunctions.operations;
    const machine = `tree-sfn-${Date.now()}`;
    const definition = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const { stateMachineArn } = ops.CreateStateMachine({ name: machine, definition, roleArn: ROLE });
    const { executionArn } = ops.StartExecution({ stateMachineArn, name: 'waiting' });
    const running = (await eventually('the running execution in the tree', async () => {
      const item = await executionRow(a, machine, 'waiting');
      return iconOf(item) === 'sync~spin' ? item : undefined;
    }))!;
    assert.match(String(running.description), /^running · /);
    assert.equal(running.contextValue, 'execution.running');
    assert.deepEqual(running.command?.arguments, [{ kind: 'stateMachine', name: machine, execution: executionArn }], 'a click opens the inspector on the execution');

    ops.StopExecution({ executionArn });
    const stopped = (await eventually('the stopped execution in the tree', async () => {
      const item = await executionRow(a, machine, 'waiting');
      return iconOf(item) === 'circle-slash' ? item : undefined;
    }))!;
    assert.match(String(stopped.description), /^aborted · /);
  });

  test('an ASL file gets the engine\'s diagnostics on the failing field, and its CodeLens starts it', async () => {
    const a = await api();
    await vscode.workspace.fs.writeFile(file(), Buffer.from(BROKEN));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    const [problem] = (await eventually('a diagnostic on the ASL file', () => {
      const found = vscode.languages.getDiagnostics(doc.uri);
      return found.length ? found : undefined;
    }))!;
    assert.equal(problem.message, "Missing 'Next' target: Approve");
    assert.equal(problem.code, 'MISSING_TRANSITION_TARGET');
    assert.equal(problem.range.start.line, 3);
    assert.equal(doc.getText(problem.range), '"Approve"');

    const refused = await vscode.commands.executeCommand<string | undefined>('eventyard.startAslExecution', doc.uri, '{}');
    assert.equal(refused, undefined, 'a file with problems is not started');

    await edit(doc.uri, problem.range, '"Ship"');
    await eventually('no diagnostics once fixed', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
    await doc.save();

    const lenses = (await eventually('the Start execution CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return found?.find((l) => l.command?.title.includes('Start execution'));
    }))!;
    assert.equal(lenses.range.start.line, 1, 'on the StartAt line');
    const executionArn = await vscode.commands.executeCommand<string>(lenses.command!.command, ...(lenses.command!.arguments ?? []), '{"total": 150}');
    assert.match(executionArn, /:execution:vscode-orders:/);
    const broker = a.broker!;
    await broker.stepfunctions.settled();
    const d = broker.stepfunctions.operations.DescribeExecution({ executionArn });
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.input, '{"total": 150}');
    await eventually('the inspector opened on the state machine', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'State machine: vscode-orders')),
    );

    // The file changed: the next start updates the machine first.
    await edit(doc.uri, new vscode.Range(4, 0, 4, 0), '    "Extra": { "Type": "Pass", "End": true },\n');
    await doc.save();
    await vscode.commands.executeCommand<string>('eventyard.startAslExecution', doc.uri, '{}');
    const machineArn = d.stateMachineArn;
    assert.ok(JSON.parse(broker.stepfunctions.operations.DescribeStateMachine({ stateMachineArn: machineArn }).definition).States.Extra);
  });
});
