import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import { ask, command, requireClient } from '../commands/ui';
import { ASL_FILE, machineNameFor, readAslDocument, type AslProblem } from './asl-document';

export const START_ASL_EXECUTION_COMMAND = 'eventyard.startAslExecution';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.asl.{json,yaml,yml}' },
  { scheme: 'untitled', pattern: '**/*.asl.{json,yaml,yml}' },
];

/** The role the local state machine is created with: the broker checks no IAM, AWS requires one. */
const LOCAL_ROLE = 'arn:aws:iam::000000000000:role/eventyard-local';

const isAsl = (doc: vscode.TextDocument) => ASL_FILE.test(doc.uri.path);

function toDiagnostic(p: AslProblem): vscode.Diagnostic {
  const range = new vscode.Range(p.start.line, p.start.character, p.end.line, p.end.character);
  const d = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Error);
  d.source = 'Step Functions';
  d.code = p.code;
  return d;
}

/**
 * Amazon States Language files of the workspace (`*.asl.json`, `*.asl.yaml`): the engine's validator
 * (CreateStateMachine's own, AWS's words) in the Problems view as they are opened and edited, and a
 * "Start execution" CodeLens that creates or updates the local state machine from the file, starts it with
 * the input asked for, and opens the state machine's inspector on that execution.
 */
export function registerAslFiles(host: BrokerHost): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('eventyard-asl');
  const check = (doc: vscode.TextDocument) => {
    if (isAsl(doc)) diagnostics.set(doc.uri, readAslDocument(doc.getText()).problems.map(toDiagnostic));
  };
  for (const doc of vscode.workspace.textDocuments) check(doc);

  const lenses: vscode.CodeLensProvider = {
    provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
      const { startAt } = readAslDocument(doc.getText());
      const line = new vscode.Range(startAt.line, 0, startAt.line, 0);
      return [new vscode.CodeLens(line, { title: '$(play) Start execution', command: START_ASL_EXECUTION_COMMAND, arguments: [doc.uri], tooltip: `Create or update the local state machine ${machineNameFor(doc.uri.path)} from this file and start it` })];
    },
  };

  return vscode.Disposable.from(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => isAsl(doc) && diagnostics.delete(doc.uri)),
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    command(START_ASL_EXECUTION_COMMAND, async (uri?: vscode.Uri, input?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target || !ASL_FILE.test(target.path)) throw new Error('Open a state machine file (*.asl.json or *.asl.yaml) to start an execution.');
      return startFromFile(host, target, input);
    }),
  );
}

/** Creates or updates the machine from the file, starts it, opens its inspector; answers the execution ARN (tests). */
async function startFromFile(host: BrokerHost, uri: vscode.Uri, givenInput: string | undefined): Promise<string | undefined> {
  const client = requireClient(host);
  const doc = await vscode.workspace.openTextDocument(uri);
  const parsed = readAslDocument(doc.getText());
  if (!parsed.definition || parsed.problems.length) {
    const first = parsed.problems[0];
    throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a valid state machine${first ? ` (line ${first.start.line + 1}: ${first.message})` : ''}; see the Problems view.`);
  }
  const name = machineNameFor(uri.path);
  const input = givenInput ?? (await ask(`Input of the execution of ${name} (JSON)`, jsonCheck, { value: '{}' }));
  const { stateMachines = [] } = await client.states('ListStateMachines', { maxResults: 1000 });
  const existing = stateMachines.find((m) => m.name === name);
  let stateMachineArn: string;
  if (existing) {
    stateMachineArn = existing.stateMachineArn;
    const current = await client.states('DescribeStateMachine', { stateMachineArn });
    if (current.definition !== parsed.definition) await client.states('UpdateStateMachine', { stateMachineArn, definition: parsed.definition });
  } else {
    ({ stateMachineArn } = await client.states('CreateStateMachine', { name, definition: parsed.definition, roleArn: LOCAL_ROLE }));
  }
  const { executionArn } = await client.states('StartExecution', { stateMachineArn, input });
  // The inspector reads the broker of this window; attached to another, the tree shows the execution.
  if (!client.remote) await vscode.commands.executeCommand('eventyard.openInspector', { kind: 'stateMachine', name, execution: executionArn });
  else void vscode.window.showInformationMessage(`Eventyard: started ${executionArn.slice(executionArn.lastIndexOf(':') + 1)} of ${name}.`);
  return executionArn;
}

function jsonCheck(value: string): string | undefined {
  try {
    JSON.parse(value);
    return undefined;
  } catch (e) {
    return `The input must be JSON: ${(e as Error).message}`;
  }
}
