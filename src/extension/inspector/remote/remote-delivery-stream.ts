import type { DeliveryStreamDescription } from '../../../inspector/protocol';
import { remoteDeliveryStream } from '../../client/remote-client';
import type { ConnectionAccess } from './connection-access';

/**
 * The delivery-stream inspector on a connection: where it delivers (DescribeDeliveryStream) and PutRecord
 * with writes enabled. What it buffers and delivered the API does not say: the view leaves those out.
 */
export class RemoteDeliveryStreamHandler {
  constructor(
    private readonly access: ConnectionAccess,
    private readonly name: string,
  ) {}

  async describe(): Promise<DeliveryStreamDescription> {
    const s = await remoteDeliveryStream(this.access.client(), this.name);
    return {
      name: s.name,
      arn: s.arn,
      type: s.type,
      destination: s.endpointUrl ?? `${s.bucket}/${s.prefix}`,
      ...(s.sourceStreamArn ? { sourceStreamArn: s.sourceStreamArn } : {}),
      bufferedRecords: 0,
      bufferedBytes: 0,
      deliveredObjects: 0,
      deliveries: [],
    };
  }

  async put(data: string): Promise<{ recordId: string }> {
    const out = await this.access.writable().firehose('PutRecord', { DeliveryStreamName: this.name, Record: { Data: new TextEncoder().encode(data) } });
    return { recordId: out.RecordId };
  }
}
