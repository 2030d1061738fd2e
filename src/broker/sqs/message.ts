import type { Deadline } from '../scheduler';
import type { MessageAttributeMap } from './api';

export type MessageState = 'visible' | 'inFlight' | 'delayed';

/** A message as a queue holds it. Mutated only by its Queue (the one mutation path). */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes?: MessageAttributeMap;
  readonly md5OfMessageAttributes?: string;
  readonly awsTraceHeader?: string;
  readonly senderId: string;
  readonly sentTimestamp: number;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  /** Bytes of body plus attribute names, types and values: what MaximumMessageSize limits. */
  readonly size: number;
  sequenceNumber?: string;
  /** Set when the message was moved to a dead-letter queue: the ARN and name of the queue it left. */
  deadLetterQueueSourceArn?: string;
  deadLetterQueueSourceName?: string;
  /**
   * When the message was enqueued; retention counts from here. A standard queue's message moved to its
   * dead-letter queue keeps the time of its first arrival, as in AWS.
   */
  enqueuedAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  state: MessageState;
  /** For in-flight and delayed messages: when they become visible (ms epoch). */
  visibleAt?: number;
  /** When the current in-flight period started: the 12-hour visibility limit counts from here. */
  receivedAt?: number;
  /** The receipt handle of the latest receive; older ones are stale. */
  receiptHandle?: string;
  deadline?: Deadline;
  /** Its own retention deadline, only for a message that arrived older than one already in its queue. */
  retention?: Deadline;
}

/** The PeekedMessage of the inspector: a read-only picture of a message that changes nothing. */
export interface PeekedMessage {
  messageId: string;
  body: string;
  state: MessageState;
  sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  visibleAt?: number;
  receiptHandle?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  messageAttributes?: MessageAttributeMap;
  attributes: Record<string, string>;
  size: number;
  deadLetterSourceQueueName?: string;
}

/** The system attributes a receiver may ask for, as this message would report them now. */
export function systemAttributes(message: StoredMessage): Record<string, string> {
  const attributes: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
  };
  if (message.firstReceiveTimestamp !== undefined) {
    attributes.ApproximateFirstReceiveTimestamp = String(message.firstReceiveTimestamp);
  }
  if (message.awsTraceHeader !== undefined) attributes.AWSTraceHeader = message.awsTraceHeader;
  if (message.messageGroupId !== undefined) attributes.MessageGroupId = message.messageGroupId;
  if (message.messageDeduplicationId !== undefined) attributes.MessageDeduplicationId = message.messageDeduplicationId;
  if (message.sequenceNumber !== undefined) attributes.SequenceNumber = message.sequenceNumber;
  if (message.deadLetterQueueSourceArn !== undefined) {
    attributes.DeadLetterQueueSourceArn = message.deadLetterQueueSourceArn;
  }
  return attributes;
}

export function peekMessage(message: StoredMessage): PeekedMessage {
  return {
    messageId: message.messageId,
    body: message.body,
    state: message.state,
    sentTimestamp: message.sentTimestamp,
    receiveCount: message.receiveCount,
    firstReceiveTimestamp: message.firstReceiveTimestamp,
    visibleAt: message.state === 'visible' ? undefined : message.visibleAt,
    receiptHandle: message.state === 'inFlight' ? message.receiptHandle : undefined,
    messageGroupId: message.messageGroupId,
    messageDeduplicationId: message.messageDeduplicationId,
    sequenceNumber: message.sequenceNumber,
    messageAttributes: message.messageAttributes,
    attributes: systemAttributes(message),
    size: message.size,
    deadLetterSourceQueueName: message.deadLetterQueueSourceName,
  };
}
