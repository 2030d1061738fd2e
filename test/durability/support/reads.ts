import * as kinesis from '@aws-sdk/client-kinesis';
import * as sqs from '@aws-sdk/client-sqs';
import type { Clients } from './clients';
import { idOf, PeekedMessage, QueueCounts } from './queue-ledger';
import type { StreamRecord } from './stream-ledger';
import { sleep } from './figures';

/** Every message of a queue in every state, through the admin peek, which changes nothing. */
export async function peekAll(endpoint: string, queueName: string): Promise<PeekedMessage[]> {
  const response = await fetch(`${endpoint}/_eventyard/sqs/queues/${encodeURIComponent(queueName)}/messages?limit=10000000`);
  if (!response.ok) throw new Error(`peek ${queueName}: HTTP ${response.status} ${await response.text()}`);
  const { total, messages } = (await response.json()) as { total: number; messages: PeekedMessage[] };
  if (messages.length !== total) throw new Error(`peek ${queueName} returned ${messages.length} of ${total} messages`);
  return messages;
}

export async function queueCounts(clients: Clients, queueUrl: string): Promise<QueueCounts> {
  const { Attributes = {} } = await clients.sqs.send(
    new sqs.GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
  };
}

export async function createStream(clients: Clients, StreamName: string, ShardCount: number): Promise<void> {
  await clients.kinesis.send(new kinesis.CreateStreamCommand({ StreamName, ShardCount }));
  await streamActive(clients, StreamName);
}

export async function streamActive(clients: Clients, StreamName: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { StreamDescriptionSummary } = await clients.kinesis.send(new kinesis.DescribeStreamSummaryCommand({ StreamName }));
    if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await sleep(100);
  }
  throw new Error(`stream ${StreamName} never became ACTIVE`);
}

/** Reads every shard from TRIM_HORIZON to its tip with GetShardIterator and GetRecords. */
export async function readStream(clients: Clients, StreamName: string): Promise<Map<string, StreamRecord[]>> {
  const { Shards = [] } = await clients.kinesis.send(new kinesis.ListShardsCommand({ StreamName }));
  const result = new Map<string, StreamRecord[]>();
  for (const shard of Shards) {
    const records: StreamRecord[] = [];
    let { ShardIterator } = await clients.kinesis.send(
      new kinesis.GetShardIteratorCommand({ StreamName, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (ShardIterator) {
      const page = await clients.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator, Limit: 10000 }));
      for (const r of page.Records ?? []) {
        records.push({ shardId: shard.ShardId!, sequenceNumber: r.SequenceNumber!, id: idOf(Buffer.from(r.Data!).toString('utf8')) });
      }
      if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break;
      ShardIterator = page.NextShardIterator;
    }
    result.set(shard.ShardId!, records);
  }
  return result;
}
