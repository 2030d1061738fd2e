import { Clock, SystemClock } from './clock';
import { EventBridgeService } from './eventbridge/service';
import type { EventsHttpClient } from './eventbridge/http-client';
import { EventBus } from './events';
import type { HttpEndpointPoster } from './firehose/http-endpoint';
import { FirehoseService } from './firehose/service';
import { FsObjectWriter } from './firehose/fs-object-writer';
import type { ObjectWriter } from './firehose/object-writer';
import { FunctionsService } from './functions/service';
import type { InvocationRunner } from './functions/runner';
import { AccessKey, defaultIdentity, Identity } from './identity';
import { KinesisService, type KinesisOptions } from './kinesis/service';
import { Scheduler } from './scheduler';
import { ServiceContext } from './service-context';
import type { HttpDeliverer } from './sns/delivery';
import type { EnvelopeSigner } from './sns/envelope-signer';
import { firehoseDeliverer } from './sns/firehose';
import { SnsService } from './sns/service';
import { SqsService } from './sqs/service';
import { StepFunctionsService } from './stepfunctions/service';
import { accountMemory } from './memory-accounting';
import { MemoryBudget } from './memory-budget';
import { RequestTap } from './request-tap';
import { addsData, type ActionOf, type ServiceName } from './service-actions';
import { BrokerStore, type PersistenceOptions } from './store/broker-store';
import { EventBridgePersistence } from './eventbridge/persistence';
import { FirehosePersistence } from './firehose/persistence';
import { KinesisPersistence } from './kinesis/persistence';
import { SnsPersistence } from './sns/persistence';
import { SqsPersistence } from './sqs/persistence';
import { StepFunctionsPersistence } from './stepfunctions/persistence';

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
   * Where Firehose lands objects: `bucketsRoot` is a folder standing for S3 (`<root>/<bucket>/<key>`);
   * without either, objects stay in memory. `httpEndpointPoster` sends HTTP endpoint deliveries (the
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
  readonly events = new EventBus();
  /** The requests that went through `request` with their input, for the traffic recorder. */
  readonly requests = new RequestTap();
  readonly identity: Identity;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly functions: FunctionsService;
  readonly kinesis: KinesisService;
  readonly firehose: FirehoseService;
  readonly eventbridge: EventBridgeService;
  readonly stepfunctions: StepFunctionsService;
  readonly memory: MemoryBudget;
  /** Present when persistence is on: `request` checks its room and awaits its durability. */
  readonly store?: BrokerStore;
  private closing: Promise<void> | undefined;

  constructor(options: BrokerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.scheduler = new Scheduler(this.clock);
    this.identity = { ...defaultIdentity, ...options.identity };
    const ctx: ServiceContext = {
      scheduler: this.scheduler,
      events: this.events,
      identity: this.identity,
      endpoint: options.endpoint ?? 'http://127.0.0.1:4566',
    };
    this.memory = new MemoryBudget(options.maxMemoryBytes);
    // Counting SQS messages needs their change events; without a limit nobody pays for building them.
    const accounting = options.maxMemoryBytes === undefined ? undefined : accountMemory(this.events, this.memory);
    if (accounting) ctx.memory = this.memory;
    // Each service gets what it calls at construction, so the order follows the calls: functions poll SQS
    // and Kinesis; Firehose reads Kinesis and runs transforms as functions; SNS delivers to all of them.
    this.sqs = new SqsService(ctx);
    this.kinesis = new KinesisService(ctx, options.kinesis);
    this.functions = new FunctionsService(
      ctx,
      { sqs: this.sqs.operations, kinesis: this.kinesis.operations },
      { runner: options.functionRunner, accessKey: options.functionAccessKey },
    );
    const functions = this.functions.runsHandlers ? this.functions : undefined;
    const bucketsRoot = options.firehose?.bucketsRoot;
    this.firehose = new FirehoseService(ctx, {
      kinesis: this.kinesis,
      objectWriter: options.firehose?.objectWriter ?? (bucketsRoot ? new FsObjectWriter(bucketsRoot) : undefined),
      transformInvoker: functions && ((lambdaArn, event) => functions.transform(lambdaArn, event)),
      httpEndpointPoster: options.firehose?.httpEndpointPoster,
    });
    this.sns = new SnsService(ctx, this.sqs, {
      firehose: firehoseDeliverer(this.firehose.operations),
      lambda: functions && ((functionArn, event) => functions.invokeForSns(functionArn, event)),
      http: options.sns?.httpDeliverer,
      signer: options.sns?.signer,
    });
    this.eventbridge = new EventBridgeService(ctx, {
      sqs: this.sqs.operations,
      sns: this.sns.operations,
      kinesis: this.kinesis.operations,
      firehose: this.firehose.operations,
      http: options.eventbridge?.httpClient,
      // Step Functions is built after EventBridge (it puts events), so state machine targets reach it at delivery time.
      states: { StartExecution: (input) => this.stepfunctions.operations.StartExecution(input) },
      lambda: functions && (async (functionArn, event) => {
        const record = await functions.invoke(functionArn, event);
        if (record.status !== 'succeeded') throw new Error(`${record.error?.errorType ?? record.status}: ${record.error?.errorMessage ?? ''}`);
      }),
    });
    this.stepfunctions = new StepFunctionsService(ctx, {
      sqs: this.sqs.operations,
      sns: this.sns.operations,
      events: this.eventbridge.operations,
      lambda: functions && (async (functionName, payload) => {
        const record = await functions.invoke(functionName, payload);
        return record.status === 'succeeded'
          ? { ok: true, output: record.output, requestId: record.requestId }
          : {
              ok: false,
              errorType: record.error?.errorType ?? (record.status === 'timedOut' ? 'Sandbox.Timedout' : 'Error'),
              errorMessage: record.error?.errorMessage ?? '',
              trace: record.error?.trace,
              requestId: record.requestId,
            };
      }),
    });
    if (options.persistence) {
      try {
        this.store = BrokerStore.open(options.persistence, this.events, (writer) => ({
          sqs: new SqsPersistence(this.sqs, writer),
          kinesis: new KinesisPersistence(this.kinesis, writer),
          sns: new SnsPersistence(this.sns, writer),
          firehose: new FirehosePersistence(this.firehose, writer),
          events: new EventBridgePersistence(this.eventbridge, writer),
          states: new StepFunctionsPersistence(this.stepfunctions, writer),
        }));
        accounting?.countRestored(this.sqs);
      } catch (e) {
        this.dispose();
        throw e;
      }
    }
  }

  /**
   * The one way in for every writer: the wire server, the inspector, the editor's commands, definitions
   * and `serve --config` all call this, so each gets the limits and the durability an AWS client gets.
   * `run` is the engine work the request amounts to and `action` the AWS action it is, which says whether
   * it can add data (service-actions.ts). Such an action is refused with ServiceUnavailable (503) while
   * the data folder is full or failing; the memory budget is checked inside the engine's operations,
   * where each payload's size is known, so a batch gets per-entry answers as from AWS. The answer waits
   * until the change is on disk (sync persistence); a failed write answers ServiceUnavailable too.
   * A caller that passes `input` (the wire, the editor's client) has the succeeded request reach `requests`.
   */
  async request<S extends ServiceName, T>(service: S, action: ActionOf<S>, run: () => T | PromiseLike<T>, input?: unknown): Promise<T> {
    if (this.store && addsData(service, action)) this.store.checkWritable();
    const output = await run();
    if (input !== undefined && this.requests.active) this.requests.emit({ service, action, input, output, at: this.clock.now() });
    const durable = this.store?.durable();
    if (durable) await durable;
    return output;
  }

  /** Like dispose, and settles once the data folder is written and released (it can be opened again). */
  close(): Promise<void> {
    this.dispose();
    return this.closing ?? Promise.resolve();
  }

  dispose(): void {
    if (this.store && !this.closing) this.closing = this.store.close();
    this.stepfunctions.dispose();
    this.eventbridge.dispose();
    this.firehose.dispose();
    this.kinesis.dispose();
    this.functions.dispose();
    this.sns.dispose();
    this.sqs.dispose();
    this.scheduler.dispose();
  }
}
