/** One step of a message's way through the broker, as a trace records it. Plain JSON: it crosses the admin route and the webview as is. */
export interface TraceHop {
  /** The trace it belongs to: the id of the first message of the chain (an SNS MessageId, an SQS MessageId, ...). */
  traceId: string;
  /** Order among all hops of the broker, so a trace sorts hops that share a millisecond. */
  seq: number;
  /** Broker time (ms epoch). */
  at: number;
  service: 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'functions' | 's3';
  /** The queue, topic, stream, delivery stream, bus or function the hop happened at (its name, or a topic's ARN). */
  resource: string;
  kind: TraceHopKind;
  /** The id the message has at this hop (SQS MessageId, SNS MessageId, a Kinesis sequence number, an event id). */
  messageId?: string;
  /** The payload at this hop, as text (bytes decoded as UTF-8). */
  payload?: string;
  /** Message attributes as text, where the hop has them. */
  attributes?: Record<string, string>;
  /** Where it went or what went wrong (a subscription, a target, a queue, an error). */
  detail?: string;
  /** A filter policy that said no: the first condition that failed and the values the message had. */
  filter?: { key: string; condition: string; seen?: unknown[] };
  receiveCount?: number;
}

export type TraceHopKind =
  | 'sent'
  | 'published'
  | 'put'
  | 'received'
  | 'visibilityChanged'
  | 'visibilityExpired'
  | 'deleted'
  | 'expired'
  | 'movedToDeadLetterQueue'
  | 'redriven'
  | 'delivered'
  | 'filteredOut'
  | 'deliveryFailed'
  | 'deliveryRetrying'
  | 'deadLettered'
  | 'ruleMatched'
  | 'invoked'
  | 'invocationFailed'
  | 'objectDelivered'
  /** An S3 object changed in a bucket that sends notifications (created or removed: `detail` says which). */
  | 'objectChanged';
