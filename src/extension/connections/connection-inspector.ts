import * as vscode from 'vscode';
import type { ConnectionInfo, ResourceKind, ResourceRef } from '../../inspector/protocol';
import { InspectorPanel, TITLES } from '../inspector/panel';
import { RemoteInspectorSession } from '../inspector/remote/remote-session';
import type { ConnectionAccess } from '../inspector/remote/connection-access';
import { isConnectionNode } from './connection-nodes';
import { ConnectionError } from './connection-errors';
import type { Connections } from './connections';
import type { ConnectionSpec } from './connection-spec';
import { confirmByName } from './typed-confirmation';

export const OPEN_CONNECTION_INSPECTOR_COMMAND = 'eventyard.connection.openInspector';

/** The tree rows that have an inspector on a connection. */
const KINDS: Partial<Record<string, ResourceKind>> = { queue: 'queue', topic: 'topic', stream: 'stream', deliveryStream: 'deliveryStream', bus: 'bus', stateMachine: 'stateMachine', execution: 'stateMachine' };

/** What the command answers (the extension-host tests read it). */
export interface ConnectionInspectorResult {
  title: string;
  connection: ConnectionInfo;
  writable: boolean;
}

/** The inspector's tab title: the resource, the connection, and PRODUCTION first when it is marked so. */
export function connectionPanelTitle(kind: ResourceKind, name: string, connection: ConnectionInfo): string {
  return `${connection.production ? 'PRODUCTION · ' : ''}${TITLES[kind]}: ${name} — ${connection.name}`;
}

/**
 * `eventyard.connection.openInspector` on a connection's queue, topic, stream, delivery stream, event bus,
 * state machine or execution row: the inspector panel of the local broker, answered through the
 * connection's SDK clients. One panel per connection and resource; opening it again reveals it (a state
 * machine's on the execution whose row was clicked). Credentials stay with the SDK's providers: the
 * page gets names, the region and the endpoint's host only.
 */
export function registerConnectionInspector(context: vscode.ExtensionContext, connections: Connections): vscode.Disposable {
  const panels = new Map<string, InspectorPanel>();
  const access = (spec: ConnectionSpec): ConnectionAccess => ({
    client: () => connections.client(spec),
    writable: () => connections.requireWritable(spec),
    isWritable: () => connections.isWritable(spec),
    confirm: (what, name) => confirmByName(what, name, spec.name),
  });
  const command = vscode.commands.registerCommand(OPEN_CONNECTION_INSPECTOR_COMMAND, (node: unknown): ConnectionInspectorResult | { error: string } => {
    try {
      const kind = isConnectionNode(node) && node.kind === 'aws.resource' ? KINDS[node.node.kind] : undefined;
      if (!isConnectionNode(node) || node.kind !== 'aws.resource' || !kind) {
        throw new ConnectionError('NoResource', 'Run this on a queue, topic, stream, delivery stream, event bus, state machine or execution of a connection in the Resources tree.');
      }
      // an execution's row opens its machine's panel on that execution
      const inner = node.node;
      const name = inner.kind === 'execution' ? inner.stateMachine.name : inner.name;
      const execution = inner.kind === 'execution' ? inner.execution.arn : undefined;
      const spec = connections.get(node.connection);
      const region = connections.region(spec);
      const connection: ConnectionInfo = { name: spec.name, region, where: spec.endpoint ? new URL(spec.endpoint).host : 'AWS', production: connections.isProduction(spec) };
      const title = connectionPanelTitle(kind, name, connection);
      const key = `${spec.id}|${region}|${kind}:${name}`;
      const resource: ResourceRef = { kind, name, ...(execution ? { execution } : {}) };
      const existing = panels.get(key);
      if (existing) {
        existing.show(resource);
      } else {
        const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, title, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
        panels.set(key, new InspectorPanel(resource, panel, context.extensionUri, {
          kind: 'connection',
          title,
          open: (hooks) => new RemoteInspectorSession({
            access: access(spec),
            connection,
            resource,
            post: hooks.post,
            ...(hooks.writeClipboard ? { writeClipboard: hooks.writeClipboard } : {}),
            ...(hooks.readInputFile ? { readInputFile: hooks.readInputFile } : {}),
          }),
        }, () => panels.delete(key)));
      }
      return { title, connection, writable: connections.isWritable(spec) };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Eventyard: ${error}`);
      return { error };
    }
  });
  const disposable = vscode.Disposable.from(command, {
    dispose: () => {
      for (const p of [...panels.values()]) p.dispose();
    },
  });
  context.subscriptions.push(disposable);
  return disposable;
}
