import { EventBridgeService } from './eventbridge/service';
import type { EventsHttpClient } from './eventbridge/http-client';
import { EventBridgePersistence } from './eventbridge/persistence';
import { EventBus } from './events';
import type { HttpEndpointPoster } from './firehose/http-endpoint';
import { FirehosePersistence } from './firehose/persistence';
import { FirehoseService } from './firehose/service';
import type { ObjectWriter } from './firehose/object-writer';
import { FunctionsService } from './functions/service';
import type { InvocationRunner } from './functions/runner';
import { parseArn, type AccessKey, type Identity } from './identity';
import { KinesisPersistence } from './kinesis/persistence';
import { KinesisService, type KinesisOptions } from './kinesis/service';
import { KinesisAnalyticsService } from './kinesisanalytics/service';
import { accountMemory, type MemoryAccounting } from './memory-accounting';
import type { MemoryBudget } from './memory-budget';
import type { Scheduler } from './scheduler';
import type { OperationTable, ServiceContext } from './service-context';
import type { HttpDeliverer } from './sns/delivery';
import type { EnvelopeSigner } from './sns/envelope-signer';
import { firehoseDeliverer } from './sns/firehose';
import { SnsPersistence } from './sns/persistence';
import { SnsService } from './sns/service';
import type { SendMessageInput } from './sqs/api';
import { SqsPersistence } from './sqs/persistence';
import { SqsService } from './sqs/service';
import { parseQueueUrl } from './sqs/urls';
import { StepFunctionsPersistence } from './stepfunctions/persistence';
import { StepFunctionsService } from './stepfunctions/service';
import { BrokerStore, type PersistenceOptions } from './store/broker-store';

/** What every scope of a broker shares: time, where clients reach it, the Node pieces it drives. */
export interface ScopeShared {
  scheduler: Scheduler;
  endpoint: string;
  kinesis?: KinesisOptions;
  /** Buckets are one namespace across accounts and regions, as in S3: every scope writes through the same writer. */
  objectWriter?: ObjectWriter;
  httpEndpointPoster?: HttpEndpointPoster;
  httpDeliverer?: HttpDeliverer;
  signer?: EnvelopeSigner;
  httpClient?: EventsHttpClient;
  /** S3's actions, for Step Functions' `aws-sdk:s3:*` tasks and the distributed Map's reader and writer. */
  s3?: OperationTable;
}

/** Only the default scope runs handler code and counts memory; see docs/architecture.md "Regions and accounts". */
export interface ScopeExtras {
  events?: EventBus;
  memory?: MemoryBudget;
  functionRunner?: InvocationRunner;
  functionAccessKey?: AccessKey;
  persistence?: PersistenceOptions;
}

/** Finds the scope an ARN or queue URL names, among those in use; undefined when none holds anything yet. */
export interface ScopeDirectory {
  existingScope(accountId: string, region: string): BrokerScope | undefined;
}

/**
 * One account in one region: a full set of service engines with that identity, as LocalStack's
 * AccountRegionBundle keeps one store per (account, region). Engines never see another scope; what one
 * service sends to another (SNS to a queue, EventBridge and Step Functions targets) goes through ports
 * that read the target's ARN or queue URL and hand the call to the scope that owns it.
 */
export class BrokerScope {
  readonly identity: Identity;
  readonly events: EventBus;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly functions: FunctionsService;
  readonly kinesis: KinesisService;
  readonly firehose: FirehoseService;
  readonly eventbridge: EventBridgeService;
  readonly stepfunctions: StepFunctionsService;
  readonly kinesisanalytics: KinesisAnalyticsService;
  readonly store?: BrokerStore;
  readonly accounting?: MemoryAccounting;

