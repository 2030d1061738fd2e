import type { SqsOperations } from '../api';
import { runIdBatch } from '../batch';
import { sqsErrors } from '../errors';
import type { SqsOperationContext } from './context';

/** DeleteMessage and DeleteMessageBatch. */
export function deleteOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'DeleteMessage' | 'DeleteMessageBatch'> {
  return {
    DeleteMessage: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (!input.ReceiptHandle) throw sqsErrors.missingParameter('ReceiptHandle');
      queue.deleteMessage(input.ReceiptHandle);
      return {};
    },
    DeleteMessageBatch: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      return runIdBatch(input.Entries, (entry) => queue.deleteMessage(entry.ReceiptHandle));
    },
  };
}
