import type { DedupRecord } from './deduplication';
import type { StoredMessage } from './message';

/** A queue's settings as they stand after a change: what the store keeps of a queue. */
export interface QueueSettings {
  name: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** The parsed RedrivePolicy (queue.ts's RedrivePolicy; spelled out so the webview's types need no Node). */
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
  createdTimestamp: number;
  lastModifiedTimestamp: number;
}

/** A message as sent (or as it arrived in another queue), without its live timers: what the store keeps. */
export type MessageRecord = Omit<StoredMessage, 'deadline' | 'retention'>;

/** The part of a message a receive, a visibility change or a returning deadline changes. */
export const MESSAGE_STATE_FIELDS = ['state', 'visibleAt', 'receivedAt', 'receiveCount', 'firstReceiveTimestamp', 'receiptHandle'] as const;
export type MessageStateRecord = Pick<StoredMessage, (typeof MESSAGE_STATE_FIELDS)[number]>;

/**
 * What changed in SQS. Emitted by SqsService from its one mutation path; the tree, the inspector and the
 * store subscribe. Events name the queue by name and carry what changed, as copies taken when it changed,
 * so a subscriber (the store) never reads the engine back. Events are only built when someone listens.
 */
export type SqsEvent =
  | {
      service: 'sqs';
      type: 'queueCreated' | 'queueAttributesChanged' | 'queueTagged';
      queueName: string;
      at: number;
      /** The queue's settings after the change. */
      settings?: QueueSettings;
    }
  | { service: 'sqs'; type: 'queueDeleted' | 'queuePurged'; queueName: string; at: number }
  | {
      service: 'sqs';
      type:
        | 'messageSent'
        | 'messageReceived'
        | 'messageDeleted'
        | 'visibilityChanged'
        | 'messageVisible'
        | 'messageExpired'
        | 'messageMovedToDeadLetterQueue'
        | 'messageMoved';
      queueName: string;
      messageId: string;
      at: number;
      /** For messageReceived / visibilityChanged: when the message becomes visible again (ms epoch). */
      visibleAt?: number;
      /** For messageMovedToDeadLetterQueue / messageMoved: the queue it went to. */
      targetQueueName?: string;
      receiveCount?: number;
      /**
       * The message's size in bytes: set for messageSent, and for messageMovedToDeadLetterQueue /
       * messageMoved (in targetQueueName), so memory accounting knows what it adds to a queue. Only the
       * size, not a peeked copy: building one (with its system attributes as text) on every send cost the
       * send path more than everything its listeners do.
       */
      size?: number;
      /** With `message`: the whole message as it arrived (in targetQueueName for a move). */
      record?: MessageRecord;
      /** For messageReceived / visibilityChanged / messageVisible: the message's new state. */
      state?: MessageStateRecord;
      /** For a FIFO messageSent: the deduplication record the send started. */
      dedup?: DedupRecord;
    }
  | { service: 'sqs'; type: 'moveTaskChanged'; queueName: string; taskHandle: string; status: string; at: number };
