/**
 * The Kinesis Data Streams operations' inputs and outputs, in the shapes of the AWS API (JSON 1.1 member
 * names). The engine takes and returns exactly these; the server's codecs read the wire into them against
 * AWS's model (types checked, null members dropped) and write them back.
 *
 * - Blobs (`Data`) are bytes, in and out.
 * - Timestamps are Date objects, in and out.
 */

export type Blob = Uint8Array;
export type TimestampInput = Date;

export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';
export type EncryptionType = 'NONE' | 'KMS';
export type StreamStatus = 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';

export interface StreamModeDetails {
  StreamMode: StreamMode;
}

export interface HashKeyRange {
  StartingHashKey: string;
  EndingHashKey: string;
}

export interface SequenceNumberRange {
  StartingSequenceNumber: string;
  EndingSequenceNumber?: string;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: HashKeyRange;
  SequenceNumberRange: SequenceNumberRange;
}

export interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: HashKeyRange;
}

export interface EnhancedMetrics {
  ShardLevelMetrics: string[];
}

export interface CreateStreamInput {
  StreamName: string;
  ShardCount?: number;
  StreamModeDetails?: StreamModeDetails;
  Tags?: Record<string, string>;
}

export interface DeleteStreamInput extends StreamRef {
  EnforceConsumerDeletion?: boolean;
}

export interface DescribeStreamInput extends StreamRef {
  Limit?: number;
  ExclusiveStartShardId?: string;
}
export interface StreamDescription {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  Shards: Shard[];
  HasMoreShards: boolean;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType: EncryptionType;
  KeyId?: string;
}
export interface DescribeStreamOutput {
  StreamDescription: StreamDescription;
}

export interface StreamDescriptionSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType: EncryptionType;
  OpenShardCount: number;
  ConsumerCount: number;
  KeyId?: string;
}
export interface DescribeStreamSummaryOutput {
  StreamDescriptionSummary: StreamDescriptionSummary;
}

export interface ListStreamsInput {
  Limit?: number;
  ExclusiveStartStreamName?: string;
  NextToken?: string;
}
export interface StreamSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails: StreamModeDetails;
  StreamCreationTimestamp: Date;
}
export interface ListStreamsOutput {
  StreamNames: string[];
  HasMoreStreams: boolean;
  NextToken?: string;
  StreamSummaries: StreamSummary[];
}

export type ShardFilterType =
  | 'AFTER_SHARD_ID'
  | 'AT_TRIM_HORIZON'
  | 'FROM_TRIM_HORIZON'
  | 'AT_LATEST'
  | 'AT_TIMESTAMP'
  | 'FROM_TIMESTAMP';
export interface ShardFilter {
  Type: ShardFilterType;
  ShardId?: string;
  Timestamp?: TimestampInput;
}
export interface ListShardsInput extends StreamRef {
  NextToken?: string;
  ExclusiveStartShardId?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: TimestampInput;
  ShardFilter?: ShardFilter;
}
export interface ListShardsOutput {
  Shards: Shard[];
  NextToken?: string;
}

export interface RetentionPeriodInput extends StreamRef {
  RetentionPeriodHours: number;
}

export interface AddTagsToStreamInput extends StreamRef {
  Tags: Record<string, string>;
}
export interface RemoveTagsFromStreamInput extends StreamRef {
  TagKeys: string[];
}
export interface ListTagsForStreamInput extends StreamRef {
  ExclusiveStartTagKey?: string;
  Limit?: number;
}
export interface Tag {
  Key: string;
  Value?: string;
}
export interface ListTagsForStreamOutput {
  Tags: Tag[];
  HasMoreTags: boolean;
}

export interface PutRecordInput extends StreamRef {
  Data: Blob;
  PartitionKey: string;
  ExplicitHashKey?: string;
  SequenceNumberForOrdering?: string;
}
export interface PutRecordOutput {
  ShardId: string;
  SequenceNumber: string;
  EncryptionType: EncryptionType;
}

export interface PutRecordsRequestEntry {
  Data: Blob;
  PartitionKey: string;
  ExplicitHashKey?: string;
}
export interface PutRecordsInput extends StreamRef {
  Records: PutRecordsRequestEntry[];
}
export interface PutRecordsResultEntry {
  SequenceNumber?: string;
  ShardId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}
export interface PutRecordsOutput {
  FailedRecordCount: number;
  Records: PutRecordsResultEntry[];
  EncryptionType: EncryptionType;
}

