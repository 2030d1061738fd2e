import type { SnsEvent } from './events';
import type { PlatformApplication, PlatformEndpoint, SavedSms, Subscription, Topic } from './model';
import type { OutboxEntry } from './outbox';
import type { SavedSubscription, SavedTopic } from './saved';
import type { SnsService } from './service';
import { EnginePersistence } from '../store/service-persistence';

/**
 * SNS as store entries: `sns/t/<topicArn>` a topic with its FIFO sequence and deduplication window,
 * `sns/s/<subscriptionArn>` a subscription (attributes, filter policy, confirmation state and token),
 * `sns/o/<subscriptionArn>/<id>` an outbox entry (email, SMS, push). ARNs hold no '/', so a
 * subscription's outbox entries share one prefix. Mobile push and SMS: `sns/app/<applicationArn>` a
 * platform application (no credentials), `sns/endpoint/<endpointArn>` a platform endpoint, `sns/sms` the SMS
 * attributes with the opted-out numbers. Every event carries what it changed, so recording one reads nothing
 * back from the engine.
 */
const topicKey = (arn: string) => `sns/t/${arn}`;
const subscriptionKey = (arn: string) => `sns/s/${arn}`;
const outboxPrefix = (subscriptionArn: string) => `sns/o/${subscriptionArn}/`;
const applicationKey = (arn: string) => `sns/app/${arn}`;
const endpointKey = (arn: string) => `sns/endpoint/${arn}`;
const SMS_KEY = 'sns/sms';
const outboxKey = (e: OutboxEntry) => `${outboxPrefix(e.subscriptionArn)}${String(e.id).padStart(12, '0')}`;

export class SnsPersistence extends EnginePersistence<SnsService> {
  /**
   * Each topic as last written, so a FIFO publish (which moves the topic's sequence and deduplication
   * window) rewrites the topic from what the event says, without a copy of the topic on the engine's hot path.
   */
  private readonly topics = new Map<string, { saved: SavedTopic; deduplication: Map<string, number> }>();

  record(event: SnsEvent): void {
    switch (event.type) {
      case 'topicDeleted':
        this.topics.delete(event.topicArn);
        this.writer.delete(topicKey(event.topicArn));
        return;
      case 'topicCreated':
      case 'topicAttributesChanged':
      case 'topicTagged':
        this.putTopic(event.topic);
        return;
      case 'messagePublished': {
        const kept = event.fifo && this.topics.get(event.topicArn);
        if (!kept || !event.fifo) return;
        // As the engine does: expired ids leave the front of the window, a new id joins it at the end.
        for (const [id, expires] of kept.deduplication) {
          if (expires > event.at) break;
          kept.deduplication.delete(id);
        }
        kept.deduplication.set(event.fifo.deduplicationId, event.fifo.deduplicatedUntil);
        kept.saved = { ...kept.saved, sequence: BigInt(event.fifo.sequenceNumber).toString(), deduplication: [...kept.deduplication] };
        this.writer.put(topicKey(event.topicArn), kept.saved);
        return;
      }
      case 'subscriptionDeleted':
        this.writer.delete(subscriptionKey(event.subscriptionArn));
        this.writer.deletePrefix(outboxPrefix(event.subscriptionArn));
        if (event.topic) this.putTopic(event.topic);
        return;
      case 'subscriptionCreated':
      case 'subscriptionConfirmed':
      case 'subscriptionAttributesChanged':
        this.writer.put(subscriptionKey(event.subscriptionArn), event.subscription);
        if (event.topic) this.putTopic(event.topic);
        return;
      case 'outboxMessage':
        this.writer.put(outboxKey(event.entry), event.entry);
        return;
      case 'platformApplicationChanged':
        this.writer.put(applicationKey(event.application.arn), event.application);
        return;
      case 'platformApplicationDeleted':
        this.writer.delete(applicationKey(event.applicationArn));
        return;
      case 'platformEndpointChanged':
        this.writer.put(endpointKey(event.endpoint.arn), event.endpoint);
        return;
      case 'platformEndpointDeleted':
        this.writer.delete(endpointKey(event.endpointArn));
        return;
      case 'smsSettingsChanged':
        this.writer.put(SMS_KEY, event.sms);
        return;
      case 'delivery':
        return;
    }
  }

  private putTopic(saved: SavedTopic): void {
    this.topics.set(saved.arn, { saved, deduplication: new Map(saved.deduplication) });
    this.writer.put(topicKey(saved.arn), saved);
  }

  *collect(): Generator<[string, unknown]> {
    for (const topic of this.engine.savedTopics()) yield [topicKey(topic.arn), topic];
    for (const sub of this.engine.savedSubscriptions()) yield [subscriptionKey(sub.arn), sub];
    for (const entry of this.engine.outbox.list()) yield [outboxKey(entry), entry];
    for (const app of this.engine.platform.savedApplications()) yield [applicationKey(app.arn), app];
    for (const endpoint of this.engine.platform.savedEndpoints()) yield [endpointKey(endpoint.arn), endpoint];
    yield [SMS_KEY, this.engine.sms.saved()];
  }

  restore(entries: Map<string, unknown>): void {
    const subscriptions = new Map<string, Subscription>();
    const outbox: OutboxEntry[] = [];
    for (const [key, value] of entries) {
      if (key.startsWith('sns/s/')) subscriptions.set(key.slice(6), { ...(value as SavedSubscription) });
      else if (key.startsWith('sns/o/')) outbox.push(value as OutboxEntry);
    }
    for (const [key, value] of entries) {
      if (!key.startsWith('sns/t/')) continue;
      const saved = value as SavedTopic;
      const topic: Topic = {
        ...saved,
        subscriptionArns: saved.subscriptionArns.filter((a) => subscriptions.has(a)),
        tags: new Map(saved.tags),
        sequence: BigInt(saved.sequence),
        deduplication: new Map(saved.deduplication),
      };
      this.engine.restoreTopic(topic, topic.subscriptionArns.map((a) => subscriptions.get(a)!));
      this.topics.set(saved.arn, { saved: { ...saved, subscriptionArns: topic.subscriptionArns }, deduplication: new Map(saved.deduplication) });
    }
    const applications: PlatformApplication[] = [];
    const endpoints: PlatformEndpoint[] = [];
    for (const [key, value] of entries) {
      if (key.startsWith('sns/app/')) applications.push(value as PlatformApplication);
      else if (key.startsWith('sns/endpoint/')) endpoints.push(value as PlatformEndpoint);
    }
    this.engine.restorePush(applications, endpoints, entries.get(SMS_KEY) as SavedSms | undefined);
    outbox.sort((a, b) => a.id - b.id);
    for (const entry of outbox) this.engine.outbox.restore(entry);
  }
}
