import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceSnapshot } from '../client/snapshot';
import { readSettings } from '../settings';
import { Coalescer } from './coalescer';
import { childNodes, hasChildren, rootNodes, type ResourceNode } from './nodes';
import { treeItem } from './tree-items';

const EMPTY: ResourceSnapshot = { queues: [], topics: [], streams: [], deliveryStreams: [], functions: [] };
/** The wire carries no change events, so an attached window re-reads the other broker this often. */
const REMOTE_POLL_MS = 2000;

/**
 * The Resources view. A local broker's change events schedule a refresh (coalesced, see Coalescer); each
 * refresh reads one snapshot, from which every row of that redraw is built.
 */
export class ResourcesTree implements vscode.TreeDataProvider<ResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: ResourceSnapshot = EMPTY;
  private readonly coalescer = new Coalescer(() => this.refresh());
  private unwatch: (() => void) | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
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
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    if (this.host.broker) this.unwatch = this.host.broker.events.on(() => this.coalescer.schedule());
    else if (this.host.client?.remote) this.poll = setInterval(() => this.refresh(), REMOTE_POLL_MS);
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
        // the other window may have just closed; the next poll or restart brings the tree back
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
    if (this.poll) clearInterval(this.poll);
    this.coalescer.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
