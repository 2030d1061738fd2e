import type { Capabilities, ConnectionInfo, HostMessage, ResourceRef, WebviewMessage } from '../../../inspector/protocol';
import { testFilterPolicy } from '../filter-sample';
import { RequestFailure, toRequestError, type Handlers } from '../session';
import type { ConnectionAccess } from './connection-access';
import { RemoteDeliveryStreamHandler } from './remote-delivery-stream';
import { RemoteQueueHandler } from './remote-queue';
import { NO_DELIVERY_LOG, RemoteTopicHandler } from './remote-topic';
import { RemoteStreamHandler } from './remote-stream';
import { NO_EVENT_LOG, RemoteBusHandler } from './remote-bus';
import { RemoteStateMachineHandler } from './remote-state-machine';

/** How often an open panel reads its resource again: the AWS API pushes no changes. */
export const REMOTE_REFRESH_MS = 5000;

export interface RemoteSessionOptions {
  access: ConnectionAccess;
  connection: ConnectionInfo;
  resource: ResourceRef;
  post: (message: HostMessage) => void;
  writeClipboard?: (text: string) => PromiseLike<void> | void;
  openInspector?: (resource: ResourceRef) => PromiseLike<unknown> | void;
  /** Asks the user for a file and answers its text (undefined when cancelled): a state machine's input. */
  readInputFile?: () => PromiseLike<string | undefined>;
  /** Tests pass 0 to turn the timer off. */
  refreshMs?: number;
  now?: () => number;
}

/** Requests that change the resource: after one succeeds the views read again at once. */
const WRITES = new Set(['queue/send', 'queue/changeVisibility', 'queue/delete', 'queue/purge', 'queue/redrive', 'queue/cancelMoveTask', 'queue/poll', 'topic/setFilterPolicy', 'topic/publish', 'stream/put', 'stream/reshard', 'deliveryStream/put', 'bus/putEvent', 'stateMachine/start', 'stateMachine/stop', 'stateMachine/redrive']);

/**
 * One inspector panel on a resource of a connection (AWS, or another AWS-compatible endpoint), free of
 * 'vscode' as InspectorSession is: the same protocol, answered through the connection's SDK clients. Its
 * `init` says what the view may offer (no peek, no outbox, no pushed changes; writable or not) and which
 * connection it is. Without change events it tells the view to read again every REMOTE_REFRESH_MS and
 * after each of its own changes, by a change batch without notices.
 */
