import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordsCommand, type _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { ListTopicsCommand, PublishCommand, SNSClient, type MessageAttributeValue as SnsAttribute } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient, type MessageAttributeValue as SqsAttribute } from '@aws-sdk/client-sqs';
import type { Attributes } from './model';

export interface EndpointOptions {
  /** The AWS endpoint, e.g. http://127.0.0.1:4566. */
  endpoint: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** A message in a queue as the admin peek shows it (nothing is received). */
export interface PeekedMessage {
  messageId: string;
  body: string;
  /** Binary values (and list values) come as base64 text, as the admin route writes bytes. */
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string; StringListValues?: string[]; BinaryListValues?: string[] }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sentTimestamp?: number;
}

/** An entry of SNS's outbox (admin route): what an email, SMS or push subscriber of a topic got. */
export interface OutboxEntrySeen {
  at: number;
  protocol: string;
  endpoint: string;
  topicArn: string;
  messageId: string;
  subject?: string;
  body: string;
  kind: string;
}

export interface InvocationSeen {
  requestId: string;
  input: unknown;
}

/**
 * The runner's way to a broker: the AWS SDK v3 clients for what any AWS endpoint answers, and Eventyard's
 * admin routes (`/_eventyard/...`) for what no AWS API offers without changing state: a peek at a queue's
 * messages and a function's invocations.
 */
export class EndpointClient {
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly kinesis: KinesisClient;
  readonly events: EventBridgeClient;
  readonly sfn: SFNClient;
  private readonly queueUrls = new Map<string, string>();
  private readonly topicArns = new Map<string, string>();

  constructor(private readonly options: EndpointOptions) {
    const config = {
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: options.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' },
      // A step's failure should say what the broker answered, not wait out three retries.
      maxAttempts: 1,
    };
    this.sqs = new SQSClient(config);
    this.sns = new SNSClient(config);
    this.kinesis = new KinesisClient(config);
    this.events = new EventBridgeClient(config);
    this.sfn = new SFNClient(config);
  }

  dispose(): void {
    for (const c of [this.sqs, this.sns, this.kinesis, this.events, this.sfn]) c.destroy();
  }

