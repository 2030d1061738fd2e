import type { SnsEvent } from './events';
import type { Subscription, Topic } from './model';
import type { OutboxEntry } from './outbox';
import type { SnsService } from './service';
import type { ServicePersistence } from '../store/service-persistence';
import type { StateWriter } from '../store/state-writer';

/**
 * SNS as store entries: `sns/t/<topicArn>` a topic with its FIFO sequence and deduplication window,
 * `sns/s/<subscriptionArn>` a subscription (attributes, filter policy, confirmation state and token),
 * `sns/o/<subscriptionArn>/<id>` an outbox entry (email, SMS, push). ARNs hold no '/', so a
 * subscription's outbox entries share one prefix.
 */
const topicKey = (arn: string) => `sns/t/${arn}`;
const subscriptionKey = (arn: string) => `sns/s/${arn}`;
const outboxPrefix = (subscriptionArn: string) => `sns/o/${subscriptionArn}/`;
const outboxKey = (e: OutboxEntry) => `${outboxPrefix(e.subscriptionArn)}${String(e.id).padStart(12, '0')}`;

type SavedTopic = Omit<Topic, 'tags' | 'sequence' | 'deduplication'> & { tags: [string, string][]; sequence: string; deduplication: [string, number][] };
type SavedSubscription = Omit<Subscription, 'filter'>;

export class SnsPersistence implements ServicePersistence {
  constructor(
    private readonly sns: SnsService,
    private readonly writer: StateWriter,
  ) {}

  record(event: SnsEvent): void {
    switch (event.type) {
      case 'topicDeleted':
        this.writer.delete(topicKey(event.topicArn));
        return;
      case 'topicCreated':
      case 'topicAttributesChanged':
      case 'topicTagged':
        this.putTopic(event.topicArn);
        return;
      case 'messagePublished': {
        // A FIFO topic's sequence and deduplication window change right after this event is emitted, in
        // the same call; read them once that call is over (before the wire server asks for durability).
        const topic = this.sns.topicNamed(event.topicArn);
        if (topic?.fifo) queueMicrotask(() => this.putTopic(event.topicArn));
        return;
      }
      case 'subscriptionDeleted':
        this.writer.delete(subscriptionKey(event.subscriptionArn));
        this.writer.deletePrefix(outboxPrefix(event.subscriptionArn));
        this.putTopic(event.topicArn);
        return;
      case 'subscriptionCreated':
      case 'subscriptionConfirmed':
      case 'subscriptionAttributesChanged': {
        const sub = this.sns.subscriptionNamed(event.subscriptionArn);
        if (sub) this.writer.put(subscriptionKey(sub.arn), saveSubscription(sub));
        this.putTopic(event.topicArn);
        return;
      }
      case 'outboxMessage': {
        const entries = this.sns.outbox.list();
        const latest = entries[entries.length - 1];
        if (latest) this.writer.put(outboxKey(latest), latest);
        return;
      }
      case 'delivery':
        return;
    }
  }

  private putTopic(arn: string): void {
    const topic = this.sns.topicNamed(arn);
    if (topic) this.writer.put(topicKey(arn), saveTopic(topic));
  }

  *collect(): Generator<[string, unknown]> {
    for (const topic of this.sns.allTopics()) yield [topicKey(topic.arn), saveTopic(topic)];
    for (const sub of this.sns.allSubscriptions()) yield [subscriptionKey(sub.arn), saveSubscription(sub)];
    for (const entry of this.sns.outbox.list()) yield [outboxKey(entry), entry];
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
      this.sns.restoreTopic(topic, topic.subscriptionArns.map((a) => subscriptions.get(a)!));
    }
    outbox.sort((a, b) => a.id - b.id);
    for (const entry of outbox) this.sns.outbox.restore(entry);
  }
}

function saveTopic(topic: Topic): SavedTopic {
  return {
    ...topic,
    tags: [...topic.tags],
    sequence: topic.sequence.toString(),
    deduplication: [...topic.deduplication],
  };
}

function saveSubscription(sub: Subscription): SavedSubscription {
  const { filter: _filter, ...saved } = sub;
  return saved;
}