  constructor(identity: Identity, shared: ScopeShared, directory: ScopeDirectory, extras: ScopeExtras = {}) {
    this.identity = identity;
    this.events = extras.events ?? new EventBus();
    const ctx: ServiceContext = { scheduler: shared.scheduler, events: this.events, identity, endpoint: shared.endpoint };
    // Counting SQS messages needs their change events; without a limit nobody pays for building them.
    this.accounting = extras.memory && accountMemory(this.events, extras.memory);
    if (this.accounting) ctx.memory = extras.memory;
    const route = new ScopeRouter(this, directory);
    // Each service gets what it calls at construction, so the order follows the calls: functions poll SQS
    // and Kinesis; Firehose reads Kinesis and runs transforms as functions; SNS delivers to all of them.
    this.sqs = new SqsService(ctx);
    this.kinesis = new KinesisService(ctx, shared.kinesis);
    this.functions = new FunctionsService(
      ctx,
      { sqs: this.sqs.operations, kinesis: this.kinesis.operations },
      { runner: extras.functionRunner, accessKey: extras.functionAccessKey },
    );
    const functions = this.functions.runsHandlers ? this.functions : undefined;
    this.firehose = new FirehoseService(ctx, {
      kinesis: this.kinesis,
      objectWriter: shared.objectWriter,
      transformInvoker: functions && ((lambdaArn, event) => functions.transform(lambdaArn, event)),
      httpEndpointPoster: shared.httpEndpointPoster,
    });
    this.sns = new SnsService(ctx, { operations: route.sqs }, {
      firehose: firehoseDeliverer(this.firehose.operations),
      lambda: functions && ((functionArn, event) => functions.invokeForSns(functionArn, event)),
      http: shared.httpDeliverer,
      signer: shared.signer,
    });
    this.eventbridge = new EventBridgeService(ctx, {
      sqs: route.sqs,
      sns: route.sns,
      kinesis: route.kinesis,
      firehose: this.firehose.operations,
      http: shared.httpClient,
      // Step Functions is built after EventBridge (it puts events), so state machine targets reach it at delivery time.
      states: route.states,
      lambda: functions && (async (functionArn, event) => {
        const record = await functions.invoke(functionArn, event);
        if (record.status !== 'succeeded') throw new Error(`${record.error?.errorType ?? record.status}: ${record.error?.errorMessage ?? ''}`);
      }),
    });
    this.stepfunctions = new StepFunctionsService(ctx, {
      sqs: route.sqs,
      sns: route.sns,
      events: this.eventbridge.operations,
      // `aws-sdk:*` tasks act in the execution's own account and region, as AWS's do (S3 is one namespace).
      sdk: {
        sqs: this.sqs.operations as unknown as OperationTable,
        sns: this.sns.operations,
        kinesis: this.kinesis.operations,
        firehose: this.firehose.operations,
        eventbridge: this.eventbridge.operations,
        ...(shared.s3 ? { s3: shared.s3 } : {}),
      },
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
    this.kinesisanalytics = new KinesisAnalyticsService(ctx);
    if (extras.persistence) {
      try {
        this.store = BrokerStore.open(extras.persistence, this.events, (writer) => ({
          sqs: new SqsPersistence(this.sqs, writer),
          kinesis: new KinesisPersistence(this.kinesis, writer),
          sns: new SnsPersistence(this.sns, writer),
          firehose: new FirehosePersistence(this.firehose, writer),
          events: new EventBridgePersistence(this.eventbridge, writer),
          states: new StepFunctionsPersistence(this.stepfunctions, writer),
        }));
        this.accounting?.countRestored(this.sqs);
      } catch (e) {
        this.dispose();
        throw e;
      }
    }
  }

  dispose(): void {
    this.kinesisanalytics.dispose();
    this.stepfunctions.dispose();
    this.eventbridge.dispose();
    this.firehose.dispose();
    this.kinesis.dispose();
    this.functions.dispose();
    this.sns.dispose();
    this.sqs.dispose();
  }
}

/**
 * The ports a scope's services send to other services through. A target in another account or region
 * (a queue ARN's account and region, a queue URL's account and `/queue/<region>/` path) is reached in the
 * scope that holds it; a target in a scope nobody has used yet goes to the sender's own scope, whose
 * engine then answers as for any missing resource.
 */
class ScopeRouter {
  constructor(
    private readonly own: BrokerScope,
    private readonly directory: ScopeDirectory,
  ) {}

  readonly sqs = {
    SendMessage: (input: SendMessageInput) => this.forQueueUrl(input.QueueUrl).sqs.operations.SendMessage(input),
  };

  readonly sns = {
    Publish: (input: Parameters<SnsService['operations']['Publish']>[0]) => this.forArn(input.TopicArn).sns.operations.Publish(input),
  };

  readonly kinesis = {
    PutRecord: (input: Parameters<KinesisService['operations']['PutRecord']>[0]) => this.forArn(input.StreamARN).kinesis.operations.PutRecord(input),
  };

  readonly states = {
    StartExecution: (input: Parameters<StepFunctionsService['operations']['StartExecution']>[0]) =>
      this.forArn(input.stateMachineArn).stepfunctions.operations.StartExecution(input),
  };

  private forArn(value: string | undefined): BrokerScope {
    const parsed = value === undefined ? undefined : parseArn(value);
    if (!parsed) return this.own;
    return this.scope(parsed.accountId, parsed.region);
  }

  private forQueueUrl(url: string | undefined): BrokerScope {
    if (url === undefined) return this.own;
    const accountId = parseQueueUrl(url)?.accountId;
    return this.scope(accountId ?? this.own.identity.accountId, queueUrlRegion(url) ?? this.own.identity.region);
  }

  private scope(accountId: string, region: string): BrokerScope {
    const { identity } = this.own;
    if (accountId === identity.accountId && region === identity.region) return this.own;
    return this.directory.existingScope(accountId, region) ?? this.own;
  }
}

/** The region a queue URL names: AWS's `sqs.<region>.` host, or the path-style `/queue/<region>/<account>/<name>`. */
export function queueUrlRegion(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/sqs\.([a-z0-9-]+)\./i.exec(url)?.[1] ?? /\/queue\/([a-z0-9-]+)\/[^/]+\/[^/?#]+(?:[?#].*)?$/.exec(url)?.[1];
}
