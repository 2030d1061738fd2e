import type { EventBridgeAction, EventBridgeOperations } from '../../broker/eventbridge/api';
import type { FirehoseAction, FirehoseOperations } from '../../broker/firehose/api';
import type { KinesisAction, KinesisOperations } from '../../broker/kinesis/api';
import type { KinesisAnalyticsAction, KinesisAnalyticsOperations } from '../../broker/kinesisanalytics/api';
import type { SnsAction, SnsOperations } from '../../broker/sns/api';
import type { SqsAction, SqsOperations } from '../../broker/sqs/api';
import type { StepFunctionsAction, StepFunctionsOperations } from '../../broker/stepfunctions/api';
import type { PeekedMessage } from '../../broker/sqs/service';
import type { BucketCalls } from './bucket-calls';
import type { ResourceSnapshot } from './snapshot';

type Input<T, A extends keyof T> = T[A] extends (input: infer I, ...rest: never[]) => unknown ? I : never;
type Output<T, A extends keyof T> = T[A] extends (...args: never[]) => infer O ? Awaited<O> : never;

/**
 * What the editor does to a broker, whether it runs in this window or another window serves the port:
 * AWS actions in the API's own shapes, plus the tree's snapshot and a peek that changes nothing.
 * Failures reject with AwsError in both cases.
 */
export interface BrokerClient {
  /** True when the broker runs in another process and this window reaches it through the endpoint. */
  readonly remote: boolean;
  readonly endpoint: string;
  sqs<A extends SqsAction>(action: A, input: Input<SqsOperations, A>): Promise<Output<SqsOperations, A>>;
  sns<A extends SnsAction>(action: A, input: Input<SnsOperations, A>): Promise<Output<SnsOperations, A>>;
  kinesis<A extends KinesisAction>(action: A, input: Input<KinesisOperations, A>): Promise<Output<KinesisOperations, A>>;
  firehose<A extends FirehoseAction>(action: A, input: Input<FirehoseOperations, A>): Promise<Output<FirehoseOperations, A>>;
  events<A extends EventBridgeAction>(action: A, input: Input<EventBridgeOperations, A>): Promise<Output<EventBridgeOperations, A>>;
  /** Step Functions (signing name `states`). */
  states<A extends StepFunctionsAction>(action: A, input: Input<StepFunctionsOperations, A>): Promise<Output<StepFunctionsOperations, A>>;
  /** Kinesis Analytics for SQL applications. */
  analytics<A extends KinesisAnalyticsAction>(action: A, input: Input<KinesisAnalyticsOperations, A>): Promise<Output<KinesisAnalyticsOperations, A>>;
  /** S3 buckets and objects (the tree's listings, open, upload, delete, presigned URLs). */
  readonly buckets: BucketCalls;
  snapshot(): Promise<ResourceSnapshot>;
  peek(queueName: string, offset: number, limit: number): Promise<{ total: number; messages: PeekedMessage[] }>;
  /** Forgets every resource (the admin reset). */
  reset(): Promise<void>;
  /** Calls `onChange` after the broker's resources or messages changed (often several changes at once); returns the unsubscribe. */
  follow(onChange: () => void): () => void;
  /** Lets go of what the client holds open (the remote client's kept-alive connections). */
  dispose(): void;
}

/** The AWS actions alone, the part every client shares: a connection to AWS itself (no admin routes) has only these. */
export type ApiCalls = Pick<BrokerClient, 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'states'>;
