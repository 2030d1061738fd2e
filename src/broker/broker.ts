import { DEFAULT_TRACE_BUFFER_SIZE, Tracer } from './trace/tracer';
import fs from 'node:fs';
import path from 'node:path';
import { Clock, SystemClock } from './clock';
import type { EventsHttpClient } from './eventbridge/http-client';
import { EventBus } from './events';
import type { HttpEndpointPoster } from './firehose/http-endpoint';
import { S3ObjectWriter } from './s3/firehose-writer';
import { FsStorage } from './s3/fs-storage';
import { MemoryStorage } from './s3/memory-storage';
import type { NotificationPorts } from './s3/notifications';
import { S3Service } from './s3/service';
import type { ObjectWriter } from './firehose/object-writer';
import type { InvocationRunner } from './functions/runner';
import { AccessKey, defaultIdentity, Identity, isAccountId, isRegionName, parseArn } from './identity';
import type { KinesisOptions } from './kinesis/service';
import { Scheduler } from './scheduler';
import { BrokerScope, type ScopeShared } from './scope';
import type { OperationTable } from './service-context';
import { StsService } from './sts/service';
import type { HttpDeliverer } from './sns/delivery';
import type { EnvelopeSigner } from './sns/envelope-signer';
import { MemoryBudget } from './memory-budget';
import { RequestTap } from './request-tap';
import { addsData, type ActionOf, type ServiceName } from './service-actions';
import type { BrokerStore, PersistenceOptions } from './store/broker-store';

export interface BrokerOptions {
  clock?: Clock;
  identity?: Partial<Identity>;
  /** Where clients reach the broker; used for queue URLs when a request does not name its host. */
  endpoint?: string;
  /** Runs local functions' handler code (src/functions-runtime/node-runner.ts); the broker disposes it. */
  functionRunner?: InvocationRunner;
  /** The key handlers' AWS SDKs sign with: the endpoint's own when it checks signatures (default: test/test). */
  functionAccessKey?: AccessKey;
  /** Kinesis switches: throughput limits, shard quota, CREATING/UPDATING delay (all off or AWS defaults). */
  kinesis?: KinesisOptions;
  /**
   * `bucketsRoot` is the folder S3 keeps its buckets in (`<root>/<bucket>/<key>`, src/broker/s3/fs-storage.ts);
   * without it S3 keeps objects in memory. Firehose lands objects through S3 unless `objectWriter` is given. `httpEndpointPoster` sends HTTP endpoint deliveries (the
   * engine has no sockets); without it they fail.
   */
  firehose?: { bucketsRoot?: string; objectWriter?: ObjectWriter; httpEndpointPoster?: HttpEndpointPoster };
  /**
   * `httpDeliverer` POSTs http(s) deliveries (without it they fail); `signer` signs envelopes (default:
   * one shared by the brokers of this process built without one).
   */
  sns?: { httpDeliverer?: HttpDeliverer; signer?: EnvelopeSigner };
  /** `httpClient` makes API destination invocations and OAuth token requests (without it they fail). */
  eventbridge?: { httpClient?: EventsHttpClient };
  /**
   * The most message and record payload bytes held at once; beyond it sends and puts get each service's
   * "no room now" error while receives and deletes go on, so the user can drain. Default: no limit.
   */
  maxMemoryBytes?: number;
  /** Hops each resource's trace ring keeps (src/broker/trace); 0 turns tracing off. Default 1,000. */
  traceBufferSize?: number;
  /**
   * Keeps resources and messages in a data folder across restarts (src/broker/store); without it
   * everything lives in memory. Opening a damaged or busy folder throws StoreError.
   */
  persistence?: PersistenceOptions;
}

/**
 * The engine: owns every service, one scheduler and one event bus. Pure TypeScript, no sockets,
 * no 'vscode'; the server, the CLI and the extension all drive this same object.
 */