export type ShardIteratorType =
  | 'AT_SEQUENCE_NUMBER'
  | 'AFTER_SEQUENCE_NUMBER'
  | 'TRIM_HORIZON'
  | 'LATEST'
  | 'AT_TIMESTAMP';
export interface GetShardIteratorInput extends StreamRef {
  ShardId: string;
  ShardIteratorType: ShardIteratorType;
  StartingSequenceNumber?: string;
  Timestamp?: TimestampInput;
}
export interface GetShardIteratorOutput {
  ShardIterator: string;
}

export interface GetRecordsInput {
  ShardIterator: string;
  Limit?: number;
  StreamARN?: string;
}
export interface KinesisRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: Date;
  Data: Buffer;
  PartitionKey: string;
  EncryptionType?: EncryptionType;
}
export interface GetRecordsOutput {
  Records: KinesisRecord[];
  NextShardIterator?: string;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
}

export interface SplitShardInput extends StreamRef {
  ShardToSplit: string;
  NewStartingHashKey: string;
}
export interface MergeShardsInput extends StreamRef {
  ShardToMerge: string;
  AdjacentShardToMerge: string;
}
export interface UpdateShardCountInput extends StreamRef {
  TargetShardCount: number;
  ScalingType: 'UNIFORM_SCALING';
}
export interface UpdateShardCountOutput {
  StreamName: string;
  StreamARN: string;
  CurrentShardCount: number;
  TargetShardCount: number;
}

export type ConsumerStatus = 'CREATING' | 'DELETING' | 'ACTIVE';
export interface Consumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: ConsumerStatus;
  ConsumerCreationTimestamp: Date;
}
export interface ConsumerDescription extends Consumer {
  StreamARN: string;
}
export interface RegisterStreamConsumerInput {
  StreamARN: string;
  ConsumerName: string;
}
export interface RegisterStreamConsumerOutput {
  Consumer: Consumer;
}
export interface ConsumerRef {
  StreamARN?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
}
export interface DescribeStreamConsumerOutput {
  ConsumerDescription: ConsumerDescription;
}
export interface ListStreamConsumersInput {
  StreamARN: string;
  NextToken?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: TimestampInput;
}
export interface ListStreamConsumersOutput {
  Consumers: Consumer[];
  NextToken?: string;
}

export interface DescribeLimitsOutput {
  ShardLimit: number;
  OpenShardCount: number;
  OnDemandStreamCount: number;
  OnDemandStreamCountLimit: number;
}
export interface UpdateStreamModeInput {
  StreamARN: string;
  StreamModeDetails: StreamModeDetails;
}

export interface EnhancedMonitoringInput extends StreamRef {
  ShardLevelMetrics: string[];
}
export interface EnhancedMonitoringOutput {
  StreamName: string;
  StreamARN: string;
  CurrentShardLevelMetrics: string[];
  DesiredShardLevelMetrics: string[];
}
export interface StreamEncryptionInput extends StreamRef {
  EncryptionType: EncryptionType;
  KeyId: string;
}

export interface ResourceArnInput {
  ResourceARN: string;
}
export interface TagResourceInput extends ResourceArnInput {
  Tags: Record<string, string>;
}
export interface UntagResourceInput extends ResourceArnInput {
  TagKeys: string[];
}
export interface ListTagsForResourceOutput {
  Tags: Tag[];
}
export interface PutResourcePolicyInput extends ResourceArnInput {
  Policy: string;
}
export interface GetResourcePolicyOutput {
  Policy: string;
}

