import type { Broker } from '../broker';
import { isAwsError } from '../errors';
import { resolveDefinitionPaths, type FunctionDefinition } from '../functions/definitions';
import type { Definitions, DefinitionIssue, DefinitionPath, QueueDefinition, SubscriptionDefinition } from './model';

export interface ApplyResult {
  /** Provisioning failures, each on the path of the definition that caused it. */
  issues: DefinitionIssue[];
  /** Keys of the resources the file declares (`queue:orders`); pass them as `previous` to the next apply. */
  declared: Set<string>;
}

export interface ApplyOptions {
  /** Folder of the definitions file: function modules are relative to it. */
  baseDir: string;
  /** What the file declared at the last apply: resources declared then but not now are deleted. */
  previous?: Set<string>;
}

/**
 * Makes the broker match a definitions file, through the same operations AWS clients call, so the rules
 * and errors are AWS's. Existing resources are updated in place (a re-apply keeps their messages); every
 * definition stands alone, so one mistake never stops the others.
 */
export function applyDefinitions(broker: Broker, definitions: Definitions, options: ApplyOptions): ApplyResult {
  const issues: DefinitionIssue[] = [];
  const declared = new Set<string>();
  const attempt = (path: DefinitionPath, step: () => void) => {
    try {
      step();
    } catch (e) {
      issues.push({ path, message: e instanceof Error ? e.message : String(e), code: isAwsError(e) ? e.code : undefined });
    }
  };
  const sqs = broker.sqs.operations;
  const existingQueues = new Map(broker.sqs.listQueueSummaries().map((q) => [q.name, q]));

  (definitions.queues ?? []).forEach((q, i) => {
    declared.add(`queue:${q.name}`);
    attempt(['queues', i, 'name'], () => {
      const attributes = queueAttributes(q);
      const existing = existingQueues.get(q.name);
      if (!existing) return void sqs.CreateQueue({ QueueName: q.name, Attributes: attributes, tags: q.tags });
      delete attributes.FifoQueue;
      if (existing.deadLetterTargetName && !q.deadLetter) attributes.RedrivePolicy = '';
      sqs.SetQueueAttributes({ QueueUrl: existing.url, Attributes: attributes });
    });
  });
  // dead-letter queues may be declared after their sources: redrive policies go on once all queues exist
  (definitions.queues ?? []).forEach((q, i) => {
    if (!q.deadLetter) return;
    const deadLetter = q.deadLetter;
    attempt(['queues', i, 'deadLetter', 'queue'], () => {
      const { QueueUrl } = sqs.GetQueueUrl({ QueueName: q.name });
      const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn(deadLetter.queue), maxReceiveCount: deadLetter.maxReceiveCount });
      sqs.SetQueueAttributes({ QueueUrl, Attributes: { RedrivePolicy } });
    });
  });

  const streamNames = new Set(broker.kinesis.listStreamSummaries().map((s) => s.name));
  (definitions.streams ?? []).forEach((s, i) => {
    declared.add(`stream:${s.name}`);
    attempt(['streams', i, 'name'], () => {
      if (streamNames.has(s.name)) return;
      broker.kinesis.operations.CreateStream({ StreamName: s.name, ShardCount: s.shards ?? 1 });
      if (s.retentionHours && s.retentionHours > 24) {
        broker.kinesis.operations.IncreaseStreamRetentionPeriod({ StreamName: s.name, RetentionPeriodHours: s.retentionHours });
      }
    });
  });

  const declaresFunctions = (definitions.functions?.length ?? 0) > 0 || [...(options.previous ?? [])].some((k) => k.startsWith('function:'));
  if (declaresFunctions) {
    const entries = definitions.functions ?? [];
    for (const f of entries) declared.add(`function:${f.name}`);
    const failures = broker.functions.apply(entries.map((f) => resolveDefinitionPaths(f as FunctionDefinition, options.baseDir)));
    for (const failure of failures) {
      const i = entries.findIndex((f) => f.name === failure.name);
      issues.push({ path: i < 0 ? ['functions'] : ['functions', i, 'name'], message: failure.error });
    }
  }

  const deliveryNames = new Set(broker.firehose.listDeliveryStreamSummaries().map((d) => d.name));
  (definitions.deliveryStreams ?? []).forEach((d, i) => {
    declared.add(`deliveryStream:${d.name}`);
    attempt(['deliveryStreams', i, 'name'], () => {
      if (deliveryNames.has(d.name)) return;
      const role = `arn:aws:iam::${broker.identity.accountId}:role/eventyard-firehose`;
      const source = d.stream ? `arn:aws:kinesis:${broker.identity.region}:${broker.identity.accountId}:stream/${d.stream}` : undefined;
      broker.firehose.operations.CreateDeliveryStream({
        DeliveryStreamName: d.name,
        DeliveryStreamType: source ? 'KinesisStreamAsSource' : 'DirectPut',
        ...(source ? { KinesisStreamSourceConfiguration: { KinesisStreamARN: source, RoleARN: role } } : {}),
        ExtendedS3DestinationConfiguration: {
          RoleARN: role,
          BucketARN: `arn:aws:s3:::${d.bucket}`,
          Prefix: d.prefix,
          BufferingHints: { IntervalInSeconds: d.bufferIntervalSeconds ?? 60, SizeInMBs: d.bufferSizeMBs ?? 1 },
          ...(d.transformFunction ? {
            ProcessingConfiguration: {
              Enabled: true,
              Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: functionArn(broker, d.transformFunction) }] }],
            },
          } : {}),
        },
      });
    });
  });

  (definitions.topics ?? []).forEach((t, i) => {
    declared.add(`topic:${t.name}`);
    attempt(['topics', i, 'name'], () => {
      const Attributes: Record<string, string> = {};
      if (t.fifo) Attributes.FifoTopic = 'true';
      if (t.contentBasedDeduplication !== undefined) Attributes.ContentBasedDeduplication = String(t.contentBasedDeduplication);
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: t.name, Attributes });
      (t.subscriptions ?? []).forEach((s, j) => {
        attempt(['topics', i, 'subscriptions', j], () => {
          const endpoint = subscriptionEndpoint(broker, s);
          declared.add(`subscription:${TopicArn}|${s.protocol}|${endpoint}`);
          subscribe(broker, TopicArn, s, endpoint);
        });
      });
    });
  });

  for (const key of options.previous ?? []) if (!declared.has(key)) attempt([], () => remove(broker, key));
  return { issues, declared };
}