export class Broker {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly events: EventBus;
  /** The requests that went through `request` with their input, for the traffic recorder. */
  readonly requests = new RequestTap();
  /** The default account and region: requests that name no other act here, and so does the editor. */
  readonly identity: Identity;
  readonly sqs: BrokerScope['sqs'];
  readonly sns: BrokerScope['sns'];
  readonly functions: BrokerScope['functions'];
  readonly kinesis: BrokerScope['kinesis'];
  readonly firehose: BrokerScope['firehose'];
  readonly eventbridge: BrokerScope['eventbridge'];
  readonly stepfunctions: BrokerScope['stepfunctions'];
  readonly kinesisanalytics: BrokerScope['kinesisanalytics'];
  /** S3 is one namespace for the whole broker, as bucket names are in AWS. */
  readonly s3: S3Service;
  readonly memory: MemoryBudget;
  /** Every message's way through the broker, newest hops per resource; absent with `traceBufferSize: 0`. */
  readonly trace?: Tracer;
  /** STS is global: its issued keys act in any region. */
  readonly sts: StsService;
  /** Present when persistence is on: `request` checks its room and awaits its durability. */
  readonly store?: BrokerStore;
  /**
   * Every change event of the scopes other than the default one, for the editor's tree (each scope's own
   * bus is what its store follows; `events` is the default scope's).
   */
  readonly otherScopeEvents = new EventBus();
  /** The default scope: its services are the ones above. */
  readonly defaultScope: BrokerScope;
  private readonly others = new Map<string, BrokerScope>();
  private readonly shared: ScopeShared;
  private readonly persistence?: PersistenceOptions;
  private closing: Promise<void> | undefined;

