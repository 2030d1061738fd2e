import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isAwsError } from '../errors';
import { arn, parseArn } from '../identity';
import type { OperationTable, ServiceContext } from '../service-context';
import type * as api from './api';
import { AttributeReasonError } from './attribute-error';
import { validateBatchRequest } from './batch-validation';
import { DeliveryHooks, Dispatcher, SqsSender } from './delivery';
import type { DeliveryRecord } from './delivery-log';
import type { SnsMessage } from './envelope';
import { EnvelopeSigner, sharedEnvelopeSigner } from './envelope-signer';
import { requireArnShape, snsErrors } from './errors';
import { evaluateFilterPolicy } from './filter-policy';
import { compileFilterPolicy, FilterPolicyScope } from './filter-policy-compile';
import { confirmingProtocols, protocols, type PlatformApplication, type PlatformEndpoint, type SavedSms, Subscription, Topic } from './model';
import type { Outbox, OutboxEntry } from './outbox';
import { saveSubscription, saveTopic, type SavedSubscription, type SavedTopic } from './saved';
import { subscriptionAttributeNames, validateSubscriptionAttribute } from './subscription-attributes';
import { defaultTopicPolicy, effectiveHttpPolicy, settableTopicAttributes } from './topic-attributes';
import { addPermission, removePermission } from './topic-permissions';
import { evaluateSubscribe } from './topic-policy';
import { topicPolicyAllows } from './topic-access';
import { paginate } from './pagination';
import { PlatformChange, PlatformRegistry } from './platform';
import { pushPayload } from './push-payload';
import { e164, SmsSettings } from './sms';
import { validateSubscriptionEndpoint } from './subscription-endpoint';
import {
  isValidPhoneNumber,
  limits,
  MAX_SMS_CHARACTERS,
  validateMessageAttributes,
  validatePublishBody,
  validateTags,
  validateTopicName,
} from './validation';

export interface SnsServiceOptions extends DeliveryHooks {
  /** Signs envelopes; default: the one brokers built without a composition root share. */
  signer?: EnvelopeSigner;
}

/** One topic as the tree view shows it. */
export interface TopicSummary {
  arn: string;
  name: string;
  fifo: boolean;
  subscriptions: { arn: string; protocol: string; endpoint: string; pending: boolean; filterPolicy?: string; filterPolicyScope?: string; raw: boolean }[];
}

const DEDUP_WINDOW_MS = 5 * 60 * 1000;

/**
 * The SNS engine: topics, subscriptions and fan-out. Every mutation goes through this class, which emits
 * the change event; deliveries go through the Dispatcher.
 */
export class SnsService {
  private topics = new Map<string, Topic>();
  private subscriptions = new Map<string, Subscription>();
  private readonly dispatcher: Dispatcher;
  private readonly signer: EnvelopeSigner;
  /** Mobile push: platform applications and endpoints (platform.ts). */
  readonly platform: PlatformRegistry;
  /** SMS attributes and the opt-out list (sms.ts). */
  readonly sms: SmsSettings;

  readonly operations: api.SnsOperations & OperationTable;

  constructor(
    private readonly ctx: ServiceContext,
    sqs: { operations: SqsSender },
    options: SnsServiceOptions = {},
  ) {
    const { signer, ...hooks } = options;
    this.signer = signer ?? sharedEnvelopeSigner();
    this.dispatcher = new Dispatcher(ctx, sqs.operations, hooks, this.signer);
    this.signer.prepare();
    this.platform = new PlatformRegistry(ctx, (change) => this.emitPlatform(change));
    this.sms = new SmsSettings((sms) => this.ctx.events.emit({ service: 'sns', type: 'smsSettingsChanged', sms, at: this.now() }));
    this.operations = {
      ...this.platform.operations,
      ...this.sms.operations,
      CreateTopic: (i) => this.createTopic(i),
      DeleteTopic: (i) => this.deleteTopic(i),
      ListTopics: (i) => this.listTopics(i),
      GetTopicAttributes: (i) => this.getTopicAttributes(i),
      SetTopicAttributes: (i) => this.setTopicAttributes(i),
      Subscribe: (i, rc) => this.subscribe(i, rc?.endpoint ?? this.ctx.endpoint, rc?.caller?.accountId),
      ConfirmSubscription: (i) => this.confirmSubscription(i),
      Unsubscribe: (i, rc) => this.unsubscribe(i, rc?.endpoint ?? this.ctx.endpoint),
      ListSubscriptions: (i) => this.listSubscriptions(i),
      ListSubscriptionsByTopic: (i) => this.listSubscriptionsByTopic(i),
      GetSubscriptionAttributes: (i) => this.getSubscriptionAttributes(i),
      SetSubscriptionAttributes: (i) => this.setSubscriptionAttributes(i),
      Publish: (i, rc) => this.publish(i, rc?.endpoint ?? this.ctx.endpoint),
      PublishBatch: (i, rc) => this.publishBatch(i, rc?.endpoint ?? this.ctx.endpoint),
      AddPermission: (i) => this.addPermission(i),
      RemovePermission: (i) => this.removePermission(i),
      TagResource: (i) => this.tagResource(i),
      UntagResource: (i) => this.untagResource(i),
      ListTagsForResource: (i) => this.listTagsForResource(i),
    };
  }

