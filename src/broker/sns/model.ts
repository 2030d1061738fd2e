import type { CompiledFilterPolicy } from './filter-policy-compile';

export interface Topic {
  arn: string;
  name: string;
  fifo: boolean;
  /** Attributes set by the user (DisplayName, Policy, DeliveryPolicy, ...); derived ones are computed on read. */
  attributes: Record<string, string>;
  tags: Map<string, string>;
  subscriptionArns: string[];
  /** FIFO topics number every message; SNS sequence numbers are 20-digit decimal strings. */
  sequence: bigint;
  /** FIFO deduplication: id to expiry (ms), SNS's 5-minute window. */
  deduplication: Map<string, number>;
  subscriptionsDeleted: number;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  attributes: Record<string, string>;
  pendingConfirmation: boolean;
  /** True when no confirmation was needed or it asked for authenticated unsubscribes. */
  confirmationWasAuthenticated: boolean;
  /** The confirmation token sent to endpoints that must confirm (http/https/email). */
  token: string;
  filter?: CompiledFilterPolicy;
}

export const protocols = ['sqs', 'http', 'https', 'lambda', 'email', 'email-json', 'sms', 'application', 'firehose'] as const;

/** Protocols whose endpoint must confirm before it gets notifications. */
export const confirmingProtocols = new Set(['http', 'https', 'email', 'email-json']);
