/**
 * What changed in SNS. Emitted by SnsService from its one mutation path; the tree shows topics and
 * subscriptions, the inspector shows where each published message went (delivery events).
 */
export type SnsDeliveryStatus = 'delivered' | 'filteredOut' | 'failed' | 'retrying' | 'deadLettered';

export type SnsEvent =
  | { service: 'sns'; type: 'topicCreated' | 'topicDeleted' | 'topicAttributesChanged' | 'topicTagged'; topicArn: string; at: number }
  | {
      service: 'sns';
      type: 'subscriptionCreated' | 'subscriptionConfirmed' | 'subscriptionDeleted' | 'subscriptionAttributesChanged';
      topicArn: string;
      subscriptionArn: string;
      at: number;
    }
  | { service: 'sns'; type: 'messagePublished'; topicArn: string; messageId: string; at: number }
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
      attempt: number;
      at: number;
    }
  | { service: 'sns'; type: 'outboxMessage'; topicArn: string; subscriptionArn: string; protocol: string; endpoint: string; at: number };
