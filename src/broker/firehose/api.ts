/**
 * The Firehose operations' inputs and outputs, in the shapes of the AWS API (JSON 1.1 member names).
 * Same wire conventions as Kinesis (see ../kinesis/api.ts): blob inputs are bytes or base64 text, timestamp
 * outputs are Date objects.
 */

export type Blob = Uint8Array;

export type DeliveryStreamType = 'DirectPut' | 'KinesisStreamAsSource' | 'MSKAsSource' | 'DatabaseAsSource';

export interface Tag {
  Key: string;
  Value?: string;
}

export interface BufferingHints {
  SizeInMBs?: number;
  IntervalInSeconds?: number;
}

export interface ProcessorParameter {
  ParameterName: string;
  ParameterValue: string;
}
export interface Processor {
  Type: string;
  Parameters?: ProcessorParameter[];
}
export interface ProcessingConfiguration {
  Enabled?: boolean;
  Processors?: Processor[];
}

export interface CloudWatchLoggingOptions {
  Enabled?: boolean;
  LogGroupName?: string;
  LogStreamName?: string;
}

export interface EncryptionConfiguration {
  NoEncryptionConfig?: 'NoEncryption';
  KMSEncryptionConfig?: { AWSKMSKeyARN: string };
}

export interface S3DestinationConfiguration {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: string;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
}

export interface ExtendedS3DestinationConfiguration extends S3DestinationConfiguration {
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: 'Disabled' | 'Enabled';
}

export interface HttpEndpointConfiguration {
  Url: string;
  Name?: string;
  AccessKey?: string;
}
export interface HttpEndpointCommonAttribute {
  AttributeName: string;
  AttributeValue: string;
}
export interface HttpEndpointRequestConfiguration {
  ContentEncoding?: 'NONE' | 'GZIP';
  CommonAttributes?: HttpEndpointCommonAttribute[];
}
export interface HttpEndpointDestinationConfiguration {
  EndpointConfiguration: HttpEndpointConfiguration;
  BufferingHints?: BufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  RequestConfiguration?: HttpEndpointRequestConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: { DurationInSeconds?: number };
  S3BackupMode?: 'FailedDataOnly' | 'AllData';
  S3Configuration: S3DestinationConfiguration;
}

export interface KinesisStreamSourceConfiguration {
  KinesisStreamARN: string;
  RoleARN: string;
}

export interface CreateDeliveryStreamInput {
  DeliveryStreamName: string;
  DeliveryStreamType?: DeliveryStreamType;
  KinesisStreamSourceConfiguration?: KinesisStreamSourceConfiguration;
  S3DestinationConfiguration?: S3DestinationConfiguration;
  ExtendedS3DestinationConfiguration?: ExtendedS3DestinationConfiguration;
  HttpEndpointDestinationConfiguration?: HttpEndpointDestinationConfiguration;
  Tags?: Tag[];
}
export interface CreateDeliveryStreamOutput {
  DeliveryStreamARN: string;
}

export interface DeliveryStreamNameInput {
  DeliveryStreamName: string;
}
export interface DeleteDeliveryStreamInput extends DeliveryStreamNameInput {
  AllowForceDelete?: boolean;
}

export interface S3DestinationDescription {
  RoleARN: string;
  BucketARN: string;
  Prefix: string;
  ErrorOutputPrefix?: string;
  BufferingHints: Required<BufferingHints>;
  CompressionFormat: string;
  EncryptionConfiguration: EncryptionConfiguration;
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
}
export interface ExtendedS3DestinationDescription extends S3DestinationDescription {
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode: 'Disabled' | 'Enabled';
}
export interface HttpEndpointDestinationDescription {
  EndpointConfiguration: { Url: string; Name?: string };
  BufferingHints: Required<BufferingHints>;
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
  RequestConfiguration: HttpEndpointRequestConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions: { DurationInSeconds: number };
  S3BackupMode: 'FailedDataOnly' | 'AllData';
  S3DestinationDescription: S3DestinationDescription;
}
export interface DestinationDescription {
  DestinationId: string;
  S3DestinationDescription?: S3DestinationDescription;
  ExtendedS3DestinationDescription?: ExtendedS3DestinationDescription;
  HttpEndpointDestinationDescription?: HttpEndpointDestinationDescription;
}

