import type { SqsOperations } from '../api';
import { sqsErrors } from '../errors';
import { mergeTags } from '../tags';
import type { SqsOperationContext } from './context';

/** TagQueue, UntagQueue and ListQueueTags. */
export function queueTagOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'TagQueue' | 'UntagQueue' | 'ListQueueTags'> {
  return {
    TagQueue: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (!input.Tags || Object.keys(input.Tags).length === 0) throw sqsErrors.missingParameter('Tags');
      queue.setTags(mergeTags(queue.name, queue.tags, input.Tags));
      return {};
    },
    UntagQueue: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (!input.TagKeys || input.TagKeys.length === 0) throw sqsErrors.missingParameter('TagKeys');
      const tags = { ...queue.tags };
      for (const key of input.TagKeys) delete tags[key];
      queue.setTags(tags);
      return {};
    },
    ListQueueTags: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      return Object.keys(queue.tags).length ? { Tags: { ...queue.tags } } : {};
    },
  };
}
