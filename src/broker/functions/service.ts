import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors';
import type { TransformationEvent, TransformationResult } from '../firehose/transform';
import { arn, dummyAccessKey, parseArn, type AccessKey } from '../identity';
import type { ServiceContext } from '../service-context';
import { invokeAsync } from './async-invocation';
import { configuration, FunctionConfiguration, functionNameOf, lambdaEnvironment } from './configuration';
import { FunctionDefinition, validateDefinition } from './definitions';
import type { FunctionEvent } from './events';
import { ConsumerErrors } from './consumer-errors';
import { InvocationRecord, InvocationRing, InvocationTrigger } from './invocations';
import { KinesisPoller } from './kinesis-poller';
import {
  CreateEventSourceMappingInput,
  declaredMapping,
  EventSourceMappingConfiguration,
  mappingSettings,
  sourceTypeOf,
  UpdateEventSourceMappingInput,
} from './mappings';
import type { KinesisPort, Poller, SqsPort } from './ports';
import type { InvocationOutcome, InvocationRunner } from './runner';
import { SqsPoller } from './sqs-poller';

export type { FunctionConfiguration } from './configuration';

export interface FunctionsServiceOptions {
  /** Runs handler code; the service owns it from here on and disposes it. Without one, invocations fail. */
  runner?: InvocationRunner;
  /** Invocations kept per function for the inspector. */
  invocationHistory?: number;
  /** The key handlers' AWS SDKs sign with (default: the dummy one). */
  accessKey?: AccessKey;
}

/**
 * The services whose records event source mappings poll; each is optional so the engine works piece by
 * piece. SNS and Firehose call the other way, through `invokeForSns` and `transform`, handed to them at
 * their construction.
 */
export interface EventSources {
  sqs?: SqsPort;
  kinesis?: KinesisPort;
}

interface FunctionState {
  /** As declared, to tell a changed definition from an unchanged one. */
  definition: FunctionDefinition;
  config: FunctionConfiguration;
  revision: number;
  invocations: InvocationRing;
}

interface MappingState {
  config: EventSourceMappingConfiguration;
  /** Declared in the function's definition (replaced when the definition is updated) or created by hand. */
  declared: boolean;
  poller: Poller;
}

const notFound = (functionArn: string) =>
  new AwsError({ code: 'ResourceNotFoundException', message: `Function not found: ${functionArn}`, status: 404 });

/**
 * Local functions, the Lambda role: the registry of functions, manual invocation, event source mappings
 * and the invocation history. Every change goes through here and is emitted as a FunctionEvent.
 * Handler code runs in the injected InvocationRunner, never in the broker's own process.
 */
