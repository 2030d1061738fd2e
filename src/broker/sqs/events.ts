import type { PeekedMessage } from './message';

/**
 * What changed in SQS. Emitted by SqsService from its one mutation path; the tree, the inspector and the
 * store subscribe. Events name the queue by name and carry only what a subscriber needs to update itself.
 */
export type SqsEvent =
  | { service: 'sqs'; type: 'queueCreated' | 'queueDeleted' | 'queueAttributesChanged' | 'queueTagged' | 'queuePurged'; queueName: string; at: number }
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
       * The message as it now stands: set for messageSent, and for messageMovedToDeadLetterQueue /
       * messageMoved (then as it stands in targetQueueName), so memory accounting knows the size it adds
       * to a queue. (The store reads the queue from the engine instead.)
       */
      message?: PeekedMessage;
    }
  | { service: 'sqs'; type: 'moveTaskChanged'; queueName: string; taskHandle: string; status: string; at: number };
