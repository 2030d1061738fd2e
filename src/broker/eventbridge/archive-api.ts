/** EventBridge archives and replays: inputs and outputs in the AWS API's own member names (events-2015-10-07). */

export type ArchiveState = 'ENABLED' | 'DISABLED' | 'CREATING' | 'UPDATING' | 'CREATE_FAILED' | 'UPDATE_FAILED';
export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface CreateArchiveInput {
  ArchiveName: string;
  EventSourceArn: string;
  Description?: string;
  EventPattern?: string;
  RetentionDays?: number;
  KmsKeyIdentifier?: string;
}
export interface ArchiveStateOutput {
  ArchiveArn: string;
  State: ArchiveState;
  CreationTime: Date;
}
export interface UpdateArchiveInput {
  ArchiveName: string;
  Description?: string;
  EventPattern?: string;
  RetentionDays?: number;
  KmsKeyIdentifier?: string;
}
/** One archive as ListArchives lists it. */
export interface ArchiveSummary {
  ArchiveName: string;
  EventSourceArn: string;
  State: ArchiveState;
  RetentionDays: number;
  SizeBytes: number;
  EventCount: number;
  CreationTime: Date;
}
export interface DescribeArchiveOutput extends ArchiveSummary {
  ArchiveArn: string;
  Description?: string;
  EventPattern?: string;
}
export interface ListArchivesInput {
  NamePrefix?: string;
  EventSourceArn?: string;
  State?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListArchivesOutput {
  Archives: ArchiveSummary[];
  NextToken?: string;
}

export interface ReplayDestination {
  Arn: string;
  FilterArns?: string[];
}
export interface StartReplayInput {
  ReplayName: string;
  Description?: string;
  EventSourceArn: string;
  EventStartTime: Date;
  EventEndTime: Date;
  Destination: ReplayDestination;
}
export interface StartReplayOutput {
  ReplayArn: string;
  State: ReplayState;
  ReplayStartTime: Date;
}
/** One replay as ListReplays lists it. */
export interface ReplaySummary {
  ReplayName: string;
  EventSourceArn: string;
  State: ReplayState;
  StateReason?: string;
  EventStartTime: Date;
  EventEndTime: Date;
  EventLastReplayedTime?: Date;
  ReplayStartTime: Date;
  ReplayEndTime?: Date;
}
export interface DescribeReplayOutput extends ReplaySummary {
  ReplayArn: string;
  Description?: string;
  Destination: ReplayDestination;
}
export interface ListReplaysInput {
  NamePrefix?: string;
  State?: string;
  EventSourceArn?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListReplaysOutput {
  Replays: ReplaySummary[];
  NextToken?: string;
}
export interface CancelReplayOutput {
  ReplayArn: string;
  State: ReplayState;
}

export interface ArchiveOperations {
  CreateArchive(input: CreateArchiveInput): ArchiveStateOutput;
  DescribeArchive(input: { ArchiveName: string }): DescribeArchiveOutput;
  ListArchives(input: ListArchivesInput): ListArchivesOutput;
  UpdateArchive(input: UpdateArchiveInput): ArchiveStateOutput;
  DeleteArchive(input: { ArchiveName: string }): Record<string, never>;
  StartReplay(input: StartReplayInput): StartReplayOutput;
  DescribeReplay(input: { ReplayName: string }): DescribeReplayOutput;
  ListReplays(input: ListReplaysInput): ListReplaysOutput;
  CancelReplay(input: { ReplayName: string }): CancelReplayOutput;
}

/** Which archive and replay actions add to what the broker keeps (see eventsAddsData in api.ts). */
export const archiveAddsData: Readonly<Record<keyof ArchiveOperations, boolean>> = {
  CreateArchive: true, UpdateArchive: true, StartReplay: true,
  DescribeArchive: false, ListArchives: false, DeleteArchive: false, DescribeReplay: false, ListReplays: false, CancelReplay: false,
};
