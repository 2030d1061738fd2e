import type { SnsService } from '../../broker/sns/service';
import { publishInput } from './send-entries';
import { snsErrors } from '../../broker/sns/errors';
import type { OutboxEntry, PublishedMessage, PublishRequest, TopicDescription } from '../../inspector/protocol';

export type SnsPort = Pick<SnsService, 'operations' | 'listTopicSummaries' | 'listDeliveries' | 'listOutbox' | 'optOutPhoneNumber'>;

/** Answers the topic inspector with the SNS engine's operations and its delivery log and outbox. */
export class TopicHandler {
  constructor(
    private readonly sns: SnsPort,
    private readonly topicName: string,
  ) {}

  private summary() {
    const topic = this.sns.listTopicSummaries().find((t) => t.name === this.topicName);
    if (!topic) throw snsErrors.topicNotFound();
    return topic;
  }

  get arn(): string {
    return this.summary().arn;
  }

  describe(): TopicDescription {
    const t = this.summary();
    return {
      name: t.name,
      arn: t.arn,
      fifo: t.fifo,
      attributes: this.sns.operations.GetTopicAttributes({ TopicArn: t.arn }).Attributes ?? {},
      subscriptions: t.subscriptions.map((s) => ({
        arn: s.arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        status: s.pending ? 'PendingConfirmation' : 'Confirmed',
        filterPolicy: s.filterPolicy,
        filterPolicyScope: s.filterPolicyScope,
        rawMessageDelivery: s.raw,
      })),
    };
  }

  /** Sets or, with an empty policy, removes a subscription's filter; the engine validates it as SNS does. */
  setFilterPolicy(subscriptionArn: string, filterPolicy: string, scope: 'MessageAttributes' | 'MessageBody'): null {
    const set = (AttributeName: string, AttributeValue: string) =>
      this.sns.operations.SetSubscriptionAttributes({ SubscriptionArn: subscriptionArn, AttributeName, AttributeValue });
    if (filterPolicy.trim()) {
      set('FilterPolicyScope', scope);
      set('FilterPolicy', filterPolicy);
    } else {
      set('FilterPolicy', '');
    }
    return null;
  }

  publish(request: PublishRequest): { messageId: string } {
    return { messageId: this.sns.operations.Publish(publishInput(this.arn, request)).MessageId };
  }

  /** Newest first: each published message with what happened at every subscription. */
  published(limit: number): PublishedMessage[] {
    const byMessage = new Map<string, PublishedMessage>();
    for (const d of this.sns.listDeliveries(this.arn, 1000)) {
      let m = byMessage.get(d.messageId);
      if (!m) {
        if (byMessage.size >= limit) continue;
        byMessage.set(d.messageId, (m = { messageId: d.messageId, at: d.at, deliveries: [] }));
      }
      m.at = Math.min(m.at, d.at);
      m.deliveries.push({
        subscriptionArn: d.subscriptionArn,
        protocol: d.protocol,
        endpoint: d.endpoint,
        status: d.status,
        reason: d.detail,
        attempts: d.attempts,
        at: d.at,
      });
    }
    return [...byMessage.values()];
  }

  outbox(limit: number): OutboxEntry[] {
    const arn = this.arn;
    return this.sns
      .listOutbox()
      .filter((e) => e.topicArn === arn)
      .slice(-limit)
      .reverse()
      .map((e) => ({
        id: e.id,
        messageId: e.messageId,
        protocol: e.protocol,
        endpoint: e.endpoint,
        at: e.at,
        kind: e.kind,
        subject: e.subject,
        body: e.body,
        ...(e.protocol === 'sms' ? { optedOut: this.optedOut(e.endpoint) } : {}),
      }));
  }

  /** As if the person at this number replied STOP to the SMS. */
  replyStop(phoneNumber: string): null {
    this.sns.optOutPhoneNumber(phoneNumber);
    return null;
  }

  private optedOut(phoneNumber: string): boolean {
    try {
      return this.sns.operations.CheckIfPhoneNumberIsOptedOut({ phoneNumber }).isOptedOut;
    } catch {
      return false;
    }
  }
}
