import { withCause } from '../trace/cause';
import { randomUUID } from 'node:crypto';
import { parseArn } from '../identity';
import type { ServiceContext } from '../service-context';
import type { MessageAttributeMap as SqsAttributeMap, SqsOperations } from '../sqs/api';
import { queueUrl } from '../sqs/urls';
import { DeliveryLog } from './delivery-log';
import type { EnvelopeSigner } from './envelope-signer';
import { confirmationEnvelope, emailBody, lambdaEvent, messageFor, notificationEnvelope, SnsMessage, unsubscribeUrl } from './envelope';
import type { SnsDeliveryStatus } from './events';
import type { Subscription, Topic } from './model';
import { Outbox } from './outbox';
import { pushPayload } from './push-payload';
import { retryDelaySeconds, subscriptionHttpPolicy } from './topic-attributes';

/**
 * Makes the HTTP POST of an http/https delivery. The engine has no sockets: the server or the extension
 * injects a node:http implementation (src/server/sns/http-deliverer.ts); tests may inject their own.
 */
export interface HttpDeliverer {
  post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number }>;
}

/** Runs a local function for a `lambda` subscription; rejects when the function fails. */
export type LambdaInvoker = (functionArn: string, event: unknown) => Promise<void> | void;

/** Puts a record into a Firehose delivery stream for a `firehose` subscription. */
export type FirehoseDeliverer = (deliveryStreamArn: string, data: string) => Promise<void> | void;

/** The part of the SQS engine SNS needs: sending into a queue. */
export type SqsSender = Pick<SqsOperations, 'SendMessage'>;

/** Where deliveries leave the engine, each passed at construction; without one, that protocol's fallback. */
export interface DeliveryHooks {
  /** Without it http(s) deliveries fail as an unreachable endpoint would. */
  readonly http?: HttpDeliverer;
  /** Without it (no function runner) lambda deliveries are recorded in the outbox. */
  readonly lambda?: LambdaInvoker;
  readonly firehose?: FirehoseDeliverer;
}

/**
 * Queue URL for a queue ARN, on the broker's endpoint (SQS accepts its own URLs). A queue in another
 * region gets the path-style `/queue/<region>/` form, so the broker hands the send to that region.
 */
export function queueUrlFromArn(ctx: ServiceContext, queueArn: string): string {
  const parsed = parseArn(queueArn);
  const endpoint = parsed && parsed.region !== ctx.identity.region ? `${ctx.endpoint.replace(/\/+$/, '')}/queue/${parsed.region}` : ctx.endpoint;
  return queueUrl(endpoint, parsed?.accountId ?? ctx.identity.accountId, parsed?.resource ?? queueArn);
}

/**
 * Delivers one published message to one subscription by its protocol, records where it went (delivery log,
 * change events), retries http(s) with the delivery policy's backoff through the scheduler, and hands
 * undeliverable messages to the subscription's dead-letter queue.
 */
