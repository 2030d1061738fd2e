import { parseArn } from '../identity';
import type * as api from './api';
import { firehoseErrors } from './errors';

/** What every destination buffers by, and the Lambda that may transform each buffer first. */
interface Buffering {
  sizeInMBs: number;
  intervalInSeconds: number;
  /** The Lambda ARN of an enabled processing configuration. */
  transformLambdaArn: string | undefined;
}

/** An S3 destination (a folder standing for the bucket), with AWS's defaults filled in. */
export interface S3Destination extends Buffering {
  kind: 's3';
  extended: boolean;
  bucket: string;
  config: api.ExtendedS3DestinationConfiguration;
  prefix: string;
  errorOutputPrefix: string | undefined;
}

/** An HTTP endpoint destination, with the S3 bucket that takes failed (or all) data. */
export interface HttpDestination extends Buffering {
  kind: 'http';
  config: api.HttpEndpointDestinationConfiguration;
  url: string;
  retryDurationSeconds: number;
  backupAllData: boolean;
  backup: S3Destination;
}

export type Destination = S3Destination | HttpDestination;

function lambdaOf(processing: api.ProcessingConfiguration | undefined): string | undefined {
  if (!processing?.Enabled) return undefined;
  const lambda = processing.Processors?.find((p) => p.Type === 'Lambda')?.Parameters?.find((p) => p.ParameterName === 'LambdaArn');
  if (!lambda) throw firehoseErrors.invalidArgument('Lambda processor requires the LambdaArn parameter.');
  return lambda.ParameterValue;
}

function s3Destination(config: api.ExtendedS3DestinationConfiguration, extended: boolean): S3Destination {
  const bucketArn = parseArn(config.BucketARN);
  const bucket = bucketArn?.resource ?? '';
  if (!bucketArn || bucketArn.service !== 's3' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw firehoseErrors.invalidArgument(`BucketARN ${config.BucketARN} is not a valid S3 bucket ARN.`);
  }
  return {
    kind: 's3',
    extended,
    bucket,
    config,
    prefix: config.Prefix ?? '',
    errorOutputPrefix: config.ErrorOutputPrefix,
    sizeInMBs: config.BufferingHints?.SizeInMBs ?? 5,
    intervalInSeconds: config.BufferingHints?.IntervalInSeconds ?? 300,
    transformLambdaArn: extended ? lambdaOf(config.ProcessingConfiguration) : undefined,
  };
}

export function destinationOf(input: api.CreateDeliveryStreamInput): Destination {
  const given = [
    input.S3DestinationConfiguration,
    input.ExtendedS3DestinationConfiguration,
    input.HttpEndpointDestinationConfiguration,
  ].filter((c) => c !== undefined);
  if (given.length !== 1) {
    throw firehoseErrors.invalidArgument('Exactly one destination configuration is supported for a Firehose');
  }
  if (input.S3DestinationConfiguration) return s3Destination(input.S3DestinationConfiguration, false);
  if (input.ExtendedS3DestinationConfiguration) return s3Destination(input.ExtendedS3DestinationConfiguration, true);
  const http = input.HttpEndpointDestinationConfiguration as api.HttpEndpointDestinationConfiguration;
  let url: URL | undefined;
  try {
    url = new URL(http.EndpointConfiguration.Url);
  } catch {
    url = undefined;
  }
  // AWS takes https only; a local endpoint is usually plain http, so both are accepted here.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw firehoseErrors.invalidArgument(`Url ${http.EndpointConfiguration.Url} is not a valid HTTP endpoint URL.`);
  }
  return {
    kind: 'http',
    config: http,
    url: url.toString(),
    retryDurationSeconds: http.RetryOptions?.DurationInSeconds ?? 300,
    backupAllData: http.S3BackupMode === 'AllData',
    backup: s3Destination(http.S3Configuration, false),
    sizeInMBs: http.BufferingHints?.SizeInMBs ?? 5,
    intervalInSeconds: http.BufferingHints?.IntervalInSeconds ?? 300,
    transformLambdaArn: lambdaOf(http.ProcessingConfiguration),
  };
}

function describeS3(d: S3Destination): api.S3DestinationDescription {
  return {
    RoleARN: d.config.RoleARN,
    BucketARN: d.config.BucketARN,
    Prefix: d.prefix,
    ...(d.errorOutputPrefix !== undefined ? { ErrorOutputPrefix: d.errorOutputPrefix } : {}),
    BufferingHints: { SizeInMBs: d.sizeInMBs, IntervalInSeconds: d.intervalInSeconds },
    CompressionFormat: d.config.CompressionFormat ?? 'UNCOMPRESSED',
    EncryptionConfiguration: d.config.EncryptionConfiguration ?? { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: d.config.CloudWatchLoggingOptions ?? { Enabled: false },
  };
}

export function describeDestination(d: Destination): api.DestinationDescription {
  const id = 'destinationId-000000000001';
  if (d.kind === 'http') {
    const c = d.config;
    return {
      DestinationId: id,
      HttpEndpointDestinationDescription: {
        EndpointConfiguration: { Url: d.url, ...(c.EndpointConfiguration.Name ? { Name: c.EndpointConfiguration.Name } : {}) },
        BufferingHints: { SizeInMBs: d.sizeInMBs, IntervalInSeconds: d.intervalInSeconds },
        CloudWatchLoggingOptions: c.CloudWatchLoggingOptions ?? { Enabled: false },
        RequestConfiguration: { ContentEncoding: c.RequestConfiguration?.ContentEncoding ?? 'NONE', CommonAttributes: c.RequestConfiguration?.CommonAttributes ?? [] },
        ...(c.ProcessingConfiguration ? { ProcessingConfiguration: c.ProcessingConfiguration } : {}),
        ...(c.RoleARN ? { RoleARN: c.RoleARN } : {}),
        RetryOptions: { DurationInSeconds: d.retryDurationSeconds },
        S3BackupMode: d.backupAllData ? 'AllData' : 'FailedDataOnly',
        S3DestinationDescription: describeS3(d.backup),
      },
    };
  }
  const s3 = describeS3(d);
  return {
    DestinationId: id,
    S3DestinationDescription: s3,
    ...(d.extended
      ? {
          ExtendedS3DestinationDescription: {
            ...s3,
            ...(d.config.ProcessingConfiguration ? { ProcessingConfiguration: d.config.ProcessingConfiguration } : {}),
            S3BackupMode: d.config.S3BackupMode ?? 'Disabled',
          },
        }
      : {}),
  };
}
