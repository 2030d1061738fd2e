import { Broker, type BrokerOptions } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { InspectorSession, type SessionOptions } from '../../../src/extension/inspector/session';
import type { HostMessage, InspectorMethod, ParamsOf, ResourceRef, ResultOf } from '../../../src/inspector/protocol';

/**
 * A broker on a fake clock with an inspector session whose posts are captured and whose change batches
 * flush only when the test says so, as the webview would see them.
 */
export class SessionHarness {
  readonly clock = new FakeClock();
  readonly broker: Broker;
  readonly activity = new ActivityLog();
  readonly posted: HostMessage[] = [];
  private flushes: (() => void)[] = [];
  private nextId = 1;
  private readonly sessions: InspectorSession[] = [];

  /** `options`: limits or persistence for the broker (its clock is always the harness's). */
  constructor(options: BrokerOptions = {}) {
    this.broker = new Broker({ ...options, clock: this.clock });
    this.broker.events.on((e) => this.activity.record(e));
  }

  /** `extra`: the editor's callbacks a test watches (saveEventFile, openInspector), or another view of the broker. */
  open(resource: ResourceRef, extra: Partial<SessionOptions> = {}): InspectorSession {
    const session = new InspectorSession({
      ...extra,
      broker: extra.broker ?? this.broker,
      resource,
      activity: this.activity,
      post: (m) => this.posted.push(m),
      defer: (f) => this.flushes.push(f),
    });
    this.sessions.push(session);
    return session;
  }

  /** Runs the batcher's pending flushes, like its timer firing. */
  flush(): void {
    const pending = this.flushes;
    this.flushes = [];
    for (const f of pending) f();
  }

  async request<M extends InspectorMethod>(session: InspectorSession, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    await session.receive({ type: 'request', id, method, params } as never);
    const response = this.posted.find((m) => m.type === 'response' && m.id === id);
    if (!response || response.type !== 'response') throw new Error(`no response to ${method}`);
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result as ResultOf<M>;
  }

  get sqs() {
    return this.broker.sqs.operations;
  }

  queue(name: string, attributes: Record<string, string> = {}): string {
    return this.sqs.CreateQueue({ QueueName: name, Attributes: attributes }).QueueUrl;
  }

  arn(url: string): string {
    return this.sqs.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
  }

  dispose(): void {
    for (const s of this.sessions) s.dispose();
    this.broker.dispose();
  }
}
