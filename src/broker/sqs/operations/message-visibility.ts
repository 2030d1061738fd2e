import type { SqsOperations } from '../api';
import { runIdBatch } from '../batch';
import { sqsErrors } from '../errors';
import { checkVisibilityTimeout } from '../receive';
import type { SqsOperationContext } from './context';

/** ChangeMessageVisibility and ChangeMessageVisibilityBatch. */
export function visibilityOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'ChangeMessageVisibility' | 'ChangeMessageVisibilityBatch'> {
  return {
    ChangeMessageVisibility: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (!input.ReceiptHandle) throw sqsErrors.missingParameter('ReceiptHandle');
      queue.changeVisibility(input.ReceiptHandle, checkVisibilityTimeout(input.VisibilityTimeout, true));
      return {};
    },
    ChangeMessageVisibilityBatch: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      return runIdBatch(input.Entries, (entry) => queue.changeVisibility(entry.ReceiptHandle, checkVisibilityTimeout(entry.VisibilityTimeout ?? 0, true)));
    },
  };
}
