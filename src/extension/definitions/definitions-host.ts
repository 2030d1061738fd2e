import * as vscode from 'vscode';
import path from 'node:path';
import { applyDefinitions } from '../../broker/definitions/apply';
import { parseDefinitions, type LocatedIssue } from '../../broker/definitions/parse';
import type { BrokerHost } from '../broker-host';
import { command, notify } from '../commands/ui';
import { readSettings } from '../settings';
import { SAMPLE_DEFINITIONS } from './sample';

export const DEFINITION_FILES = ['eventyard.yaml', 'eventyard.yml', 'eventyard.json'];

/**
 * Applies the workspace definitions file to this window's broker when it starts and whenever the file
 * changes; schema mistakes and AWS errors from provisioning become diagnostics on the file's lines.
 */
export function registerDefinitions(host: BrokerHost, output: vscode.OutputChannel): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('eventyard');
  let declared = new Set<string>();
  let lastFile: vscode.Uri | undefined;

  const apply = async (): Promise<{ file?: vscode.Uri; problems: number }> => {
    const file = await findDefinitionsFile();
    if (lastFile && lastFile.toString() !== file?.toString()) diagnostics.delete(lastFile);
    lastFile = file;
    if (!file) return { problems: 0 };
    const broker = host.broker;
    if (!broker) {
      if (host.state.kind === 'attached') output.appendLine(`${file.fsPath}: applied by the window that runs the broker, not by this attached one.`);
      return { file, problems: 0 };
    }
    const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    const parsed = parseDefinitions(text);
    let issues: LocatedIssue[] = parsed.issues;
    if (parsed.definitions) {
      const result = await applyDefinitions(broker, parsed.definitions, { baseDir: path.dirname(file.fsPath), previous: declared });
      declared = result.declared;
      issues = result.issues.map(parsed.locate);
      output.appendLine(`Applied ${vscode.workspace.asRelativePath(file)}: ${result.declared.size} resources, ${issues.length} problems.`);
    }
    diagnostics.set(file, issues.map(toDiagnostic));
    return { file, problems: issues.length };
  };

  const applyQuietly = () => apply().catch((e: unknown) => output.appendLine(`Applying the definitions failed: ${(e as Error).message}`));
  const configured = readSettings().definitionsFile;
  const watchers = [...DEFINITION_FILES, ...(configured ? [path.basename(configured)] : [])].map((name) => {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${name}`);
    watcher.onDidCreate(applyQuietly);
    watcher.onDidChange(applyQuietly);
    watcher.onDidDelete(applyQuietly);
    return watcher;
  });

  return vscode.Disposable.from(
    diagnostics,
    ...watchers,
    host.onDidChange((state) => {
      if (state.kind === 'serving' || state.kind === 'unreachable') {
        declared = new Set();
        void applyQuietly();
      }
    }),
    command('eventyard.applyDefinitions', async () => {
      const { file, problems } = await apply();
      if (!file) throw new Error(`No ${DEFINITION_FILES.join(' or ')} at the workspace root; "Eventyard: Open Workspace Definitions" creates one.`);
      if (problems) void vscode.window.showWarningMessage(`Eventyard: ${vscode.workspace.asRelativePath(file)} has ${problems} problem(s); see the Problems view.`);
      else notify(`applied ${vscode.workspace.asRelativePath(file)}.`);
    }),
    command('eventyard.openDefinitions', async () => {
      let file = await findDefinitionsFile();
      if (!file) {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) throw new Error('Open a folder first: the definitions file lives at the workspace root.');
        file = vscode.Uri.joinPath(folder.uri, 'eventyard.yaml');
        await vscode.workspace.fs.writeFile(file, Buffer.from(SAMPLE_DEFINITIONS));
      }
      await vscode.window.showTextDocument(file);
    }),
  );
}

async function findDefinitionsFile(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const configured = readSettings().definitionsFile;
  const names = configured ? [configured] : DEFINITION_FILES;
  for (const name of names) {
    const uri = path.isAbsolute(name) ? vscode.Uri.file(name) : vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not there: try the next name
    }
  }
  return undefined;
}

function toDiagnostic(issue: LocatedIssue): vscode.Diagnostic {
  const { start, end } = issue.range;
  const d = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), issue.message, vscode.DiagnosticSeverity.Error);
  d.source = 'eventyard';
  if (issue.code) d.code = issue.code;
  return d;
}
