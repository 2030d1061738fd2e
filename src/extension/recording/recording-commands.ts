import fs from 'node:fs';
import * as vscode from 'vscode';
import type { Broker } from '../../broker/broker';
import { dummyAccessKey } from '../../broker/identity';
import { recordToFile } from '../../recording/recorder';
import { decodeRecording, sliceRecording } from '../../recording/recording';
import { replay, type ReplayResult } from '../../recording/replayer';
import { recordingItems } from '../../recording/to-event-file';
import { compileTransform } from '../../recording/transform';
import type { BrokerHost } from '../broker-host';
import { SAVE_AS_EVENT_FILE } from '../event-files/save-command';
import { OPEN_INSPECTOR_COMMAND } from '../inspector/index';
import { ask, Cancelled, command, notify, pick, requireClient } from '../commands/ui';
import { readSettings } from '../settings';

export const OPEN_RECORDING_TIMELINE = 'eventyard.openRecordingTimeline';

/** Arguments that skip the prompts (tests, other commands). */
interface StartArgs { file?: string; resources?: string[] }
/** `from`/`to`: only requests from..to-1 (a stretch chosen on the recording's timeline), starting at once. */
interface ReplayArgs { file?: string; speed?: number; transform?: string; endpoint?: string; from?: number; to?: number }

/**
 * Record and replay in the editor: "Start Recording" records this window's broker (all resources or the
 * chosen ones) to an NDJSON file until "Stop Recording" (or the status bar item); "Replay Recording" sends
 * a recording to this broker or another endpoint at the recorded pace, faster, or at once, optionally
 * through a JSONata transform; "Save Recording as Event File" turns one into a `*.events.yaml`; "Open
 * Recording as Timeline" shows one in the inspector (a CodeLens on the file's first line offers all three).
 */
