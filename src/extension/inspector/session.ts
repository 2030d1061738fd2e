import type { Broker } from '../../broker/broker';
import { isAwsError } from '../../broker/errors';
import { withOrigin } from '../../broker/trace/cause';
import type { BrokerEvent } from '../../broker/events';
import { ChangeNotice, InspectorMethod, LOCAL_CAPABILITIES, NOTICE_FIELDS, ParamsOf, RequestError, ResourceRef, ResultOf, WebviewMessage } from '../../inspector/protocol';
import type { ActivityLog } from './activity-log';
import { ChangeBatcher, Defer, Post } from './change-batcher';
import { QueueHandler } from './queue-handler';
import { savedItems } from './saved-items';
import type { SavedItem } from '../../event-files/save';
import { DeliveryStreamHandler } from './delivery-stream-handler';
import { FunctionHandler } from './function-handler';
import { StreamHandler } from './stream-handler';
import { TopicHandler } from './topic-handler';
import { BusHandler } from './bus-handler';
import { testFilterPolicy } from './filter-sample';
import { StateMachineHandler } from './state-machine-handler';
import { RecordingHandler, type ReplayRange } from './recording-handler';
import { TraceHandler } from './trace-handler';

/**
 * The broker as the inspector sees it: the services it reads, the change events, and the broker's one
 * entry for writers, which every change the inspector makes goes through.
 */
export type InspectorBroker = Pick<Broker, 'clock' | 'events' | 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'functions' | 'eventbridge' | 'stepfunctions' | 'identity' | 'request'> & Partial<Pick<Broker, 'trace'>>;

