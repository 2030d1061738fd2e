import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceSnapshot } from '../client/snapshot';
import { readSettings } from '../settings';
import { Coalescer } from './coalescer';
import { connectionChildren, connectionRoots, connectionTreeItem, isConnectionNode, type ConnectionNode } from '../connections/connection-nodes';
import type { Connections } from '../connections/connections';
import { childNodes, hasChildren, isBucketLevel, levelPrefix, listingNodes, rootNodes, type ResourceNode } from './nodes';
import { treeItem } from './tree-items';

/** A row of the view: this window's broker's resources, or a connection's rows. */
export type TreeNode = ResourceNode | ConnectionNode;

const EMPTY: ResourceSnapshot = { queues: [], topics: [], streams: [], deliveryStreams: [], functions: [], buses: [] };

/**
 * The Resources view. The broker's changes (its events here, or another window's change feed when attached)
 * schedule a refresh (coalesced, see Coalescer); each refresh reads one snapshot, from which every row of
 * that redraw is built.
 */
export class ResourcesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: ResourceSnapshot = EMPTY;
  private readonly coalescer = new Coalescer(() => this.refresh());
  private unwatch: (() => void) | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `connections`: the AWS profiles and endpoints listed after this window's broker (issue 22). */
  constructor(private readonly host: BrokerHost, private readonly connections?: Connections) {
    if (connections) this.subscriptions.push(connections.onDidChange(() => this.refresh()));
    this.subscriptions.push(
      host.onDidChange(() => this.follow()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('eventyard.tree') && this.refresh()),
    );
    this.follow();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private follow(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.unwatch = this.host.client?.follow(() => this.coalescer.schedule());
    this.refresh();
  }

  async getChildren(node?: TreeNode): Promise<(TreeNode)[]> {
    const settings = readSettings().tree;
    // connections: after this window's broker, each connecting when first expanded
    if (isConnectionNode(node)) return this.connections ? connectionChildren(node, this.connections, settings) : [];
    const remotes = this.connections ? connectionRoots(this.connections) : [];
    if (!node) {
      const client = this.host.client;
      if (!client) return remotes;
      try {
        this.snapshot = await client.snapshot();
      } catch {
        // the other window may have just closed; its change feed answering again brings the tree back
        this.snapshot = EMPTY;
      }
      return [...rootNodes(this.snapshot, settings), ...remotes];
    }
    // a bucket's folders and objects are listed from S3 when the row expands: they are no part of the snapshot
    if (isBucketLevel(node)) {
      const client = this.host.client;
      if (!client) return [];
      const { bucket, prefix } = levelPrefix(node);
      try {
        return listingNodes(bucket, prefix, await client.buckets.list(bucket, prefix));
      } catch {
        // deleted meanwhile: the refresh its deletion brings drops the row
        return [];
      }
    }
    return childNodes(node, this.snapshot, settings);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const settings = readSettings().tree;
    if (isConnectionNode(node)) return this.connections ? connectionTreeItem(node, this.connections, settings) : new vscode.TreeItem(node.name);
    return treeItem(node, hasChildren(node, this.snapshot, settings), settings, !!this.host.client?.remote);
  }

  dispose(): void {
    this.unwatch?.();
    this.coalescer.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
