/**
 * Where deliveries that would leave the machine land instead: email, email-json, sms, application push,
 * and Lambda invocations while no local function runtime is attached. Each entry shows what the real
 * recipient would get, so the inspector can display it.
 */
export interface OutboxEntry {
  id: number;
  at: number;
  protocol: string;
  endpoint: string;
  topicArn: string;
  /** Empty for a Publish straight to a phone number. */
  subscriptionArn: string;
  messageId: string;
  /** Email subject line (email only). */
  subject?: string;
  /** The body as the recipient sees it: email text, the email-json document, the SMS text, the push payload. */
  body: string;
  kind: 'notification' | 'subscriptionConfirmation' | 'unsubscribeConfirmation';
}

const CAPACITY = 1000;

export class Outbox {
  private entries: OutboxEntry[] = [];
  private nextId = 1;

  add(entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
    const full = { ...entry, id: this.nextId++ };
    this.entries.push(full);
    // A long session must not grow without bound; the oldest mail goes first.
    if (this.entries.length > CAPACITY) this.entries.shift();
    return full;
  }

  /** Newest last; filtered by endpoint (address, phone, ARN) or subscription ARN when given. */
  list(endpointOrSubscriptionArn?: string): OutboxEntry[] {
    if (endpointOrSubscriptionArn === undefined) return [...this.entries];
    return this.entries.filter((e) => e.endpoint === endpointOrSubscriptionArn || e.subscriptionArn === endpointOrSubscriptionArn);
  }

  /** Takes back an entry kept across a restart; callers restore oldest first. */
  restore(entry: OutboxEntry): void {
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.shift();
    this.nextId = Math.max(this.nextId, entry.id + 1);
  }

  removeSubscription(subscriptionArn: string): void {
    this.entries = this.entries.filter((e) => e.subscriptionArn !== subscriptionArn);
  }
}
