import type { RequestContext } from '../api';
import type { MoveTasks } from '../move-tasks';
import type { Queue, RedrivePolicy } from '../queue';
import type { Receiver } from '../receive';
import type { SendContext } from '../send';

/**
 * What the operation files (one AWS action or family each, as ElasticMQ lays out its actors) need from
 * `SqsService`: the queues by name and URL, the queue lifecycle, and the send, receive and move machinery.
 */
export interface SqsOperationContext {
  readonly accountId: string;
  readonly sending: SendContext;
  readonly receiver: Receiver;
  readonly moveTasks: MoveTasks;
  /** The queue a QueueUrl names; QueueDoesNotExist (or MissingParameter) otherwise. */
  requireQueue(url: unknown): Queue;
  queueUrl(queueName: string, endpoint?: string): string;
  queueNames(): Iterable<string>;
  hasQueue(name: string): boolean;
  /** Queues whose RedrivePolicy names this one. */
  deadLetterSources(target: Queue): Queue[];
  createQueue(name: string, attributes: Record<string, string> | undefined, tags: Record<string, string> | undefined, rc: RequestContext | undefined): string;
  deleteQueue(queue: Queue): void;
  /** Validates attributes a client sets; returns them normalised with the parsed redrive policy (null: untouched). */
  checkQueueAttributes(
    attributes: Record<string, string>,
    fifo: boolean,
    arn: string,
    queue: Queue | undefined,
  ): { values: Record<string, string>; redrivePolicy: RedrivePolicy | undefined | null };
}
