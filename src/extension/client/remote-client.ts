import type { ShardSummary, StreamSummaryView } from '../../broker/kinesis/service';
import type { TopicSummary } from '../../broker/sns/service';
import type { QueueSummary } from '../../broker/sqs/service';
import type { BrokerClient } from './broker-client';
import { AwsError } from '../../broker/errors';
import { peekWithBytes } from '../message-attributes';
import { httpCall, jsonCall, TEST_IDENTITY, type RemoteIdentity } from './http-call';
import { members, queryCall } from './query-call';
import type { BusSummary, DeliveryStreamSummaryView, ResourceSnapshot, RuleSummary } from './snapshot';

type Json = Record<string, unknown>;

/**
 * An Eventyard another window (or `eventyard serve`) runs: the same actions through its AWS endpoint, signed
 * as an SDK signs them (`identity`), so a broker that checks signatures serves this window too.
 * The wire carries no change events and no Lambda API, so the snapshot lists no functions, and counts
 * the wire does not report (records per shard, Firehose buffers) read as zero; changes are followed
 * through the admin change feed (src/server/change-feed.ts).
 */
export function remoteClient(endpoint: string, identity: RemoteIdentity = TEST_IDENTITY): BrokerClient {
  const sqs = (action: string, input: unknown) => jsonCall(endpoint, 'sqs', `AmazonSQS.${action}`, '1.0', input, identity);
  const kinesis = (action: string, input: unknown) => jsonCall(endpoint, 'kinesis', `Kinesis_20131202.${action}`, '1.1', input, identity);
  const firehose = (action: string, input: unknown) => jsonCall(endpoint, 'firehose', `Firehose_20150804.${action}`, '1.1', input, identity);
  const events = (action: string, input: unknown) => jsonCall(endpoint, 'events', `AWSEvents.${action}`, '1.1', input, identity);
  const sns = (action: string, input: object) => queryCall(endpoint, 'sns', '2010-03-31', action, input, identity);
  const admin = (method: string, path: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    httpCall(endpoint, method, `/_eventyard/${path}`, {}, '', { service: 'eventyard', identity, ...options });
  return {
    remote: true,
    endpoint,
    sqs: sqs as BrokerClient['sqs'],
    sns: sns as unknown as BrokerClient['sns'],
    kinesis: kinesis as BrokerClient['kinesis'],
    firehose: firehose as BrokerClient['firehose'],
    events: events as BrokerClient['events'],
    snapshot: async (): Promise<ResourceSnapshot> => {
      const [queues, topics, streams, deliveryStreams, buses] = await Promise.all([
        remoteQueues(sqs),
        remoteTopics(sns),
        remoteStreams(kinesis),
        remoteDeliveryStreams(firehose),
        remoteBuses(events),
      ]);
      // No buses: EventBridge has no wire binding on the endpoint yet, so another broker's buses and rules
      // cannot be listed; once it has, ListEventBuses / ListRules / ListTargetsByRule fill this in.
      return { queues, topics, streams, deliveryStreams, functions: [], buses };
    },
    peek: async (queueName, offset, limit) => {
      const answer = await admin('GET', `sqs/queues/${encodeURIComponent(queueName)}/messages?offset=${offset}&limit=${limit}`);
      const body = JSON.parse(answer.body);
      if (answer.status >= 300) throw new AwsError({ code: body.error ?? 'InternalFailure', message: body.message ?? `HTTP ${answer.status}`, status: answer.status });
      return peekWithBytes(body);
    },
    reset: async () => {
      await admin('POST', 'reset');
    },
    follow: (onChange) => followChanges(admin, onChange),
  };
}

type AdminCall = (method: string, path: string, options?: { timeoutMs?: number; signal?: AbortSignal }) => Promise<{ status: number; body: string }>;

/**
 * Long-polls the other broker's change feed: one request at a time, answered when something changed.
 * When the other window goes away the loop waits a little and asks again, until unsubscribed.
 */
function followChanges(admin: AdminCall, onChange: () => void): () => void {
  const stop = new AbortController();
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
  void (async () => {
    let after: number | undefined;
    let failed = false;
    while (!stop.signal.aborted) {
      try {
        const wait = after === undefined ? 0 : FOLLOW_WAIT_SECONDS;
        const answer = await admin('GET', `changes?after=${after ?? 0}&wait=${wait}`, { timeoutMs: (wait + 10) * 1000, signal: stop.signal });
        if (answer.status !== 200) throw new Error(`change feed answered HTTP ${answer.status}`);
        const { sequence } = JSON.parse(answer.body) as { sequence: number };
        // The first answer only says where the feed stands; a different number after that is a change
        // (or a restarted broker, whose counter began again): either way the snapshot is out of date.
        if ((after !== undefined && sequence !== after) || failed) onChange();
        after = sequence;
        failed = false;
      } catch {
        if (stop.signal.aborted) return;
        // once per outage: the tree shows the broker gone, and again when it answers
        if (!failed) onChange();
        failed = true;
        after = undefined;
        await pause(FOLLOW_RETRY_MS);
      }
    }
  })();
  return () => stop.abort();
}

const FOLLOW_WAIT_SECONDS = 20;
/** After the other broker did not answer: how long before asking again (it may be restarting). */
const FOLLOW_RETRY_MS = 1000;

type Call = (action: string, input: Json) => Promise<unknown>;

async function remoteQueues(sqs: Call): Promise<QueueSummary[]> {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = (await sqs('ListQueues', { MaxResults: 1000, NextToken: token })) as { QueueUrls?: string[]; NextToken?: string };
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken;
  } while (token);
  const queues = await Promise.all(urls.map(async (url) => {
    const { Attributes: a = {} } = (await sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] })) as { Attributes?: Record<string, string> };
    const redrive = a.RedrivePolicy ? (JSON.parse(a.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string }) : undefined;
    const name = url.slice(url.lastIndexOf('/') + 1);
    return {
      name,
      url,
      arn: a.QueueArn ?? '',
      fifo: name.endsWith('.fifo'),
      visible: Number(a.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
      deadLetterTargetName: redrive?.deadLetterTargetArn.slice(redrive.deadLetterTargetArn.lastIndexOf(':') + 1),
      maxReceiveCount: redrive ? Number(redrive.maxReceiveCount) : undefined,
      sourceQueueNames: [] as string[],
      attributes: a,
    };
  }));
  for (const q of queues) {
    if (q.deadLetterTargetName) queues.find((t) => t.name === q.deadLetterTargetName)?.sourceQueueNames.push(q.name);
  }
  return queues.sort((a, b) => a.name.localeCompare(b.name));
}

