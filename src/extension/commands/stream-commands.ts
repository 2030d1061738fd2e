import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceNode } from '../tree/nodes';
import * as rules from '../validation/rules';
import { pickDeliveryStream, pickStream } from './pickers';
import { ask, command, notify, pick, requireClient } from './ui';

/** Kinesis streams (create, put, split, reshard, delete) and Firehose delivery streams. */
export function registerStreamCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    command('eventyard.createStream', async () => {
      const client = requireClient(host);
      const name = await ask('Stream name', rules.streamName, { placeHolder: 'clicks' });
      const shards = await ask('Shard count: each shard takes 1 MB/s or 1,000 records/s of writes', rules.shardCount, { value: '2' });
      await client.kinesis('CreateStream', { StreamName: name, ShardCount: Number(shards) });
      notify(`created stream ${name} with ${shards} shards.`);
    }),

    command('eventyard.putRecord', async (node?: unknown) => {
      const client = requireClient(host);
      const stream = await pickStream(client, node);
      const key = await ask('Partition key: its MD5 hash picks the shard; equal keys keep their order', rules.partitionKey, { value: 'user-1' });
      const data = await ask('Record data', rules.recordData, { value: '{"click":"buy"}' });
      const { ShardId, SequenceNumber } = await client.kinesis('PutRecord', { StreamName: stream.name, PartitionKey: key, Data: Buffer.from(data) });
      notify(`put a record into ${ShardId} of ${stream.name} (sequence ${SequenceNumber}).`);
    }),

    command('eventyard.splitShard', async (node?: ResourceNode) => {
      const client = requireClient(host);
      const stream = await pickStream(client, node?.kind === 'shard' ? { kind: 'stream', name: node.stream.name } : node);
      const shard = node?.kind === 'shard' ? node.shard : (await pick('Shard to split', stream.shards.filter((s) => s.open).map((s) => ({ label: s.shardId, shard: s })))).shard;
      const key = await ask('NewStartingHashKey: the first hash key of the second child shard (the midpoint splits evenly)',
        rules.newStartingHashKey(shard.startingHashKey, shard.endingHashKey), { value: rules.midpointHashKey(shard.startingHashKey, shard.endingHashKey) });
      await client.kinesis('SplitShard', { StreamName: stream.name, ShardToSplit: shard.shardId, NewStartingHashKey: key });
      notify(`split ${shard.shardId} of ${stream.name}; it is closed and its two children take new records.`);
    }),

    command('eventyard.updateShardCount', async (node?: unknown) => {
      const client = requireClient(host);
      const stream = await pickStream(client, node);
      const open = stream.shards.filter((s) => s.open).length;
      const target = await ask(`Target shard count (now ${open}); UpdateShardCount allows from half to double the current count`,
        rules.integerIn('The target shard count', Math.ceil(open / 2), open * 2), { value: String(open * 2) });
      await client.kinesis('UpdateShardCount', { StreamName: stream.name, TargetShardCount: Number(target), ScalingType: 'UNIFORM_SCALING' });
      notify(`resharding ${stream.name} from ${open} to ${target} shards.`);
    }),

    command('eventyard.deleteStream', async (node?: unknown) => {
      const client = requireClient(host);
      const stream = await pickStream(client, node);
      const ok = await vscode.window.showWarningMessage(`Delete stream ${stream.name} and its records?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return;
      await client.kinesis('DeleteStream', { StreamName: stream.name, EnforceConsumerDeletion: true });
      notify(`deleted stream ${stream.name}.`);
    }),

    command('eventyard.createDeliveryStream', async () => {
      const client = requireClient(host);
      const name = await ask('Delivery stream name', rules.deliveryStreamName, { placeHolder: 'clicks-to-s3' });
      const bucket = await ask('Bucket: a folder of that name stands for the S3 bucket', (v) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? undefined : 'Bucket names have 3 to 63 lowercase letters, digits, periods and hyphens, starting and ending with a letter or digit.'), { value: 'landing' });
      const streams = (await client.snapshot()).streams;
      const { source } = await pick('Source', [
        { label: 'Direct PUT', description: 'apps call PutRecord on the delivery stream', source: undefined as string | undefined },
        ...streams.map((s) => ({ label: `Kinesis stream ${s.name}`, source: s.arn as string | undefined })),
      ]);
      const destination = { RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: `arn:aws:s3:::${bucket}`, BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } };
      await client.firehose('CreateDeliveryStream', {
        DeliveryStreamName: name,
        DeliveryStreamType: source ? 'KinesisStreamAsSource' : 'DirectPut',
        ...(source ? { KinesisStreamSourceConfiguration: { KinesisStreamARN: source, RoleARN: destination.RoleARN } } : {}),
        ExtendedS3DestinationConfiguration: destination,
      });
      notify(`created delivery stream ${name} into bucket ${bucket}.`);
    }),

    command('eventyard.deleteDeliveryStream', async (node?: unknown) => {
      const client = requireClient(host);
      const stream = await pickDeliveryStream(client, node);
      await client.firehose('DeleteDeliveryStream', { DeliveryStreamName: stream.name });
      notify(`deleted delivery stream ${stream.name}.`);
    }),
  ];
}