  async queueUrl(nameOrUrl: string): Promise<string> {
    if (/^https?:\/\//.test(nameOrUrl)) return nameOrUrl;
    let url = this.queueUrls.get(nameOrUrl);
    if (!url) {
      url = (await this.sqs.send(new GetQueueUrlCommand({ QueueName: nameOrUrl }))).QueueUrl!;
      this.queueUrls.set(nameOrUrl, url);
    }
    return url;
  }

  async topicArn(nameOrArn: string): Promise<string> {
    if (nameOrArn.startsWith('arn:')) return nameOrArn;
    let arn = this.topicArns.get(nameOrArn);
    let next: string | undefined;
    while (!arn) {
      const page = await this.sns.send(new ListTopicsCommand({ NextToken: next }));
      arn = page.Topics?.map((t) => t.TopicArn!).find((a) => a.endsWith(`:${nameOrArn}`));
      next = page.NextToken;
      if (!next) break;
    }
    if (!arn) throw new Error(`Topic ${nameOrArn} does not exist.`);
    this.topicArns.set(nameOrArn, arn);
    return arn;
  }

  /** `messageAttributes` (the SDK's own shape) stands in for `attributes` when given: an import keeps types and bytes. */
  async sendMessages(queue: string, entries: { body: string; attributes?: Attributes; messageAttributes?: Record<string, SqsAttribute>; groupId?: string; deduplicationId?: string; delaySeconds?: number }[]): Promise<{ MessageId: string; SequenceNumber?: string }[]> {
    const QueueUrl = await this.queueUrl(queue);
    const toInput = (e: (typeof entries)[number]) => ({
      MessageBody: e.body,
      MessageAttributes: e.messageAttributes ?? sqsAttributes(e.attributes),
      MessageGroupId: e.groupId,
      MessageDeduplicationId: e.deduplicationId,
      DelaySeconds: e.delaySeconds,
    });
    if (entries.length === 1) {
      const out = await this.sqs.send(new SendMessageCommand({ QueueUrl, ...toInput(entries[0]) }));
      return [{ MessageId: out.MessageId!, SequenceNumber: out.SequenceNumber }];
    }
    const sent: { MessageId: string; SequenceNumber?: string }[] = [];
    for (let i = 0; i < entries.length; i += 10) {
      const batch = entries.slice(i, i + 10).map((e, j) => ({ Id: String(i + j), ...toInput(e) }));
      const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: batch }));
      const failed = out.Failed?.[0];
      if (failed) throw new Error(`Message ${Number(failed.Id) + 1} of ${entries.length} was refused: ${failed.Code}: ${failed.Message}`);
      const byId = new Map(out.Successful?.map((s) => [s.Id, s]));
      for (const e of batch) sent.push({ MessageId: byId.get(e.Id)!.MessageId!, SequenceNumber: byId.get(e.Id)!.SequenceNumber });
    }
    return sent;
  }

  async publish(topic: string, entry: { message: string; subject?: string; attributes?: Attributes; messageAttributes?: Record<string, SnsAttribute>; groupId?: string; deduplicationId?: string }): Promise<{ MessageId: string }> {
    const out = await this.sns.send(new PublishCommand({
      TopicArn: await this.topicArn(topic),
      Message: entry.message,
      Subject: entry.subject,
      MessageAttributes: entry.messageAttributes ?? snsAttributes(entry.attributes),
      MessageGroupId: entry.groupId,
      MessageDeduplicationId: entry.deduplicationId,
    }));
    return { MessageId: out.MessageId! };
  }

  async putRecords(stream: string, records: { data: string | Uint8Array; partitionKey: string }[]): Promise<{ SequenceNumber: string; ShardId: string }[]> {
    const put: { SequenceNumber: string; ShardId: string }[] = [];
    const entries = records.map((r) => ({ Data: typeof r.data === 'string' ? Buffer.from(r.data) : r.data, PartitionKey: r.partitionKey }));
    // PutRecords takes 500 records and 5 MiB (data and partition keys) at most.
    for (const batch of inBatches(entries, 500, 5 * 1024 * 1024, (r) => r.Data.length + Buffer.byteLength(r.PartitionKey))) {
      const out = await this.kinesis.send(new PutRecordsCommand({ ...streamRef(stream), Records: batch }));
      const failed = out.Records?.findIndex((r) => r.ErrorCode);
      if (failed !== undefined && failed >= 0) {
        const r = out.Records![failed];
        throw new Error(`Record ${put.length + failed + 1} of ${records.length} was refused: ${r.ErrorCode}: ${r.ErrorMessage}`);
      }
      for (const r of out.Records ?? []) put.push({ SequenceNumber: r.SequenceNumber!, ShardId: r.ShardId! });
    }
    return put;
  }

  async putEvents(entries: PutEventsRequestEntry[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < entries.length; i += 10) {
      const out = await this.events.send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
      const failed = out.Entries?.findIndex((e) => e.ErrorCode);
      if (failed !== undefined && failed >= 0) {
        const e = out.Entries![failed];
        throw new Error(`Event ${i + failed + 1} of ${entries.length} was refused: ${e.ErrorCode}: ${e.ErrorMessage}`);
      }
      for (const e of out.Entries ?? []) ids.push(e.EventId!);
    }
    return ids;
  }

  /** StartExecution of a state machine named by name or ARN (a name is looked up with ListStateMachines). */
  async startExecution(stateMachine: string, input: string, name?: string): Promise<{ ExecutionArn: string; StartDate: string }> {
    let arn = stateMachine.startsWith('arn:') ? stateMachine : undefined;
    let next: string | undefined;
    while (!arn) {
      const page = await this.sfn.send(new ListStateMachinesCommand({ nextToken: next }));
      arn = page.stateMachines?.find((m) => m.name === stateMachine)?.stateMachineArn;
      next = page.nextToken;
      if (!next) break;
    }
    if (!arn) throw new Error(`State machine ${stateMachine} does not exist.`);
    const out = await this.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input, name }));
    return { ExecutionArn: out.executionArn!, StartDate: out.startDate!.toISOString() };
  }

  async describeExecution(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return this.sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  /** Every message in the queue, in every state, read without receiving (admin peek). */
  async peek(queue: string): Promise<PeekedMessage[]> {
    const name = queue.replace(/^https?:\/\/.*\//, '');
    const messages: PeekedMessage[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.admin<{ messages: PeekedMessage[] }>(`sqs/queues/${encodeURIComponent(name)}/messages?offset=${offset}&limit=1000`);
      messages.push(...page.messages);
      if (page.messages.length < 1000) return messages;
    }
  }

  /** What the topic's email, SMS and push subscribers got, oldest first (admin route). */
  async outbox(topic: string): Promise<OutboxEntrySeen[]> {
    const topicArn = await this.topicArn(topic);
    const { entries } = await this.admin<{ entries: OutboxEntrySeen[] }>('sns/outbox');
    return entries.filter((e) => e.topicArn === topicArn && e.kind === 'notification');
  }

  /** The function's recent invocations, newest first (admin route). */
  async invocations(functionName: string): Promise<InvocationSeen[]> {
    return (await this.admin<{ invocations: InvocationSeen[] }>(`functions/${encodeURIComponent(functionName)}/invocations?limit=1000`)).invocations;
  }

  /** Iterators that start after the newest record of each open shard, to count only records put later. */
  async latestIterators(stream: string): Promise<Map<string, string>> {
    const iterators = new Map<string, string>();
    for (const shardId of await this.shardIds(stream)) {
      const out = await this.kinesis.send(new GetShardIteratorCommand({ ...streamRef(stream), ShardId: shardId, ShardIteratorType: 'LATEST' }));
      iterators.set(shardId, out.ShardIterator!);
    }
    return iterators;
  }

  /** Every record of every shard from TRIM_HORIZON, shard by shard (GetRecords reads without consuming). */
  async readRecords(stream: string): Promise<{ shardId: string; record: KinesisRecord }[]> {
    const records: { shardId: string; record: KinesisRecord }[] = [];
    for (const shardId of await this.shardIds(stream)) {
      let iterator = (await this.kinesis.send(new GetShardIteratorCommand({ ...streamRef(stream), ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const out = await this.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000, ...arnOnly(stream) }));
        for (const record of out.Records ?? []) records.push({ shardId, record });
        // An open shard always answers a next iterator: an empty page at the tip is the end of what is there.
        iterator = out.Records?.length || (out.MillisBehindLatest ?? 0) > 0 ? out.NextShardIterator : undefined;
      }
    }
    return records;
  }

  /**
   * Counts the records readable from `iterators` (shards missing there are read from TRIM_HORIZON),
   * advancing the iterators so the next call counts only what came since.
   */
  async countRecords(stream: string, iterators: Map<string, string>): Promise<number> {
    let count = 0;
    for (const shardId of await this.shardIds(stream)) {
      let iterator = iterators.get(shardId)
        ?? (await this.kinesis.send(new GetShardIteratorCommand({ ...streamRef(stream), ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const out = await this.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000, ...arnOnly(stream) }));
        count += out.Records?.length ?? 0;
        if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
        iterator = out.Records?.length ? out.NextShardIterator : undefined;
      }
    }
    return count;
  }

  async shardIds(stream: string): Promise<string[]> {
    const ids: string[] = [];
    let next: string | undefined;
    do {
      const out = await this.kinesis.send(new ListShardsCommand(next ? { NextToken: next } : { ...streamRef(stream) }));
      for (const s of out.Shards ?? []) ids.push(s.ShardId!);
      next = out.NextToken;
    } while (next);
    return ids;
  }

  private async admin<T>(route: string): Promise<T> {
    const response = await fetch(`${this.options.endpoint.replace(/\/$/, '')}/_eventyard/${route}`);
    const body = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok) {
      if (response.status === 404 && !body.message) {
        throw new Error(`${this.options.endpoint} has no Eventyard admin routes: peeking at queues and functions needs an Eventyard broker.`);
      }
      throw new Error(body.message ?? `${route}: HTTP ${response.status}`);
    }
    return body;
  }
}

/** Consecutive batches of at most `maxCount` items and `maxBytes` by `sizeOf` (an item larger alone goes alone). */
export function inBatches<T>(items: readonly T[], maxCount: number, maxBytes: number, sizeOf: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length === maxCount || (batch.length && bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

function streamRef(stream: string): { StreamName?: string; StreamARN?: string } {
  return stream.startsWith('arn:') ? { StreamARN: stream } : { StreamName: stream };
}

function arnOnly(stream: string): { StreamARN?: string } {
  return stream.startsWith('arn:') ? { StreamARN: stream } : {};
}

function sqsAttributes(attributes: Attributes | undefined): Record<string, SqsAttribute> | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: typeof v === 'number' ? 'Number' : 'String', StringValue: String(v) }]));
}

function snsAttributes(attributes: Attributes | undefined): Record<string, SnsAttribute> | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: typeof v === 'number' ? 'Number' : 'String', StringValue: String(v) }]));
}
