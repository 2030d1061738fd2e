import type { SnsDeliveryStatus } from './events';

/** Where one published message went for one subscription, with its latest status. */
export interface DeliveryRecord {
  messageId: string;
  topicArn: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  status: SnsDeliveryStatus;
  detail?: string;
  attempts: number;
  at: number;
}

const PER_TOPIC = 1000;

/** The recent deliveries of each topic, newest last, for the inspector's "where did it go" view. */
export class DeliveryLog {
  private byTopic = new Map<string, DeliveryRecord[]>();

  record(entry: DeliveryRecord): DeliveryRecord {
    const list = this.byTopic.get(entry.topicArn) ?? [];
    const existing = list.find((r) => r.messageId === entry.messageId && r.subscriptionArn === entry.subscriptionArn);
    if (existing) {
      Object.assign(existing, entry);
      return existing;
    }
    list.push(entry);
    if (list.length > PER_TOPIC) list.shift();
    this.byTopic.set(entry.topicArn, list);
    return entry;
  }

  /** The newest `limit` records of a topic, newest first. */
  list(topicArn: string, limit = 100): DeliveryRecord[] {
    return [...(this.byTopic.get(topicArn) ?? [])].reverse().slice(0, limit);
  }

  forgetTopic(topicArn: string): void {
    this.byTopic.delete(topicArn);
  }
}
