import * as vscode from 'vscode';
import type { Broker } from '../broker/broker';
import { BrokerHost } from './broker-host';
import { registerSearchCommands } from './search/search-command';
import type { BrokerClient } from './client/broker-client';
import { BucketDropController } from './buckets/bucket-drop';
import { ObjectDocuments } from './buckets/object-documents';
import { registerBrokerCommands } from './commands/broker-commands';
import { registerTraceCommands } from './commands/trace-commands';
import { registerBucketCommands } from './commands/bucket-commands';
import { registerArchiveCommands } from './commands/archive-commands';
import { registerEventBridgeCommands } from './commands/eventbridge-commands';
import { registerMessageCommands } from './commands/message-commands';
import { registerTransferCommands } from './commands/transfer-commands';
import { registerQueueCommands } from './commands/queue-commands';
import { registerStreamCommands } from './commands/stream-commands';
import { registerTopicCommands } from './commands/topic-commands';
import { registerConnectionCommands } from './connections/connection-commands';
import { registerConnectionInspector } from './connections/connection-inspector';
import { Connections } from './connections/connections';
import { registerDefinitions } from './definitions/definitions-host';
import { registerEventFiles } from './event-files/event-files-host';
import { registerSaveAsEventFile } from './event-files/save-command';
import { registerInspector } from './inspector';
import { registerAslFiles } from './asl/asl-files';
import { registerRecordingCommands } from './recording/recording-commands';
import { RESTART_SETTINGS } from './settings';
import { registerSourceLens } from './source-lens/source-lens';
import { createStatusBar } from './status-bar';
import { registerTemplateImport } from './templates/import-command';
import { ResourcesTree } from './tree/resources-tree';
import { trackWalkthroughProgress } from './walkthrough-progress';

/** What activate() returns: other extensions and the extension-host tests reach the running broker here. */
export interface EventyardApi {
  /** The broker of this window; undefined while stopped or when attached to another window's broker. */
  readonly broker: Broker | undefined;
  /** The AWS endpoint apps use (`http://127.0.0.1:4566`). */
  readonly endpoint: string | undefined;
  /** The broker the editor works on: this window's, or the one it attached to. */
  readonly client: BrokerClient | undefined;
  readonly host: BrokerHost;
  readonly tree: ResourcesTree;
  /** The AWS profiles and endpoints the tree lists after this window's broker. */
  readonly connections: Connections;
}

export async function activate(context: vscode.ExtensionContext): Promise<EventyardApi> {
  const output = vscode.window.createOutputChannel('Eventyard');
  const host = new BrokerHost(output, context.globalStorageUri, context.storageUri);
  const connections = new Connections(context.workspaceState);
  const tree = new ResourcesTree(host, connections);
  context.subscriptions.push(
    connections,
    ...registerConnectionCommands(connections, () => tree.refresh()),
    output,
    host,
    tree,
    vscode.window.createTreeView('eventyard.resources', {
      treeDataProvider: tree,
      showCollapseAll: true,
      // files dropped on a bucket, folder or object row are uploaded there
      dragAndDropController: new BucketDropController(host),
    }),
    createStatusBar(host),
    registerInspector(context, () => host.broker, host.onDidChange),
    registerConnectionInspector(context, connections),
    ...registerBrokerCommands(host, output),
    ...registerTraceCommands(host),
    ...registerQueueCommands(host),
    ...registerMessageCommands(host),
    ...registerTransferCommands(host),
    ...registerTopicCommands(host),
    ...registerStreamCommands(host),
    ...registerEventBridgeCommands(host),
    ...registerArchiveCommands(host),
    ...registerBucketCommands(host),
    ObjectDocuments.register(host),
    registerDefinitions(host, output),
    registerEventFiles(host, output),
    registerAslFiles(host),
    registerSaveAsEventFile(host),
    ...registerSearchCommands(() => host.broker, context.workspaceState),
    registerRecordingCommands(host),
    registerSourceLens(host),
    registerTemplateImport(output),
    trackWalkthroughProgress(host),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) void host.restart();
    }),
  );
  await Promise.all([host.start(), connections.reload()]);
  return {
    get broker() {
      return host.broker;
    },
    get endpoint() {
      return host.client?.endpoint;
    },
    get client() {
      return host.client;
    },
    host,
    tree,
    connections,
  };
}

export function deactivate(): void {}
