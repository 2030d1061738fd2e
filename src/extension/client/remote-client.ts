import type { ShardSummary, StreamSummaryView } from '../../broker/kinesis/service';
import type { TopicSummary } from '../../broker/sns/service';
import type { QueueSummary } from '../../broker/sqs/service';
import { AwsError } from '../../broker/errors';
import { peekWithBytes } from '../message-attributes';
import type { ApiCalls, BrokerClient } from './broker-client';
import { awsSdkClients, sdkApiCalls, TEST_IDENTITY, type RemoteIdentity } from './aws-sdk-clients';
import { sharedBucketCalls, type BucketCalls, type S3Call } from './bucket-calls';
import { httpCall } from './http-call';
import { presignedGetUrl } from './presign';
import { RECENT_EXECUTIONS, type BucketView, type BusSummary, type ConnectionSummaryView, type DeliveryStreamSummaryView, type ResourceSnapshot, type RuleSummary, type StateMachineView } from './snapshot';
import { byName } from '../../broker/by-name';
import { ruleSummary } from '../../broker/eventbridge/service';
import type { RuleDescription } from '../../broker/eventbridge/api';

/**
 * An Eventyard another window (or `eventyard serve`) runs: the same actions through its AWS endpoint with the
 * AWS SDK v3 clients (`aws-sdk-clients.ts`), signed as any application's are (`identity`), so a broker that
 * checks signatures serves this window too; answers and errors come back in the engine's shapes, as the
 * local client gives them. The wire carries no change events and no Lambda API, so the snapshot lists no
 * functions, and counts the wire does not report (records per shard, Firehose buffers) read as zero;
 * peek, reset and the change feed (src/server/change-feed.ts) go through the admin routes.
 */
