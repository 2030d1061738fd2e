import type { FirehoseService } from '../../broker/firehose/service';
import type { DeliveryStreamDescription } from '../../inspector/protocol';
import type { ActivityLog } from './activity-log';

export type FirehosePort = Pick<FirehoseService, 'operations' | 'listDeliveryStreamSummaries'>;

/** Answers the delivery-stream inspector: what is buffered, where it goes, what was written. */
export class DeliveryStreamHandler {
  constructor(
    private readonly firehose: FirehosePort,
    private readonly name: string,
    private readonly activity: ActivityLog,
  ) {}

  describe(): DeliveryStreamDescription {
    const s = this.firehose.listDeliveryStreamSummaries().find((x) => x.name === this.name);
    // A missing stream answers with the error a client's DescribeDeliveryStream would get.
    if (!s) {
      this.firehose.operations.DescribeDeliveryStream({ DeliveryStreamName: this.name });
      throw new Error(`Delivery stream ${this.name} not found.`);
    }
    const out: DeliveryStreamDescription = {
      name: s.name,
      arn: s.arn,
      type: s.type,
      destination: s.endpointUrl ?? `${s.bucket}/${s.prefix}`,
      bufferedRecords: s.bufferedRecords,
      bufferedBytes: s.bufferedBytes,
      deliveredObjects: s.deliveredObjects,
      deliveries: this.activity.deliveriesOf(s.name),
    };
    if (s.sourceStreamArn) out.sourceStreamArn = s.sourceStreamArn;
    return out;
  }

  put(data: string): { recordId: string } {
    const out = this.firehose.operations.PutRecord({ DeliveryStreamName: this.name, Record: { Data: new TextEncoder().encode(data) } });
    return { recordId: out.RecordId };
  }
}