export interface DeliveryStreamDescription {
  DeliveryStreamName: string;
  DeliveryStreamARN: string;
  DeliveryStreamStatus: 'CREATING' | 'ACTIVE' | 'DELETING';
  DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' };
  DeliveryStreamType: DeliveryStreamType;
  VersionId: string;
  CreateTimestamp: Date;
  Source?: {
    KinesisStreamSourceDescription: { KinesisStreamARN: string; RoleARN: string; DeliveryStartTimestamp: Date };
  };
  Destinations: DestinationDescription[];
  HasMoreDestinations: boolean;
}
export interface DescribeDeliveryStreamInput extends DeliveryStreamNameInput {
  Limit?: number;
  ExclusiveStartDestinationId?: string;
}
export interface DescribeDeliveryStreamOutput {
  DeliveryStreamDescription: DeliveryStreamDescription;
}

export interface ListDeliveryStreamsInput {
  Limit?: number;
  DeliveryStreamType?: DeliveryStreamType;
  ExclusiveStartDeliveryStreamName?: string;
}
export interface ListDeliveryStreamsOutput {
  DeliveryStreamNames: string[];
  HasMoreDeliveryStreams: boolean;
}

export interface FirehoseRecord {
  Data: Blob;
}
export interface PutRecordInput extends DeliveryStreamNameInput {
  Record: FirehoseRecord;
}
export interface PutRecordOutput {
  RecordId: string;
  Encrypted: boolean;
}
export interface PutRecordBatchInput extends DeliveryStreamNameInput {
  Records: FirehoseRecord[];
}
export interface PutRecordBatchResponseEntry {
  RecordId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}
export interface PutRecordBatchOutput {
  FailedPutCount: number;
  Encrypted: boolean;
  RequestResponses: PutRecordBatchResponseEntry[];
}

export interface TagDeliveryStreamInput extends DeliveryStreamNameInput {
  Tags: Tag[];
}
export interface UntagDeliveryStreamInput extends DeliveryStreamNameInput {
  TagKeys: string[];
}
export interface ListTagsForDeliveryStreamInput extends DeliveryStreamNameInput {
  ExclusiveStartTagKey?: string;
  Limit?: number;
}
export interface ListTagsForDeliveryStreamOutput {
  Tags: Tag[];
  HasMoreTags: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Empty {}

/** Every Firehose action the wire endpoint serves; the server dispatches on FirehoseService.operations. */
export interface FirehoseOperations {
  CreateDeliveryStream: (input: CreateDeliveryStreamInput) => CreateDeliveryStreamOutput;
  DeleteDeliveryStream: (input: DeleteDeliveryStreamInput) => Empty;
  DescribeDeliveryStream: (input: DescribeDeliveryStreamInput) => DescribeDeliveryStreamOutput;
  ListDeliveryStreams: (input: ListDeliveryStreamsInput) => ListDeliveryStreamsOutput;
  PutRecord: (input: PutRecordInput) => PutRecordOutput;
  PutRecordBatch: (input: PutRecordBatchInput) => PutRecordBatchOutput;
  TagDeliveryStream: (input: TagDeliveryStreamInput) => Empty;
  UntagDeliveryStream: (input: UntagDeliveryStreamInput) => Empty;
  ListTagsForDeliveryStream: (input: ListTagsForDeliveryStreamInput) => ListTagsForDeliveryStreamOutput;
}

export type FirehoseAction = keyof FirehoseOperations;

/** Whether each action can add to what the broker keeps: those are refused while the data folder is full. */
export const firehoseAddsData: Readonly<Record<FirehoseAction, boolean>> = {
  // adds data
  CreateDeliveryStream: true, PutRecord: true, PutRecordBatch: true, TagDeliveryStream: true,
  // reads, deletes and changes that add nothing
  DeleteDeliveryStream: false, DescribeDeliveryStream: false, ListDeliveryStreams: false,
  UntagDeliveryStream: false, ListTagsForDeliveryStream: false,
};
