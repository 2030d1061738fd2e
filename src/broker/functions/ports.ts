/**
 * What the functions engine needs from the other services, and nothing more: the event source pollers
 * consume queues and streams through their public operations, as Lambda's pollers call the AWS APIs.
 */
import type { InvocationRecord, InvocationTrigger } from './invocations';
import type { SqsOperations } from '../sqs/api';
import type { KinesisOperations } from '../kinesis/api';

export type SqsPort = Pick<SqsOperations, 'GetQueueUrl' | 'GetQueueAttributes' | 'ReceiveMessage' | 'DeleteMessageBatch' | 'ChangeMessageVisibilityBatch'>;

export type KinesisPort = Pick<KinesisOperations, 'ListShards' | 'GetShardIterator' | 'GetRecords'>;

/** How a poller runs the mapped function: the engine's invoke, which also records the invocation. */
export type Invoke = (event: unknown, trigger: InvocationTrigger) => Promise<InvocationRecord>;

/** A running event source mapping; start and stop follow its state (Enabled / Disabled / deleted). */
export interface Poller {
  start(): void;
  stop(): void;
}
