import type { SqsOperations } from '../api';
import { sqsErrors } from '../errors';
import type { SqsOperationContext } from './context';

/** CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, PurgeQueue and ListDeadLetterSourceQueues. */
export function queueOperations(
  ctx: SqsOperationContext,
): Pick<SqsOperations, 'CreateQueue' | 'DeleteQueue' | 'GetQueueUrl' | 'ListQueues' | 'PurgeQueue' | 'ListDeadLetterSourceQueues'> {
  return {
    CreateQueue: (input, rc) => ({ QueueUrl: ctx.createQueue(input.QueueName, input.Attributes, input.tags, rc) }),
    DeleteQueue: (input) => {
      ctx.deleteQueue(ctx.requireQueue(input.QueueUrl));
      return {};
    },
    GetQueueUrl: (input, rc) => {
      if (!input.QueueName) throw sqsErrors.missingParameter('QueueName');
      const owner = input.QueueOwnerAWSAccountId;
      if ((owner && owner !== ctx.accountId) || !ctx.hasQueue(input.QueueName)) throw sqsErrors.queueDoesNotExist();
      return { QueueUrl: ctx.queueUrl(input.QueueName, rc?.endpoint) };
    },
    ListQueues: (input, rc) => {
      const names = [...ctx.queueNames()].filter((n) => !input.QueueNamePrefix || n.startsWith(input.QueueNamePrefix));
      const page = paginate(names.sort(), input.MaxResults, input.NextToken);
      if (page.items.length === 0) return {};
      return { QueueUrls: page.items.map((n) => ctx.queueUrl(n, rc?.endpoint)), NextToken: page.nextToken };
    },
    PurgeQueue: (input) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      if (queue.purgeInProgress) throw sqsErrors.purgeQueueInProgress(queue.name);
      queue.purge();
      return {};
    },
    ListDeadLetterSourceQueues: (input, rc) => {
      const queue = ctx.requireQueue(input.QueueUrl);
      const names = ctx.deadLetterSources(queue).map((q) => q.name).sort();
      const page = paginate(names, input.MaxResults, input.NextToken);
      return { queueUrls: page.items.map((n) => ctx.queueUrl(n, rc?.endpoint)), NextToken: page.nextToken };
    },
  };
}

/** Pages through sorted names; the token is the last name of the previous page (opaque to clients). */
function paginate(names: string[], maxResults: number | undefined, nextToken: string | undefined) {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)) {
    throw sqsErrors.invalidValue(maxResults, 'MaxResults', 'MaxResults must be an integer between 1 and 1000.');
  }
  let start = 0;
  if (nextToken) {
    const after = Buffer.from(nextToken, 'base64').toString('utf8');
    if (!after.startsWith('name:')) throw sqsErrors.invalidParameterValue('Invalid NextToken value.');
    const last = after.slice(5);
    start = names.findIndex((n) => n > last);
    if (start < 0) start = names.length;
  }
  const size = maxResults ?? 1000;
  const items = names.slice(start, start + size);
  const more = maxResults !== undefined && start + size < names.length;
  return { items, nextToken: more ? Buffer.from(`name:${items[items.length - 1]}`, 'utf8').toString('base64') : undefined };
}