async function remoteTopics(sns: Call): Promise<TopicSummary[]> {
  const topics = members(((await sns('ListTopics', {})) as Json).Topics).map((t) => t.TopicArn);
  const subscriptions = members(((await sns('ListSubscriptions', {})) as Json).Subscriptions);
  return Promise.all(topics.map(async (arn) => ({
    arn,
    name: arn.slice(arn.lastIndexOf(':') + 1),
    fifo: arn.endsWith('.fifo'),
    subscriptions: await Promise.all(subscriptions.filter((s) => s.TopicArn === arn).map(async (s) => {
      const pending = s.SubscriptionArn === 'PendingConfirmation';
      const attributes = pending ? {} : entries(((await sns('GetSubscriptionAttributes', { SubscriptionArn: s.SubscriptionArn })) as Json).Attributes);
      return {
        arn: s.SubscriptionArn,
        protocol: s.Protocol,
        endpoint: s.Endpoint,
        pending,
        filterPolicy: attributes.FilterPolicy,
        filterPolicyScope: attributes.FilterPolicy ? (attributes.FilterPolicyScope ?? 'MessageAttributes') : undefined,
        raw: attributes.RawMessageDelivery === 'true',
      };
    })),
  })));
}

function entries(value: unknown): Record<string, string> {
  const list = (value as { entry?: { key: string; value: string }[] } | undefined)?.entry ?? [];
  return Object.fromEntries(list.map((e) => [e.key, e.value]));
}