export interface StartingPosition {
  Type: ShardIteratorType;
  SequenceNumber?: string;
  Timestamp?: TimestampInput;
}
export interface SubscribeToShardInput {
  ConsumerARN: string;
  ShardId: string;
  StartingPosition: StartingPosition;
}
export interface SubscribeToShardEvent {
  Records: KinesisRecord[];
  ContinuationSequenceNumber: string;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
}
export interface SubscribeToShardEventStream {
  SubscribeToShardEvent: SubscribeToShardEvent;
}
export interface SubscribeToShardOutput {
  /** Pushed events until the subscription ends; the wire layer sends them as an AWS event stream. */
  EventStream: AsyncIterable<SubscribeToShardEventStream>;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Empty {}

/**
 * Every Kinesis action the wire endpoint serves, with its input and output. The server dispatches on this
 * table (see KinesisService.operations), so adding an action here is what makes it reachable.
 */
export interface KinesisOperations {
  CreateStream: (input: CreateStreamInput) => Empty;
  DeleteStream: (input: DeleteStreamInput) => Empty;
  DescribeStream: (input: DescribeStreamInput) => DescribeStreamOutput;
  DescribeStreamSummary: (input: StreamRef) => DescribeStreamSummaryOutput;
  ListStreams: (input: ListStreamsInput) => ListStreamsOutput;
  ListShards: (input: ListShardsInput) => ListShardsOutput;
  IncreaseStreamRetentionPeriod: (input: RetentionPeriodInput) => Empty;
  DecreaseStreamRetentionPeriod: (input: RetentionPeriodInput) => Empty;
  AddTagsToStream: (input: AddTagsToStreamInput) => Empty;
  RemoveTagsFromStream: (input: RemoveTagsFromStreamInput) => Empty;
  ListTagsForStream: (input: ListTagsForStreamInput) => ListTagsForStreamOutput;
  PutRecord: (input: PutRecordInput) => PutRecordOutput;
  PutRecords: (input: PutRecordsInput) => PutRecordsOutput;
  GetShardIterator: (input: GetShardIteratorInput) => GetShardIteratorOutput;
  GetRecords: (input: GetRecordsInput) => GetRecordsOutput;
  SplitShard: (input: SplitShardInput) => Empty;
  MergeShards: (input: MergeShardsInput) => Empty;
  UpdateShardCount: (input: UpdateShardCountInput) => UpdateShardCountOutput;
  RegisterStreamConsumer: (input: RegisterStreamConsumerInput) => RegisterStreamConsumerOutput;
  DescribeStreamConsumer: (input: ConsumerRef) => DescribeStreamConsumerOutput;
  ListStreamConsumers: (input: ListStreamConsumersInput) => ListStreamConsumersOutput;
  DeregisterStreamConsumer: (input: ConsumerRef) => Empty;
  SubscribeToShard: (input: SubscribeToShardInput) => SubscribeToShardOutput;
  DescribeLimits: (input: Empty) => DescribeLimitsOutput;
  UpdateStreamMode: (input: UpdateStreamModeInput) => Empty;
  EnableEnhancedMonitoring: (input: EnhancedMonitoringInput) => EnhancedMonitoringOutput;
  DisableEnhancedMonitoring: (input: EnhancedMonitoringInput) => EnhancedMonitoringOutput;
  StartStreamEncryption: (input: StreamEncryptionInput) => Empty;
  StopStreamEncryption: (input: StreamEncryptionInput) => Empty;
  TagResource: (input: TagResourceInput) => Empty;
  UntagResource: (input: UntagResourceInput) => Empty;
  ListTagsForResource: (input: ResourceArnInput) => ListTagsForResourceOutput;
  PutResourcePolicy: (input: PutResourcePolicyInput) => Empty;
  GetResourcePolicy: (input: ResourceArnInput) => GetResourcePolicyOutput;
  DeleteResourcePolicy: (input: ResourceArnInput) => Empty;
}

export type KinesisAction = keyof KinesisOperations;

/**
 * Whether each action can add to what the broker keeps: those are refused while the data folder is full;
 * reads (GetRecords, SubscribeToShard) and removals still run.
 */
export const kinesisAddsData: Readonly<Record<KinesisAction, boolean>> = {
  // adds data
  CreateStream: true, IncreaseStreamRetentionPeriod: true, AddTagsToStream: true, PutRecord: true,
  PutRecords: true, SplitShard: true, MergeShards: true, UpdateShardCount: true, RegisterStreamConsumer: true,
  UpdateStreamMode: true, EnableEnhancedMonitoring: true, StartStreamEncryption: true, TagResource: true,
  PutResourcePolicy: true,
  // reads, deletes and changes that add nothing
  DeleteStream: false, DescribeStream: false, DescribeStreamSummary: false, ListStreams: false,
  ListShards: false, DecreaseStreamRetentionPeriod: false, RemoveTagsFromStream: false,
  ListTagsForStream: false, GetShardIterator: false, GetRecords: false, DescribeStreamConsumer: false,
  ListStreamConsumers: false, DeregisterStreamConsumer: false, SubscribeToShard: false, DescribeLimits: false,
  DisableEnhancedMonitoring: false, StopStreamEncryption: false, UntagResource: false,
  ListTagsForResource: false, GetResourcePolicy: false, DeleteResourcePolicy: false,
};
