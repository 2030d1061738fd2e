import type { Broker } from '../../broker/broker';
import { parseArn } from '../../broker/identity';
import type { ActionOf, ServiceName } from '../../broker/service-actions';
import { services } from '../../server/services';
import type { BrokerClient } from './broker-client';
import type { FunctionView, ResourceSnapshot } from './snapshot';

type Table = Record<string, (input: unknown) => unknown>;

/**
 * The broker running in this window: actions call the engine directly, so no request crosses a socket,
 * but through the broker's one entry, so the limits and durability are those an AWS client gets.
 */
export function localClient(broker: Broker, endpoint: string): BrokerClient {
  const call = (service: ServiceName, table: object) => (action: ActionOf<ServiceName>, input: unknown) =>
    broker.request(service, action, () => (table as Table)[action](input), input);
  return {
    remote: false,
    endpoint,
    sqs: call('sqs', broker.sqs.operations) as BrokerClient['sqs'],
    sns: call('sns', broker.sns.operations) as BrokerClient['sns'],
    kinesis: call('kinesis', broker.kinesis.operations) as BrokerClient['kinesis'],
    firehose: call('firehose', broker.firehose.operations) as BrokerClient['firehose'],
    events: call('events', broker.eventbridge.operations) as BrokerClient['events'],
    snapshot: async () => localSnapshot(broker, endpoint),
    peek: async (queueName, offset, limit) => broker.sqs.peek(queueName, { offset, limit }),
    reset: async () => {
      for (const service of services) service.reset(broker);
      for (const f of broker.functions.list()) broker.functions.delete(f.functionName);
    },
    follow: (onChange) => broker.events.on(() => onChange()),
    dispose: () => undefined,
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
  };
}

/** `stream/orders` and `orders` both name the resource `orders`. */
function resourceName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.indexOf('/') + 1);
}
