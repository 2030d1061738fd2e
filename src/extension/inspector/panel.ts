import * as crypto from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../recording/replayer';
import type { HostMessage, ResourceRef, WebviewMessage } from '../../inspector/protocol';
import type { ActivityLog } from './activity-log';
import { inspectorHtml } from './html';
import type { RemoteInspectorSession, RemoteSessionOptions } from './remote/remote-session';
import { InspectorBroker, InspectorSession, type SessionOptions } from './session';
import { scopeSuffix } from './scoped-broker';

/** What the panel gives a session besides the resource: how to post to the page and the editor's services. */
export type EditorHooks = Pick<SessionOptions, 'post' | 'writeClipboard' | 'openInspector' | 'readInputFile' | 'saveEventFile' | 'replayRecording'> & Pick<RemoteSessionOptions, 'post'>;

/** Who answers the page: this window's broker (InspectorSession) or a connection (RemoteInspectorSession). */
export type SessionSource =
  | { kind: 'local'; broker: InspectorBroker; activity: ActivityLog }
  | { kind: 'connection'; open: (hooks: EditorHooks) => RemoteInspectorSession; title: string };

export const TITLES: Record<ResourceRef['kind'], string> = {
  queue: 'Queue',
  topic: 'Topic',
  stream: 'Stream',
  deliveryStream: 'Delivery stream',
  function: 'Function',
  bus: 'Event bus',
  stateMachine: 'State machine',
  recording: 'Recording',
  trace: 'Trace',
};

/**
 * One editor tab inspecting one resource. The webview is not kept alive while hidden (that costs memory for
 * every open inspector); it saves its view state with setState and asks for fresh data when shown again.
 */
export class InspectorPanel implements vscode.Disposable {
  static readonly viewType = 'eventyard.inspector';
  private readonly session: InspectorSession | RemoteInspectorSession;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private resource: ResourceRef,
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    source: SessionSource,
    private readonly onDisposed: () => void,
  ) {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    // A recording's name is its path; the tab shows the file's name.
    panel.title = source.kind === 'connection' ? source.title : `${TITLES[resource.kind]}: ${resource.kind === 'recording' ? path.basename(resource.name) : resource.name}${scopeSuffix(resource.scope)}`;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    const hooks: EditorHooks = {
      post: (message: HostMessage) => {
        if (!this.disposed) void webview.postMessage(message);
      },
      writeClipboard: (text) => vscode.env.clipboard.writeText(text),
      openInspector: (target) => vscode.commands.executeCommand('eventyard.openInspector', target),
      readInputFile: async () => {
        const [file] = (await vscode.window.showOpenDialog({ title: 'Execution input', canSelectMany: false, filters: { JSON: ['json'], 'All files': ['*'] } })) ?? [];
        return file ? new TextDecoder().decode(await vscode.workspace.fs.readFile(file)) : undefined;
      },
      saveEventFile: (items, name) => vscode.commands.executeCommand('eventyard.saveAsEventFile', { items, name }),
      replayRecording: (file, { from, to, speed }) =>
        vscode.commands.executeCommand<ReplayResult | undefined>('eventyard.replayRecording', undefined, { file, from, to, speed, transform: '' }),
    };
    this.session = source.kind === 'local' ? new InspectorSession({ ...hooks, broker: source.broker, resource, activity: source.activity }) : source.open(hooks);
    this.load();
    this.disposables.push(
      webview.onDidReceiveMessage((m: WebviewMessage) => void this.session.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get resourceRef(): ResourceRef {
    return this.resource;
  }

  /**
   * The broker was restarted: the session moves to the new one and the page loads afresh, so every view
   * shows the new broker's state instead of the old one's (which no longer changes).
   */
  rebind(broker: InspectorBroker): void {
    if (this.disposed || !(this.session instanceof InspectorSession)) return;
    this.session.rebind(broker);
    this.load();
  }

  /**
   * Shows the panel again. A state machine's panel asked for another execution (a row of the tree) loads
   * afresh on it, since the page picks its execution when it starts.
   */
  show(resource: ResourceRef): void {
    if (!this.disposed && resource.execution && resource.execution !== this.resource.execution) {
      this.resource = resource;
      this.session.retarget(resource);
      this.load();
    }
    this.panel.reveal();
  }

  private load(): void {
    const webview = this.panel.webview;
    webview.html = inspectorHtml(this.resource, {
      cspSource: webview.cspSource,
      nonce: crypto.randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      codiconCssUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons', 'codicon.css')).toString(),
      elkScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'elk.js')).toString(),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDisposed();
  }
}