export class Dispatcher {
  readonly log = new DeliveryLog();
  readonly outbox = new Outbox();
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sqs: SqsSender,
    private readonly hooks: DeliveryHooks,
    private readonly signer: EnvelopeSigner,
  ) {}

  /** Resolves when every delivery started so far has finished its current attempt (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  report(
    topic: Topic,
    sub: Subscription,
    msg: SnsMessage,
    status: SnsDeliveryStatus,
    attempts: number,
    detail?: string,
    filter?: { key: string; condition: string; seen?: unknown[] },
  ): void {
    const at = this.ctx.scheduler.now();
    const { arn: subscriptionArn, protocol, endpoint } = sub;
    this.log.record({ messageId: msg.messageId, topicArn: topic.arn, subscriptionArn, protocol, endpoint, status, detail, attempts, at });
    this.ctx.events.emit({
      service: 'sns',
      type: 'delivery',
      topicArn: topic.arn,
      subscriptionArn,
      messageId: msg.messageId,
      protocol,
      endpoint,
      status,
      detail,
      ...(filter ? { filter } : {}),
      attempt: attempts,
      at,
    });
  }

  deliver(topic: Topic, sub: Subscription, msg: SnsMessage): void {
    switch (sub.protocol) {
      case 'sqs':
        return this.toSqs(topic, sub, msg);
      case 'http':
      case 'https':
        return this.toHttp(topic, sub, msg, 1);
      case 'lambda':
        return this.toLambda(topic, sub, msg);
      case 'firehose':
        return this.toFirehose(topic, sub, msg);
      default:
        return this.toOutbox(topic, sub, msg);
    }
  }

  private raw(sub: Subscription): boolean {
    return sub.attributes.RawMessageDelivery?.toLowerCase() === 'true';
  }

  private payload(sub: Subscription, msg: SnsMessage): string {
    return this.raw(sub) ? messageFor(msg, sub.protocol) : notificationEnvelope(this.signer, msg, sub.arn, sub.protocol);
  }

  private sqsAttributes(sub: Subscription, msg: SnsMessage): SqsAttributeMap | undefined {
    if (!this.raw(sub) || !msg.attributes || Object.keys(msg.attributes).length === 0) return undefined;
    return Object.fromEntries(
      Object.entries(msg.attributes).map(([name, a]) => [
        name,
        a.DataType.startsWith('Binary') ? { DataType: a.DataType, BinaryValue: a.BinaryValue } : { DataType: a.DataType, StringValue: a.StringValue },
      ]),
    );
  }

  private sendToQueue(queueArn: string, body: string, attributes: SqsAttributeMap | undefined, msg: SnsMessage, fifoTopic: boolean): void {
    const fifoQueue = queueArn.endsWith('.fifo');
    this.sqs.SendMessage({
      QueueUrl: queueUrlFromArn(this.ctx, queueArn),
      MessageBody: body,
      ...(attributes ? { MessageAttributes: attributes } : {}),
      ...(fifoQueue && fifoTopic ? { MessageGroupId: msg.groupId, MessageDeduplicationId: msg.deduplicationId } : {}),
      ...(fifoQueue && !fifoTopic ? { MessageGroupId: msg.messageId, MessageDeduplicationId: msg.messageId } : {}),
    });
  }

  private toSqs(topic: Topic, sub: Subscription, msg: SnsMessage): void {
    const body = this.payload(sub, msg);
    try {
      // The queue's new message continues this publish's trace (src/broker/trace).
      withCause(`sns:${msg.messageId}`, () => this.sendToQueue(sub.endpoint, body, this.sqsAttributes(sub, msg), msg, topic.fifo));
      this.report(topic, sub, msg, 'delivered', 1);
    } catch (e) {
      this.undeliverable(topic, sub, msg, 1, (e as Error).message);
    }
  }

  private toHttp(topic: Topic, sub: Subscription, msg: SnsMessage, attempt: number): void {
    const policy = subscriptionHttpPolicy(topic.attributes.DeliveryPolicy, sub.attributes.DeliveryPolicy);
    const headers: Record<string, string> = {
      'content-type': policy.defaultRequestPolicy.headerContentType,
      'user-agent': 'Amazon Simple Notification Service Agent',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': msg.messageId,
      'x-amz-sns-topic-arn': topic.arn,
      'x-amz-sns-subscription-arn': sub.arn,
    };
    if (this.raw(sub)) headers['x-amz-sns-rawdelivery'] = 'true';
    const http = this.hooks.http;
    if (!http) {
      this.report(topic, sub, msg, 'failed', attempt, 'no HTTP deliverer attached to the broker');
      return;
    }
    const retry = (detail: string) => {
      const retryPolicy = policy.defaultHealthyRetryPolicy;
      if (attempt > retryPolicy.numRetries) {
        this.undeliverable(topic, sub, msg, attempt, detail);
        return;
      }
      this.report(topic, sub, msg, 'retrying', attempt, detail);
      this.ctx.scheduler.after(retryDelaySeconds(retryPolicy, attempt) * 1000, () => {
        if (topic.subscriptionArns.includes(sub.arn)) this.toHttp(topic, sub, msg, attempt + 1);
      });
    };
    this.track(
      http.post(sub.endpoint, headers, this.payload(sub, msg)).then(
        ({ status }) => {
          if (status >= 200 && status < 300) this.report(topic, sub, msg, 'delivered', attempt, `HTTP ${status}`);
          else retry(`HTTP ${status}`);
        },
        (e: Error) => retry(e.message),
      ),
    );
  }

  private toLambda(topic: Topic, sub: Subscription, msg: SnsMessage): void {
    const event = lambdaEvent(this.signer, msg, sub.arn);
    const invoke = this.hooks.lambda;
    if (!invoke) {
      this.addOutbox(topic, sub, msg, JSON.stringify(event));
      this.report(topic, sub, msg, 'delivered', 1, 'recorded: no local function runtime attached');
      return;
    }
    this.track(
      Promise.resolve()
        .then(() => invoke(sub.endpoint, event))
        .then(
          () => this.report(topic, sub, msg, 'delivered', 1),
          (e: Error) => this.undeliverable(topic, sub, msg, 1, e?.message ?? String(e)),
        ),
    );
  }

  private toFirehose(topic: Topic, sub: Subscription, msg: SnsMessage): void {
    const put = this.hooks.firehose;
    if (!put) {
      this.undeliverable(topic, sub, msg, 1, 'no Firehose delivery stream service attached');
      return;
    }
    this.track(
      Promise.resolve()
        .then(() => put(sub.endpoint, this.payload(sub, msg)))
        .then(
          () => this.report(topic, sub, msg, 'delivered', 1),
          (e: Error) => this.undeliverable(topic, sub, msg, 1, e?.message ?? String(e)),
        ),
    );
  }

  /** email, email-json, sms and application endpoints: the message lands in the local outbox. */
  private toOutbox(topic: Topic, sub: Subscription, msg: SnsMessage): void {
    const platform = sub.protocol === 'application' ? parseArn(sub.endpoint)?.resource.split('/')[1] : undefined;
    const text = messageFor(msg, platform ?? sub.protocol);
    const displayName = topic.attributes.DisplayName;
    let body: string;
    let subject: string | undefined;
    if (sub.protocol === 'email') {
      subject = msg.subject ?? 'AWS Notification Message';
      body = emailBody(text, unsubscribeUrl(msg.endpoint, sub.arn));
    } else if (sub.protocol === 'email-json') {
      body = notificationEnvelope(this.signer, msg, sub.arn, 'email-json');
    } else if (sub.protocol === 'sms') {
      body = displayName ? `${displayName}> ${text}` : text;
    } else if (platform !== undefined) {
      // What the device receives: the platform's own entry as written, else the text wrapped for its push service.
      body = pushPayload(platform, msg.perProtocol?.[platform], messageFor(msg, 'default'));
    } else {
      body = text;
    }
    this.addOutbox(topic, sub, msg, body, subject);
    this.report(topic, sub, msg, 'delivered', 1);
  }

  private addOutbox(topic: Topic, sub: Subscription, msg: SnsMessage, body: string, subject?: string): void {
    const at = this.ctx.scheduler.now();
    const entry = this.outbox.add({
      at,
      protocol: sub.protocol,
      endpoint: sub.endpoint,
      topicArn: topic.arn,
      subscriptionArn: sub.arn,
      messageId: msg.messageId,
      subject,
      body,
      kind: 'notification',
    });
    this.ctx.events.emit({ service: 'sns', type: 'outboxMessage', topicArn: topic.arn, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, entry, at });
  }

  /** Sends the SubscriptionConfirmation (or UnsubscribeConfirmation) an http(s) endpoint or mailbox gets. */
  sendConfirmation(
    topic: Topic,
    sub: Subscription,
    type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
    endpointUrl: string,
  ): void {
    const messageId = randomUUID();
    const body = confirmationEnvelope(this.signer, type, messageId, topic.arn, sub.arn, sub.token, this.ctx.scheduler.now(), endpointUrl);
    if (sub.protocol === 'http' || sub.protocol === 'https') {
      const http = this.hooks.http;
      if (!http) return;
      const headers = {
        'content-type': 'text/plain; charset=UTF-8',
        'user-agent': 'Amazon Simple Notification Service Agent',
        'x-amz-sns-message-type': type,
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': topic.arn,
      };
      // A confirmation the endpoint never receives leaves the subscription pending, as in AWS.
      this.track(http.post(sub.endpoint, headers, body).catch(() => undefined));
      return;
    }
    const kind = type === 'SubscriptionConfirmation' ? 'subscriptionConfirmation' : 'unsubscribeConfirmation';
    const confirmUrl = (JSON.parse(body) as { SubscribeURL: string }).SubscribeURL;
    const entry = this.outbox.add({
      at: this.ctx.scheduler.now(),
      protocol: sub.protocol,
      endpoint: sub.endpoint,
      topicArn: topic.arn,
      subscriptionArn: sub.arn,
      messageId,
      subject: sub.protocol === 'email' ? 'AWS Notification - Subscription Confirmation' : undefined,
      body:
        sub.protocol === 'email'
          ? `You have chosen to subscribe to the topic:\n${topic.arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n${confirmUrl}`
          : body,
      kind,
    });
    this.ctx.events.emit({ service: 'sns', type: 'outboxMessage', topicArn: topic.arn, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, entry, at: this.ctx.scheduler.now() });
  }

  /** After the last attempt: the subscription's dead-letter queue if it has one, else the message is lost, as in AWS. */
  private undeliverable(topic: Topic, sub: Subscription, msg: SnsMessage, attempts: number, detail: string): void {
    const dlq = this.deadLetterArn(sub);
    if (dlq) {
      try {
        this.sendToQueue(dlq, this.payload(sub, msg), this.sqsAttributes(sub, msg), msg, topic.fifo);
        this.report(topic, sub, msg, 'deadLettered', attempts, `${detail}; moved to ${dlq}`);
        return;
      } catch (e) {
        detail = `${detail}; dead-letter queue ${dlq} failed: ${(e as Error).message}`;
      }
    }
    this.report(topic, sub, msg, 'failed', attempts, detail);
  }

  private deadLetterArn(sub: Subscription): string | undefined {
    if (!sub.attributes.RedrivePolicy) return undefined;
    try {
      const target = (JSON.parse(sub.attributes.RedrivePolicy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
      return typeof target === 'string' ? target : undefined;
    } catch {
      return undefined;
    }
  }

  track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
