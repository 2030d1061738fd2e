/**
 * The Kinesis Analytics (SQL applications, 2015-08-14) operations' inputs and outputs, in the AWS API's own
 * member names (JSON 1.1). Timestamps arrive and leave as Date objects.
 */

export interface Tag {
  Key: string;
  Value?: string;
}

export interface RecordColumn {
  Name: string;
  Mapping?: string;
  SqlType: string;
}
export interface RecordFormat {
  RecordFormatType: 'JSON' | 'CSV' | string;
  MappingParameters?: {
    JSONMappingParameters?: { RecordRowPath: string };
    CSVMappingParameters?: { RecordRowDelimiter: string; RecordColumnDelimiter: string };
  };
}
export interface SourceSchema {
  RecordFormat: RecordFormat;
  RecordEncoding?: string;
  RecordColumns: RecordColumn[];
}

/** A source or destination ARN with the role AWS would assume to reach it (kept, never checked). */
export interface ResourceRef {
  ResourceARN: string;
  RoleARN: string;
}

export interface Input {
  NamePrefix: string;
  KinesisStreamsInput?: ResourceRef;
  KinesisFirehoseInput?: ResourceRef;
  InputParallelism?: { Count?: number };
  InputSchema: SourceSchema;
  InputProcessingConfiguration?: { InputLambdaProcessor: ResourceRef };
}
export interface InputDescription {
  InputId: string;
  NamePrefix: string;
  InAppStreamNames: string[];
  KinesisStreamsInputDescription?: ResourceRef;
  KinesisFirehoseInputDescription?: ResourceRef;
  InputSchema: SourceSchema;
  InputParallelism: { Count: number };
  InputStartingPositionConfiguration: { InputStartingPosition?: InputStartingPosition };
}

export interface Output {
  Name: string;
  KinesisStreamsOutput?: ResourceRef;
  KinesisFirehoseOutput?: ResourceRef;
  LambdaOutput?: ResourceRef;
  DestinationSchema: { RecordFormatType: 'JSON' | 'CSV' | string };
}
export interface OutputDescription {
  OutputId: string;
  Name: string;
  KinesisStreamsOutputDescription?: ResourceRef;
  KinesisFirehoseOutputDescription?: ResourceRef;
  LambdaOutputDescription?: ResourceRef;
  DestinationSchema: { RecordFormatType: string };
}

export type ApplicationStatus = 'DELETING' | 'STARTING' | 'STOPPING' | 'READY' | 'RUNNING' | 'UPDATING';
export type InputStartingPosition = 'NOW' | 'TRIM_HORIZON' | 'LAST_STOPPED_POINT';

export interface ApplicationSummary {
  ApplicationName: string;
  ApplicationARN: string;
  ApplicationStatus: ApplicationStatus;
}
export interface ApplicationDetail extends ApplicationSummary {
  ApplicationDescription?: string;
  CreateTimestamp: Date;
  LastUpdateTimestamp: Date;
  InputDescriptions: InputDescription[];
  OutputDescriptions: OutputDescription[];
  ReferenceDataSourceDescriptions: never[];
  CloudWatchLoggingOptionDescriptions: never[];
  ApplicationCode?: string;
  ApplicationVersionId: number;
}

export interface ResourceRefUpdate {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
}
export interface InputUpdate {
  InputId: string;
  NamePrefixUpdate?: string;
  KinesisStreamsInputUpdate?: ResourceRefUpdate;
  KinesisFirehoseInputUpdate?: ResourceRefUpdate;
  InputSchemaUpdate?: { RecordFormatUpdate?: RecordFormat; RecordEncodingUpdate?: string; RecordColumnUpdates?: RecordColumn[] };
  InputParallelismUpdate?: { CountUpdate?: number };
}
export interface OutputUpdate {
  OutputId: string;
  NameUpdate?: string;
  KinesisStreamsOutputUpdate?: ResourceRefUpdate;
  KinesisFirehoseOutputUpdate?: ResourceRefUpdate;
  LambdaOutputUpdate?: ResourceRefUpdate;
  DestinationSchemaUpdate?: { RecordFormatType: string };
}

export interface CreateApplicationInput {
  ApplicationName: string;
  ApplicationDescription?: string;
  Inputs?: Input[];
  Outputs?: Output[];
  CloudWatchLoggingOptions?: unknown[];
  ApplicationCode?: string;
  Tags?: Tag[];
}
export interface VersionedInput {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
}

export interface DiscoverInputSchemaInput {
  ResourceARN?: string;
  RoleARN?: string;
  InputStartingPositionConfiguration?: { InputStartingPosition?: string };
  S3Configuration?: { RoleARN: string; BucketARN: string; FileKey: string };
  InputProcessingConfiguration?: { InputLambdaProcessor: ResourceRef };
}
export interface DiscoverInputSchemaOutput {
  InputSchema: SourceSchema;
  ParsedInputRecords: string[][];
  ProcessedInputRecords: string[];
  RawInputRecords: string[];
}

export interface KinesisAnalyticsOperations {
  CreateApplication(input: CreateApplicationInput): { ApplicationSummary: ApplicationSummary };
  DescribeApplication(input: { ApplicationName: string }): { ApplicationDetail: ApplicationDetail };
  ListApplications(input: { Limit?: number; ExclusiveStartApplicationName?: string }): {
    ApplicationSummaries: ApplicationSummary[];
    HasMoreApplications: boolean;
  };
  UpdateApplication(
    input: VersionedInput & {
      ApplicationUpdate: { ApplicationCodeUpdate?: string; InputUpdates?: InputUpdate[]; OutputUpdates?: OutputUpdate[] };
    },
  ): Record<string, never>;
  DeleteApplication(input: { ApplicationName: string; CreateTimestamp: Date }): Record<string, never>;
  StartApplication(input: {
    ApplicationName: string;
    InputConfigurations: { Id: string; InputStartingPositionConfiguration: { InputStartingPosition?: string } }[];
  }): Record<string, never>;
  StopApplication(input: { ApplicationName: string }): Record<string, never>;
  AddApplicationInput(input: VersionedInput & { Input: Input }): Record<string, never>;
  AddApplicationOutput(input: VersionedInput & { Output: Output }): Record<string, never>;
  DeleteApplicationOutput(input: VersionedInput & { OutputId: string }): Record<string, never>;
  DiscoverInputSchema(input: DiscoverInputSchemaInput): Promise<DiscoverInputSchemaOutput>;
  TagResource(input: { ResourceARN: string; Tags: Tag[] }): Record<string, never>;
  UntagResource(input: { ResourceARN: string; TagKeys: string[] }): Record<string, never>;
  ListTagsForResource(input: { ResourceARN: string }): { Tags: Tag[] };
}

export type KinesisAnalyticsAction = keyof KinesisAnalyticsOperations;

/** Which actions can add to what the broker keeps (src/broker/service-actions.ts). */
export const kinesisanalyticsAddsData: Readonly<Record<KinesisAnalyticsAction, boolean>> = {
  CreateApplication: true,
  DescribeApplication: false,
  ListApplications: false,
  UpdateApplication: true,
  DeleteApplication: false,
  StartApplication: false,
  StopApplication: false,
  AddApplicationInput: true,
  AddApplicationOutput: true,
  DeleteApplicationOutput: false,
  DiscoverInputSchema: false,
  TagResource: true,
  UntagResource: false,
  ListTagsForResource: false,
};