  listTopicSummaries(): TopicSummary[] {
    return [...this.topics.values()].map((t) => ({
      arn: t.arn,
      name: t.name,
      fifo: t.fifo,
      subscriptions: t.subscriptionArns.map((a) => this.subscriptions.get(a)!).map((s) => ({
        arn: s.arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        pending: s.pendingConfirmation,
        filterPolicy: s.attributes.FilterPolicy,
        filterPolicyScope: s.attributes.FilterPolicy ? (s.attributes.FilterPolicyScope ?? 'MessageAttributes') : undefined,
        raw: s.attributes.RawMessageDelivery === 'true',
      })),
    }));
  }

  listOutbox(endpointOrSubscriptionArn?: string): OutboxEntry[] {
    return this.dispatcher.outbox.list(endpointOrSubscriptionArn);
  }

  listDeliveries(topicArn: string, limit = 100): DeliveryRecord[] {
    return this.dispatcher.log.list(topicArn, limit);
  }

  // ---- durability: change events carry what the store writes; a snapshot and a restart come here ----

  /** Every topic as saved, for a snapshot. */
  *savedTopics(): Generator<SavedTopic> {
    for (const topic of this.topics.values()) yield saveTopic(topic);
  }

  /** Every subscription as saved, for a snapshot. */
  *savedSubscriptions(): Generator<SavedSubscription> {
    for (const sub of this.subscriptions.values()) yield saveSubscription(sub);
  }

  /** Where undeliverable-here messages (email, SMS, push) wait for the inspector. */
  get outbox(): Outbox {
    return this.dispatcher.outbox;
  }

  /** Puts back a topic and its subscriptions kept across a restart, without events. */
  restoreTopic(topic: Topic, subscriptions: Subscription[]): void {
    this.topics.set(topic.arn, topic);
    for (const sub of subscriptions) {
      this.compileFilter(sub);
      this.subscriptions.set(sub.arn, sub);
    }
  }

  /** PEM of the key that signs envelopes, for consumers that verify SignatureVersion 1 signatures. */
  signingPublicKeyPem(): string {
    return this.signer.publicKeyPem();
  }

  /** Resolves when every delivery attempt started so far (http, lambda, firehose) has finished. */
  settled(): Promise<void> {
    return this.dispatcher.settled();
  }

  /** Puts back the platform applications, endpoints and SMS settings kept across a restart, without events. */
  restorePush(applications: PlatformApplication[], endpoints: PlatformEndpoint[], sms: SavedSms | undefined): void {
    this.platform.restore(applications, endpoints);
    if (sms) this.sms.restore(sms);
  }

  /** A person replying STOP to an SMS from this account (the inspector's outbox offers it). */
  optOutPhoneNumber(phoneNumber: string): void {
    this.sms.optOut(phoneNumber);
  }

  dispose(): void {
    this.topics.clear();
    this.subscriptions.clear();
    this.platform.dispose();
  }

  private emitPlatform(change: PlatformChange): void {
    const at = this.now();
    switch (change.type) {
      case 'platformApplicationChanged':
        return this.ctx.events.emit({ service: 'sns', type: change.type, application: change.application, at });
      case 'platformApplicationDeleted':
        return this.ctx.events.emit({ service: 'sns', type: change.type, applicationArn: change.arn, at });
      case 'platformEndpointChanged':
        return this.ctx.events.emit({ service: 'sns', type: change.type, endpoint: change.endpoint, at });
      case 'platformEndpointDeleted':
        return this.ctx.events.emit({ service: 'sns', type: change.type, endpointArn: change.arn, at });
    }
  }

  private now(): number {
    return this.ctx.scheduler.now();
  }

  private emitTopic(type: 'topicCreated' | 'topicAttributesChanged' | 'topicTagged', topic: Topic): void {
    this.ctx.events.emit({ service: 'sns', type, topicArn: topic.arn, topic: saveTopic(topic), at: this.now() });
  }