export function registerRecordingCommands(host: BrokerHost): vscode.Disposable {
  let active: { broker: Broker; file: string; stop: () => Promise<void>; count: () => number } | undefined;
  const item = vscode.window.createStatusBarItem('eventyard.recording', vscode.StatusBarAlignment.Left, -1);
  item.name = 'Eventyard recording';
  item.command = 'eventyard.stopRecording';
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  const ticker = setInterval(() => {
    if (active) item.text = `$(record) Recording ${active.count()}`;
  }, 500);

  const stop = async (): Promise<string | undefined> => {
    if (!active) return undefined;
    const { file, count } = active;
    const done = active.stop;
    active = undefined;
    item.hide();
    await done();
    return `recorded ${count()} request${count() === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(file)}.`;
  };

  return vscode.Disposable.from(
    item,
    { dispose: () => clearInterval(ticker) },
    { dispose: () => void stop() },
    // The recording listens to one broker; a restart ends it rather than leaving it silently deaf.
    host.onDidChange(() => {
      if (active && host.broker !== active.broker) {
        void stop().then((said) => said && notify(`the broker restarted, so the recording stopped: ${said}`));
      }
    }),

    command('eventyard.startRecording', async (args?: StartArgs) => {
      const broker = host.broker;
      if (!broker) throw new Error(host.client ? 'Recording needs the broker of this window; this window is attached to another one.' : 'The broker is not running. Start it with "Eventyard: Start Broker".');
      if (active) throw new Error(`A recording to ${vscode.workspace.asRelativePath(active.file)} is running; stop it first.`);
      const resources = args?.resources ?? (await chooseResources(host));
      const file = args?.file ?? (await chooseFile());
      const started = recordToFile(broker, file, { resources });
      active = { broker, file, stop: started.stop, count: () => started.recorder.count };
      item.text = '$(record) Recording 0';
      item.tooltip = `Recording ${resources.length ? resources.join(', ') : 'all traffic'} to ${file}. Click to stop.`;
      item.show();
      notify(`recording ${resources.length ? resources.join(', ') : 'all traffic'} to ${vscode.workspace.asRelativePath(file)}.`);
      return file;
    }),

    command('eventyard.stopRecording', async () => {
      const said = await stop();
      if (said) notify(said);
      else notify('no recording is running.');
    }),

    command('eventyard.replayRecording', async (uri?: vscode.Uri, given?: ReplayArgs | vscode.Uri[]): Promise<ReplayResult | undefined> => {
      // From the explorer the second argument is the selection, not options.
      const args = given && !Array.isArray(given) ? given : undefined;
      const file = args?.file ?? uri?.fsPath ?? (await openRecording());
      const whole = decodeRecording(fs.readFileSync(file, 'utf8'));
      const requests = args?.from !== undefined || args?.to !== undefined ? sliceRecording(whole, args.from ?? 0, args.to ?? whole.length) : whole;
      const speed = args?.speed ?? (await chooseSpeed());
      const expression = args?.transform ?? (args ? '' : await ask('JSONata transform for each request (leave empty to send them as recorded)', () => undefined, { placeHolder: 'resource = "orders" ? $merge([$, {"resource": "orders-copy"}])' }));
      const transform = expression.trim() ? compileTransform(expression) : undefined;
      const endpoint = args?.endpoint ?? requireClient(host).endpoint;
      const settings = readSettings();
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Replaying ${requests.length} requests to ${endpoint}`, cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return replay(requests, {
            endpoint, region: settings.region, credentials: settings.accessKeys[0] ?? dummyAccessKey, speed, transform, signal: abort.signal,
            onSent: (index) => progress.report({ message: `${index + 1} of ${requests.length}`, increment: 100 / Math.max(requests.length, 1) }),
          });
        },
      );
      const summary = `replayed ${result.sent} of ${requests.length} requests in ${(result.elapsed / 1000).toFixed(1)} s${result.skipped ? `, ${result.skipped} left out by the transform` : ''}`;
      if (result.failed.length) void vscode.window.showWarningMessage(`Eventyard: ${summary}; ${result.failed.length} refused, the first: ${result.failed[0].message}`);
      else notify(`${summary}.`);
      return result;
    }),

    command(OPEN_RECORDING_TIMELINE, async (uri?: vscode.Uri) => {
      const file = uri?.fsPath ?? (await openRecording('Recording to open as a timeline'));
      await vscode.commands.executeCommand(OPEN_INSPECTOR_COMMAND, { kind: 'recording', name: file });
      return file;
    }),

    // A recording file says what it is on its first line: the lens offers what can be done with it.
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.ndjson' }, {
      provideCodeLenses(doc) {
        if (!/^\s*\{.*"service".*"action"/.test(doc.lineAt(0).text)) return [];
        const top = new vscode.Range(0, 0, 0, 0);
        return [
          new vscode.CodeLens(top, { title: 'Open timeline', command: OPEN_RECORDING_TIMELINE, arguments: [doc.uri] }),
          new vscode.CodeLens(top, { title: 'Replay', command: 'eventyard.replayRecording', arguments: [doc.uri] }),
          new vscode.CodeLens(top, { title: 'Save as event file', command: 'eventyard.saveRecordingAsEventFile', arguments: [doc.uri] }),
        ];
      },
    }),

    command('eventyard.saveRecordingAsEventFile', async (uri?: vscode.Uri) => {
      const file = uri?.fsPath ?? (await openRecording());
      const { items, skipped } = recordingItems(decodeRecording(fs.readFileSync(file, 'utf8')));
      if (skipped) notify(`${skipped} Firehose or binary record(s) have no event file step and are left out.`);
      const name = file.replace(/^.*[\\/]/, '').replace(/\.ndjson$/, '');
      return vscode.commands.executeCommand(SAVE_AS_EVENT_FILE, { items, name });
    }),
  );
}

async function chooseResources(host: BrokerHost): Promise<string[]> {
  const { all } = await pick('Record which traffic?', [
    { label: 'All resources', all: true },
    { label: 'Choose resources…', all: false },
  ]);
  if (all) return [];
  const snapshot = await requireClient(host).snapshot();
  const picks = [
    ...snapshot.queues.map((q) => ({ label: q.name, description: 'queue' })),
    ...snapshot.topics.map((t) => ({ label: t.name, description: 'topic' })),
    ...snapshot.streams.map((s) => ({ label: s.name, description: 'stream' })),
    ...snapshot.deliveryStreams.map((d) => ({ label: d.name, description: 'delivery stream' })),
    ...snapshot.buses.map((b) => ({ label: b.name, description: 'event bus' })),
  ];
  const chosen = await vscode.window.showQuickPick(picks, { title: 'Eventyard', placeHolder: 'Resources to record', canPickMany: true, ignoreFocusOut: true });
  if (!chosen?.length) throw new Cancelled();
  return chosen.map((c) => c.label);
}

async function chooseFile(): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd());
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, `recording-${stamp}.ndjson`), filters: { 'Recordings (NDJSON)': ['ndjson'] }, title: 'Record the traffic to' });
  if (!target) throw new Cancelled();
  return target.fsPath;
}

async function openRecording(title = 'Recording to replay'): Promise<string> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.fsPath.endsWith('.ndjson')) return active.fsPath;
  const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Recordings (NDJSON)': ['ndjson'] }, title })) ?? [];
  if (!file) throw new Cancelled();
  return file.fsPath;
}

async function chooseSpeed(): Promise<number> {
  const { speed } = await pick('Replay at which pace?', [
    { label: 'As recorded', speed: 1 },
    { label: '10× faster', speed: 10 },
    { label: '100× faster', speed: 100 },
    { label: 'As fast as possible', speed: Infinity },
  ]);
  return speed;
}
