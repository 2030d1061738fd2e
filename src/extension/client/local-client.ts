import type { Broker } from '../../broker/broker';
import { parseArn } from '../../broker/identity';
import type { ActionOf, ServiceName } from '../../broker/service-actions';
import { services } from '../../server/services';
import { AT_KEY, currentVersion } from '../../broker/s3/model';
import { collect } from '../../broker/s3/storage';
import { TEST_IDENTITY, type RemoteIdentity } from './aws-sdk-clients';
import type { BrokerClient } from './broker-client';
import { sharedBucketCalls, type BucketCalls, type S3Call } from './bucket-calls';
import { presignedGetUrl } from './presign';
import { stateMachineViews, type FunctionView, type ResourceSnapshot, type ScopeSummaryView, type ScopedResourceView } from './snapshot';

type Table = Record<string, (input: unknown) => unknown>;

/**
 * The broker running in this window: actions call the engine directly, so no request crosses a socket,
 * but through the broker's one entry, so the limits and durability are those an AWS client gets.
 */
export function localClient(broker: Broker, endpoint: string, identity: RemoteIdentity = TEST_IDENTITY): BrokerClient {
  const call = (service: ServiceName, table: object) => (action: ActionOf<ServiceName>, input: unknown) =>
    broker.request(service, action, () => (table as Table)[action](input), { input });
  return {
    remote: false,
    endpoint,
    sqs: call('sqs', broker.sqs.operations) as BrokerClient['sqs'],
    sns: call('sns', broker.sns.operations) as BrokerClient['sns'],
    kinesis: call('kinesis', broker.kinesis.operations) as BrokerClient['kinesis'],
    firehose: call('firehose', broker.firehose.operations) as BrokerClient['firehose'],
    events: call('events', broker.eventbridge.operations) as BrokerClient['events'],
    states: call('states', broker.stepfunctions.operations) as BrokerClient['states'],
    buckets: localBuckets(broker, endpoint, identity, call('s3', broker.s3.operations) as S3Call),
    snapshot: async () => localSnapshot(broker, endpoint),
    peek: async (queueName, offset, limit) => broker.sqs.peek(queueName, { offset, limit }),
    reset: async () => {
      for (const scope of broker.scopes()) for (const service of services) service.reset(scope);
      for (const f of broker.functions.list()) broker.functions.delete(f.functionName);
    },
    follow: (onChange) => {
      const offs = [broker.events.on(() => onChange()), broker.otherScopeEvents.on(() => onChange())];
      return () => offs.forEach((off) => off());
    },
    dispose: () => undefined,
  };
}

/** Buckets and objects of this window's broker; the object a file of the buckets folder is opened as that file. */
function localBuckets(broker: Broker, endpoint: string, identity: RemoteIdentity, call: S3Call): BucketCalls {
  return {
    ...sharedBucketCalls(call),
    async get(bucket, key) {
      const out = await broker.request('s3', 'GetObject', () => broker.s3.operations.GetObject({ Bucket: bucket, Key: key }));
      return { body: await collect(out.Body), ...(out.version.contentType ? { contentType: out.version.contentType } : {}) };
    },
    presign: (bucket, key, expiresIn) => presignedGetUrl(endpoint, identity, bucket, key, expiresIn),
    fileOf(bucket, key) {
      const version = currentVersion(broker.s3.buckets.get(bucket)?.objects.get(key));
      return version?.place === AT_KEY ? broker.s3.storage.filePath?.(bucket, key) : undefined;
    },
  };
}

export function localSnapshot(broker: Broker, endpoint: string): ResourceSnapshot {
  const mappings = broker.functions.listEventSourceMappings();
  const functions: FunctionView[] = broker.functions.list().map((f) => ({
    name: f.functionName,
    arn: f.functionArn,
    module: f.module,
    handler: f.handler,
    triggers: mappings
      .filter((m) => m.functionName === f.functionName)
      .map((m) => ({ sourceType: m.sourceType, sourceName: resourceName(m.eventSourceArn), state: m.state })),
  }));
  return {
    queues: broker.sqs.listQueueSummaries(endpoint),
    topics: broker.sns.listTopicSummaries(),
    streams: broker.kinesis.listStreamSummaries(),
    deliveryStreams: broker.firehose.listDeliveryStreamSummaries(),
    functions,
    buses: broker.eventbridge.listBusSummaries(),
    connections: broker.eventbridge.listConnectionSummaries(),
    scopes: otherScopes(broker),
    stateMachines: stateMachineViews(broker.stepfunctions.listStateMachineSummaries()),
    buckets: broker.s3.operations.ListBuckets().Buckets.map((b) => ({ name: b.Name, createdAt: b.CreationDate.getTime() })),
  };
}

/** The other accounts and regions that hold anything, each counted (the tree shows them only then). */
function otherScopes(broker: Broker): ScopeSummaryView[] {
  return broker
    .scopes()
    .slice(1)
    .map((s): ScopeSummaryView => {
      const of = (kind: ScopedResourceView['kind'], names: string[]): ScopedResourceView[] => names.map((name) => ({ kind, name }));
      const queues = of('queue', s.sqs.listQueueSummaries().map((q) => q.name));
      const topics = of('topic', s.sns.listTopicSummaries().map((t) => t.name));
      const streams = of('stream', s.kinesis.listStreamSummaries().map((k) => k.name));
      const deliveryStreams = of('deliveryStream', s.firehose.listDeliveryStreamSummaries().map((d) => d.name));
      // the default bus is in every account: it counts once something else is there
      const buses = of('bus', s.eventbridge.listBusSummaries().map((b) => b.name).filter((name) => name !== 'default'));
      const stateMachines = of('stateMachine', s.stepfunctions.operations.ListStateMachines({}).stateMachines.map((m) => m.name));
      return {
        accountId: s.identity.accountId,
        region: s.identity.region,
        queues: queues.length,
        topics: topics.length,
        streams: streams.length,
        deliveryStreams: deliveryStreams.length,
        buses: buses.length,
        stateMachines: stateMachines.length,
        resources: [...queues, ...topics, ...streams, ...deliveryStreams, ...buses, ...stateMachines],
      };
    })
    .filter((s) => s.resources.length > 0);
}

/** `stream/orders` and `orders` both name the resource `orders`. */
function resourceName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.indexOf('/') + 1);
}