export type Handlers = { [M in InspectorMethod]?: (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

export interface SessionOptions {
  broker: InspectorBroker;
  resource: ResourceRef;
  activity: ActivityLog;
  post: Post;
  writeClipboard?: (text: string) => PromiseLike<void> | void;
  openInspector?: (resource: ResourceRef) => PromiseLike<unknown> | void;
  /** Asks the user for a file and answers its text (undefined when cancelled): a state machine's input. */
  readInputFile?: () => PromiseLike<string | undefined>;
  /** Writes items as an event file and opens it (the editor's `eventyard.saveAsEventFile`). */
  saveEventFile?: (items: SavedItem[], name: string) => PromiseLike<unknown> | void;
  /** Replays part of a recording file into this window's broker (a recording's timeline). */
  replayRecording?: ReplayRange;
  defer?: Defer;
}

/**
 * One inspector panel's conversation with the broker, free of 'vscode' so it is tested without an editor:
 * it answers the webview's requests and forwards the resource's change events, batched.
 */
export class InspectorSession {
  private handlers: Handlers;
  private readonly batcher: ChangeBatcher;
  private broker: InspectorBroker;
  private unsubscribe: () => void;

  private forwarding = false;
  private invalidate: (() => void) | undefined;

  constructor(private readonly options: SessionOptions) {
    this.broker = options.broker;
    this.batcher = new ChangeBatcher(options.post, () => this.broker.clock.now(), options.defer);
    this.handlers = this.handlersFor(options.resource);
    this.unsubscribe = this.listen();
  }

  /**
   * Moves the session to a new broker (a restart replaces the old one). The webview is expected to reload
   * and say `ready` again: until then nothing is forwarded, and its requests reach the new broker.
   */
  rebind(broker: InspectorBroker): void {
    if (broker === this.broker) return;
    this.unsubscribe();
    this.broker = broker;
    this.forwarding = false;
    this.invalidate = undefined;
    this.handlers = this.handlersFor(this.options.resource);
    this.unsubscribe = this.listen();
  }

  /**
   * The same resource seen from another starting point (a state machine's panel opened on another
   * execution): the page reloads and says `ready` again, and its `init` names the new one.
   */
  retarget(resource: ResourceRef): void {
    if (resource.kind !== this.options.resource.kind || resource.name !== this.options.resource.name) return;
    this.options.resource = resource;
    this.forwarding = false;
  }

    /** Listening from the start, not from `ready`, so cached snapshots never outlive a change. */
  private listen(): () => void {
    return this.broker.events.on((event) => {
      const notice = this.noticeFor(event);
      if (!notice) return;
      this.invalidate?.();
      if (this.forwarding) this.batcher.add(notice);
    });
  }

  private handlersFor(resource: ResourceRef): Handlers {
    const { broker } = this;
    const { activity } = this.options;
    const common: Handlers = {
      'clipboard/write': async ({ text }) => {
        await this.options.writeClipboard?.(text);
        return null;
      },
      'inspector/open': async (resource) => {
        await this.options.openInspector?.(resource);
        return null;
      },
      'eventFile/save': async ({ ids }) => {
        const items = savedItems(broker, resource, ids);
        if (items.length) await this.options.saveEventFile?.(items, resource.name);
        return { saved: items.length };
      },
    };
    if (resource.kind === 'queue') {
      const q = new QueueHandler(broker.sqs, resource.name, activity, (id) => broker.functions.consumerErrors.lastOf(id));
      this.invalidate = () => q.invalidate();
      return {
        ...common,
        'queue/describe': () => q.describe(),
        'queue/peek': (p) => q.peek(p),
        'queue/message': (p) => q.message(p.messageId),
        // Each change is one request to the broker, named by the SQS action it amounts to: a send of many
        // copies is admitted (or refused) whole and answered once on disk, never left half done.
        'queue/send': (p) => broker.request('sqs', 'SendMessageBatch', () => q.send(p)),
        'queue/changeVisibility': (p) =>
          broker.request('sqs', 'ChangeMessageVisibility', () => q.changeVisibility(p.receiptHandle, p.visibilityTimeout)),
        'queue/delete': (p) => broker.request('sqs', 'DeleteMessage', () => q.delete(p.receiptHandles, p.messageIds)),
        'queue/purge': () => broker.request('sqs', 'PurgeQueue', () => q.purge()),
        'queue/redrive': (p) => broker.request('sqs', 'StartMessageMoveTask', () => q.redrive(p)),
        'queue/cancelMoveTask': (p) => broker.request('sqs', 'CancelMessageMoveTask', () => q.cancelMoveTask(p.taskHandle)),
        'queue/activity': (p) => activity.timeline(p.messageId),
        'queue/list': () =>
          (broker.sqs.operations.ListQueues({}).QueueUrls ?? []).map((u) => u.slice(u.lastIndexOf('/') + 1)).sort(),
      };
    }
    if (resource.kind === 'topic') {
      const t = new TopicHandler(broker.sns, resource.name);
      return {
        ...common,
        'topic/describe': () => t.describe(),
        'topic/setFilterPolicy': (p) =>
          broker.request('sns', 'SetSubscriptionAttributes', () => t.setFilterPolicy(p.subscriptionArn, p.filterPolicy, p.scope)),
        'topic/publish': (p) => broker.request('sns', 'Publish', () => t.publish(p)),
        'topic/testFilter': (p) => testFilterPolicy(p),
        'topic/published': (p) => t.published(p.limit),
        'topic/outbox': (p) => t.outbox(p.limit),
        // Opting out adds to what the broker keeps, like SetSMSAttributes does.
        'topic/replyStop': (p) => broker.request('sns', 'SetSMSAttributes', () => t.replyStop(p.phoneNumber)),
      };
    }
    if (resource.kind === 'stream') {
      const st = new StreamHandler(broker.kinesis, resource.name);
      return {
        ...common,
        'stream/describe': () => st.describe(),
        'stream/read': (p) => st.read(p),
        'stream/put': (p) => broker.request('kinesis', 'PutRecord', () => st.put(p)),
        'stream/reshard': (p) => broker.request('kinesis', p.action === 'split' ? 'SplitShard' : p.action === 'merge' ? 'MergeShards' : 'UpdateShardCount', () => st.reshard(p)),
      };
    }
    if (resource.kind === 'deliveryStream') {
      const ds = new DeliveryStreamHandler(broker.firehose, resource.name, activity);
      return {
        ...common,
        'deliveryStream/describe': () => ds.describe(),
        'deliveryStream/put': (p) => broker.request('firehose', 'PutRecord', () => ds.put(p.data)),
      };
    }
    if (resource.kind === 'function') {
      const f = new FunctionHandler(broker.functions, resource.name);
      return {
        ...common,
        'function/describe': () => f.describe(),
        // Not a request of its own: local functions are not kept in the data folder, and what the handler
        // sends reaches the broker over the wire, through the same entry.
        'function/invoke': (p) => f.invoke(p.payload),
      };
    }
    if (resource.kind === 'bus') {
      const b = new BusHandler(broker.eventbridge, resource.name);
      return {
        ...common,
        'bus/describe': () => b.describe(),
        'bus/events': (p) => b.list(p.limit),
        'bus/explain': (p) => b.explain(p),
        'bus/testPattern': (p) => b.testPattern(p),
        'bus/putEvent': (p) => broker.request('events', 'PutEvents', () => b.put(p)),
      };
    }
    if (resource.kind === 'stateMachine') {
      const m = new StateMachineHandler(broker.stepfunctions, broker.identity, resource.name);
      return {
        ...common,
        'stateMachine/describe': () => m.describe(),
        'stateMachine/execution': (p) => m.execution(p.executionArn),
        'stateMachine/start': (p) => broker.request('states', 'StartExecution', () => m.start(p)),
        'stateMachine/readInputFile': async () => (await this.options.readInputFile?.()) ?? null,
        'stateMachine/stop': async (p) => {
          await broker.request('states', 'StopExecution', () => broker.stepfunctions.operations.StopExecution({ executionArn: p.executionArn }));
          return null;
        },
        'stateMachine/redrive': async (p) => {
          await broker.request('states', 'RedriveExecution', () => broker.stepfunctions.operations.RedriveExecution({ executionArn: p.executionArn }));
          return null;
        },
        'stateMachine/sendTaskSuccess': async (p) => {
          await broker.request('states', 'SendTaskSuccess', () => broker.stepfunctions.operations.SendTaskSuccess(p));
          return null;
        },
        'stateMachine/sendTaskFailure': async (p) => {
          await broker.request('states', 'SendTaskFailure', () => broker.stepfunctions.operations.SendTaskFailure(p));
          return null;
        },
      };
    }
    if (resource.kind === 'trace') {
      const t = new TraceHandler(broker.trace, broker.eventbridge);
      return { ...common, 'trace/find': (p) => t.find(p) };
    }
    if (resource.kind === 'recording') {
      const r = new RecordingHandler(resource.name, this.options.replayRecording);
      return {
        ...common,
        'recording/overview': () => r.overview(),
        'recording/rows': (p) => r.rows(p),
        'recording/request': (p) => r.request(p.index),
        // Not a request of its own: the replay sends through the wire, where each request is one.
        'recording/replay': (p) => r.replay(p),
      };
    }
    return common;
  }

  private noticeFor(event: BrokerEvent): ChangeNotice | undefined {
    return concerns(event, this.options.resource) ? toNotice(event) : undefined;
  }

  async receive(message: WebviewMessage): Promise<void> {
    const now = () => this.broker.clock.now();
    if (message.type === 'ready') {
      // The webview is listening now; before this, a post would be lost.
      this.forwarding = true;
      this.options.post({ type: 'init', resource: this.options.resource, now: now(), capabilities: LOCAL_CAPABILITIES });
      return;
    }
    if (message.type !== 'request') return;
    const handler = this.handlers[message.method] as ((p: unknown) => unknown) | undefined;
    try {
      if (!handler) throw new RequestFailure('UnsupportedOperation', `${message.method} is not available for a ${this.options.resource.kind}.`);
      // What the inspector sends or publishes starts traces that say it came from the editor.
      const result = await withOrigin({ via: 'editor', action: `inspector ${message.method}` }, () => handler(message.params));
      this.options.post({ type: 'response', id: message.id, ok: true, result: result ?? null, now: now() });
    } catch (e) {
      this.options.post({ type: 'response', id: message.id, ok: false, error: toRequestError(e), now: now() });
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.batcher.dispose();
  }
}

export class RequestFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure as the webview shows it: AWS's code and words, or a failure's own code (a connection's explained error). */
export function toRequestError(e: unknown): RequestError {
  if (isAwsError(e) || e instanceof RequestFailure) return { code: e.code, message: e.message };
  const code = (e as { code?: unknown } | undefined)?.code;
  if (e instanceof Error && typeof code === 'string') return { code, message: e.message };
  return { code: 'InternalError', message: e instanceof Error ? e.message : String(e) };
}

/** Whether an event changes the inspected resource: a queue's also when a message moves into it. */
function concerns(event: BrokerEvent, { kind, name }: ResourceRef): event is Exclude<BrokerEvent, { type: 'recordsRead' }> {
  if (kind === 'trace') return TRACED_SERVICES.has(event.service) && event.type !== 'recordsRead';
  switch (event.service) {
    case 'sqs':
      return kind === 'queue' && (event.queueName === name || ('targetQueueName' in event && event.targetQueueName === name));
    // Topic events carry the ARN; its last segment is the name (FIFO names keep their `.fifo`).
    // Push and SMS settings belong to no topic; an opt-out shows in every topic's outbox, so it concerns each.
    case 'sns':
      if (!('topicArn' in event)) return kind === 'topic' && event.type === 'smsSettingsChanged';
      return kind === 'topic' && event.topicArn.slice(event.topicArn.lastIndexOf(':') + 1) === name;
    // Reads are left out: the inspector's own reads would otherwise make it read again, forever.
    case 'kinesis':
      return kind === 'stream' && event.streamName === name && event.type !== 'recordsRead';
    case 'firehose':
      return kind === 'deliveryStream' && event.deliveryStreamName === name;
    case 'functions':
      return kind === 'function' && event.functionName === name;
    // Tag changes name the bus or a rule by ARN; the bus inspector does not show tags.
    case 'events':
      return kind === 'bus' && 'busName' in event && event.busName === name;
    // An execution's ARN names its machine: `...:execution:<machine>:<name>` or `...:express:<machine>:<name>:<id>`.
    case 'states':
      return kind === 'stateMachine' && ('stateMachineArn' in event ? event.stateMachineArn.endsWith(`:stateMachine:${name}`) : event.executionArn.split(':')[6] === name);
    default:
      return false;
  }
}

/** The services whose changes may add a hop to a trace: a trace panel hears them all and refetches, throttled. */
const TRACED_SERVICES = new Set<string>(['sqs', 'sns', 'kinesis', 'firehose', 'functions', 'events', 's3']);

/** The event reduced to what the protocol's ChangeNotice keeps of it. */
function toNotice(event: Exclude<BrokerEvent, { type: 'recordsRead' }>): ChangeNotice {
  const notice: Record<string, unknown> = { service: event.service, type: event.type, at: event.at };
  for (const field of NOTICE_FIELDS) {
    const value = (event as Partial<Record<string, unknown>>)[field];
    if (value !== undefined) notice[field] = value;
  }
  if (event.service === 'kinesis' && event.type === 'recordsPut') notice.shardIds = Object.keys(event.records);
  return notice as ChangeNotice;
}
