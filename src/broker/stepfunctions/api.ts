/** Step Functions inputs and outputs in the AWS API's own member names (states-2016-11-23). */
import type { MapRuns } from './map-runs';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface Tag {
  key?: string;
  value?: string;
}
export interface LoggingConfiguration {
  level?: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData?: boolean;
  destinations?: unknown[];
}
export interface TracingConfiguration {
  enabled?: boolean;
}

export interface CreateStateMachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type?: StateMachineType;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  tags?: Tag[];
  publish?: boolean;
  versionDescription?: string;
}
export interface CreateStateMachineOutput {
  stateMachineArn: string;
  creationDate: Date;
  stateMachineVersionArn?: string;
}
export interface RoutingConfigurationListItem {
  stateMachineVersionArn: string;
  weight: number;
}
export interface DescribeStateMachineOutput {
  stateMachineArn: string;
  name: string;
  status: 'ACTIVE' | 'DELETING';
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: Date;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  revisionId?: string;
  /** A version's description (DescribeStateMachine of a version ARN). */
  description?: string;
  /** Per state, the variables it reads (variable-references.ts). */
  variableReferences?: Record<string, string[]>;
}
export interface StateMachineListItem {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  creationDate: Date;
}
export interface UpdateStateMachineInput {
  stateMachineArn: string;
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: LoggingConfiguration;
  tracingConfiguration?: TracingConfiguration;
  publish?: boolean;
  versionDescription?: string;
}
export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
  traceHeader?: string;
}
/** What an execution was given and how it ended, as DescribeExecution and StartSyncExecution both answer. */
interface ExecutionInputOutput {
  input?: string;
  inputDetails?: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
}
export interface DescribeExecutionOutput extends ExecutionListItem, ExecutionInputOutput {
  redriveCount?: number;
  redriveDate?: Date;
  redriveStatus?: string;
  redriveStatusReason?: string;
}
export interface StartSyncExecutionOutput extends ExecutionInputOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: Date;
  stopDate: Date;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
}
export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** Started through a version or an alias: which (an alias's execution names the version it chose too). */
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  /** A distributed Map's child execution: its map run. */
  mapRunArn?: string;
}
export interface ValidationDiagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';
export interface TestStateInput {
  definition: string;
  roleArn?: string;
  input?: string;
  inspectionLevel?: InspectionLevel;
  revealSecrets?: boolean;
  variables?: string;
  /** A state of `definition`, which is then a whole machine. */
  stateName?: string;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string }; fieldValidationMode?: string };
}
/** Each step of the tested state's data flow, values as JSON text. */
export interface InspectionData {
  input?: string;
  afterInputPath?: string;
  afterParameters?: string;
  afterArguments?: string;
  result?: string;
  afterResultSelector?: string;
  afterResultPath?: string;
  variables?: string;
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  errorDetails?: { catchIndex?: number; retryIndex?: number; retryBackoffIntervalSeconds?: number };
}
export interface TestStateOutput {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: InspectionData;
}

