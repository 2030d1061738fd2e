import type { MessageAttributeMap } from './api';
import type { OutboxEntry } from './outbox';
import type { PlatformApplication, PlatformEndpoint, SavedSms } from './model';
import type { SavedSubscription, SavedTopic } from './saved';

/**
 * What changed in SNS. Emitted by SnsService from its one mutation path; the tree shows topics and
 * subscriptions, the inspector shows where each published message went (delivery events). Each event
 * carries what it changed as plain data (the topic, the subscription, the outbox entry), so the store
 * needs nothing else.
 */
export type SnsDeliveryStatus = 'delivered' | 'filteredOut' | 'failed' | 'retrying' | 'deadLettered';

export type SnsEvent =
  | { service: 'sns'; type: 'topicCreated' | 'topicAttributesChanged' | 'topicTagged'; topicArn: string; topic: SavedTopic; at: number }
  | { service: 'sns'; type: 'topicDeleted'; topicArn: string; at: number }
  | {
      service: 'sns';
      type: 'subscriptionCreated' | 'subscriptionConfirmed' | 'subscriptionDeleted' | 'subscriptionAttributesChanged';
      topicArn: string;
      subscriptionArn: string;
      subscription: SavedSubscription;
      /** The topic after the change (its subscription list and counts); absent once the topic is gone. */
      topic?: SavedTopic;
      at: number;
    }
  | {
      service: 'sns';
      type: 'messagePublished';
      topicArn: string;
      messageId: string;
      /** FIFO topics only: the sequence number the message took and its deduplication id with its expiry. */
      fifo?: { sequenceNumber: string; deduplicationId: string; deduplicatedUntil: number };
      /** The message as published (the engine's own object, not a copy): what a trace shows at its first hop. */
      message?: { message: string; subject?: string; attributes?: MessageAttributeMap };
      at: number;
    }
  | {
      service: 'sns';
      type: 'delivery';
      topicArn: string;
      subscriptionArn: string;
      messageId: string;
      protocol: string;
      endpoint: string;
      status: SnsDeliveryStatus;
      /** filteredOut: the policy key the message failed; failed/retrying: what went wrong. */
      detail?: string;
      /** filteredOut: the first condition that said no, as the policy wrote it, and the values the message had. */
      filter?: { key: string; condition: string; seen?: unknown[] };
      attempt: number;
      at: number;
    }
  | {
      service: 'sns';
      type: 'outboxMessage';
      topicArn: string;
      subscriptionArn: string;
      protocol: string;
      endpoint: string;
      /** The entry the outbox holds (its own object). */
      entry: OutboxEntry;
      at: number;
    }
  | { service: 'sns'; type: 'platformApplicationChanged'; application: PlatformApplication; at: number }
  | { service: 'sns'; type: 'platformApplicationDeleted'; applicationArn: string; at: number }
  | { service: 'sns'; type: 'platformEndpointChanged'; endpoint: PlatformEndpoint; at: number }
  | { service: 'sns'; type: 'platformEndpointDeleted'; endpointArn: string; at: number }
  /** SMS attributes or the opt-out list changed: the whole SMS state, small enough to write at once. */
  | { service: 'sns'; type: 'smsSettingsChanged'; sms: SavedSms; at: number };