export class RemoteInspectorSession {
  private readonly handlers: Handlers;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RemoteSessionOptions) {
    this.now = options.now ?? Date.now;
    this.handlers = this.handlersFor(options.resource);
  }

  capabilities(): Capabilities {
    return { peek: false, deliveryLog: false, liveChanges: false, writable: this.options.access.isWritable() };
  }

  private handlersFor(resource: ResourceRef): Handlers {
    const { access } = this.options;
    const common: Handlers = {
      'clipboard/write': async ({ text }) => {
        await this.options.writeClipboard?.(text);
        return null;
      },
      'inspector/open': async (target) => {
        await this.options.openInspector?.(target);
        return null;
      },
    };
    switch (resource.kind) {
      case 'queue': {
        const q = new RemoteQueueHandler(access, resource.name, this.now);
        return {
          ...common,
          'queue/describe': () => q.describe(),
          'queue/poll': (p) => q.poll(p),
          'queue/polled': () => q.received(),
          'queue/message': (p) => q.message(p.messageId),
          'queue/send': (p) => q.send(p),
          'queue/changeVisibility': (p) => q.changeVisibility(p.receiptHandle, p.visibilityTimeout),
          'queue/delete': (p) => q.delete(p.receiptHandles, p.messageIds),
          'queue/purge': () => q.purge(),
          'queue/redrive': (p) => q.redrive(p),
          'queue/cancelMoveTask': (p) => q.cancelMoveTask(p.taskHandle),
          'queue/list': () => q.list(),
          'queue/activity': () => [],
          'queue/peek': () => {
            throw new RequestFailure('NotSupportedOnConnection', 'SQS has no read that leaves messages as they are: on a connection, Poll receives them (their receive counts rise).');
          },
        };
      }
      case 'topic': {
        const t = new RemoteTopicHandler(access, resource.name);
        const noLog = () => {
          throw new RequestFailure('NotSupportedOnConnection', NO_DELIVERY_LOG);
        };
        return {
          ...common,
          'topic/describe': () => t.describe(),
          'topic/setFilterPolicy': (p) => t.setFilterPolicy(p.subscriptionArn, p.filterPolicy, p.scope),
          'topic/publish': (p) => t.publish(p),
          'topic/testFilter': (p) => testFilterPolicy(p),
          'topic/published': noLog,
          'topic/outbox': noLog,
        };
      }
      case 'stream': {
        const st = new RemoteStreamHandler(access, resource.name);
        return { ...common, 'stream/describe': () => st.describe(), 'stream/read': (p) => st.read(p), 'stream/put': (p) => st.put(p), 'stream/reshard': (p) => st.reshard(p) };
      }
      case 'deliveryStream': {
        const ds = new RemoteDeliveryStreamHandler(access, resource.name);
        return { ...common, 'deliveryStream/describe': () => ds.describe(), 'deliveryStream/put': (p) => ds.put(p.data) };
      }
      case 'bus': {
        const b = new RemoteBusHandler(access, resource.name);
        return {
          ...common,
          'bus/describe': () => b.describe(),
          'bus/events': () => {
            throw new RequestFailure('NotSupportedOnConnection', NO_EVENT_LOG);
          },
          'bus/explain': (p) => b.explain(p),
          'bus/testPattern': (p) => b.testPattern(p),
          'bus/putEvent': (p) => b.put(p),
        };
      }
      case 'stateMachine': {
        const m = new RemoteStateMachineHandler(access, resource.name);
        return {
          ...common,
          'stateMachine/describe': () => m.describe(),
          'stateMachine/execution': (p) => m.execution(p.executionArn),
          'stateMachine/start': (p) => m.start(p),
          'stateMachine/readInputFile': async () => (await this.options.readInputFile?.()) ?? null,
          'stateMachine/stop': (p) => m.stop(p.executionArn),
          'stateMachine/redrive': (p) => m.redrive(p.executionArn),
        };
      }
      default:
        return common;
    }
  }

  /**
   * The same resource seen from another starting point (a state machine's panel opened on another
   * execution): the page reloads and says `ready` again, and its `init` names the new one.
   */
  retarget(resource: ResourceRef): void {
    if (resource.kind === this.options.resource.kind && resource.name === this.options.resource.name) this.options.resource = resource;
  }

  /** Something may have changed: the views read again (a batch without notices says only that). */
  private nudge(): void {
    this.options.post({ type: 'changed', changes: [], dropped: 0, tally: {}, now: this.now() });
  }

  async receive(message: WebviewMessage): Promise<void> {
    if (message.type === 'ready') {
      this.options.post({ type: 'init', resource: this.options.resource, now: this.now(), capabilities: this.capabilities(), connection: this.options.connection });
      const every = this.options.refreshMs ?? REMOTE_REFRESH_MS;
      if (every > 0 && !this.timer) this.timer = setInterval(() => this.nudge(), every);
      return;
    }
    if (message.type !== 'request') return;
    const handler = this.handlers[message.method] as ((p: unknown) => unknown) | undefined;
    try {
      if (!handler) throw new RequestFailure('NotSupportedOnConnection', `${message.method} is not available on a connection.`);
      const result = await handler(message.params);
      this.options.post({ type: 'response', id: message.id, ok: true, result: result ?? null, now: this.now() });
      if (WRITES.has(message.method)) this.nudge();
    } catch (e) {
      this.options.post({ type: 'response', id: message.id, ok: false, error: toRequestError(e), now: this.now() });
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
