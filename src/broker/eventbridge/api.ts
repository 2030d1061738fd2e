/** EventBridge inputs and outputs in the AWS API's own member names (events-2015-10-07). */
import type { ApiDestinationOperations, ConnectionOperations } from './connections-api';
import { connectionsAddsData } from './connections-api';
import { archiveAddsData, type ArchiveOperations } from './archive-api';
import type { InputTransformer } from './input-transform';

export interface Tag {
  Key: string;
  Value: string;
}

export interface CreateEventBusInput {
  Name: string;
  EventSourceName?: string;
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: DeadLetterConfig;
  Tags?: Tag[];
}
export interface CreateEventBusOutput {
  EventBusArn: string;
  Description?: string;
}
export interface UpdateEventBusInput {
  Name?: string;
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: DeadLetterConfig;
}
export interface UpdateEventBusOutput {
  Arn: string;
  Name: string;
  Description?: string;
}
export interface EventBusDescription {
  Name: string;
  Arn: string;
  Description?: string;
  Policy?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
}
export interface ListEventBusesInput {
  NamePrefix?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListEventBusesOutput {
  EventBuses: EventBusDescription[];
  NextToken?: string;
}

export interface PutPermissionInput {
  EventBusName?: string;
  Action?: string;
  Principal?: string;
  StatementId?: string;
  Condition?: { Type: string; Key: string; Value: string };
  Policy?: string;
}
export interface RemovePermissionInput {
  StatementId?: string;
  RemoveAllPermissions?: boolean;
  EventBusName?: string;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface PutRuleInput {
  Name: string;
  ScheduleExpression?: string;
  EventPattern?: string;
  State?: RuleState;
  Description?: string;
  RoleArn?: string;
  Tags?: Tag[];
  EventBusName?: string;
}
export interface RuleDescription {
  Name: string;
  Arn: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: RuleState;
  Description?: string;
  RoleArn?: string;
  ManagedBy?: string;
  EventBusName: string;
}
export interface DescribeRuleOutput extends RuleDescription {
  CreatedBy?: string;
}
export interface RuleRef {
  Name: string;
  EventBusName?: string;
}
export interface DeleteRuleInput extends RuleRef {
  Force?: boolean;
}
export interface ListRulesInput {
  NamePrefix?: string;
  EventBusName?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListRulesOutput {
  Rules: RuleDescription[];
  NextToken?: string;
}
export interface ListRuleNamesByTargetInput {
  TargetArn: string;
  EventBusName?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListRuleNamesByTargetOutput {
  RuleNames: string[];
  NextToken?: string;
}

export interface DeadLetterConfig {
  Arn?: string;
}
export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}
/** A target's parts of an API destination request (./api-destination-invoke.ts). */
export interface HttpParameters {
  PathParameterValues?: string[];
  HeaderParameters?: Record<string, string>;
  QueryStringParameters?: Record<string, string>;
}
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  KinesisParameters?: { PartitionKeyPath: string };
  SqsParameters?: { MessageGroupId?: string };
  HttpParameters?: HttpParameters;
  DeadLetterConfig?: DeadLetterConfig;
  RetryPolicy?: RetryPolicy;
  [other: string]: unknown;
}
export interface PutTargetsInput {
  Rule: string;
  EventBusName?: string;
  Targets: Target[];
}
export interface TargetFailure {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}
export interface PutTargetsOutput {
  FailedEntryCount: number;
  FailedEntries: TargetFailure[];
}
export interface RemoveTargetsInput {
  Rule: string;
  EventBusName?: string;
  Ids: string[];
  Force?: boolean;
}
export type RemoveTargetsOutput = PutTargetsOutput;
export interface ListTargetsByRuleInput {
  Rule: string;
  EventBusName?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListTargetsByRuleOutput {
  Targets: Target[];
  NextToken?: string;
}

export interface PutEventsRequestEntry {
  Time?: Date | number | string;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}
export interface PutEventsInput {
  Entries: PutEventsRequestEntry[];
  EndpointId?: string;
}
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}
export interface PutEventsOutput {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface TestEventPatternInput {
  EventPattern: string;
  Event: string;
}
export interface TestEventPatternOutput {
  Result: boolean;
}

export interface TagResourceInput {
  ResourceARN: string;
  Tags: Tag[];
}
export interface UntagResourceInput {
  ResourceARN: string;
  TagKeys: string[];
}
export interface ListTagsForResourceInput {
  ResourceARN: string;
}
export interface ListTagsForResourceOutput {
  Tags: Tag[];
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Empty {}

/** Archives and replays are in archive-api.ts; connections and API destinations in connections-api.ts. */
export interface EventBridgeOperations extends ArchiveOperations, ConnectionOperations, ApiDestinationOperations {
  CreateEventBus(input: CreateEventBusInput): CreateEventBusOutput;
  UpdateEventBus(input: UpdateEventBusInput): UpdateEventBusOutput;
  DescribeEventBus(input: { Name?: string }): EventBusDescription;
  ListEventBuses(input: ListEventBusesInput): ListEventBusesOutput;
  DeleteEventBus(input: { Name: string }): Empty;
  PutPermission(input: PutPermissionInput): Empty;
  RemovePermission(input: RemovePermissionInput): Empty;
  PutRule(input: PutRuleInput): { RuleArn: string };
  DescribeRule(input: RuleRef): DescribeRuleOutput;
  ListRules(input: ListRulesInput): ListRulesOutput;
  EnableRule(input: RuleRef): Empty;
  DisableRule(input: RuleRef): Empty;
  DeleteRule(input: DeleteRuleInput): Empty;
  ListRuleNamesByTarget(input: ListRuleNamesByTargetInput): ListRuleNamesByTargetOutput;
  PutTargets(input: PutTargetsInput): PutTargetsOutput;
  RemoveTargets(input: RemoveTargetsInput): RemoveTargetsOutput;
  ListTargetsByRule(input: ListTargetsByRuleInput): ListTargetsByRuleOutput;
  PutEvents(input: PutEventsInput): PutEventsOutput;
  TestEventPattern(input: TestEventPatternInput): TestEventPatternOutput;
  TagResource(input: TagResourceInput): Empty;
  UntagResource(input: UntagResourceInput): Empty;
  ListTagsForResource(input: ListTagsForResourceInput): ListTagsForResourceOutput;
}

export type EventBridgeAction = keyof EventBridgeOperations;

/**
 * Whether each action can add to what the broker keeps (buses, rules, targets, tags; PutEvents only
 * routes events to the other services, whose own writes are checked there). Those are refused while the
 * data folder is full; reads and deletions still run.
 */
export const eventsAddsData: Readonly<Record<EventBridgeAction, boolean>> = {
  // adds data
  CreateEventBus: true, UpdateEventBus: true, PutPermission: true, PutRule: true, EnableRule: true, DisableRule: true,
  PutTargets: true, PutEvents: true, TagResource: true,
  // reads, deletes and changes that add nothing
  DescribeEventBus: false, ListEventBuses: false, DeleteEventBus: false, RemovePermission: false, DescribeRule: false,
  ListRules: false, DeleteRule: false, ListRuleNamesByTarget: false, RemoveTargets: false, ListTargetsByRule: false,
  TestEventPattern: false, UntagResource: false, ListTagsForResource: false,
  ...connectionsAddsData,
  ...archiveAddsData,
};
