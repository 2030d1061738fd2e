/**
 * What the functions engine needs from the other services, and nothing more: the event source pollers
 * consume queues and streams through their public operations, as Lambda's pollers call the AWS APIs.
 */
import type { InvocationRecord, InvocationTrigger } from './invocations';
import type { SqsOperations } from '../sqs/api';
import type { TransformationEvent, TransformationResult } from '../firehose/transform';
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

/** SNS delivers to `lambda` subscriptions through this hook; a rejection means SNS could not deliver. */
export interface SnsPort {
  setLambdaInvoker(invoker: ((functionArn: string, event: unknown) => Promise<void>) | undefined): void;
}

/** Firehose runs its ProcessingConfiguration's Lambda transform through this hook. */
export interface FirehosePort {
  setTransformInvoker(invoker: ((lambdaArn: string, event: TransformationEvent) => Promise<TransformationResult>) | undefined): void;
}
