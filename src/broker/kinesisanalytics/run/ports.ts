import type { FirehoseService } from '../../firehose/service';
import type { KinesisService } from '../../kinesis/service';

/**
 * What a running application reads from and writes to, given at construction (the other services'
 * public faces, never their state): Kinesis streams and Firehose delivery streams as sources and
 * destinations, and local functions as a LambdaOutput.
 */
export interface AnalyticsPorts {
  kinesis?: Pick<KinesisService, 'subscribeToRecords' | 'shardRecords'> & { operations: Pick<KinesisService['operations'], 'PutRecords'> };
  firehose?: Pick<FirehoseService, 'subscribeToRecords'> & { operations: Pick<FirehoseService['operations'], 'PutRecordBatch'> };
  /** Invokes a local function with the output event and resolves with its answer; rejects when the invocation fails. */
  lambda?: (functionArn: string, event: unknown, applicationArn: string) => Promise<unknown>;
  /** Reads an S3 object's bytes (DiscoverInputSchema's S3Configuration); rejects when it does not exist. */
  s3?: (bucket: string, key: string) => Promise<Buffer>;
}
