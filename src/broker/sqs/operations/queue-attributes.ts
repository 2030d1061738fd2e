import { parseArn } from '../../identity';
import type { SqsOperations } from '../api';
import { addPermission, removePermission } from '../permissions';
import { selectQueueAttributes } from '../queue-attributes';
import type { SqsOperationContext } from './context';

/** GetQueueAttributes, SetQueueAttributes, and AddPermission / RemovePermission (they edit the Policy attribute). */
export function queueAttributeOperations(
  ctx: SqsOperationContext,
): Pick<SqsOperations, 'GetQueueAttributes' | 'SetQueueAttributes' | 'AddPermission' | 'RemovePermission'> {
  return {
    GetQueueAttributes: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      const attributes = selectQueueAttributes(queue, input.AttributeNames);
      return attributes ? { Attributes: attributes } : {};
    },
    SetQueueAttributes: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (!input.Attributes || Object.keys(input.Attributes).length === 0) return {};
      const { values, redrivePolicy } = ctx.checkQueueAttributes(input.Attributes, queue.fifo, queue.arn, queue);
      queue.setAttributes(values, redrivePolicy);
      return {};
    },
    AddPermission: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      const partition = parseArn(queue.arn)?.partition ?? 'aws';
      const policy = addPermission(queue.attributes.Policy, queue.arn, partition, input.Label, input.AWSAccountIds, input.Actions);
      queue.setAttributes({ Policy: policy }, null);
      return {};
    },
    RemovePermission: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      queue.setAttributes({ Policy: removePermission(queue.attributes.Policy, queue.arn, input.Label) }, null);
      return {};
    },
  };
}
