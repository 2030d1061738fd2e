import * as vscode from 'vscode';
import type { TreeSettings } from '../settings';
import { childNodes, hasChildren, rootNodes, type GroupKind, type ResourceNode } from '../tree/nodes';
import { treeItem } from '../tree/tree-items';
import type { ConnectionSpec } from './connection-spec';
import type { Connections } from './connections';

/**
 * The rows of a connection in the Resources tree, after this window's broker: the connection, its groups,
 * and its resources (the local tree's rows, wrapped so commands know which connection they belong to).
 */
export type ConnectionNode =
  | { kind: 'aws.connection'; name: string; connection: string }
  | { kind: 'aws.group'; name: string; connection: string; group: GroupKind; count: number }
  | { kind: 'aws.resource'; name: string; connection: string; node: ResourceNode }
  | { kind: 'aws.problem'; name: string; connection: string };

export function isConnectionNode(node: unknown): node is ConnectionNode {
  return !!node && typeof node === 'object' && typeof (node as { kind?: unknown }).kind === 'string' && (node as { kind: string }).kind.startsWith('aws.');
}

export function connectionRoots(connections: Connections): ConnectionNode[] {
  return connections.list().map((spec) => ({ kind: 'aws.connection', name: spec.name, connection: spec.id }));
}

/** Children of a connection row connect (list every service) the first time; deeper rows read what that listing holds. */
export async function connectionChildren(node: ConnectionNode, connections: Connections, settings: TreeSettings): Promise<ConnectionNode[]> {
  const spec = connections.get(node.connection);
  const wrap = (inner: ResourceNode): ConnectionNode => ({ kind: 'aws.resource', name: inner.name, connection: spec.id, node: inner });
  switch (node.kind) {
    case 'aws.connection': {
      // Connect once; later redraws (every change of this window's broker redraws the tree) reuse what was
      // read, so an account is not listed again on each local change. Refresh, region and writes read again.
      const view = connections.view(spec.id) ?? (await connections.connect(spec));
      if (view.loaded.size === 0) {
        // nothing answered: one reason is enough (they all fail alike when the credentials or the endpoint do)
        return [{ kind: 'aws.problem', name: Object.values(view.problems)[0] ?? 'No service answered.', connection: spec.id }];
      }
      return rootNodes(view.snapshot, { ...settings, showEmptyGroups: true })
        .filter((g) => g.kind === 'group' && g.group !== 'functions')
        .map((g) => ({ kind: 'aws.group', name: g.name, connection: spec.id, group: (g as { group: GroupKind }).group, count: (g as { count: number }).count }));
    }
    case 'aws.group': {
      const view = connections.view(spec.id);
      if (!view) return [];
      const problem = view.problems[node.group];
      if (problem) return [{ kind: 'aws.problem', name: problem, connection: spec.id }];
      return childNodes({ kind: 'group', group: node.group, name: node.name, count: node.count }, view.snapshot, settings).map(wrap);
    }
    case 'aws.resource': {
      const view = connections.view(spec.id);
      return view ? childNodes(node.node, view.snapshot, settings).map(wrap) : [];
    }
    default:
      return [];
  }
}

/**
 * `contextValue`s: `aws.connection.<profile|endpoint>.<readonly|writable>.<production|normal>`,
 * `aws.group.<kind>`, `aws.<the local row's contextValue>` for resources (`aws.queue`, `aws.queue.dlq`,
 * `aws.topic`, `aws.stream`, `aws.deliveryStream`...), `aws.problem`.
 */
export function connectionTreeItem(node: ConnectionNode, connections: Connections, settings: TreeSettings): vscode.TreeItem {
  const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  switch (node.kind) {
    case 'aws.connection': {
      const spec = connections.get(node.connection);
      const item = new vscode.TreeItem(spec.name, Collapsed);
      item.id = `aws:${spec.id}`;
      const production = connections.isProduction(spec);
      const writable = connections.isWritable(spec);
      item.iconPath = new vscode.ThemeIcon(spec.kind === 'profile' ? 'cloud' : 'server-environment', production ? new vscode.ThemeColor('list.errorForeground') : undefined);
      item.description = connectionDescription(spec, connections.region(spec), writable, production);
      item.contextValue = `aws.connection.${spec.kind}.${writable ? 'writable' : 'readonly'}.${production ? 'production' : 'normal'}`;
      item.tooltip = new vscode.MarkdownString(
        `**${spec.name}**${production ? ' — **production**' : ''}\n\n` +
          (spec.endpoint ? `Endpoint \`${spec.endpoint}\`` : 'AWS') +
          `, region ${connections.region(spec)}, ${spec.profile ? `profile \`${spec.profile}\`` : 'test keys'}\n\n` +
          (writable ? 'Writes enabled for this window.' : 'Read-only: enable writes on the connection to change anything.'),
      );
      item.accessibilityInformation = { label: `${spec.name}, ${item.description}` };
      return item;
    }
    case 'aws.group': {
      const item = new vscode.TreeItem(node.name, Collapsed);
      item.id = `aws:${node.connection}/group:${node.group}`;
      const problem = connections.view(node.connection)?.problems[node.group];
      item.iconPath = new vscode.ThemeIcon(problem ? 'warning' : 'folder', problem ? new vscode.ThemeColor('list.warningForeground') : undefined);
      item.description = problem ? 'unavailable' : String(node.count);
      item.contextValue = `aws.group.${node.group}`;
      item.accessibilityInformation = { label: `${node.name}, ${item.description}` };
      return item;
    }
    case 'aws.resource': {
      const view = connections.view(node.connection);
      const expandable = view ? hasChildren(node.node, view.snapshot, settings) : false;
      const item = treeItem(node.node, expandable, settings, true);
      item.id = `aws:${node.connection}/${item.id ?? node.name}`;
      item.contextValue = `aws.${item.contextValue ?? node.node.kind}`;
      // a click opens the inspector on the connection, as a local row's opens the local one
      if (['queue', 'topic', 'stream', 'deliveryStream', 'bus', 'stateMachine', 'execution'].includes(node.node.kind)) {
        item.command = { command: 'eventyard.connection.openInspector', title: 'Open Inspector', arguments: [node] };
      }
      return item;
    }
    case 'aws.problem': {
      // the whole sentence is the point of the row: label and tooltip both carry it
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.tooltip = node.name;
      item.contextValue = 'aws.problem';
      return item;
    }
  }
}

export function connectionDescription(spec: ConnectionSpec, region: string, writable: boolean, production: boolean): string {
  const parts = [spec.endpoint ? new URL(spec.endpoint).host : 'AWS', region];
  if (spec.kind === 'endpoint' && spec.profile) parts.push(`profile ${spec.profile}`);
  parts.push(writable ? 'writes enabled' : 'read-only');
  if (production) parts.unshift('PRODUCTION');
  return parts.join(' · ');
}
