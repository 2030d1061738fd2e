import * as vscode from 'vscode';
import type { ResourceSnapshot } from '../client/snapshot';
import { remoteBuses, remoteDeliveryStreams, remoteQueues, remoteStateMachines, remoteStreams, remoteTopics } from '../client/remote-client';
import type { GroupKind } from '../tree/nodes';
import { connectionClient, type ConnectionClient } from './connection-client';
import { ConnectionError } from './connection-errors';
import { endpointConnections, profileConnections, type ConnectionSpec, type EndpointSetting } from './connection-spec';

/** What one connection showed the last time it was expanded: each group's listing, or why it failed. */
export interface ConnectionView {
  snapshot: ResourceSnapshot;
  problems: Partial<Record<GroupKind, string>>;
  /** Groups that answered; a group whose service the endpoint does not speak is still shown, with its problem. */
  loaded: Set<GroupKind>;
}

const REGION_KEY = (id: string) => `eventyard.connection.region.${id}`;
const PRODUCTION_KEY = 'eventyard.connection.production';
/** The region a connection starts in when neither the profile nor the setting names one. */
const FALLBACK_REGION = 'us-east-1';

/**
 * The connections besides this window's broker: the AWS profiles of the user's files and the endpoints of
 * `eventyard.connections`, with what each remembers: the region last picked (per workspace), whether it is
 * marked production (per workspace), and whether writes are enabled. Writes are enabled for this window's
 * session only: every connection starts read-only again in a new window.
 */
export class Connections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private specs: ConnectionSpec[] = [];
  private readonly clients = new Map<string, ConnectionClient>();
  private readonly views = new Map<string, ConnectionView>();
  private readonly writable = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly state: vscode.Memento) {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('eventyard.connections')) void this.reload();
    }));
  }

  /** Reads the profiles and the setting again (the files may have changed: a new profile, an `aws configure`). */
  async reload(): Promise<ConnectionSpec[]> {
    const setting = vscode.workspace.getConfiguration('eventyard').get<unknown>('connections', []);
    this.specs = [...endpointConnections(setting), ...(await profileConnections())];
    for (const id of [...this.clients.keys()]) if (!this.specs.some((s) => s.id === id)) this.forget(id);
    this.changed.fire();
    return this.specs;
  }

  list(): ConnectionSpec[] {
    return this.specs;
  }

  get(id: string): ConnectionSpec {
    const spec = this.specs.find((s) => s.id === id);
    if (!spec) throw new Error(`There is no connection ${id.slice(id.indexOf(':') + 1)} any more.`);
    return spec;
  }

  region(spec: ConnectionSpec): string {
    return this.state.get<string>(REGION_KEY(spec.id)) ?? spec.defaultRegion ?? FALLBACK_REGION;
  }

  async setRegion(spec: ConnectionSpec, region: string): Promise<void> {
    await this.state.update(REGION_KEY(spec.id), region);
    this.forget(spec.id);
    this.changed.fire();
  }

  isWritable(spec: ConnectionSpec): boolean {
    return this.writable.has(spec.id);
  }

  setWritable(spec: ConnectionSpec, on: boolean): void {
    if (on) this.writable.add(spec.id);
    else this.writable.delete(spec.id);
    this.changed.fire();
  }

  isProduction(spec: ConnectionSpec): boolean {
    return spec.production === true || (this.state.get<string[]>(PRODUCTION_KEY) ?? []).includes(spec.id);
  }

  async setProduction(spec: ConnectionSpec, on: boolean): Promise<void> {
    const marked = new Set(this.state.get<string[]>(PRODUCTION_KEY) ?? []);
    if (on) marked.add(spec.id);
    else marked.delete(spec.id);
    await this.state.update(PRODUCTION_KEY, [...marked]);
    this.changed.fire();
  }

  /** The SDK clients of the connection in its current region, made when first needed. */
  client(spec: ConnectionSpec): ConnectionClient {
    const region = this.region(spec);
    let client = this.clients.get(spec.id);
    if (!client || client.region !== region) {
      client?.dispose();
      client = connectionClient(spec, region);
      this.clients.set(spec.id, client);
    }
    return client;
  }

  /** Refuses a change on a connection that is read-only, saying how to allow it. */
  requireWritable(spec: ConnectionSpec): ConnectionClient {
    if (!this.isWritable(spec)) {
      throw new ConnectionError('ReadOnly', `${spec.name} is read-only. Use "Enable Writes" on the connection to send, delete, purge, redrive or reshard there.`);
    }
    return this.client(spec);
  }

  view(id: string): ConnectionView | undefined {
    return this.views.get(id);
  }

  /**
   * Lists every group of the connection at once (the tree's expansion is the moment of connecting): each
   * service on its own, so an endpoint that speaks only Kinesis still shows its streams, and the other
   * groups say why they are empty.
   */
  async connect(spec: ConnectionSpec): Promise<ConnectionView> {
    const client = this.client(spec);
    const snapshot: ResourceSnapshot = { queues: [], topics: [], streams: [], deliveryStreams: [], functions: [], buses: [] };
    const view: ConnectionView = { snapshot, problems: {}, loaded: new Set() };
    const load = async <K extends GroupKind>(group: K, read: () => Promise<void>) => {
      try {
        await read();
        view.loaded.add(group);
      } catch (e) {
        view.problems[group] = e instanceof Error ? e.message : String(e);
      }
    };
    await Promise.all([
      load('queues', async () => { snapshot.queues = await remoteQueues(client); }),
      load('topics', async () => { snapshot.topics = await remoteTopics(client); }),
      load('streams', async () => { snapshot.streams = await remoteStreams(client); }),
      load('deliveryStreams', async () => { snapshot.deliveryStreams = await remoteDeliveryStreams(client); }),
      load('buses', async () => { snapshot.buses = await remoteBuses(client); }),
      load('stateMachines', async () => { snapshot.stateMachines = await remoteStateMachines(client); }),
    ]);
    this.views.set(spec.id, view);
    return view;
  }

  /** Adds an endpoint to the setting (the workspace's when a folder is open, else the user's). */
  async addEndpoint(entry: EndpointSetting): Promise<void> {
    const config = vscode.workspace.getConfiguration('eventyard');
    const inspect = config.inspect<EndpointSetting[]>('connections');
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const current = (target === vscode.ConfigurationTarget.Workspace ? inspect?.workspaceValue : inspect?.globalValue) ?? [];
    await config.update('connections', [...current.filter((c) => (c.name ?? c.endpoint) !== (entry.name ?? entry.endpoint)), entry], target);
    await this.reload();
  }

  /** Removes an endpoint from whichever settings scope holds it. */
  async removeEndpoint(spec: ConnectionSpec): Promise<void> {
    const config = vscode.workspace.getConfiguration('eventyard');
    const inspect = config.inspect<EndpointSetting[]>('connections');
    const named = (c: EndpointSetting) => (c.name?.trim() || c.endpoint) === spec.name;
    for (const [value, target] of [[inspect?.workspaceValue, vscode.ConfigurationTarget.Workspace], [inspect?.globalValue, vscode.ConfigurationTarget.Global]] as const) {
      if (value?.some(named)) await config.update('connections', value.filter((c) => !named(c)), target);
    }
    this.forget(spec.id);
    await this.reload();
  }

  private forget(id: string): void {
    this.clients.get(id)?.dispose();
    this.clients.delete(id);
    this.views.delete(id);
  }

  dispose(): void {
    for (const id of [...this.clients.keys()]) this.forget(id);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
