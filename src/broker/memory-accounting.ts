import type { EventBus } from './events';
import type { MemoryBudget } from './memory-budget';
import type { SqsService } from './sqs/service';

/**
 * Keeps a MemoryBudget's counters in step with what the services report through their change events:
 * SQS messages by their size as sent (the queue's own code stays unaware of the budget) and whole
 * owners freed when a queue is purged or deleted, or a stream or delivery stream deleted. Kinesis and
 * Firehose hold and release record bytes themselves, where records are appended and dropped.
 */
export function accountMemory(events: EventBus, budget: MemoryBudget): MemoryAccounting {
  const messageSizes = new Map<string, Map<string, number>>();
  const add = (queueName: string, messageId: string, size: number) => {
    let sizes = messageSizes.get(queueName);
    if (!sizes) messageSizes.set(queueName, (sizes = new Map()));
    sizes.set(messageId, size);
    budget.hold(`sqs:${queueName}`, size);
  };
  const remove = (queueName: string, messageId: string) => {
    const sizes = messageSizes.get(queueName);
    const size = sizes?.get(messageId);
    if (sizes === undefined || size === undefined) return;
    sizes.delete(messageId);
    budget.release(`sqs:${queueName}`, size);
  };
  events.on((event) => {
    switch (event.type) {
      case 'messageSent':
        if (event.size !== undefined) add(event.queueName, event.messageId, event.size);
        break;
      case 'messageDeleted':
      case 'messageExpired':
        remove(event.queueName, event.messageId);
        break;
      case 'messageMovedToDeadLetterQueue':
      case 'messageMoved':
        remove(event.queueName, event.messageId);
        if (event.size !== undefined && event.targetQueueName) add(event.targetQueueName, event.messageId, event.size);
        break;
      case 'queuePurged':
      case 'queueDeleted':
        messageSizes.delete(event.queueName);
        budget.releaseAll(`sqs:${event.queueName}`);
        break;
      case 'streamDeleted':
        budget.releaseAll(`kinesis:${event.streamName}`);
        break;
      case 'deliveryStreamDeleted':
        budget.releaseAll(`firehose:${event.deliveryStreamName}`);
        break;
    }
  });
  return {
    countRestored: (sqs) => {
      for (const queue of sqs.allQueues()) for (const m of queue.allMessages()) add(queue.name, m.messageId, m.size);
    },
  };
}

export interface MemoryAccounting {
  /**
   * Counts what a restart put back without events (the store restores state silently): one walk at
   * start-up, so the budget holds the restored messages from the first request on. (Kinesis and Firehose
   * count their restored records themselves, where they put them back.)
   */
  countRestored(sqs: SqsService): void;
}