  private emitSubscription(
    type: 'subscriptionCreated' | 'subscriptionConfirmed' | 'subscriptionDeleted' | 'subscriptionAttributesChanged',
    sub: Subscription,
  ): void {
    const topic = this.topics.get(sub.topicArn);
    this.ctx.events.emit({
      service: 'sns',
      type,
      topicArn: sub.topicArn,
      subscriptionArn: sub.arn,
      subscription: saveSubscription(sub),
      ...(topic ? { topic: saveTopic(topic) } : {}),
      at: this.now(),
    });
  }

  // ---- topics

  private createTopic(input: api.CreateTopicInput): { TopicArn: string } {
    const attributes = { ...(input.Attributes ?? {}) };
    const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
    validateTopicName(input.Name, fifo);
    for (const name of Object.keys(attributes)) {
      if (name !== 'FifoTopic' && !settableTopicAttributes.has(name)) {
        throw snsErrors.invalidParameter(`Attributes Reason: Unknown attribute ${name}`);
      }
    }
    if (input.DataProtectionPolicy !== undefined) attributes.DataProtectionPolicy = input.DataProtectionPolicy;
    const tags = validateTags(input.Tags ?? []);
    const topicArn = arn(this.ctx.identity, 'sns', input.Name);
    const existing = this.topics.get(topicArn);
    if (existing) {
      const differs = Object.entries(attributes).some(([k, v]) => k !== 'FifoTopic' && existing.attributes[k] !== v);
      if (differs) throw snsErrors.invalidParameter('Attributes Reason: Topic already exists with different attributes');
      if ([...tags].some(([k, v]) => existing.tags.get(k) !== v)) {
        throw snsErrors.invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return { TopicArn: topicArn };
    }
    delete attributes.FifoTopic;
    if (fifo) attributes.ContentBasedDeduplication ??= 'false';
    this.topics.set(topicArn, {
      arn: topicArn,
      name: input.Name,
      fifo,
      attributes,
      tags,
      subscriptionArns: [],
      sequence: 0n,
      deduplication: new Map(),
      subscriptionsDeleted: 0,
    });
    this.emitTopic('topicCreated', this.topics.get(topicArn)!);
    return { TopicArn: topicArn };
  }

  /** A topic named by ARN: malformed ARNs and other regions fail as SNS fails them. */
  private topicByArn(topicArn: string | undefined, parameter = 'TopicArn'): Topic {
    requireArnShape(parameter, topicArn);
    const parsed = parseArn(topicArn!);
    if (parsed && (parsed.region !== this.ctx.identity.region || parsed.service !== 'sns')) throw snsErrors.invalidParameter(parameter);
    const topic = this.topics.get(topicArn!);
    if (!topic) throw snsErrors.topicNotFound();
    return topic;
  }

  private deleteTopic(input: api.TopicArnInput): api.Empty {
    requireArnShape('TopicArn', input.TopicArn);
    const topic = this.topics.get(input.TopicArn);
    if (!topic) return {};
    for (const subArn of [...topic.subscriptionArns]) this.removeSubscription(subArn);
    this.topics.delete(topic.arn);
    this.dispatcher.log.forgetTopic(topic.arn);
    this.ctx.events.emit({ service: 'sns', type: 'topicDeleted', topicArn: topic.arn, at: this.now() });
    return {};
  }

  private listTopics(input: api.ListTopicsInput): api.ListTopicsOutput {
    const all = [...this.topics.keys()];
    const { page, next } = paginate(all, input.NextToken, limits.maxTopicsPerPage);
    return { Topics: page.map((TopicArn) => ({ TopicArn })), ...(next ? { NextToken: next } : {}) };
  }

  private getTopicAttributes(input: api.TopicArnInput): api.AttributesOutput {
    const topic = this.topicByArn(input.TopicArn);
    const subs = topic.subscriptionArns.map((a) => this.subscriptions.get(a)!);
    const attributes: Record<string, string> = {
      DisplayName: '',
      Owner: this.ctx.identity.accountId,
      Policy: defaultTopicPolicy(topic.arn, this.ctx.identity.accountId),
      ...topic.attributes,
      EffectiveDeliveryPolicy: JSON.stringify({ http: effectiveHttpPolicy(topic.attributes.DeliveryPolicy) }),
      SubscriptionsConfirmed: String(subs.filter((s) => !s.pendingConfirmation).length),
      SubscriptionsPending: String(subs.filter((s) => s.pendingConfirmation).length),
      SubscriptionsDeleted: String(topic.subscriptionsDeleted),
      TopicArn: topic.arn,
    };
    if (topic.fifo) attributes.FifoTopic = 'true';
    return { Attributes: attributes };
  }

  private setTopicAttributes(input: api.SetTopicAttributesInput): api.Empty {
    const topic = this.topicByArn(input.TopicArn);
    const name = input.AttributeName;
    if (!settableTopicAttributes.has(name) || (name === 'ContentBasedDeduplication' && !topic.fifo)) {
      throw snsErrors.invalidParameter('AttributeName');
    }
    const value = input.AttributeValue ?? '';
    if (['Policy', 'DeliveryPolicy', 'DataProtectionPolicy', 'ArchivePolicy'].includes(name) && value !== '') {
      try {
        JSON.parse(value);
      } catch {
        throw snsErrors.invalidParameter(`${name}: failed to parse JSON.`);
      }
    }
    if (value === '' && name !== 'DisplayName') delete topic.attributes[name];
    else topic.attributes[name] = value;
    this.emitTopic('topicAttributesChanged', topic);
    return {};
  }

  /**
   * Refuses a caller of another account whose action on a topic its policy does not allow (topic-access.ts),
   * with AWS's AuthorizationError; Subscribe judges its own caller. A missing topic is left to the action.
   */
  checkCrossAccount(topicArn: string, action: string, callerAccount: string): void {
    if (callerAccount === this.ctx.identity.accountId || action === 'Subscribe') return;
    const topic = this.topics.get(topicArn);
    if (topic && !topicPolicyAllows(this.policyOf(topic), topic.arn, action, callerAccount)) {
      const named = action.replace(/Batch$/, '');
      throw snsErrors.authorization(
        `User: arn:aws:iam::${callerAccount}:root is not authorized to perform: SNS:${named} on resource: ${topic.arn} because no resource-based policy allows the SNS:${named} action`,
      );
    }
  }

  private policyOf(topic: Topic): string {
    return topic.attributes.Policy ?? defaultTopicPolicy(topic.arn, this.ctx.identity.accountId);
  }

  private addPermission(input: api.AddPermissionInput): api.Empty {
    const topic = this.topicByArn(input.TopicArn);
    topic.attributes.Policy = addPermission(this.policyOf(topic), topic.arn, input.Label, input.AWSAccountId ?? [], input.ActionName ?? []);
    this.emitTopic('topicAttributesChanged', topic);
    return {};
  }

  private removePermission(input: api.RemovePermissionInput): api.Empty {
    const topic = this.topicByArn(input.TopicArn);
    topic.attributes.Policy = removePermission(this.policyOf(topic), input.Label);
    this.emitTopic('topicAttributesChanged', topic);
    return {};
  }

  // ---- subscriptions

  private subscribe(input: api.SubscribeInput, endpointUrl: string, callerAccount = this.ctx.identity.accountId): api.SubscriptionArnOutput {
    requireArnShape('TopicArn', input.TopicArn);
    const protocol = input.Protocol;
    if (!(protocols as readonly string[]).includes(protocol)) {
      throw snsErrors.invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    }
    const topic = this.topicByArn(input.TopicArn);
    const endpoint = input.Endpoint ?? '';
    validateSubscriptionEndpoint(topic.fifo, protocol, endpoint);
    const requested = { ...(input.Attributes ?? {}) };

    const existing = topic.subscriptionArns
      .map((a) => this.subscriptions.get(a)!)
      .find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) {
      if (Object.entries(requested).some(([k, v]) => (existing.attributes[k] ?? '') !== v)) {
        throw snsErrors.invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      }
      return { SubscriptionArn: existing.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : existing.arn };
    }

    const decision = evaluateSubscribe(this.policyOf(topic), {
      topicArn: topic.arn,
      protocol,
      endpoint,
      accountId: callerAccount,
    });
    if (!decision.allowed) {
      const why = decision.reason === 'explicitDeny' ? 'with an explicit deny in a resource-based policy' : 'because no resource-based policy allows the SNS:Subscribe action';
      throw snsErrors.authorization(
        `User: arn:aws:iam::${callerAccount}:root is not authorized to perform: SNS:Subscribe on resource: ${topic.arn} ${why}`,
      );
    }

    const attributes: Record<string, string> = {};
    this.applySubscriptionAttributes({ protocol, endpoint, topicFifo: topic.fifo }, attributes, requested, 'Attributes Reason: ');
    const sub: Subscription = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      owner: callerAccount,
      attributes,
      pendingConfirmation: confirmingProtocols.has(protocol),
      confirmationWasAuthenticated: !confirmingProtocols.has(protocol),
      token: randomBytes(64).toString('hex'),
    };
    this.compileFilter(sub);
    this.subscriptions.set(sub.arn, sub);
    topic.subscriptionArns.push(sub.arn);
    this.emitSubscription('subscriptionCreated', sub);
    if (sub.pendingConfirmation) this.dispatcher.sendConfirmation(topic, sub, 'SubscriptionConfirmation', endpointUrl);
    return { SubscriptionArn: sub.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : sub.arn };
  }

  /**
   * Validates and stores subscription attributes; `prefix` is how the operation words the error
   * ("Attributes Reason: " for Subscribe, nothing for SetSubscriptionAttributes).
   */
  private applySubscriptionAttributes(
    shape: { protocol: string; endpoint: string; topicFifo: boolean },
    target: Record<string, string>,
    changes: Record<string, string>,
    prefix: string,
  ): void {
    const next = { ...target, ...changes };
    for (const [name, value] of Object.entries(changes)) {
      if (!subscriptionAttributeNames.has(name)) throw snsErrors.invalidParameter(prefix ? `${prefix}Unknown attribute ${name}` : 'AttributeName');
      try {
        validateSubscriptionAttribute(name, value, { ...shape, attributes: next });
      } catch (e) {
        if (e instanceof AttributeReasonError) throw snsErrors.invalidParameter(`${prefix}${e.reason}`);
        throw e;
      }
    }
    for (const [name, value] of Object.entries(changes)) {
      if (value === '' && name !== 'RawMessageDelivery') delete target[name];
      else target[name] = name === 'RawMessageDelivery' ? value.toLowerCase() : value;
    }
  }

  private compileFilter(sub: Subscription): void {
    const text = sub.attributes.FilterPolicy;
    sub.filter = text ? compileFilterPolicy(text, this.scopeOf(sub)) : undefined;
  }

  private scopeOf(sub: Subscription): FilterPolicyScope {
    return (sub.attributes.FilterPolicyScope as FilterPolicyScope | undefined) ?? 'MessageAttributes';
  }

  private confirmSubscription(input: api.ConfirmSubscriptionInput): api.SubscriptionArnOutput {
    const parsed = input.TopicArn ? parseArn(input.TopicArn) : undefined;
    if (!parsed || parsed.service !== 'sns' || parsed.region !== this.ctx.identity.region) throw snsErrors.invalidParameter('Topic');
    const topic = this.topics.get(input.TopicArn);
    if (!topic) throw snsErrors.invalidParameter('Token');
    if (!/^[0-9a-f]{32,}$/i.test(input.Token ?? '')) throw snsErrors.invalidParameterRaw('Invalid token');
    const sub = topic.subscriptionArns.map((a) => this.subscriptions.get(a)!).find((s) => s.token === input.Token);
    if (!sub) throw snsErrors.invalidParameter('Token');
    if (sub.pendingConfirmation) {
      sub.pendingConfirmation = false;
      sub.confirmationWasAuthenticated = input.AuthenticateOnUnsubscribe?.toLowerCase() === 'true';
      this.emitSubscription('subscriptionConfirmed', sub);
    }
    return { SubscriptionArn: sub.arn };
  }

  private unsubscribe(input: api.SubscriptionArnInput, endpointUrl: string): api.Empty {
    const parts = requireArnShape('SubscriptionArn', input.SubscriptionArn);
    if (parts.length < 7 || !parts[6]) throw snsErrors.invalidParameter('SubscriptionId');
    const sub = this.subscriptions.get(input.SubscriptionArn);
    if (!sub) return {};
    const topic = this.topics.get(sub.topicArn);
    if (topic && (sub.protocol === 'http' || sub.protocol === 'https')) this.dispatcher.sendConfirmation(topic, sub, 'UnsubscribeConfirmation', endpointUrl);
    this.removeSubscription(sub.arn);
    return {};
  }

  private removeSubscription(subscriptionArn: string): void {
    const sub = this.subscriptions.get(subscriptionArn);
    if (!sub) return;
    this.subscriptions.delete(subscriptionArn);
    const topic = this.topics.get(sub.topicArn);
    if (topic) {
      topic.subscriptionArns = topic.subscriptionArns.filter((a) => a !== subscriptionArn);
      topic.subscriptionsDeleted++;
    }
    this.emitSubscription('subscriptionDeleted', sub);
  }

  private summary(sub: Subscription): api.Subscription {
    return {
      SubscriptionArn: sub.pendingConfirmation ? 'PendingConfirmation' : sub.arn,
      Owner: sub.owner,
      Protocol: sub.protocol,
      Endpoint: sub.endpoint,
      TopicArn: sub.topicArn,
    };
  }

  private listSubscriptions(input: api.ListSubscriptionsInput): api.ListSubscriptionsOutput {
    const { page, next } = paginate([...this.subscriptions.values()], input.NextToken, limits.maxSubscriptionsPerPage);
    return { Subscriptions: page.map((s) => this.summary(s)), ...(next ? { NextToken: next } : {}) };
  }

  private listSubscriptionsByTopic(input: api.ListSubscriptionsByTopicInput): api.ListSubscriptionsOutput {
    const topic = this.topicByArn(input.TopicArn);
    const subs = topic.subscriptionArns.map((a) => this.subscriptions.get(a)!);
    const { page, next } = paginate(subs, input.NextToken, limits.maxSubscriptionsPerPage);
    return { Subscriptions: page.map((s) => this.summary(s)), ...(next ? { NextToken: next } : {}) };
  }

  private subscriptionByArn(subscriptionArn: string): Subscription {
    return byArn(this.subscriptions, 'SubscriptionArn', subscriptionArn, snsErrors.subscriptionNotFound);
  }

  private getSubscriptionAttributes(input: api.SubscriptionArnInput): api.AttributesOutput {
    const sub = this.subscriptionByArn(input.SubscriptionArn);
    const topic = this.topics.get(sub.topicArn);
    const attributes: Record<string, string> = {
      ConfirmationWasAuthenticated: String(sub.confirmationWasAuthenticated),
      Endpoint: sub.endpoint,
      Owner: sub.owner,
      PendingConfirmation: String(sub.pendingConfirmation),
      Protocol: sub.protocol,
      RawMessageDelivery: 'false',
      SubscriptionArn: sub.arn,
      SubscriptionPrincipal: `arn:aws:iam::${sub.owner}:root`,
      TopicArn: sub.topicArn,
      ...sub.attributes,
    };
    if (!sub.attributes.FilterPolicy) delete attributes.FilterPolicyScope;
    else attributes.FilterPolicyScope = this.scopeOf(sub);
    if (sub.protocol === 'http' || sub.protocol === 'https') {
      attributes.EffectiveDeliveryPolicy = JSON.stringify({
        healthyRetryPolicy: effectiveHttpPolicy(topic?.attributes.DeliveryPolicy).defaultHealthyRetryPolicy,
      });
    }
    return { Attributes: attributes };
  }

  private setSubscriptionAttributes(input: api.SetSubscriptionAttributesInput): api.Empty {
    const sub = this.subscriptionByArn(input.SubscriptionArn);
    const topic = this.topics.get(sub.topicArn);
    this.applySubscriptionAttributes(
      { protocol: sub.protocol, endpoint: sub.endpoint, topicFifo: topic?.fifo ?? false },
      sub.attributes,
      { [input.AttributeName]: input.AttributeValue ?? '' },
      '',
    );
    this.compileFilter(sub);
    this.emitSubscription('subscriptionAttributesChanged', sub);
    return {};
  }

  // ---- publishing

  private publish(input: api.PublishInput, endpointUrl: string): api.PublishOutput {
    if (input.PhoneNumber !== undefined && input.TopicArn === undefined && input.TargetArn === undefined) {
      return this.publishToPhone(input);
    }
    if (input.TopicArn === undefined && input.TargetArn !== undefined && isEndpointArn(input.TargetArn)) {
      return this.publishToEndpoint(input, input.TargetArn);
    }
    let topic: Topic;
    if (input.TopicArn === undefined && input.TargetArn !== undefined) {
      topic = byArn(this.topics, 'TargetArn', input.TargetArn, () =>
        snsErrors.invalidParameter('TargetArn Reason: No endpoint found for the target arn specified'),
      );
    } else {
      topic = this.topicByArn(input.TopicArn);
    }
    this.checkMemory(input.Message);
    const msg = this.prepare(topic, input, 'messageAttributes', endpointUrl);
    this.fanOut(topic, msg);
    return { MessageId: msg.messageId, ...(msg.sequenceNumber ? { SequenceNumber: msg.sequenceNumber } : {}) };
  }

  private publishToPhone(input: api.PublishInput): api.PublishOutput {
    const phone = input.PhoneNumber!;
    if (!isValidPhoneNumber(phone)) throw snsErrors.invalidParameter(`PhoneNumber Reason: ${phone} is not valid to publish to`);
    const perProtocol = validatePublishBody(input);
    const text = perProtocol?.sms ?? perProtocol?.default ?? input.Message;
    if ([...text].length > MAX_SMS_CHARACTERS) throw snsErrors.invalidParameter('Message too long');
    const messageId = randomUUID();
    // AWS accepts a publish to a number that replied STOP and answers with an id, but sends nothing.
    if (this.sms.isOptedOut(phone)) return { MessageId: messageId };
    const at = this.now();
    const entry = this.dispatcher.outbox.add({ at, protocol: 'sms', endpoint: phone, topicArn: '', subscriptionArn: '', messageId, body: text, kind: 'notification' });
    this.ctx.events.emit({ service: 'sns', type: 'outboxMessage', topicArn: '', subscriptionArn: '', protocol: 'sms', endpoint: phone, entry, at });
    return { MessageId: messageId };
  }

  /** Publish with TargetArn naming a platform endpoint: the device's payload lands in the outbox under the endpoint. */
  private publishToEndpoint(input: api.PublishInput, endpointArn: string): api.PublishOutput {
    requireArnShape('TargetArn', endpointArn);
    const { platform } = this.platform.publishable(endpointArn);
    validateMessageAttributes(input.MessageAttributes, 'messageAttributes');
    const perProtocol = validatePublishBody(input);
    this.checkMemory(input.Message);
    const messageId = randomUUID();
    const body = pushPayload(platform, perProtocol?.[platform], perProtocol?.default ?? input.Message);
    const at = this.now();
    const entry = this.dispatcher.outbox.add({ at, protocol: 'application', endpoint: endpointArn, topicArn: '', subscriptionArn: '', messageId, body, kind: 'notification' });
    this.ctx.events.emit({ service: 'sns', type: 'outboxMessage', topicArn: '', subscriptionArn: '', protocol: 'application', endpoint: endpointArn, entry, at });
    return { MessageId: messageId };
  }

  /**
   * Why an sms or application subscription cannot take a message now (a number that replied STOP, an
   * endpoint deleted or disabled), as the delivery status log would say; undefined when it can.
   */
  private undeliverableReason(sub: Subscription): string | undefined {
    if (sub.protocol === 'sms' && this.sms.isOptedOut(sub.endpoint)) return `${e164(sub.endpoint)} has opted out of SMS`;
    if (sub.protocol !== 'application') return undefined;
    const found = this.platform.find(sub.endpoint);
    if (!found) return 'the platform endpoint does not exist';
    if (found.endpoint.attributes.Enabled !== 'true') return 'the platform endpoint is disabled';
    return undefined;
  }

  /** Validates one message for a topic and gives it its id, FIFO sequence number and deduplication id. */
  private prepare(
    topic: Topic,
    entry: api.PublishBatchRequestEntry | api.PublishInput,
    attributePath: string,
    endpointUrl: string,
  ): SnsMessage {
    validateMessageAttributes(entry.MessageAttributes, attributePath);
    const perProtocol = validatePublishBody(entry);
    const msg: SnsMessage = {
      messageId: randomUUID(),
      topicArn: topic.arn,
      message: perProtocol?.default ?? entry.Message,
      perProtocol,
      subject: entry.Subject,
      attributes: entry.MessageAttributes && Object.keys(entry.MessageAttributes).length ? entry.MessageAttributes : undefined,
      timestamp: this.now(),
      endpoint: endpointUrl,
    };
    if (!topic.fifo) {
      if (entry.MessageDeduplicationId !== undefined) {
        throw snsErrors.invalidParameter(
          'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
        );
      }
      return msg;
    }
    if (!entry.MessageGroupId) throw snsErrors.invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    const contentBased = topic.attributes.ContentBasedDeduplication === 'true';
    if (!entry.MessageDeduplicationId && !contentBased) {
      throw snsErrors.invalidParameter(
        'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    msg.groupId = entry.MessageGroupId;
    msg.deduplicationId = entry.MessageDeduplicationId || createHash('sha256').update(entry.Message).digest('hex');
    topic.sequence += 1n;
    msg.sequenceNumber = topic.sequence.toString().padStart(20, '0');
    return msg;
  }

  private fanOut(topic: Topic, msg: SnsMessage): void {
    const now = this.now();
    if (!topic.fifo || !msg.deduplicationId) {
      this.ctx.events.emit({ service: 'sns', type: 'messagePublished', topicArn: topic.arn, messageId: msg.messageId, message: msg, at: now });
    } else {
      // Ids enter in time order with one fixed window, so the expired ones are all at the front.
      for (const [id, expires] of topic.deduplication) {
        if (expires > now) break;
        topic.deduplication.delete(id);
      }
      const duplicate = topic.deduplication.has(msg.deduplicationId);
      if (!duplicate) topic.deduplication.set(msg.deduplicationId, now + DEDUP_WINDOW_MS);
      const fifo = { sequenceNumber: msg.sequenceNumber!, deduplicationId: msg.deduplicationId, deduplicatedUntil: topic.deduplication.get(msg.deduplicationId)! };
      this.ctx.events.emit({ service: 'sns', type: 'messagePublished', topicArn: topic.arn, messageId: msg.messageId, fifo, message: msg, at: now });
      // A duplicate within the window is accepted and answered, but not delivered again, as in AWS.
      if (duplicate) return;
    }
    for (const subArn of topic.subscriptionArns) {
      const sub = this.subscriptions.get(subArn)!;
      if (sub.pendingConfirmation) continue;
      if (sub.filter) {
        const verdict = evaluateFilterPolicy(sub.filter, this.scopeOf(sub), msg.message, msg.attributes);
        if (!verdict.matched) {
          const filter = verdict.failedKey !== undefined ? { key: verdict.failedKey, condition: verdict.condition ?? '', seen: verdict.seen } : undefined;
          this.dispatcher.report(topic, sub, msg, 'filteredOut', 0, verdict.failedKey, filter);
          continue;
        }
      }
      const blocked = this.undeliverableReason(sub);
      if (blocked) {
        this.dispatcher.report(topic, sub, msg, 'failed', 1, blocked);
        continue;
      }
      this.dispatcher.deliver(topic, sub, msg);
    }
  }

  /**
   * A publish the broker could not store refuses at once: its fan-out to queues would fail delivery by
   * delivery, which a publisher cannot see.
   */
  private checkMemory(message: string | undefined): void {
    const memory = this.ctx.memory;
    if (memory && !memory.fits(Buffer.byteLength(message ?? '', 'utf8'))) throw memory.refusal('sns');
  }

  private publishBatch(input: api.PublishBatchInput, endpointUrl: string): api.PublishBatchOutput {
    const topic = this.topicByArn(input.TopicArn);
    const entries = input.PublishBatchRequestEntries ?? [];
    validateBatchRequest(entries, topic.fifo, topic.attributes.ContentBasedDeduplication === 'true');
    this.checkMemory(entries.map((e) => e.Message ?? '').join(''));
    const out: api.PublishBatchOutput = { Successful: [], Failed: [] };
    for (const [i, entry] of entries.entries()) {
      try {
        const msg = this.prepare(topic, entry, `publishBatchRequestEntries.${i + 1}.member.messageAttributes`, endpointUrl);
        this.fanOut(topic, msg);
        out.Successful.push({ Id: entry.Id, MessageId: msg.messageId, ...(msg.sequenceNumber ? { SequenceNumber: msg.sequenceNumber } : {}) });
      } catch (e) {
        if (!isAwsError(e)) throw e;
        out.Failed.push({ Id: entry.Id, Code: e.code, Message: e.message, SenderFault: e.fault === 'Sender' });
      }
    }
    return out;
  }

  // ---- tags

  private taggedTopic(resourceArn: string): Topic {
    return byArn(this.topics, 'ResourceArn', resourceArn, snsErrors.resourceNotFound);
  }

  private tagResource(input: api.TagResourceInput): api.Empty {
    const topic = this.taggedTopic(input.ResourceArn);
    const tags = validateTags(input.Tags ?? []);
    const merged = new Map([...topic.tags, ...tags]);
    if (merged.size > limits.maxTagsPerResource) {
      throw snsErrors.invalidParameterRaw('Could not complete request: tag quota of per resource exceeded');
    }
    topic.tags = merged;
    this.emitTopic('topicTagged', topic);
    return {};
  }

  private untagResource(input: api.UntagResourceInput): api.Empty {
    const topic = this.taggedTopic(input.ResourceArn);
    for (const key of input.TagKeys ?? []) topic.tags.delete(key);
    this.emitTopic('topicTagged', topic);
    return {};
  }

  private listTagsForResource(input: api.ListTagsForResourceInput): api.ListTagsForResourceOutput {
    const topic = this.taggedTopic(input.ResourceArn);
    return { Tags: [...topic.tags].map(([Key, Value]) => ({ Key, Value })) };
  }
}

/** A platform endpoint's ARN (`...:endpoint/<platform>/<application>/<id>`) rather than a topic's. */
function isEndpointArn(value: string): boolean {
  return parseArn(value)?.resource.startsWith('endpoint/') ?? false;
}

/** The topic or subscription an ARN parameter names, once the ARN has the shape SNS requires; else `missing()`. */
function byArn<T>(entries: Map<string, T>, parameter: string, arn: string, missing: () => Error): T {
  requireArnShape(parameter, arn);
  const found = entries.get(arn);
  if (!found) throw missing();
  return found;
}
