import path from 'node:path';
import * as vscode from 'vscode';
import { dummyAccessKey } from '../../broker/identity';
import { formatDuration } from '../../event-files/duration';
import { parseEventFile, type LocatedIssue, type Range } from '../../event-files/parse';
import { runEventFile, type FileResult, type StepResult } from '../../event-files/runner';
import { formatStep, formatTotals } from '../../event-files/summary';
import type { BrokerHost } from '../broker-host';
import { readSettings } from '../settings';

export const RUN_EVENT_FILE = 'eventyard.runEventFile';
const SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.events.{yaml,yml}' }];
const isEventFile = (doc: vscode.TextDocument) => /\.events\.ya?ml$/.test(doc.uri.path);

/**
 * Event files in the editor: a "Run file" CodeLens on the file and "Run step" on each step, the command
 * `Eventyard: Run Event File`, problems of the file as diagnostics while it is edited, and after a run the
 * failed steps as diagnostics on their lines and a summary in the output channel and a notification.
 * The steps run through src/event-files/runner.ts against this window's endpoint, as `eventyard run` does.
 */
export function registerEventFiles(host: BrokerHost, output: vscode.OutputChannel): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('eventyard-events');
  /** The last run's results per file (uri string), for the CodeLens titles and the diagnostics. */
  const lastRun = new Map<string, Map<number, StepResult>>();
  const changed = new vscode.EventEmitter<void>();

  const refresh = (doc: vscode.TextDocument) => {
    if (!isEventFile(doc)) return;
    const parsed = parseEventFile(doc.getText());
    const failures = [...(lastRun.get(doc.uri.toString())?.values() ?? [])]
      .filter((r) => r.status === 'failed' && parsed.stepRanges[r.index])
      .map((r) => failureDiagnostic(r, parsed.stepRanges[r.index]));
    diagnostics.set(doc.uri, [...parsed.issues.map(problemDiagnostic), ...failures]);
  };

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(doc) {
      const parsed = parseEventFile(doc.getText());
      const results = lastRun.get(doc.uri.toString());
      const top = new vscode.Range(0, 0, 0, 0);
      const file = new vscode.CodeLens(top, { title: '$(play) Run file', command: RUN_EVENT_FILE, arguments: [doc.uri] });
      return [
        file,
        ...parsed.stepRanges.map((range, index) => {
          const result = results?.get(index);
          const title = `$(play) Run step${result ? ` · ${statusText(result)}` : ''}`;
          return new vscode.CodeLens(toRange(range), { title, command: RUN_EVENT_FILE, arguments: [doc.uri, index] });
        }),
      ];
    },
  };

  const run = async (uri?: vscode.Uri, only?: number): Promise<FileResult | undefined> => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showErrorMessage('Open an event file (*.events.yaml) to run it.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    const name = path.basename(doc.uri.fsPath);
    const parsed = parseEventFile(doc.getText());
    if (!parsed.file) {
      refresh(doc);
      void vscode.window.showErrorMessage(`${name} has ${parsed.issues.length} problem(s); see the Problems view.`);
      return undefined;
    }
    const endpoint = host.client?.endpoint;
    if (!endpoint) {
      void vscode.window.showErrorMessage('The Eventyard broker is not running: start it to run event files.');
      return undefined;
    }
    const settings = readSettings();
    const key = settings.accessKeys[0] ?? dummyAccessKey;
    const environment = vscode.workspace.getConfiguration('eventyard').get<string>('eventFiles.environment') || undefined;
    const results = new Map<number, StepResult>(only === undefined ? [] : lastRun.get(doc.uri.toString()) ?? []);
    lastRun.set(doc.uri.toString(), results);
    output.appendLine(`Running ${name}${only === undefined ? '' : ` (step ${only + 1})`} against ${endpoint}${environment ? ` (environment ${environment})` : ''}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Running ${name}`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runEventFile(parsed.file!.name ?? name, parsed.file!, {
          endpoint,
          region: settings.region,
          credentials: key,
          environment,
          only,
          signal: abort.signal,
          onStep: (step) => {
            results.set(step.index, step);
            output.appendLine(formatStep(step));
            changed.fire();
          },
        });
      },
    );
    output.appendLine(formatTotals([result]));
    refresh(doc);
    changed.fire();
    const failed = result.steps.filter((s) => s.status === 'failed');
    if (failed.length) {
      void vscode.window.showWarningMessage(`${name}: ${formatTotals([result])}. ${failed[0].label}: ${failed[0].message}`, 'Show Log').then((pick) => {
        if (pick) output.show(true);
      });
    } else {
      void vscode.window.showInformationMessage(`${name}: ${formatTotals([result])}.`);
    }
    return result;
  };

  for (const doc of vscode.workspace.textDocuments) refresh(doc);
  return vscode.Disposable.from(
    diagnostics,
    changed,
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    vscode.commands.registerCommand(RUN_EVENT_FILE, run),
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isEventFile(e.document)) return;
      // The last run's results belong to the text that ran: an edit makes them stale.
      lastRun.delete(e.document.uri.toString());
      refresh(e.document);
      changed.fire();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (isEventFile(doc)) diagnostics.delete(doc.uri);
    }),
  );
}

function statusText(result: StepResult): string {
  if (result.status === 'passed') return `$(pass) passed in ${formatDuration(result.durationMs)}`;
  if (result.status === 'failed') return '$(error) failed';
  return '$(circle-slash) skipped';
}

function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function problemDiagnostic(issue: LocatedIssue): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(issue.range), issue.message, vscode.DiagnosticSeverity.Error);
  d.source = 'eventyard';
  return d;
}

/** On the step's first line only: the whole step would underline a screenful. */
function failureDiagnostic(result: StepResult, range: Range): vscode.Diagnostic {
  const start = new vscode.Position(range.start.line, range.start.character);
  const d = new vscode.Diagnostic(new vscode.Range(start, new vscode.Position(range.start.line, Number.MAX_SAFE_INTEGER)), `${result.label} failed: ${result.message ?? ''}`, vscode.DiagnosticSeverity.Error);
  d.source = 'eventyard run';
  d.code = 'expectation';
  return d;
}
