import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceSnapshot } from '../client/snapshot';
import { readSettings } from '../settings';
import { Coalescer } from './coalescer';
import { childNodes, hasChildren, rootNodes, type ResourceNode } from './nodes';
import { treeItem } from './tree-items';

const EMPTY: ResourceSnapshot = { queues: [], topics: [], streams: [], deliveryStreams: [], functions: [], buses: [] };

/**
 * The Resources view. The broker's changes (its events here, or another window's change feed when attached)
 * schedule a refresh (coalesced, see Coalescer); each refresh reads one snapshot, from which every row of
 * that redraw is built.
 */
export class ResourcesTree implements vscode.TreeDataProvider<ResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: ResourceSnapshot = EMPTY;
  private readonly coalescer = new Coalescer(() => this.refresh());
  private unwatch: (() => void) | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: BrokerHost) {
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

  async getChildren(node?: ResourceNode): Promise<ResourceNode[]> {
    const settings = readSettings().tree;
    if (!node) {
      const client = this.host.client;
      if (!client) return [];
      try {
        this.snapshot = await client.snapshot();
      } catch {
        // the other window may have just closed; its change feed answering again brings the tree back
        this.snapshot = EMPTY;
      }
      return rootNodes(this.snapshot, settings);
    }
    return childNodes(node, this.snapshot, settings);
  }

  getTreeItem(node: ResourceNode): vscode.TreeItem {
    const settings = readSettings().tree;
    return treeItem(node, hasChildren(node, this.snapshot, settings), settings, !!this.host.client?.remote);
  }

  dispose(): void {
    this.unwatch?.();
    this.coalescer.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