async function remoteStreams(kinesis: Call): Promise<StreamSummaryView[]> {
  const { StreamNames = [] } = (await kinesis('ListStreams', {})) as { StreamNames?: string[] };
  return Promise.all(StreamNames.map(async (name) => {
    const { StreamDescriptionSummary: d } = (await kinesis('DescribeStreamSummary', { StreamName: name })) as { StreamDescriptionSummary: Json };
    const { Shards = [] } = (await kinesis('ListShards', { StreamName: name })) as { Shards?: Json[] };
    const shards: ShardSummary[] = Shards.map((s) => {
      const range = s.HashKeyRange as { StartingHashKey: string; EndingHashKey: string };
      return {
        shardId: String(s.ShardId),
        startingHashKey: range.StartingHashKey,
        endingHashKey: range.EndingHashKey,
        open: !(s.SequenceNumberRange as { EndingSequenceNumber?: string }).EndingSequenceNumber,
        parentShardId: s.ParentShardId as string | undefined,
        adjacentParentShardId: s.AdjacentParentShardId as string | undefined,
        recordCount: 0,
      };
    });
    return {
      name,
      arn: String(d.StreamARN),
      status: d.StreamStatus as StreamSummaryView['status'],
      mode: ((d.StreamModeDetails as { StreamMode?: string } | undefined)?.StreamMode ?? 'PROVISIONED') as StreamSummaryView['mode'],
      retentionPeriodHours: Number(d.RetentionPeriodHours),
      createdAt: Number(d.StreamCreationTimestamp) * 1000,
      shards,
    };
  }));
}

async function remoteDeliveryStreams(firehose: Call): Promise<DeliveryStreamSummaryView[]> {
  const { DeliveryStreamNames = [] } = (await firehose('ListDeliveryStreams', {})) as { DeliveryStreamNames?: string[] };
  return Promise.all(DeliveryStreamNames.map(async (name) => {
    const { DeliveryStreamDescription: d } = (await firehose('DescribeDeliveryStream', { DeliveryStreamName: name })) as { DeliveryStreamDescription: Json };
    const destination = ((d.Destinations as Json[] | undefined)?.[0]?.ExtendedS3DestinationDescription ?? {}) as Json;
    const source = (d.Source as { KinesisStreamSourceDescription?: { KinesisStreamARN?: string } } | undefined)?.KinesisStreamSourceDescription;
    return {
      name,
      arn: String(d.DeliveryStreamARN),
      type: d.DeliveryStreamType as DeliveryStreamSummaryView['type'],
      bucket: String(destination.BucketARN ?? '').replace(/^arn:aws:s3:::/, ''),
      prefix: String(destination.Prefix ?? ''),
      sourceStreamArn: source?.KinesisStreamARN,
      bufferedRecords: 0,
      bufferedBytes: 0,
      deliveredObjects: 0,
    };
  }));
}

/** Buses with their rules and targets, through the AWS API (names only come back from the lists; one page of 100 is plenty here). */
async function remoteBuses(events: Call): Promise<BusSummary[]> {
  const { EventBuses = [] } = (await events('ListEventBuses', { Limit: 100 })) as { EventBuses?: { Name: string; Arn: string; Description?: string }[] };
  const buses = await Promise.all(EventBuses.map(async (bus) => {
    const { Rules = [] } = (await events('ListRules', { EventBusName: bus.Name, Limit: 100 })) as { Rules?: Json[] };
    const rules: RuleSummary[] = await Promise.all(Rules.map(async (r) => {
      const { Targets = [] } = (await events('ListTargetsByRule', { Rule: r.Name, EventBusName: bus.Name, Limit: 100 })) as { Targets?: RuleSummary['targets'] };
      return {
        name: String(r.Name),
        arn: String(r.Arn),
        busName: bus.Name,
        state: r.State as RuleSummary['state'],
        ...(r.Description !== undefined ? { description: String(r.Description) } : {}),
        ...(r.EventPattern !== undefined ? { eventPattern: String(r.EventPattern) } : {}),
        ...(r.ScheduleExpression !== undefined ? { scheduleExpression: String(r.ScheduleExpression) } : {}),
        targets: Targets,
      };
    }));
    rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { name: bus.Name, arn: bus.Arn, ...(bus.Description !== undefined ? { description: bus.Description } : {}), rules };
  }));
  // default first, as the local tree lists them
  return buses.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name < b.name ? -1 : 1));
}
