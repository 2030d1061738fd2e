import { eventsAddsData, type EventBridgeAction } from './eventbridge/api';
import { firehoseAddsData, type FirehoseAction } from './firehose/api';
import { kinesisAddsData, type KinesisAction } from './kinesis/api';
import { kinesisanalyticsAddsData, type KinesisAnalyticsAction } from './kinesisanalytics/api';
import { s3AddsData, type S3Action } from './s3/api';
import { snsAddsData, type SnsAction } from './sns/api';
import { sqsAddsData, type SqsAction } from './sqs/api';
import { statesAddsData, type StepFunctionsAction } from './stepfunctions/api';
import { stsAddsData, type StsAction } from './sts/api';

/** The AWS services the broker serves, by their signing names, each with the names of its actions. */
export interface ServiceActions {
  sqs: SqsAction;
  sns: SnsAction;
  kinesis: KinesisAction;
  firehose: FirehoseAction;
  /** EventBridge: its signing name is `events`. */
  events: EventBridgeAction;
  /** Step Functions: its signing name is `states`. */
  states: StepFunctionsAction;
  /** STS (GetCallerIdentity, AssumeRole): one for the whole broker, not per account and region. */
  sts: StsAction;
  s3: S3Action;
  /** Kinesis Analytics for SQL applications (2015-08-14). */
  kinesisanalytics: KinesisAnalyticsAction;
}

export type ServiceName = keyof ServiceActions;
export type ActionOf<S extends ServiceName> = ServiceActions[S];

const tables: { [S in ServiceName]: Readonly<Record<ActionOf<S>, boolean>> } = {
  sqs: sqsAddsData,
  sns: snsAddsData,
  kinesis: kinesisAddsData,
  firehose: firehoseAddsData,
  events: eventsAddsData,
  states: statesAddsData,
  sts: stsAddsData,
  s3: s3AddsData,
  kinesisanalytics: kinesisanalyticsAddsData,
};

/**
 * Whether an action can add to what the broker keeps, as its service declares it next to its operations
 * (each table must name every action, so a new action cannot be forgotten). A name no table knows counts
 * as adding: refusing it while the data folder is full is the safe mistake.
 */
export function addsData(service: ServiceName, action: string): boolean {
  const table = tables[service] as Readonly<Record<string, boolean>> | undefined;
  return table !== undefined && Object.hasOwn(table, action) ? table[action] : true;
}
