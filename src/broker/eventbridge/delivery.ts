/**
 * Delivers a matched event to a rule's targets through the other engines' public operations (as SNS
 * delivers to SQS), with the target's RetryPolicy (default 185 attempts over 24 hours; here retries back
 * off from 1 s, doubling, up to MaximumRetryAttempts and MaximumEventAgeInSeconds) and, when all attempts
 * fail, its DeadLetterConfig queue.
 */
import type { FirehoseOperations } from '../firehose/api';
import { parseArn } from '../identity';
import type { KinesisOperations } from '../kinesis/api';
import type { ServiceContext } from '../service-context';
import { queueUrlFromArn } from '../sns/delivery';
import { withCause } from '../trace/cause';
import type { SnsOperations } from '../sns/api';
import type { SqsOperations } from '../sqs/api';
import type { StepFunctionsOperations } from '../stepfunctions/api';
import type { Target } from './api';
import type { ApiDestinationInvoker } from './api-destination-invoke';
import type { EventsHttpClient } from './http-client';
import type { EventEnvelope } from './envelope';
import type { LoggedDelivery } from './event-log';
import type { EventBridgeDeliveryStatus } from './events';
import { readJsonPath, targetPayload } from './input-transform';
import type { Rule } from './model';

export interface EventBridgePorts {
  sqs?: Pick<SqsOperations, 'SendMessage'>;
  sns?: Pick<SnsOperations, 'Publish'>;
  kinesis?: Pick<KinesisOperations, 'PutRecord'>;
  firehose?: Pick<FirehoseOperations, 'PutRecord'>;
  /** State machine targets start an execution through this; without it they fail. */
  states?: Pick<StepFunctionsOperations, 'StartExecution'>;
  /** Lambda targets run local functions through this; without it they fail. */
  lambda?: EventsLambdaInvoker;
  /** API destination invocations and OAuth token requests; without it they fail. */
  http?: EventsHttpClient;
}

/** Runs a local function for a Lambda target (an asynchronous invocation); rejects when it cannot. */
export type EventsLambdaInvoker = (functionArn: string, event: unknown) => Promise<void> | void;

/** Told each delivery outcome, to keep it beside the logged event (the inspector shows what each target got). */
export type DeliveryRecorder = (busName: string, eventId: string, delivery: LoggedDelivery) => void;

/** Puts an event onto another bus of this broker (a bus target). */
export type BusForwarder = (busArn: string, event: EventEnvelope) => void;

const DEFAULT_MAX_RETRIES = 185;
const DEFAULT_MAX_AGE_S = 86_400;