function queueAttributes(q: QueueDefinition): Record<string, string> {
  const a: Record<string, string> = {};
  const set = (name: string, value: number | boolean | undefined) => {
    if (value !== undefined) a[name] = String(value);
  };
  if (q.fifo) a.FifoQueue = 'true';
  set('ContentBasedDeduplication', q.contentBasedDeduplication);
  set('VisibilityTimeout', q.visibilityTimeout);
  set('DelaySeconds', q.delaySeconds);
  set('MessageRetentionPeriod', q.messageRetentionPeriod);
  set('ReceiveMessageWaitTimeSeconds', q.receiveMessageWaitTimeSeconds);
  set('MaximumMessageSize', q.maximumMessageSize);
  return a;
}

function functionArn(broker: Broker, name: string): string {
  return `arn:aws:lambda:${broker.identity.region}:${broker.identity.accountId}:function:${name}`;
}

function subscriptionEndpoint(broker: Broker, s: SubscriptionDefinition): string {
  if (s.queue) return broker.sqs.queueArn(s.queue);
  if (s.function) return functionArn(broker, s.function);
  if (s.endpoint) return s.endpoint;
  throw new Error(`A ${s.protocol} subscription needs an endpoint${s.protocol === 'sqs' ? ' or a queue' : s.protocol === 'lambda' ? ' or a function' : ''}.`);
}

function subscribe(broker: Broker, topicArn: string, s: SubscriptionDefinition, endpoint: string): void {
  const attributes: Record<string, string> = {};
  if (s.filterPolicy) attributes.FilterPolicy = JSON.stringify(s.filterPolicy);
  if (s.filterPolicyScope) attributes.FilterPolicyScope = s.filterPolicyScope;
  if (s.rawMessageDelivery !== undefined) attributes.RawMessageDelivery = String(s.rawMessageDelivery);
  const topic = broker.sns.listTopicSummaries().find((t) => t.arn === topicArn);
  const existing = topic?.subscriptions.find((x) => x.protocol === s.protocol && x.endpoint === endpoint && !x.pending);
  if (!existing) {
    broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: s.protocol, Endpoint: endpoint, Attributes: attributes, ReturnSubscriptionArn: true });
    return;
  }
  const set = (AttributeName: string, AttributeValue: string) =>
    broker.sns.operations.SetSubscriptionAttributes({ SubscriptionArn: existing.arn, AttributeName, AttributeValue });
  if ((existing.filterPolicy ?? '') !== (attributes.FilterPolicy ?? '')) set('FilterPolicy', attributes.FilterPolicy ?? '');
  if (attributes.FilterPolicyScope && existing.filterPolicyScope !== attributes.FilterPolicyScope) set('FilterPolicyScope', attributes.FilterPolicyScope);
  if (existing.raw !== (s.rawMessageDelivery ?? false)) set('RawMessageDelivery', String(s.rawMessageDelivery ?? false));
}

/** Deletes a resource the file no longer declares (it may already be gone: then nothing happens). */
function remove(broker: Broker, key: string): void {
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  switch (kind) {
    case 'queue': {
      const queue = broker.sqs.listQueueSummaries().find((q) => q.name === name);
      if (queue) broker.sqs.operations.DeleteQueue({ QueueUrl: queue.url });
      return;
    }
    case 'stream':
      if (broker.kinesis.listStreamSummaries().some((s) => s.name === name)) broker.kinesis.operations.DeleteStream({ StreamName: name, EnforceConsumerDeletion: true });
      return;
    case 'deliveryStream':
      if (broker.firehose.listDeliveryStreamSummaries().some((d) => d.name === name)) broker.firehose.operations.DeleteDeliveryStream({ DeliveryStreamName: name });
      return;
    case 'topic': {
      const topic = broker.sns.listTopicSummaries().find((t) => t.name === name);
      if (topic) broker.sns.operations.DeleteTopic({ TopicArn: topic.arn });
      return;
    }
    case 'subscription': {
      const [topicArn, protocol, endpoint] = name.split('|');
      const sub = broker.sns.listTopicSummaries().find((t) => t.arn === topicArn)?.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
      if (sub && !sub.pending) broker.sns.operations.Unsubscribe({ SubscriptionArn: sub.arn });
      return;
    }
  }
}