  constructor(options: BrokerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.scheduler = new Scheduler(this.clock);
    this.identity = { ...defaultIdentity, ...options.identity };
    this.memory = new MemoryBudget(options.maxMemoryBytes);
    this.sts = new StsService(this.clock, this.identity);
    const bucketsRoot = options.firehose?.bucketsRoot;
    // The default scope's bus, made first so S3 (built before the scopes, for Firehose) reports on it too.
    this.events = new EventBus();
    // Buckets are one namespace across accounts and regions, as in S3; S3 notifies queues, topics, functions
    // and EventBridge, built after it: reached at delivery time. Its change events go to the default bus.
    this.s3 = new S3Service(
      { scheduler: this.scheduler, events: this.events, identity: this.identity, endpoint: options.endpoint ?? 'http://127.0.0.1:4566' },
      { storage: bucketsRoot ? new FsStorage(bucketsRoot) : new MemoryStorage(), ports: s3NotificationPorts(this) },
    );
    this.shared = {
      scheduler: this.scheduler,
      endpoint: options.endpoint ?? 'http://127.0.0.1:4566',
      kinesis: options.kinesis,
      objectWriter: options.firehose?.objectWriter ?? new S3ObjectWriter(this.s3, bucketsRoot),
      httpEndpointPoster: options.firehose?.httpEndpointPoster,
      httpDeliverer: options.sns?.httpDeliverer,
      signer: options.sns?.signer,
      httpClient: options.eventbridge?.httpClient,
      s3: this.s3.operations as unknown as OperationTable,
    };
    this.persistence = options.persistence;
    try {
      this.defaultScope = new BrokerScope(this.identity, this.shared, this, {
        events: this.events,
        memory: options.maxMemoryBytes === undefined ? undefined : this.memory,
        functionRunner: options.functionRunner,
        functionAccessKey: options.functionAccessKey,
        // The default scope keeps the data folder's top level, so folders written before scopes load into it.
        persistence: options.persistence,
      });
    } catch (e) {
      // The scope disposed its services (the function runner with them).
      this.scheduler.dispose();
      throw e;
    }
    ({
      events: this.events,
      sqs: this.sqs,
      sns: this.sns,
      functions: this.functions,
      kinesis: this.kinesis,
      firehose: this.firehose,
      eventbridge: this.eventbridge,
      stepfunctions: this.stepfunctions,
      kinesisanalytics: this.kinesisanalytics,
      store: this.store,
    } = this.defaultScope);
    const traceBufferSize = options.traceBufferSize ?? DEFAULT_TRACE_BUFFER_SIZE;
    if (traceBufferSize > 0) this.trace = new Tracer(traceBufferSize, [this.events, this.otherScopeEvents]);
    try {
      for (const [accountId, region] of savedScopes(options.persistence)) this.scope(accountId, region);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /**
   * The services of one account in one region, made on first use (with persistence, in the data folder's
   * `scopes/<account>/<region>/`). The default account and region are the broker's own services.
   */
  scope(accountId: string, region: string): BrokerScope {
    if (accountId === this.identity.accountId && region === this.identity.region) return this.defaultScope;
    const key = scopeKey(accountId, region);
    let scope = this.others.get(key);
    if (!scope) {
      const persistence = this.persistence && { ...this.persistence, dataDir: scopeFolder(this.persistence.dataDir, accountId, region) };
      scope = new BrokerScope({ accountId, region }, this.shared, this, { persistence });
      scope.events.on((event) => this.otherScopeEvents.emit(event));
      this.others.set(key, scope);
    }
    return scope;
  }

  /** The scope of an account and region if anything was made there; the default one always exists. */
  existingScope(accountId: string, region: string): BrokerScope | undefined {
    if (accountId === this.identity.accountId && region === this.identity.region) return this.defaultScope;
    return this.others.get(scopeKey(accountId, region));
  }

  /** Every scope in use, the default one first. */
  scopes(): BrokerScope[] {
    return [this.defaultScope, ...this.others.values()];
  }

  /**
   * The one way in for every writer: the wire server, the inspector, the editor's commands, definitions
   * and `serve --config` all call this, so each gets the limits and the durability an AWS client gets.
   * `run` is the engine work the request amounts to and `action` the AWS action it is, which says whether
   * it can add data (service-actions.ts). Such an action is refused with ServiceUnavailable (503) while
   * the data folder is full or failing; the memory budget is checked inside the engine's operations,
   * where each payload's size is known, so a batch gets per-entry answers as from AWS. The answer waits
   * until the change is on disk (sync persistence); a failed write answers ServiceUnavailable too.
   * `scope` is the account and region the request acts in (default: the broker's own). A caller that
   * passes `input` (the wire, the editor's client) has the succeeded request reach `requests`.
   */
  async request<S extends ServiceName, T>(
    service: S,
    action: ActionOf<S>,
    run: () => T | PromiseLike<T>,
    options: { scope?: BrokerScope; input?: unknown } = {},
  ): Promise<T> {
    const { scope = this.defaultScope, input } = options;
    if (scope.store && addsData(service, action)) scope.store.checkWritable();
    const output = await run();
    if (input !== undefined && this.requests.active) this.requests.emit({ service, action, input, output, at: this.clock.now() });
    // A delivery may have written into another scope's folder (SNS to a queue of another account).
    for (const s of this.scopes()) {
      const durable = s.store?.durable();
      if (durable) await durable;
    }
    return output;
  }

  /** Like dispose, and settles once the data folder is written and released (it can be opened again). */
  close(): Promise<void> {
    this.dispose();
    return this.closing ?? Promise.resolve();
  }

  dispose(): void {
    if (!this.closing) {
      const stores = this.scopes().flatMap((s) => (s.store ? [s.store] : []));
      if (stores.length) this.closing = Promise.all(stores.map((s) => s.close())).then(() => undefined);
    }
    for (const scope of [...this.others.values()].reverse()) scope.dispose();
    this.defaultScope.dispose();
    this.trace?.dispose();
    this.s3.dispose();
    this.scheduler.dispose();
  }
}

function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

function scopeFolder(dataDir: string, accountId: string, region: string): string {
  return path.join(dataDir, 'scopes', accountId, region);
}

/** The (account, region) pairs a data folder holds besides the default scope, so they come back at start. */
function savedScopes(persistence: PersistenceOptions | undefined): [string, string][] {
  if (!persistence) return [];
  const root = path.join(persistence.dataDir, 'scopes');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter(isAccountId).sort().flatMap((accountId) =>
    fs.readdirSync(path.join(root, accountId)).filter(isRegionName).sort().map((region): [string, string] => [accountId, region]),
  );
}

/** S3's way to the services its notifications reach (src/broker/s3/notifications.ts). */
function s3NotificationPorts(broker: Broker): NotificationPorts {
  // Buckets are one namespace; each destination is reached in the account and region its ARN names.
  const scopeOf = (arn: string): BrokerScope => {
    const parsed = parseArn(arn);
    const scope = parsed && broker.existingScope(parsed.accountId, parsed.region);
    if (!scope) throw new Error(`no resource ${arn}`);
    return scope;
  };
  const queueUrl = (arn: string) => scopeOf(arn).sqs.operations.GetQueueUrl({ QueueName: parseArn(arn)?.resource ?? '' }).QueueUrl;
  return {
    async sendToQueue(arn, body) {
      await scopeOf(arn).sqs.operations.SendMessage({ QueueUrl: queueUrl(arn), MessageBody: body });
    },
    async publish(arn, message) {
      await scopeOf(arn).sns.operations.Publish({ TopicArn: arn, Message: message, Subject: 'Amazon S3 Notification' });
    },
    // Only the default scope runs handler code (see scope.ts); read at delivery, as the scopes come after S3.
    get invokeFunction() {
      return broker.functions.runsHandlers
        ? (arn: string, event: unknown, bucket: string, key: string) => broker.functions.invokeForS3(arn, event, bucket, key)
        : undefined;
    },
    queueExists: (arn) => succeeds(() => queueUrl(arn)),
    topicExists: (arn) => succeeds(() => scopeOf(arn).sns.operations.GetTopicAttributes({ TopicArn: arn })),
    functionExists: (arn) => succeeds(() => broker.functions.get(arn)),
    putEvent(entry) {
      broker.eventbridge.operations.PutEvents({ Entries: [entry] });
    },
  };
}

function succeeds(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}
