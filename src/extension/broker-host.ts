import * as vscode from 'vscode';
import type { Broker } from '../broker/broker';
import { StoreError } from '../broker/store/store-error';
import { LocalRuntime, type RuntimeSettings } from '../runtime/local-runtime';
import { startServer, type RunningServer } from '../server/server';
import { bucketsRoot } from './buckets-folder';
import type { BrokerClient } from './client/broker-client';
import { TEST_IDENTITY } from './client/aws-sdk-clients';
import { isEventyard } from './client/http-call';
import { localClient } from './client/local-client';
import { remoteClient } from './client/remote-client';
import { EventyardSettings, readSettings } from './settings';

export type HostState =
  | { kind: 'stopped' }
  | { kind: 'starting'; endpoint: string }
  /** This window runs the broker and serves it on `endpoint`. */
  | { kind: 'serving'; endpoint: string }
  /** This window runs the broker but the port is held by another program: only the editor reaches it. */
  | { kind: 'unreachable'; endpoint: string; reason: string }
  /** Another Eventyard serves the port; this window works on that one through the endpoint. */
  | { kind: 'attached'; endpoint: string };

/**
 * Owns the broker of this window and its endpoint: start, stop, restart, or attach to the Eventyard that
 * another window already serves on the configured port. Everything else asks it for the current client.
 */
export class BrokerHost implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HostState>();
  readonly onDidChange = this.changed.event;
  state: HostState = { kind: 'stopped' };
  broker: Broker | undefined;
  client: BrokerClient | undefined;
  /** Where the broker keeps its state, when eventyard.persistence keeps it and the folder could be opened. */
  dataDir: string | undefined;
  private server: RunningServer | undefined;
  /** Makes this window's brokers, one after another across restarts. */
  private readonly runtime = new LocalRuntime();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly output: vscode.OutputChannel,
    /** The extension's storage outside any workspace: where buckets go with no folder open. */
    private readonly globalStorage: vscode.Uri,
    /** This workspace's storage: where kept state lives (the global storage with no folder open). */
    private readonly workspaceStorage?: vscode.Uri,
  ) {}

  /** Operations queue up, so a restart clicked twice never runs two brokers on one port. */
  start(): Promise<void> {
    return this.serially(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.serially(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.serially(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private serially(step: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(step, step);
    return this.pending;
  }

  private async doStart(): Promise<void> {
    if (this.state.kind !== 'stopped') return;
    const settings = readSettings();
    const endpoint = `http://${settings.host}:${settings.port}`;
    this.set({ kind: 'starting', endpoint });
    if (await isEventyard(endpoint)) {
      // Both windows read the same eventyard.accessKeys: the first key signs, as it does for local functions.
      const key = settings.accessKeys[0] ?? TEST_IDENTITY;
      this.client = remoteClient(endpoint, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: settings.region });
      this.output.appendLine(`Another Eventyard already serves ${endpoint}; attached to it.`);
      this.set({ kind: 'attached', endpoint });
      void vscode.window.showInformationMessage(
        `Eventyard: another window already serves ${endpoint}. This window shows and changes that broker's resources.`,
      );
      return;
    }
    const broker = this.createBroker(settings, {
      endpoint,
      identity: { accountId: settings.accountId, region: settings.region },
      bucketsRoot: bucketsRoot(settings.bucketsFolder, this.globalStorage),
      maxMemoryBytes: settings.maxMemoryBytes,
      traceBufferSize: settings.traceBufferSize,
      accessKeys: settings.accessKeys,
      streamCreateDelayMs: settings.streamCreateDelayMs,
    });
    this.broker = broker;
    // Presigned URLs are signed with the key apps use (the first of eventyard.accessKeys), so strict mode takes them.
    const key = settings.accessKeys[0] ?? TEST_IDENTITY;
    this.client = localClient(broker, endpoint, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: settings.region });
    try {
      this.server = await startServer(broker, {
        port: settings.port,
        host: settings.host,
        accessKeys: settings.accessKeys,
        log: (line) => this.output.appendLine(line),
      });
      this.output.appendLine(`AWS endpoint listening on ${this.server.url}`);
      this.set({ kind: 'serving', endpoint: this.server.url });
    } catch (e) {
      const reason = (e as Error).message;
      this.output.appendLine(`The endpoint could not listen on ${endpoint}: ${reason}`);
      this.set({ kind: 'unreachable', endpoint, reason });
      void vscode.window.showWarningMessage(
        `Eventyard: ${endpoint} is taken by another program (${reason}). The broker runs for the editor only; change "eventyard.port" to let apps reach it.`,
        'Open Settings',
      ).then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'eventyard.port'));
    }
  }

  /**
   * A broker that keeps its state in the workspace storage, per eventyard.persistence. A folder that
   * cannot be used (damaged, or held by another window) is reported, and the broker runs in memory.
   */
  private createBroker(settings: EventyardSettings, runtimeSettings: RuntimeSettings): Broker {
    this.dataDir = undefined;
    if (settings.persistence === 'off') return this.runtime.createBroker(runtimeSettings);
    const dataDir = vscode.Uri.joinPath(this.workspaceStorage ?? this.globalStorage, 'state').fsPath;
    try {
      const broker = this.runtime.createBroker({
        ...runtimeSettings,
        persistence: { dataDir, mode: settings.persistence, maxBytes: settings.maxDataBytes },
      });
      this.output.appendLine(`State kept in ${dataDir} (${settings.persistence}).`);
      this.dataDir = dataDir;
      return broker;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      this.output.appendLine(`Kept state could not be opened: ${e.message} The broker runs in memory.`);
      void vscode.window.showErrorMessage(`Eventyard: ${e.message} The broker runs in memory this time; changes are not kept.`);
      return this.runtime.createBroker(runtimeSettings);
    }
  }

  private async doStop(): Promise<void> {
    if (this.state.kind === 'stopped') return;
    await this.server?.close();
    // Waits for the journal to be written, so a restart can open the data folder again at once.
    await this.broker?.close();
    this.server = undefined;
    this.broker = undefined;
    this.client?.dispose();
    this.client = undefined;
    this.set({ kind: 'stopped' });
  }

  private set(state: HostState): void {
    this.state = state;
    void vscode.commands.executeCommand('setContext', 'eventyard.state', state.kind);
    this.changed.fire(state);
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
