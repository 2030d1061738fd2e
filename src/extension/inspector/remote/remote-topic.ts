import type { PublishRequest, SubscriptionSummary, TopicDescription } from '../../../inspector/protocol';
import { publishInput } from '../send-entries';
import { RequestFailure } from '../session';
import type { ConnectionAccess } from './connection-access';

/** Why a connection's topic has no outbox or delivery log: said by the view, and by the requests if asked. */
export const NO_DELIVERY_LOG =
  'SNS keeps no record a client can read of what it delivered to each subscription: the outbox and the delivery log exist only on the local broker, which delivers the messages itself. On AWS, turn on delivery status logging (CloudWatch Logs) or subscribe a queue to see what the topic sends.';

/**
 * The topic inspector on a connection: the topic's attributes and subscriptions with their filter
 * policies (ListSubscriptionsByTopic, GetSubscriptionAttributes), setting a filter policy and publishing,
 * both only with writes enabled.
 */
export class RemoteTopicHandler {
  private topicArn: string | undefined;

  constructor(
    private readonly access: ConnectionAccess,
    private readonly topicName: string,
  ) {}

  private get sns() {
    return this.access.client().sns;
  }

  /** The topic's ARN, found in ListTopics (the account and region are the connection's, not known here). */
  private async arn(): Promise<string> {
    if (this.topicArn) return this.topicArn;
    let NextToken: string | undefined;
    do {
      const page = await this.sns('ListTopics', { NextToken });
      const found = (page.Topics ?? []).find((t) => t.TopicArn.slice(t.TopicArn.lastIndexOf(':') + 1) === this.topicName);
      if (found) return (this.topicArn = found.TopicArn);
      NextToken = page.NextToken;
    } while (NextToken);
    throw new RequestFailure('NotFound', `Topic does not exist: ${this.topicName}`);
  }

  async describe(): Promise<TopicDescription> {
    const arn = await this.arn();
    const { Attributes: attributes = {} } = await this.sns('GetTopicAttributes', { TopicArn: arn });
    const listed: { SubscriptionArn: string; Protocol: string; Endpoint: string }[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.sns('ListSubscriptionsByTopic', { TopicArn: arn, NextToken });
      listed.push(...(page.Subscriptions ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    const subscriptions: SubscriptionSummary[] = await Promise.all(listed.map(async (s) => {
      const pending = s.SubscriptionArn === 'PendingConfirmation';
      const a: Record<string, string> = pending ? {} : ((await this.sns('GetSubscriptionAttributes', { SubscriptionArn: s.SubscriptionArn })).Attributes ?? {});
      return {
        arn: s.SubscriptionArn,
        protocol: s.Protocol,
        endpoint: s.Endpoint,
        status: pending || a.PendingConfirmation === 'true' ? 'PendingConfirmation' : 'Confirmed',
        ...(a.FilterPolicy ? { filterPolicy: a.FilterPolicy, filterPolicyScope: a.FilterPolicyScope ?? 'MessageAttributes' } : {}),
        rawMessageDelivery: a.RawMessageDelivery === 'true',
      };
    }));
    return { name: this.topicName, arn, fifo: this.topicName.endsWith('.fifo'), attributes, subscriptions };
  }

  /** As the local inspector does it: the scope first, then the policy; an empty policy removes the filter. */
  async setFilterPolicy(subscriptionArn: string, filterPolicy: string, scope: 'MessageAttributes' | 'MessageBody'): Promise<null> {
    const sns = this.access.writable().sns;
    const set = (AttributeName: string, AttributeValue: string) => sns('SetSubscriptionAttributes', { SubscriptionArn: subscriptionArn, AttributeName, AttributeValue });
    if (filterPolicy.trim()) {
      await set('FilterPolicyScope', scope);
      await set('FilterPolicy', filterPolicy);
    } else {
      await set('FilterPolicy', '');
    }
    return null;
  }

  async publish(request: PublishRequest): Promise<{ messageId: string }> {
    const sns = this.access.writable().sns;
    return { messageId: (await sns('Publish', publishInput(await this.arn(), request))).MessageId };
  }
}