export class FunctionsService {
  private readonly functions = new Map<string, FunctionState>();
  /** Why a local function last failed on each SQS message its mappings gave it (the DLQ view reads it). */
  readonly consumerErrors = new ConsumerErrors();
  private readonly mappings = new Map<string, MappingState>();
  private readonly runner: InvocationRunner | undefined;
  private readonly history: number;
  private readonly accessKey: AccessKey;
  private disposed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sources: EventSources = {},
    options: FunctionsServiceOptions = {},
  ) {
    this.runner = options.runner;
    this.history = options.invocationHistory ?? 50;
    this.accessKey = options.accessKey ?? dummyAccessKey;
  }

  /** Whether handler code can run: without a runner SNS and Firehose keep their own fallbacks (the SNS outbox, failed transforms). */
  get runsHandlers(): boolean {
    return this.runner !== undefined;
  }

  create(definition: FunctionDefinition): FunctionConfiguration {
    validateDefinition(definition);
    if (this.functions.has(definition.name)) {
      throw new AwsError({ code: 'ResourceConflictException', message: `Function already exist: ${definition.name}`, status: 409 });
    }
    const state: FunctionState = {
      definition,
      config: configuration(definition, this.ctx.identity, this.now()),
      revision: 0,
      invocations: new InvocationRing(this.history),
    };
    this.functions.set(definition.name, state);
    this.emit({ service: 'functions', type: 'functionCreated', functionName: definition.name, at: this.now() });
    try {
      this.declareMappings(definition);
    } catch (e) {
      this.delete(definition.name);
      throw e;
    }
    return { ...state.config };
  }

  /** Replaces a function's definition; warm environments end and declared mappings are rebuilt. */
  update(definition: FunctionDefinition): FunctionConfiguration {
    validateDefinition(definition);
    const state = this.state(definition.name);
    const previous = state.config;
    const previousDefinition = state.definition;
    state.config = configuration(definition, this.ctx.identity, this.now());
    state.definition = definition;
    state.revision++;
    this.runner?.retire(definition.name);
    const declared = [...this.mappings.values()].filter((m) => m.declared && m.config.functionName === definition.name);
    for (const m of declared) this.removeMapping(m);
    try {
      this.declareMappings(definition);
    } catch (e) {
      state.config = previous;
      state.definition = previousDefinition;
      for (const m of declared) this.addMapping(m);
      throw e;
    }
    this.emit({ service: 'functions', type: 'functionUpdated', functionName: definition.name, at: this.now() });
    return { ...state.config };
  }

  /**
   * Makes the registry match a definitions file: creates new functions, updates changed ones and deletes
   * those no longer declared. Each definition stands alone: one that fails is returned with its reason
   * (and an existing function of that name is kept), the others still apply.
   */
  apply(definitions: FunctionDefinition[]): { name: string; error: string }[] {
    const failures: { name: string; error: string }[] = [];
    const declared = new Set<string>();
    for (const definition of definitions) {
      try {
        validateDefinition(definition);
        if (declared.has(definition.name)) {
          throw new AwsError({ code: 'InvalidParameterValueException', message: `Function ${definition.name} is declared more than once.` });
        }
        declared.add(definition.name);
        const current = this.functions.get(definition.name);
        if (!current) this.create(definition);
        else if (JSON.stringify(current.definition) !== JSON.stringify(definition)) this.update(definition);
      } catch (e) {
        failures.push({ name: String(definition?.name), error: e instanceof Error ? e.message : String(e) });
      }
    }
    for (const name of [...this.functions.keys()]) {
      if (!declared.has(name) && !failures.some((f) => f.name === name)) this.delete(name);
    }
    return failures;
  }

  delete(nameOrArn: string): void {
    const state = this.state(nameOrArn);
    const name = state.config.functionName;
    for (const m of [...this.mappings.values()]) if (m.config.functionName === name) this.removeMapping(m);
    this.functions.delete(name);
    this.runner?.retire(name);
    this.emit({ service: 'functions', type: 'functionDeleted', functionName: name, at: this.now() });
  }

  get(nameOrArn: string): FunctionConfiguration {
    return { ...this.state(nameOrArn).config };
  }

  list(): FunctionConfiguration[] {
    return [...this.functions.values()].map((s) => ({ ...s.config }));
  }

  /** Newest first. */
  listInvocations(nameOrArn: string, limit = 50): InvocationRecord[] {
    return this.state(nameOrArn).invocations.latest(limit);
  }

  /**
   * Runs the function with `payload` (a JSON value) and resolves when it has answered, failed or timed
   * out; never rejects for the handler's sake. The record is also kept and emitted for the inspector.
   */
  async invoke(nameOrArn: string, payload: unknown = {}, trigger: InvocationTrigger = { type: 'manual' }): Promise<InvocationRecord> {
    const state = this.state(nameOrArn);
    const config = state.config;
    let input: unknown;
    try {
      input = JSON.parse(JSON.stringify(payload ?? {}));
    } catch {
      throw new AwsError({ code: 'InvalidRequestContentException', message: 'Could not parse request body into json' });
    }
    const requestId = randomUUID();
    const startedAt = this.now();
    const name = config.functionName;
    this.emit({ service: 'functions', type: 'invocationStarted', functionName: name, requestId, trigger, at: startedAt });
    const outcome: InvocationOutcome = this.runner
      ? await this.runner.run({
          functionName: name,
          functionArn: config.functionArn,
          module: config.module,
          handler: config.handler,
          timeoutSeconds: config.timeout,
          environment: lambdaEnvironment(config, this.ctx.identity, this.ctx.endpoint, this.accessKey),
          revision: state.revision,
          requestId,
          payload: input,
        })
      : { error: { errorType: 'ServiceException', errorMessage: 'No function runner is configured.' }, logs: '', durationMs: 0 };
    const record: InvocationRecord = {
      requestId,
      functionName: name,
      trigger,
      startedAt,
      status: outcome.timedOut ? 'timedOut' : outcome.error ? 'failed' : 'succeeded',
      input,
      ...(outcome.error ? { error: outcome.error } : { output: outcome.result ?? null }),
      logs: outcome.logs,
      durationMs: outcome.durationMs,
      ...(outcome.initDurationMs !== undefined ? { initDurationMs: outcome.initDurationMs } : {}),
    };
    // A function deleted while it ran has no history left to add to.
    if (this.functions.get(name) === state) state.invocations.add(record);
    this.emit({ service: 'functions', type: 'invocationCompleted', functionName: name, requestId, invocation: record, at: this.now() });
    return record;
  }

  createEventSourceMapping(input: CreateEventSourceMappingInput): EventSourceMappingConfiguration {
    return { ...this.mapping(input, false).config };
  }

  updateEventSourceMapping(uuid: string, input: UpdateEventSourceMappingInput): EventSourceMappingConfiguration {
    const m = this.mappingState(uuid);
    const settings = mappingSettings(m.config.sourceType, { ...m.config, ...input }, {});
    Object.assign(m.config, settings, { lastModified: this.now() });
    if (input.enabled !== undefined) m.config.state = input.enabled ? 'Enabled' : 'Disabled';
    if (m.config.state === 'Enabled') m.poller.start();
    else m.poller.stop();
    this.emitMapping('eventSourceMappingUpdated', m.config);
    return { ...m.config };
  }

  deleteEventSourceMapping(uuid: string): EventSourceMappingConfiguration {
    const m = this.mappingState(uuid);
    this.removeMapping(m);
    return { ...m.config };
  }

  getEventSourceMapping(uuid: string): EventSourceMappingConfiguration {
    return { ...this.mappingState(uuid).config };
  }

  listEventSourceMappings(filter: { functionName?: string; eventSourceArn?: string } = {}): EventSourceMappingConfiguration[] {
    const name = filter.functionName === undefined ? undefined : this.state(filter.functionName).config.functionName;
    return [...this.mappings.values()]
      .map((m) => m.config)
      .filter((c) => (name === undefined || c.functionName === name) && (filter.eventSourceArn === undefined || c.eventSourceArn === filter.eventSourceArn))
      .map((c) => ({ ...c }));
  }

  dispose(): void {
    this.disposed = true;
    for (const m of this.mappings.values()) m.poller.stop();
    this.runner?.dispose();
  }

  /**
   * A `lambda` subscription's delivery: an asynchronous invocation. SNS has delivered once the function
   * exists and has run; its failures are retried by Lambda's rules, not SNS's.
   */
  invokeForSns(functionArn: string, event: unknown): Promise<void> {
    // SNS may still retry after the broker stopped: no new handler process is started for it.
    if (this.disposed) return Promise.reject(new Error('Local functions have stopped.'));
    const state = this.state(functionArn);
    const record = (event as { Records?: { EventSubscriptionArn?: string; Sns?: { TopicArn?: string } }[] }).Records?.[0];
    const trigger = (attempt: number): InvocationTrigger => ({
      type: 'sns',
      topicArn: record?.Sns?.TopicArn ?? '',
      subscriptionArn: record?.EventSubscriptionArn ?? '',
      attempt,
    });
    const name = state.config.functionName;
    return invokeAsync(
      (attempt) => this.invoke(name, event, trigger(attempt)),
      this.ctx.scheduler,
      state.config.maximumRetryAttempts,
      () => this.functions.has(name),
    );
  }

  /** An S3 event notification: an asynchronous invocation, with Lambda's retries, as for SNS. */
  invokeForS3(functionArn: string, event: unknown, bucket: string, key: string): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('Local functions have stopped.'));
    const name = this.state(functionArn).config.functionName;
    return invokeAsync(
      (attempt) => this.invoke(name, event, { type: 's3', bucket, key, attempt }),
      this.ctx.scheduler,
      this.state(functionArn).config.maximumRetryAttempts,
      () => this.functions.has(name),
    );
  }

  /** Firehose's data transformation: a synchronous invocation whose failure Firehose handles. */
  async transform(lambdaArn: string, event: TransformationEvent): Promise<TransformationResult> {
    if (this.disposed) throw new Error('Local functions have stopped.');
    const record = await this.invoke(lambdaArn, event, { type: 'firehose', deliveryStreamArn: event.deliveryStreamArn });
    if (record.status !== 'succeeded') throw new Error(`${record.error?.errorType}: ${record.error?.errorMessage}`);
    return record.output as TransformationResult;
  }

  private mapping(input: CreateEventSourceMappingInput, declared: boolean): MappingState {
    const fn = this.state(input.functionName).config;
    const sourceType = sourceTypeOf(input.eventSourceArn);
    const settings = mappingSettings(sourceType, input, fn);
    for (const m of this.mappings.values()) {
      if (m.config.functionName === fn.functionName && m.config.eventSourceArn === input.eventSourceArn) {
        throw new AwsError({
          code: 'ResourceConflictException',
          status: 409,
          message: `An event source mapping with ${sourceType === 'sqs' ? 'SQS' : 'Kinesis'} arn (" ${input.eventSourceArn} ") and function (" ${fn.functionName} ") already exists. Please update or delete the existing mapping with UUID ${m.config.uuid}`,
        });
      }
    }
    if (sourceType === 'sqs') this.checkQueue(input.eventSourceArn, fn);
    else this.requireSource(this.sources.kinesis, 'Kinesis').ListShards({ StreamARN: input.eventSourceArn });
    const config: EventSourceMappingConfiguration = {
      uuid: randomUUID(),
      functionName: fn.functionName,
      functionArn: fn.functionArn,
      eventSourceArn: input.eventSourceArn,
      sourceType,
      ...settings,
      state: input.enabled === false ? 'Disabled' : 'Enabled',
      lastModified: this.now(),
      lastProcessingResult: 'No records processed',
    };
    const state: MappingState = { config, declared, poller: this.poller(config) };
    this.addMapping(state);
    return state;
  }

  /** Lambda refuses a queue whose visibility timeout is shorter than the function's timeout. */
  private checkQueue(queueArn: string, fn: FunctionConfiguration): void {
    const sqs = this.requireSource(this.sources.sqs, 'SQS');
    const queueName = parseArn(queueArn)?.resource ?? '';
    const { QueueUrl } = sqs.GetQueueUrl({ QueueName: queueName });
    const visibility = Number(sqs.GetQueueAttributes({ QueueUrl, AttributeNames: ['VisibilityTimeout'] }).Attributes?.VisibilityTimeout ?? 30);
    if (visibility < fn.timeout) {
      throw new AwsError({
        code: 'InvalidParameterValueException',
        message: `Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${fn.timeout} seconds`,
      });
    }
  }

  private poller(config: EventSourceMappingConfiguration): Poller {
    const invoke = (event: unknown, trigger: InvocationTrigger) => this.invoke(config.functionName, event, trigger);
    if (config.sourceType === 'sqs') {
      const sqs = this.requireSource(this.sources.sqs, 'SQS');
      return new SqsPoller(config, sqs, this.ctx.scheduler, invoke, this.ctx.identity.region, this.consumerErrors);
    }
    return new KinesisPoller(config, this.requireSource(this.sources.kinesis, 'Kinesis'), this.ctx, invoke);
  }

  private requireSource<T>(source: T | undefined, name: string): T {
    if (!source) {
      throw new AwsError({ code: 'InvalidParameterValueException', message: `${name} event sources are not available in this broker.` });
    }
    return source;
  }

  private addMapping(m: MappingState): void {
    this.mappings.set(m.config.uuid, m);
    if (m.config.state === 'Enabled') m.poller.start();
    this.emitMapping('eventSourceMappingCreated', m.config);
  }

  private removeMapping(m: MappingState): void {
    m.poller.stop();
    this.mappings.delete(m.config.uuid);
    this.emitMapping('eventSourceMappingDeleted', m.config);
  }

  /** All of a definition's mappings or none. */
  private declareMappings(definition: FunctionDefinition): void {
    const created: MappingState[] = [];
    try {
      for (const source of definition.events ?? []) created.push(this.mapping(declaredMapping(definition.name, source, this.ctx.identity), true));
    } catch (e) {
      for (const m of created) this.removeMapping(m);
      throw e;
    }
  }

  private state(nameOrArn: string): FunctionState {
    const name = functionNameOf(nameOrArn);
    const state = this.functions.get(name);
    if (!state) throw notFound(arn(this.ctx.identity, 'lambda', `function:${name}`));
    return state;
  }

  private mappingState(uuid: string): MappingState {
    const m = this.mappings.get(uuid);
    if (!m) {
      throw new AwsError({
        code: 'ResourceNotFoundException',
        status: 404,
        message: `The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`,
      });
    }
    return m;
  }

  private emitMapping(type: 'eventSourceMappingCreated' | 'eventSourceMappingUpdated' | 'eventSourceMappingDeleted', c: EventSourceMappingConfiguration): void {
    this.emit({ service: 'functions', type, functionName: c.functionName, uuid: c.uuid, eventSourceArn: c.eventSourceArn, at: this.now() });
  }

  private emit(event: FunctionEvent): void {
    this.ctx.events.emit(event);
  }

  private now(): number {
    return this.ctx.scheduler.now();
  }
}
