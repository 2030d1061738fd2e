import type { ResourceRef } from '../../inspector/protocol';
import type { InspectorBroker } from './session';

export interface ListedResource {
  ref: ResourceRef;
  name: string;
  kindLabel: string;
}

/** Everything the broker holds that has an inspector, for the palette's pick list. */
export function listResources(broker: InspectorBroker): ListedResource[] {
  const out: ListedResource[] = [];
  const add = (kind: ResourceRef['kind'], kindLabel: string, names: string[]) => {
    for (const name of names) out.push({ ref: { kind, name }, name, kindLabel });
  };
  add('queue', 'SQS queue', broker.sqs.listQueueSummaries().map((q) => q.name));
  add('topic', 'SNS topic', broker.sns.listTopicSummaries().map((t) => t.name));
  add('stream', 'Kinesis stream', broker.kinesis.listStreamSummaries().map((s) => s.name));
  add('deliveryStream', 'Firehose delivery stream', broker.firehose.listDeliveryStreamSummaries().map((s) => s.name));
  add('function', 'Function', broker.functions.list().map((f) => f.functionName));
  add('bus', 'EventBridge event bus', broker.eventbridge.busNames());
  add('stateMachine', 'Step Functions state machine', broker.stepfunctions.listStateMachineSummaries().map((m) => m.name));
  return out;
}
