import { randomUUID } from 'node:crypto';
import type { OutputDescription } from '../api';
import type { Row } from '../input-record';
import type { InAppStream } from './in-app-stream';
import type { AnalyticsPorts } from './ports';
import { csvRecord, jsonRecord } from './row-format';

const KINESIS_BATCH = 500;
const FIREHOSE_BATCH = 500;

/** What an output has done, for the tree and the inspector: records written, and the last failure. */
export interface OutputStatus {
  written: number;
  failed: number;
  lastError?: string;
}

/**
 * Writes the rows of one in-application stream to an output's destination, one record per row in the
 * DestinationSchema's format: PutRecords to a Kinesis stream, PutRecordBatch to a Firehose delivery
 * stream, or an invocation of a local function with AWS's LambdaOutput event. A destination that refuses
 * (gone, throttled, full) is counted and its last error kept; the rows are not retried.
 */
export class OutputWriter {
  readonly status: OutputStatus = { written: 0, failed: 0 };
  private unsubscribe?: () => void;

  constructor(
    private readonly output: OutputDescription,
    private readonly stream: InAppStream,
    private readonly ports: AnalyticsPorts,
    private readonly applicationArn: string,
  ) {}

  start(): void {
    this.unsubscribe = this.stream.subscribe((rows) => this.write(rows));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private write(rows: Row[]): void {
    const format = this.output.DestinationSchema.RecordFormatType === 'CSV' ? csvRecord : jsonRecord;
    const records = rows.map((r) => Buffer.from(format(r, this.stream.columns)));
    try {
      if (this.output.KinesisStreamsOutputDescription) this.toKinesis(this.output.KinesisStreamsOutputDescription.ResourceARN, records);
      else if (this.output.KinesisFirehoseOutputDescription) this.toFirehose(this.output.KinesisFirehoseOutputDescription.ResourceARN, records);
      else if (this.output.LambdaOutputDescription) void this.toFunction(this.output.LambdaOutputDescription.ResourceARN, records);
    } catch (e) {
      this.failed(records.length, e);
    }
  }

  private toKinesis(streamArn: string, records: Buffer[]): void {
    if (!this.ports.kinesis) throw new Error('Kinesis streams are not available in this broker');
    for (let i = 0; i < records.length; i += KINESIS_BATCH) {
      const batch = records.slice(i, i + KINESIS_BATCH);
      const result = this.ports.kinesis.operations.PutRecords({
        StreamARN: streamArn,
        Records: batch.map((Data) => ({ Data, PartitionKey: randomUUID() })),
      });
      this.status.written += batch.length - result.FailedRecordCount;
      if (result.FailedRecordCount) this.failed(result.FailedRecordCount, result.Records.find((r) => r.ErrorMessage)?.ErrorMessage);
    }
  }

  private toFirehose(deliveryStreamArn: string, records: Buffer[]): void {
    if (!this.ports.firehose) throw new Error('Firehose delivery streams are not available in this broker');
    const name = deliveryStreamArn.slice(deliveryStreamArn.indexOf('/') + 1);
    for (let i = 0; i < records.length; i += FIREHOSE_BATCH) {
      const batch = records.slice(i, i + FIREHOSE_BATCH);
      const result = this.ports.firehose.operations.PutRecordBatch({ DeliveryStreamName: name, Records: batch.map((Data) => ({ Data })) });
      this.status.written += batch.length - result.FailedPutCount;
      if (result.FailedPutCount) this.failed(result.FailedPutCount, result.RequestResponses.find((r) => r.ErrorMessage)?.ErrorMessage);
    }
  }

  /** AWS's LambdaOutput event; the function answers each recordId with `Ok` or `DeliveryFailed`. */
  private async toFunction(functionArn: string, records: Buffer[]): Promise<void> {
    const ids = records.map(() => randomUUID());
    try {
      if (!this.ports.lambda) throw new Error('Local functions are not available in this broker');
      const answer = (await this.ports.lambda(
        functionArn,
        {
          invocationId: randomUUID(),
          applicationArn: this.applicationArn,
          records: records.map((data, i) => ({ recordId: ids[i], lambdaDeliveryRecordMetadata: { retryHint: 0 }, data: data.toString('base64') })),
        },
        this.applicationArn,
      )) as { records?: { recordId?: string; result?: string }[] } | undefined;
      const ok = new Set((answer?.records ?? []).filter((r) => r.result === 'Ok').map((r) => r.recordId));
      const delivered = ids.filter((id) => ok.has(id)).length;
      this.status.written += delivered;
      if (delivered < ids.length) this.failed(ids.length - delivered, 'The function did not answer Ok for every record');
    } catch (e) {
      this.failed(records.length, e);
    }
  }

  private failed(count: number, error: unknown): void {
    this.status.failed += count;
    this.status.lastError = error instanceof Error ? error.message : String(error ?? 'failed');
  }
}