/** The action table the wire server and the editor call. */
export interface StepFunctionsOperations {
  CreateStateMachine(input: CreateStateMachineInput): CreateStateMachineOutput;
  DescribeStateMachine(input: { stateMachineArn: string }): DescribeStateMachineOutput;
  ListStateMachines(input: { maxResults?: number; nextToken?: string }): { stateMachines: StateMachineListItem[]; nextToken?: string };
  UpdateStateMachine(input: UpdateStateMachineInput): { updateDate: Date; revisionId?: string; stateMachineVersionArn?: string };
  DeleteStateMachine(input: { stateMachineArn: string }): Record<string, never>;
  ValidateStateMachineDefinition(input: { definition: string; type?: StateMachineType }): { result: 'OK' | 'FAIL'; diagnostics: ValidationDiagnostic[]; truncated: boolean };
  StartExecution(input: StartExecutionInput): { executionArn: string; startDate: Date };
  StartSyncExecution(input: StartExecutionInput): Promise<StartSyncExecutionOutput>;
  DescribeExecution(input: { executionArn: string }): DescribeExecutionOutput;
  DescribeStateMachineForExecution(input: { executionArn: string }): Omit<DescribeStateMachineOutput, 'status' | 'type' | 'creationDate'> & { updateDate: Date };
  ListExecutions(input: { stateMachineArn?: string; mapRunArn?: string; statusFilter?: string; maxResults?: number; nextToken?: string }): { executions: ExecutionListItem[]; nextToken?: string };
  GetExecutionHistory(input: { executionArn: string; maxResults?: number; reverseOrder?: boolean; nextToken?: string; includeExecutionData?: boolean }): {
    events: Record<string, unknown>[];
    nextToken?: string;
  };
  StopExecution(input: { executionArn: string; error?: string; cause?: string }): { stopDate: Date };
  SendTaskSuccess(input: { taskToken: string; output: string }): Record<string, never>;
  SendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Record<string, never>;
  SendTaskHeartbeat(input: { taskToken: string }): Record<string, never>;
  TagResource(input: { resourceArn: string; tags: Tag[] }): Record<string, never>;
  UntagResource(input: { resourceArn: string; tagKeys: string[] }): Record<string, never>;
  ListTagsForResource(input: { resourceArn: string }): { tags: Tag[] };
  RedriveExecution(input: { executionArn: string; clientToken?: string }): { redriveDate: Date };
  TestState(input: TestStateInput): Promise<TestStateOutput>;
  PublishStateMachineVersion(input: { stateMachineArn: string; revisionId?: string; description?: string }): { creationDate: Date; stateMachineVersionArn: string };
  ListStateMachineVersions(input: { stateMachineArn: string; maxResults?: number; nextToken?: string }): { stateMachineVersions: { stateMachineVersionArn: string; creationDate: Date }[]; nextToken?: string };
  DeleteStateMachineVersion(input: { stateMachineVersionArn: string }): Record<string, never>;
  CreateStateMachineAlias(input: { name: string; description?: string; routingConfiguration: RoutingConfigurationListItem[] }): { stateMachineAliasArn: string; creationDate: Date };
  DescribeStateMachineAlias(input: { stateMachineAliasArn: string }): {
    stateMachineAliasArn: string;
    name: string;
    description?: string;
    routingConfiguration: RoutingConfigurationListItem[];
    creationDate: Date;
    updateDate: Date;
  };
  ListStateMachineAliases(input: { stateMachineArn: string; maxResults?: number; nextToken?: string }): { stateMachineAliases: { stateMachineAliasArn: string; creationDate: Date }[]; nextToken?: string };
  UpdateStateMachineAlias(input: { stateMachineAliasArn: string; description?: string; routingConfiguration?: RoutingConfigurationListItem[] }): { updateDate: Date };
  DeleteStateMachineAlias(input: { stateMachineAliasArn: string }): Record<string, never>;
  DescribeMapRun: MapRuns['operations']['DescribeMapRun'];
  ListMapRuns: MapRuns['operations']['ListMapRuns'];
  UpdateMapRun: MapRuns['operations']['UpdateMapRun'];
}

export type StepFunctionsAction = keyof StepFunctionsOperations;

/**
 * Whether each action can add to what the broker keeps (state machines, executions and their
 * histories, tags). Sending a task result only lets an execution go on, which adds history: it counts.
 */
export const statesAddsData: Readonly<Record<StepFunctionsAction, boolean>> = {
  CreateStateMachine: true, UpdateStateMachine: true, StartExecution: true, StartSyncExecution: true,
  SendTaskSuccess: true, SendTaskFailure: true, SendTaskHeartbeat: false, TagResource: true,
  DescribeStateMachine: false, ListStateMachines: false, DeleteStateMachine: false, ValidateStateMachineDefinition: false,
  DescribeExecution: false, DescribeStateMachineForExecution: false, ListExecutions: false, GetExecutionHistory: false,
  StopExecution: false, UntagResource: false, ListTagsForResource: false, RedriveExecution: true,
  // a test keeps nothing, but its task may send messages or run functions: as StartSyncExecution
  TestState: true,
  PublishStateMachineVersion: true, CreateStateMachineAlias: true, UpdateStateMachineAlias: true,
  ListStateMachineVersions: false, DeleteStateMachineVersion: false, DescribeStateMachineAlias: false, ListStateMachineAliases: false, DeleteStateMachineAlias: false,
  DescribeMapRun: false, ListMapRuns: false, UpdateMapRun: false,
};
