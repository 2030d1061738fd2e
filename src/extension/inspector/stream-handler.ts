import { payloadText } from '../../broker/search/payload-text';
import type { GetRecordsInput, GetRecordsOutput, GetShardIteratorInput } from '../../broker/kinesis/api';
import type { KinesisService } from '../../broker/kinesis/service';
import { reshardCall } from './stream-reshard';
import type { ReshardRequest, PutRecordRequest, PutRecordResult, ReadRecordsRequest, ReadRecordsResult, StreamDescription, StreamRecord } from '../../inspector/protocol';

export type KinesisPort = Pick<KinesisService, 'operations' | 'listStreamSummaries'>;

/** Record data as text when it is text; otherwise base64, so nothing is shown garbled. */
export function recordData(data: Uint8Array): { data: string; binary?: boolean } {
  return payloadText(data);
}

/**
 * Answers the stream inspector through the Kinesis engine's own GetShardIterator / GetRecords / PutRecord,
 * so the browser reads exactly what a consumer reading that shard would.
 */
export class StreamHandler {
  constructor(
    private readonly kinesis: KinesisPort,
    private readonly streamName: string,
  ) {}

  describe(): StreamDescription {
    const s = this.kinesis.listStreamSummaries().find((x) => x.name === this.streamName);
    // A missing stream answers with the error a client's DescribeStreamSummary would get.
    if (!s) throw this.missing();
    return {
      name: s.name,
      arn: s.arn,
      status: s.status,
      mode: s.mode,
      retentionHours: s.retentionPeriodHours,
      shards: s.shards.map((sh) => ({ ...sh })),
    };
  }

  private missing(): Error {
    try {
      this.kinesis.operations.DescribeStreamSummary({ StreamName: this.streamName });
    } catch (e) {
      return e as Error;
    }
    return new Error(`Stream ${this.streamName} not found.`);
  }

  read(request: ReadRecordsRequest): ReadRecordsResult {
    const iterator = request.iterator ?? this.kinesis.operations.GetShardIterator(iteratorInput(this.streamName, request)).ShardIterator;
    return recordsResult(this.kinesis.operations.GetRecords(getRecordsInput(iterator, request)));
  }

  reshard(request: ReshardRequest): null {
    const call = reshardCall(this.streamName, request, this.describe().shards);
    const ops = this.kinesis.operations;
    if (call.action === 'UpdateShardCount') ops.UpdateShardCount(call.input);
    else if (call.action === 'SplitShard') ops.SplitShard(call.input);
    else ops.MergeShards(call.input);
    return null;
  }

  put(request: PutRecordRequest): PutRecordResult {
    const out = this.kinesis.operations.PutRecord({
      StreamName: this.streamName,
      PartitionKey: request.partitionKey,
      Data: new TextEncoder().encode(request.data),
      ...(request.explicitHashKey ? { ExplicitHashKey: request.explicitHashKey } : {}),
    });
    return { shardId: out.ShardId, sequenceNumber: out.SequenceNumber };
  }
}

/** GetShardIterator for a fresh read: from the position asked, the oldest record kept by default. */
export function iteratorInput(streamName: string, request: ReadRecordsRequest): GetShardIteratorInput {
  const position = request.position ?? { type: 'TRIM_HORIZON' };
  return {
    StreamName: streamName,
    ShardId: request.shardId,
    ShardIteratorType: position.type,
    ...(position.sequenceNumber ? { StartingSequenceNumber: position.sequenceNumber } : {}),
    ...(position.timestamp !== undefined ? { Timestamp: new Date(position.timestamp) } : {}),
  };
}

export function getRecordsInput(iterator: string, request: ReadRecordsRequest): GetRecordsInput {
  return { ShardIterator: iterator, Limit: Math.max(1, Math.min(1000, Math.floor(request.limit))) };
}

/** GetRecords' answer as the record browser shows it. */
export function recordsResult(out: GetRecordsOutput): ReadRecordsResult {
  const records: StreamRecord[] = (out.Records ?? []).map((r) => ({
    sequenceNumber: r.SequenceNumber,
    partitionKey: r.PartitionKey,
    arrivedAt: new Date(r.ApproximateArrivalTimestamp).getTime(),
    size: r.Data.length,
    ...recordData(r.Data),
  }));
  return { records, nextIterator: out.NextShardIterator, millisBehindLatest: out.MillisBehindLatest };
}
