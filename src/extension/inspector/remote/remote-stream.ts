import type { ReshardRequest, PutRecordRequest, PutRecordResult, ReadRecordsRequest, ReadRecordsResult, StreamDescription } from '../../../inspector/protocol';
import { remoteStream } from '../../client/remote-client';
import { getRecordsInput, iteratorInput, recordsResult } from '../stream-handler';
import { reshardCall } from '../stream-reshard';
import type { ConnectionAccess } from './connection-access';

/**
 * The stream inspector on a connection: shards with their lineage (ListShards), the enhanced fan-out
 * consumers (ListStreamConsumers), the record browser and live tail through GetShardIterator/GetRecords
 * (reads change nothing), and PutRecord with writes enabled. The API counts no records per shard.
 */
export class RemoteStreamHandler {
  constructor(
    private readonly access: ConnectionAccess,
    private readonly streamName: string,
  ) {}

  async describe(): Promise<StreamDescription> {
    const client = this.access.client();
    const s = await remoteStream(client, this.streamName);
    // an emulator without enhanced fan-out (kinesalite) still shows the stream, without consumers
    const consumers = await client.kinesis('ListStreamConsumers', { StreamARN: s.arn }).then(
      (r) => (r.Consumers ?? []).map((c) => ({ name: c.ConsumerName, arn: c.ConsumerARN, status: c.ConsumerStatus, createdAt: new Date(c.ConsumerCreationTimestamp).getTime() })),
      () => undefined,
    );
    return {
      name: s.name,
      arn: s.arn,
      status: s.status,
      mode: s.mode,
      retentionHours: s.retentionPeriodHours,
      shards: s.shards.map(({ recordCount: _unknown, ...shard }) => shard),
      ...(consumers ? { consumers } : {}),
    };
  }

  async read(request: ReadRecordsRequest): Promise<ReadRecordsResult> {
    const kinesis = this.access.client().kinesis;
    const iterator = request.iterator ?? (await kinesis('GetShardIterator', iteratorInput(this.streamName, request))).ShardIterator;
    return recordsResult(await kinesis('GetRecords', getRecordsInput(iterator, request)));
  }

  /** After the stream's name is typed: UpdateShardCount, SplitShard (at the shard's middle) or MergeShards. */
  async reshard(request: ReshardRequest): Promise<null> {
    const kinesis = this.access.writable().kinesis;
    await this.access.confirm('Reshard stream', this.streamName);
    const call = reshardCall(this.streamName, request, (await remoteStream(this.access.client(), this.streamName)).shards);
    if (call.action === 'UpdateShardCount') await kinesis('UpdateShardCount', call.input);
    else if (call.action === 'SplitShard') await kinesis('SplitShard', call.input);
    else await kinesis('MergeShards', call.input);
    return null;
  }

  async put(request: PutRecordRequest): Promise<PutRecordResult> {
    const out = await this.access.writable().kinesis('PutRecord', {
      StreamName: this.streamName,
      PartitionKey: request.partitionKey,
      Data: new TextEncoder().encode(request.data),
      ...(request.explicitHashKey ? { ExplicitHashKey: request.explicitHashKey } : {}),
    });
    return { shardId: out.ShardId, sequenceNumber: out.SequenceNumber };
  }
}
