/**
 * The event Lambda hands a function for a batch of Kinesis records: data base64-encoded, arrival time in
 * epoch seconds, field names as real handlers (and @types/aws-lambda's KinesisStreamEvent) expect them.
 */
import type { KinesisRecord } from '../kinesis/api';

export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: '1.0';
    partitionKey: string;
    sequenceNumber: string;
    data: string;
    approximateArrivalTimestamp: number;
  };
  eventSource: 'aws:kinesis';
  eventVersion: '1.0';
  eventID: string;
  eventName: 'aws:kinesis:record';
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisStreamEvent {
  Records: KinesisEventRecord[];
}

export function kinesisEventRecord(
  record: KinesisRecord,
  shardId: string,
  source: { streamArn: string; region: string; accountId: string },
): KinesisEventRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey,
      sequenceNumber: record.SequenceNumber,
      data: Buffer.from(record.Data).toString('base64'),
      approximateArrivalTimestamp: record.ApproximateArrivalTimestamp.getTime() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${record.SequenceNumber}`,
    eventName: 'aws:kinesis:record',
    // Local functions run without IAM; this names the role a deployed function would have.
    invokeIdentityArn: `arn:aws:iam::${source.accountId}:role/eventyard-local-function`,
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
  };
}
