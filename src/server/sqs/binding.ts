import type { ServiceBinding } from '../binding';
import { jsonTarget, type ServiceModel } from '../model';
import model from '../models/sqs.json';
import { sqsShapes } from './shapes';

/** SQS: JSON 1.0 with query-compatible errors (the current SDKs) and query/XML (awscli 2.9, boto3 1.26). */
export const sqsBinding: ServiceBinding = {
  name: 'sqs',
  operations: (broker) => broker.sqs.operations,
  reset: (broker) => {
    // Deleting through DeleteQueue emits the events the tree and inspector follow.
    const { ListQueues, DeleteQueue } = broker.sqs.operations;
    for (let urls = ListQueues({}).QueueUrls; urls?.length; urls = ListQueues({}).QueueUrls) {
      for (const QueueUrl of urls) DeleteQueue({ QueueUrl });
    }
    broker.sqs.releaseDeletedQueueNames();
  },
  target: jsonTarget(model as ServiceModel),
  // AWS's current model of SQS is JSON only; the older query clients (awscli 2.9, boto3 1.26) use this namespace.
  query: {
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
    prepareInput: (action, input, request) => {
      // Query clients may post to the queue URL itself instead of naming it in the form.
      const takesQueueUrl = 'QueueUrl' in (sqsShapes[action]?.input.members ?? {});
      if (takesQueueUrl && input.QueueUrl === undefined && QUEUE_PATH.test(request.path)) {
        input.QueueUrl = `${request.endpoint}${request.path}`;
      }
    },
  },
  shapes: sqsShapes,
};

/** `/<account id>/<queue name>` */
const QUEUE_PATH = /^\/[0-9]{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
