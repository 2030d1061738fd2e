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

/**
 * A platform application (an app registered with a push service) as SNS keeps it. The push service's
 * credentials (PlatformCredential, PlatformPrincipal) are checked and then dropped: nothing is ever sent to
 * a push service, AWS never returns them, and a secret not kept cannot reach a log or a view.
 */
export interface PlatformApplication {
  arn: string;
  name: string;
  platform: string;
  attributes: Record<string, string>;
}

/** A device registered with an application: its push token, Enabled and CustomUserData live in `attributes`. */
export interface PlatformEndpoint {
  arn: string;
  applicationArn: string;
  attributes: Record<string, string>;
}

/** The SMS settings of the account in its region and the numbers that replied STOP: what is saved of SMS. */
export interface SavedSms {
  attributes: Record<string, string>;
  optedOut: string[];
}