export class EventsDispatcher {
  private inFlight = new Set<Promise<unknown>>();
  /** Set by the state once connections exist: invokes targets that are API destinations. */
  apiDestinations?: ApiDestinationInvoker;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly ports: EventBridgePorts,
    private readonly forward: BusForwarder,
    private readonly record: DeliveryRecorder = () => undefined,
  ) {}

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  deliver(rule: Rule, target: Target, event: EventEnvelope, ingestedAt: number): void {
    this.attempt(rule, target, event, ingestedAt, 1);
  }

  private attempt(rule: Rule, target: Target, event: EventEnvelope, ingestedAt: number, attempt: number): void {
    let payload: string;
    try {
      payload = targetPayload(event, target, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime: new Date(ingestedAt).toISOString() });
    } catch (e) {
      // A template that gives nothing deliverable fails at once; retrying cannot help.
      this.report(rule, target, event, 'failed', attempt, (e as Error).message);
      return;
    }
    // Kept only when it differs from the event, so the log holds a second copy only for transformed input.
    const sent = target.Input !== undefined || target.InputPath !== undefined || target.InputTransformer ? payload : undefined;
    const fail = (e: unknown) =>
      this.retryOrGiveUp(rule, target, event, ingestedAt, attempt, payload, (e as Error)?.message ?? String(e), sent, (e as { retryable?: boolean })?.retryable !== false);
    let result: Promise<void> | void;
    try {
      // What the target receives continues the event's trace (src/broker/trace).
      result = withCause(`events:${event.id}`, () => this.send(target, payload, event));
    } catch (e) {
      fail(e);
      return;
    }
    if (result instanceof Promise) {
      this.track(result.then(() => this.report(rule, target, event, 'delivered', attempt, undefined, sent), fail));
    } else {
      this.report(rule, target, event, 'delivered', attempt, undefined, sent);
    }
  }

  private send(target: Target, payload: string, event: EventEnvelope): Promise<void> | void {
    const arn = parseArn(target.Arn);
    switch (arn?.service) {
      case 'sqs': {
        if (!this.ports.sqs) throw new Error('SQS is not available');
        const fifo = target.Arn.endsWith('.fifo');
        const groupId = target.SqsParameters?.MessageGroupId;
        this.ports.sqs.SendMessage({
          QueueUrl: queueUrlFromArn(this.ctx, target.Arn),
          MessageBody: payload,
          ...(fifo ? { MessageGroupId: groupId, MessageDeduplicationId: event.id } : {}),
        });
        return;
      }
      case 'sns':
        if (!this.ports.sns) throw new Error('SNS is not available');
        this.ports.sns.Publish({ TopicArn: target.Arn, Message: payload, ...(target.Arn.endsWith('.fifo') ? { MessageGroupId: target.SqsParameters?.MessageGroupId, MessageDeduplicationId: event.id } : {}) });
        return;
      case 'kinesis': {
        if (!this.ports.kinesis) throw new Error('Kinesis is not available');
        const keyPath = target.KinesisParameters?.PartitionKeyPath;
        const key = keyPath ? readJsonPath(event, keyPath) : event.id;
        if (key === undefined || key === null) throw new Error(`PartitionKeyPath ${keyPath} selects nothing in the event`);
        this.ports.kinesis.PutRecord({ StreamARN: target.Arn, Data: Buffer.from(payload), PartitionKey: typeof key === 'string' ? key : JSON.stringify(key) });
        return;
      }
      case 'firehose': {
        if (!this.ports.firehose) throw new Error('Firehose is not available');
        const name = arn.resource.replace(/^deliverystream\//, '');
        this.ports.firehose.PutRecord({ DeliveryStreamName: name, Record: { Data: Buffer.from(payload) } });
        return;
      }
      case 'states':
        // AWS starts a standard or express execution with a generated name and the payload as its input;
        // a missing machine or an input that is not JSON throws here and is retried like any failed send.
        if (!this.ports.states) throw new Error('Step Functions is not available');
        this.ports.states.StartExecution({ stateMachineArn: target.Arn, input: payload });
        return;
      case 'lambda': {
        if (!this.ports.lambda) throw new Error('no local function runtime attached');
        const invoke = this.ports.lambda;
        return Promise.resolve().then(() => invoke(target.Arn, JSON.parse(payload)));
      }
      case 'events':
        if (arn.resource.startsWith('api-destination/')) {
          if (!this.apiDestinations) throw new Error('API destinations are not available');
          return this.apiDestinations.invoke(target.Arn, target.HttpParameters, payload);
        }
        this.forward(target.Arn, event);
        return;
      default:
        throw new Error(`targets of ${arn?.service ?? 'unknown'} services are not supported by Eventyard`);
    }
  }

  private retryOrGiveUp(
    rule: Rule, target: Target, event: EventEnvelope, ingestedAt: number, attempt: number, payload: string, detail: string, sent?: string, retryable = true,
  ): void {
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
    const delay = Math.min(1000 * 2 ** (attempt - 1), 300_000);
    const now = this.ctx.scheduler.now();
    if (retryable && attempt <= maxRetries && now + delay - ingestedAt <= maxAgeMs) {
      this.report(rule, target, event, 'retrying', attempt, detail, sent);
      this.ctx.scheduler.after(delay, () => {
        if (rule.targets.includes(target)) this.attempt(rule, target, event, ingestedAt, attempt + 1);
      });
      return;
    }
    const dlq = target.DeadLetterConfig?.Arn;
    if (dlq && this.ports.sqs) {
      try {
        const sqs = this.ports.sqs;
        withCause(`events:${event.id}`, () => sqs.SendMessage({
          QueueUrl: queueUrlFromArn(this.ctx, dlq),
          MessageBody: payload,
          MessageAttributes: {
            RULE_ARN: { DataType: 'String', StringValue: rule.arn },
            TARGET_ARN: { DataType: 'String', StringValue: target.Arn },
            ERROR_MESSAGE: { DataType: 'String', StringValue: detail.slice(0, 1024) },
            ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
          },
        }));
        this.report(rule, target, event, 'deadLettered', attempt, `${detail}; moved to ${dlq}`, sent);
        return;
      } catch (e) {
        detail = `${detail}; dead-letter queue ${dlq} failed: ${(e as Error).message}`;
      }
    }
    this.report(rule, target, event, 'failed', attempt, detail, sent);
  }

  private report(rule: Rule, target: Target, event: EventEnvelope, status: EventBridgeDeliveryStatus, attempt: number, detail?: string, payload?: string): void {
    this.record(rule.busName, event.id, {
      ruleName: rule.name,
      targetId: target.Id,
      targetArn: target.Arn,
      status,
      attempt,
      ...(detail !== undefined ? { detail } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    this.ctx.events.emit({
      service: 'events',
      type: 'delivery',
      busName: rule.busName,
      ruleName: rule.name,
      targetId: target.Id,
      targetArn: target.Arn,
      eventId: event.id,
      status,
      attempt,
      ...(detail !== undefined ? { detail } : {}),
      at: this.ctx.scheduler.now(),
    });
  }

  /** Counts a promise in settled() (deliveries, and the token requests of connections). */
  track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
