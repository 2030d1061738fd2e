import type { ConnectionSummaryView } from '../../broker/eventbridge/api-destinations';
import type { BusSummary, RuleSummary } from '../../broker/eventbridge/service';
import type { DeliveryStreamSummaryView } from '../../broker/firehose/service';
import type { StreamSummaryView } from '../../broker/kinesis/service';
import type { TopicSummary } from '../../broker/sns/service';
import type { QueueSummary } from '../../broker/sqs/service';
import type { BucketView } from './bucket-calls';
import type { ExecutionStatus, StateMachineType } from '../../broker/stepfunctions/api';

export interface FunctionTrigger {
  sourceType: string;
  /** The queue, stream or topic name the trigger reads from. */
  sourceName: string;
  state: string;
}

export interface FunctionView {
  name: string;
  arn: string;
  module: string;
  handler: string;
  triggers: FunctionTrigger[];
}

/** Everything the Resources tree shows, read at once from a local broker or through a remote endpoint. */
export interface ResourceSnapshot {
  queues: QueueSummary[];
  topics: TopicSummary[];
  streams: StreamSummaryView[];
  deliveryStreams: DeliveryStreamSummaryView[];
  functions: FunctionView[];
  /** EventBridge buses (the default one always), each with its rules and their targets. */
  buses: BusSummary[];
  /** EventBridge connections, each with its API destinations (never a secret). */
  connections?: ConnectionSummaryView[];
  /** Accounts and regions other than the default that hold resources (local broker only). */
  scopes?: ScopeSummaryView[];
  /** Step Functions state machines, each with its most recent executions (newest first). */
  stateMachines?: StateMachineView[];
  /** S3 buckets (one namespace for the whole broker); their folders and objects are listed when expanded. */
  buckets?: BucketView[];
}

/** A resource of another account and region, as the tree lists it and the inspector opens it. */
export interface ScopedResourceView {
  kind: 'queue' | 'topic' | 'stream' | 'deliveryStream' | 'bus' | 'stateMachine';
  name: string;
}

/** What one other account and region holds (clients signing for it made it); the inspector opens each. */
export interface ScopeSummaryView {
  accountId: string;
  region: string;
  queues: number;
  topics: number;
  streams: number;
  deliveryStreams: number;
  /** Event buses besides the default one. */
  buses: number;
  stateMachines: number;
  /** Its resources by name, queues first as the groups above are ordered. */
  resources: ScopedResourceView[];
}

/** How many executions the tree lists under a state machine: the recent ones are what a developer looks for. */
export const RECENT_EXECUTIONS = 20;

export interface ExecutionView {
  arn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
}

export interface StateMachineView {
  name: string;
  arn: string;
  type: StateMachineType;
  executions: ExecutionView[];
}

/** The engine's summaries cut to the recent executions the tree shows. */
export function stateMachineViews(machines: StateMachineView[]): StateMachineView[] {
  return machines.map((m) => ({ ...m, executions: m.executions.slice(0, RECENT_EXECUTIONS) }));
}

export type ArchiveView = BusSummary['archives'][number];
export type { BucketView, ConnectionSummaryView, BusSummary, RuleSummary, DeliveryStreamSummaryView, QueueSummary, StreamSummaryView, TopicSummary };