export function remoteClient(endpoint: string, identity: RemoteIdentity = TEST_IDENTITY): BrokerClient {
  const sdk = awsSdkClients(endpoint, identity);
  const s3: S3Call = (action, input) => sdk.call('s3', action, input);
  const admin = (method: string, path: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    httpCall(endpoint, method, `/_eventyard/${path}`, {}, '', { service: 'eventyard', identity, ...options });
  const client: BrokerClient = {
    remote: true,
    endpoint,
    ...sdkApiCalls(sdk),
    buckets: remoteBuckets(endpoint, identity, s3),
    snapshot: async (): Promise<ResourceSnapshot> => {
      const [queues, topics, streams, deliveryStreams, buses, connections, stateMachines, buckets] = await Promise.all([
        remoteQueues(client),
        remoteTopics(client),
        remoteStreams(client),
        remoteDeliveryStreams(client),
        remoteBuses(client),
        remoteConnections(client),
        remoteStateMachines(client),
        remoteBucketViews(s3),
      ]);
      return { queues, topics, streams, deliveryStreams, functions: [], buses, connections, stateMachines, buckets };
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
    dispose: () => sdk.destroy(),
  };
  return client;
}

export type { ApiCalls } from './broker-client';

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

export async function remoteQueues(client: ApiCalls): Promise<QueueSummary[]> {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.sqs('ListQueues', { MaxResults: 1000, NextToken: token });
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken;
  } while (token);
  const queues = await Promise.all(urls.map(async (url) => {
    const { Attributes: a = {} } = await client.sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
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

/** Every page of a list that pages with NextToken. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items?: T[]; NextToken?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    all.push(...(answer.items ?? []));
    token = answer.NextToken;
  } while (token);
  return all;
}

export async function remoteTopics(client: ApiCalls): Promise<TopicSummary[]> {
  const [topics, subscriptions] = await Promise.all([
    allPages(async (NextToken) => {
      const page = await client.sns('ListTopics', { NextToken });
      return { items: page.Topics, NextToken: page.NextToken };
    }),
    allPages(async (NextToken) => {
      const page = await client.sns('ListSubscriptions', { NextToken });
      return { items: page.Subscriptions, NextToken: page.NextToken };
    }),
  ]);
  return Promise.all(topics.map(async ({ TopicArn: arn }) => ({
    arn,
    name: arn.slice(arn.lastIndexOf(':') + 1),
    fifo: arn.endsWith('.fifo'),
    subscriptions: await Promise.all(subscriptions.filter((s) => s.TopicArn === arn).map(async (s) => {
      const pending = s.SubscriptionArn === 'PendingConfirmation';
      const attributes: Record<string, string> = pending ? {} : ((await client.sns('GetSubscriptionAttributes', { SubscriptionArn: s.SubscriptionArn })).Attributes ?? {});
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

export async function remoteStreams(client: ApiCalls): Promise<StreamSummaryView[]> {
  const { StreamNames = [] } = await client.kinesis('ListStreams', {});
  return Promise.all(StreamNames.map((name) => remoteStream(client, name)));
}

/** One stream with its shards and their lineage (ListShards lists closed shards too); the API counts no records. */
export async function remoteStream(client: ApiCalls, name: string): Promise<StreamSummaryView> {
  const { StreamDescriptionSummary: d } = await client.kinesis('DescribeStreamSummary', { StreamName: name });
  const { Shards = [] } = await client.kinesis('ListShards', { StreamName: name });
  const shards: ShardSummary[] = Shards.map((s) => ({
    shardId: s.ShardId,
    startingHashKey: s.HashKeyRange.StartingHashKey,
    endingHashKey: s.HashKeyRange.EndingHashKey,
    open: !s.SequenceNumberRange.EndingSequenceNumber,
    parentShardId: s.ParentShardId,
    adjacentParentShardId: s.AdjacentParentShardId,
    recordCount: 0,
  }));
  return {
    name,
    arn: d.StreamARN,
    status: d.StreamStatus,
    mode: d.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
    retentionPeriodHours: d.RetentionPeriodHours,
    createdAt: d.StreamCreationTimestamp.getTime(),
    shards,
  };
}

export async function remoteDeliveryStreams(client: ApiCalls): Promise<DeliveryStreamSummaryView[]> {
  const { DeliveryStreamNames = [] } = await client.firehose('ListDeliveryStreams', {});
  return Promise.all(DeliveryStreamNames.map((name) => remoteDeliveryStream(client, name)));
}

/** One delivery stream; what it buffers and delivered the API does not say, so those read as zero. */
export async function remoteDeliveryStream(client: ApiCalls, name: string): Promise<DeliveryStreamSummaryView> {
  const { DeliveryStreamDescription: d } = await client.firehose('DescribeDeliveryStream', { DeliveryStreamName: name });
  const destination = d.Destinations?.[0]?.ExtendedS3DestinationDescription;
  const endpoint = d.Destinations?.[0]?.HttpEndpointDestinationDescription?.EndpointConfiguration.Url;
  return {
    name,
    arn: d.DeliveryStreamARN,
    type: d.DeliveryStreamType,
    bucket: (destination?.BucketARN ?? '').replace(/^arn:aws:s3:::/, ''),
    prefix: destination?.Prefix ?? '',
    ...(endpoint ? { endpointUrl: endpoint } : {}),
    sourceStreamArn: d.Source?.KinesisStreamSourceDescription?.KinesisStreamARN,
    bufferedRecords: 0,
    bufferedBytes: 0,
    deliveredObjects: 0,
  };
}

/** A bus's archives through ListArchives (which leaves out the pattern and description) and DescribeArchive. */
async function remoteArchives(client: ApiCalls, busArn: string): Promise<BusSummary['archives']> {
  const { Archives = [] } = (await client.events('ListArchives', { EventSourceArn: busArn, Limit: 100 })) as { Archives?: { ArchiveName: string }[] };
  return Promise.all(Archives.map((a) => client.events('DescribeArchive', { ArchiveName: a.ArchiveName }) as Promise<BusSummary['archives'][number]>));
}

/** Buses with their rules and targets, through the AWS API (names only come back from the lists; one page of 100 is plenty here). */
export async function remoteBuses(client: ApiCalls): Promise<BusSummary[]> {
  const { EventBuses = [] } = await client.events('ListEventBuses', { Limit: 100 });
  const buses = await Promise.all(EventBuses.map((bus) => remoteBus(client, bus)));
  // default first, as the local tree lists them
  return buses.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name < b.name ? -1 : 1));
}

/** One bus (as ListEventBuses or DescribeEventBus names it) with its rules, their targets and its archives (ListRules pages through). */
export async function remoteBus(client: ApiCalls, bus: { Name: string; Arn: string; Description?: string }): Promise<BusSummary> {
  const listed: RuleDescription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.events('ListRules', { EventBusName: bus.Name, Limit: 100, ...(NextToken ? { NextToken } : {}) });
    listed.push(...(page.Rules ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  const rules: RuleSummary[] = await Promise.all(listed.map(async (r) => {
    const { Targets = [] } = await client.events('ListTargetsByRule', { Rule: r.Name, EventBusName: bus.Name, Limit: 100 });
    return ruleSummary({ ...r, EventBusName: bus.Name }, Targets);
  }));
  rules.sort(byName);
  return { name: bus.Name, arn: bus.Arn, ...(bus.Description !== undefined ? { description: bus.Description } : {}), rules, archives: await remoteArchives(client, bus.Arn) };
}

/** Connections and their API destinations through the AWS API (one page of 100 each); the answers hold no secret. */
async function remoteConnections(client: ApiCalls): Promise<ConnectionSummaryView[]> {
  const [{ Connections = [] }, { ApiDestinations = [] }] = await Promise.all([
    client.events('ListConnections', { Limit: 100 }),
    client.events('ListApiDestinations', { Limit: 100 }),
  ]);
  return Connections.map((c) => ({
    name: c.Name,
    arn: c.ConnectionArn,
    authorizationType: c.AuthorizationType,
    state: c.ConnectionState,
    ...(c.StateReason !== undefined ? { stateReason: c.StateReason } : {}),
    apiDestinations: ApiDestinations.filter((d) => d.ConnectionArn === c.ConnectionArn).map((d) => ({
      name: d.Name,
      arn: d.ApiDestinationArn,
      httpMethod: d.HttpMethod,
      invocationEndpoint: d.InvocationEndpoint,
      invocationRateLimitPerSecond: d.InvocationRateLimitPerSecond,
      state: d.ApiDestinationState,
    })),
  }));
}

/** Buckets and objects of another broker, through the SDK's S3 client (path style); no object is a file here. */
function remoteBuckets(endpoint: string, identity: RemoteIdentity, call: S3Call): BucketCalls {
  return {
    ...sharedBucketCalls(call),
    async get(bucket, key) {
      const out = (await call('GetObject', { Bucket: bucket, Key: key })) as { Body: Uint8Array; ContentType?: string };
      return { body: out.Body, ...(out.ContentType ? { contentType: out.ContentType } : {}) };
    },
    presign: (bucket, key, expiresIn) => presignedGetUrl(endpoint, identity, bucket, key, expiresIn),
    fileOf: () => undefined,
  };
}

async function remoteBucketViews(call: S3Call): Promise<BucketView[]> {
  const { Buckets } = (await call('ListBuckets', {})) as { Buckets?: { Name: string; CreationDate: Date }[] };
  return (Buckets ?? []).map((b) => ({ name: b.Name, createdAt: new Date(b.CreationDate).getTime() }));
}

/** AWS's ListExecutions refuses an express machine (StateMachineTypeNotSupported): it has no list to show, which is no failure. */
export function expressUnlisted(type: string, e: unknown): boolean {
  return type === 'EXPRESS' && (e as { code?: unknown } | undefined)?.code === 'StateMachineTypeNotSupported';
}

/** State machines (one page of 100) with their most recent executions, through ListStateMachines and ListExecutions. */
export async function remoteStateMachines(client: ApiCalls): Promise<StateMachineView[]> {
  const { stateMachines = [] } = await client.states('ListStateMachines', { maxResults: 100 });
  const views = await Promise.all(stateMachines.map(async (m) => {
    // AWS lists no executions of an express machine: its row shows none rather than failing the group
    const { executions = [] } = await client.states('ListExecutions', { stateMachineArn: m.stateMachineArn, maxResults: RECENT_EXECUTIONS }).catch((e: unknown) => {
      if (expressUnlisted(m.type, e)) return { executions: [] };
      throw e;
    });
    return {
      name: m.name,
      arn: m.stateMachineArn,
      type: m.type,
      executions: executions.map((e) => ({ arn: e.executionArn, name: e.name, status: e.status, startDate: e.startDate.getTime() })),
    };
  }));
  return views.sort(byName);
}
