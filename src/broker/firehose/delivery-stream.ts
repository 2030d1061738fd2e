import type { Deadline } from '../scheduler';
import type * as api from './api';
import type { BufferedRecord } from './transform';

/** The S3 destination of a delivery stream, with AWS's defaults filled in. */
export interface S3Destination {
  extended: boolean;
  bucket: string;
  config: api.ExtendedS3DestinationConfiguration;
  prefix: string;
  errorOutputPrefix: string | undefined;
  sizeInMBs: number;
  intervalInSeconds: number;
  /** The Lambda ARN of an enabled processing configuration. */
  transformLambdaArn: string | undefined;
}

/** A delivery stream: where its records go, what is buffered for the next object, and what was delivered. */
export class DeliveryStreamState {
  readonly tags = new Map<string, string>();
  readonly buffer: BufferedRecord[] = [];
  bufferedBytes = 0;
  flushDeadline: Deadline | undefined;
  /** Deliveries run one after another so objects land in the order their records arrived. */
  delivering: Promise<void> = Promise.resolve();
  deliveredObjects = 0;
  lastObjectKey: string | undefined;
  stopSource: (() => void) | undefined;
  nextRecordId = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly type: api.DeliveryStreamType,
    readonly createdAt: number,
    readonly destination: S3Destination,
    readonly source: { KinesisStreamARN: string; RoleARN: string } | undefined,
  ) {}

  get versionId(): number {
    return 1;
  }

  describeDestination(): api.DestinationDescription {
    const d = this.destination;
    const s3: api.S3DestinationDescription = {
      RoleARN: d.config.RoleARN,
      BucketARN: d.config.BucketARN,
      Prefix: d.prefix,
      ...(d.errorOutputPrefix !== undefined ? { ErrorOutputPrefix: d.errorOutputPrefix } : {}),
      BufferingHints: { SizeInMBs: d.sizeInMBs, IntervalInSeconds: d.intervalInSeconds },
      CompressionFormat: d.config.CompressionFormat ?? 'UNCOMPRESSED',
      EncryptionConfiguration: d.config.EncryptionConfiguration ?? { NoEncryptionConfig: 'NoEncryption' },
      CloudWatchLoggingOptions: d.config.CloudWatchLoggingOptions ?? { Enabled: false },
    };
    return {
      DestinationId: 'destinationId-000000000001',
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
}
