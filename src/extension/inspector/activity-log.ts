import type { ActivityEntry, ActivityKind, DeliveredObject } from '../../inspector/protocol';
import type { BrokerEvent } from '../../broker/events';

const KINDS: Record<string, ActivityKind> = {
  messageSent: 'sent',
  messageReceived: 'received',
  visibilityChanged: 'visibilityChanged',
  messageVisible: 'visible',
  messageDeleted: 'deleted',
  messageExpired: 'expired',
  messageMovedToDeadLetterQueue: 'movedToDeadLetterQueue',
  messageMoved: 'moved',
};

const DELIVERIES_KEPT = 200;

/**
 * What happened to each message since activation, kept from the broker's change events so a message's
 * timeline survives panels opening and closing. Bounded: the oldest entries go first, because a busy app
 * must not grow the extension host's memory without end.
 */
export class ActivityLog {
  private readonly byMessage = new Map<string, ActivityEntry[]>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = 50_000) {}

  private readonly deliveries = new Map<string, DeliveredObject[]>();

  record(event: BrokerEvent): void {
    if (event.service === 'firehose') return this.recordDelivery(event);
    if (event.service !== 'sqs' || !('messageId' in event)) return;
    const kind = KINDS[event.type];
    if (!kind) return;
    const entry: ActivityEntry = { at: event.at, kind, queueName: event.queueName };
    if (event.receiveCount !== undefined) entry.receiveCount = event.receiveCount;
    if (event.visibleAt !== undefined) entry.visibleAt = event.visibleAt;
    if (event.targetQueueName !== undefined) entry.targetQueueName = event.targetQueueName;
    let entries = this.byMessage.get(event.messageId);
    if (!entries) this.byMessage.set(event.messageId, (entries = []));
    entries.push(entry);
    this.order.push(event.messageId);
    if (this.order.length - this.head > this.capacity) this.evictOldest();
  }

  /** What a delivery stream wrote (objects, HTTP posts, failures), newest first. */
  deliveriesOf(deliveryStreamName: string): DeliveredObject[] {
    return [...(this.deliveries.get(deliveryStreamName) ?? [])].reverse();
  }

  private recordDelivery(event: Extract<BrokerEvent, { service: 'firehose' }>): void {
    if (event.type !== 'objectDelivered' && event.type !== 'deliveryFailed' && event.type !== 'httpEndpointDelivered') return;
    let list = this.deliveries.get(event.deliveryStreamName);
    if (!list) this.deliveries.set(event.deliveryStreamName, (list = []));
    const entry: DeliveredObject = {
      at: event.at,
      location: event.url ?? (event.key ? `${event.bucket ?? ''}/${event.key}` : ''),
      recordCount: event.recordCount,
    };
    if (event.error) entry.error = event.error;
    list.push(entry);
    if (list.length > DELIVERIES_KEPT) list.shift();
  }

  timeline(messageId: string): ActivityEntry[] {
    return [...(this.byMessage.get(messageId) ?? [])];
  }

  /** When the message's current hidden period (in flight or delayed) began, if this log saw it start. */
  hiddenSince(messageId: string): number | undefined {
    const entries = this.byMessage.get(messageId);
    if (!entries) return undefined;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e.kind === 'received' || e.kind === 'visibilityChanged' || e.kind === 'sent') return e.at;
      if (e.kind === 'visible') return undefined;
    }
    return undefined;
  }

  private evictOldest(): void {
    const id = this.order[this.head++];
    const entries = this.byMessage.get(id);
    if (entries) {
      entries.shift();
      if (entries.length === 0) this.byMessage.delete(id);
    }
    // Compact now and then instead of shifting the array on every event.
    if (this.head > this.capacity) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}
