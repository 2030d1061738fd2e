/**
 * The webview's side of the protocol: typed requests to the extension host, change notifications from it,
 * the host's clock, and the view state VS Code keeps while the panel is hidden.
 */
import { LOCAL_CAPABILITIES, type Capabilities, type ConnectionInfo, type ChangeNotice, type HostMessage, type InspectorMethod, type ParamsOf, type RequestError, type ResourceRef, type ResultOf, type Tally, type WebviewMessage } from '../src/inspector/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export class HostError extends Error {
  constructor(readonly error: RequestError) {
    super(error.message);
  }
  get code(): string {
    return this.error.code;
  }
}

export interface ChangeBatch {
  changes: ChangeNotice[];
  dropped: number;
  tally: Tally;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class Host {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly changeListeners = new Set<(batch: ChangeBatch) => void>();
  private clockOffset = 0;
  private resolveInit!: (r: ResourceRef) => void;
  /** What the view may offer where the resource lives; set from `init`, before `resource` resolves. */
  capabilities: Capabilities = LOCAL_CAPABILITIES;
  /** The connection the resource is on; undefined for this window's broker. */
  connection: ConnectionInfo | undefined;
  /** The resource this panel inspects, known once the host answered `ready`. */
  readonly resource = new Promise<ResourceRef>((r) => (this.resolveInit = r));

  constructor() {
    window.addEventListener('message', (e: MessageEvent<HostMessage>) => this.onMessage(e.data));
    this.api.postMessage({ type: 'ready' });
  }

  /** Now on the broker's clock, which visibility deadlines are measured against. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  request<M extends InspectorMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.api.postMessage({ type: 'request', id, method, params } as WebviewMessage);
    });
  }

  onChanged(listener: (batch: ChangeBatch) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  getState<T extends object>(key: string): Partial<T> {
    const all = (this.api.getState() ?? {}) as Record<string, Partial<T>>;
    return all[key] ?? {};
  }

  /** Merges into what VS Code restores when the panel is shown again after being hidden. */
  setState(key: string, value: object): void {
    const all = (this.api.getState() ?? {}) as Record<string, object>;
    this.api.setState({ ...all, [key]: { ...all[key], ...value } });
  }

  private onMessage(message: HostMessage): void {
    if (!message || typeof message !== 'object') return;
    if ('now' in message) this.clockOffset = message.now - Date.now();
    switch (message.type) {
      case 'init':
        this.capabilities = message.capabilities ?? LOCAL_CAPABILITIES;
        this.connection = message.connection;
        this.resolveInit(message.resource);
        break;
      case 'response': {
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        if (message.ok) p.resolve(message.result);
        else p.reject(new HostError(message.error));
        break;
      }
      case 'changed':
        for (const l of this.changeListeners) l({ changes: message.changes, dropped: message.dropped, tally: message.tally });
        break;
    }
  }
}

export const host = new Host();
