import type { Broker } from '../broker';
import { isAwsError } from '../errors';
import { arn } from '../identity';
import { resolveDefinitionPaths, type FunctionDefinition } from '../functions/definitions';
import type { Target } from '../eventbridge/api';
import { applyArchivesAndConnections, removeArchiveOrConnection } from './apply-archives-connections';
import { applyStateMachines, removeStateMachine } from './apply-state-machines';
import type { BucketDefinition, BucketNotificationDefinition, Definitions, DefinitionIssue, DefinitionPath, QueueDefinition, RuleDefinition, RuleTargetDefinition, SubscriptionDefinition } from './model';

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
 * Makes the broker match a definitions file, through the same operations AWS clients call and the broker's
 * one entry for writers, so the rules, the limits and the errors are AWS's (a full data folder answers
 * ServiceUnavailable). Existing resources are updated in place (a re-apply keeps their messages); every
 * definition stands alone, so one mistake never stops the others, and each is one request: admitted
 * whole or refused whole, never left half made.
 */
export async function applyDefinitions(broker: Broker, definitions: Definitions, options: ApplyOptions): Promise<ApplyResult> {
  const issues: DefinitionIssue[] = [];
  const declared = new Set<string>();
  const attempt = async (path: DefinitionPath, step: () => unknown) => {
    try {
      await step();
    } catch (e) {
      issues.push({ path, message: e instanceof Error ? e.message : String(e), code: isAwsError(e) ? e.code : undefined });
    }
  };
  const sqs = broker.sqs.operations;
  const existingQueues = new Map(broker.sqs.listQueueSummaries().map((q) => [q.name, q]));
  const queues = definitions.queues ?? [];

  for (const [i, q] of queues.entries()) {
    declared.add(`queue:${q.name}`);
    await attempt(['queues', i, 'name'], () => {
      const attributes = queueAttributes(q);
      const existing = existingQueues.get(q.name);
      if (!existing) {
        return broker.request('sqs', 'CreateQueue', () => sqs.CreateQueue({ QueueName: q.name, Attributes: attributes, tags: q.tags }));
      }
      delete attributes.FifoQueue;
      if (existing.deadLetterTargetName && !q.deadLetter) attributes.RedrivePolicy = '';
      return broker.request('sqs', 'SetQueueAttributes', () => sqs.SetQueueAttributes({ QueueUrl: existing.url, Attributes: attributes }));
    });
  }
  // dead-letter queues may be declared after their sources: redrive policies go on once all queues exist
  for (const [i, q] of queues.entries()) {
    if (!q.deadLetter) continue;
    const deadLetter = q.deadLetter;
    await attempt(['queues', i, 'deadLetter', 'queue'], () => {
      const { QueueUrl } = sqs.GetQueueUrl({ QueueName: q.name });
      const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn(deadLetter.queue), maxReceiveCount: deadLetter.maxReceiveCount });
      return broker.request('sqs', 'SetQueueAttributes', () => sqs.SetQueueAttributes({ QueueUrl, Attributes: { RedrivePolicy } }));
    });
  }

  const streamNames = new Set(broker.kinesis.listStreamSummaries().map((s) => s.name));
  for (const [i, s] of (definitions.streams ?? []).entries()) {
    declared.add(`stream:${s.name}`);
    if (streamNames.has(s.name)) continue;
    // The retention goes on in the same request, so a refused or failed one never leaves a stream with the default.
    await attempt(['streams', i, 'name'], () =>
      broker.request('kinesis', 'CreateStream', () => {
        broker.kinesis.operations.CreateStream({ StreamName: s.name, ShardCount: s.shards ?? 1 });
        if (s.retentionHours && s.retentionHours > 24) {
          broker.kinesis.operations.IncreaseStreamRetentionPeriod({ StreamName: s.name, RetentionPeriodHours: s.retentionHours });
        }
      }),
    );
  }

  const declaresFunctions = (definitions.functions?.length ?? 0) > 0 || [...(options.previous ?? [])].some((k) => k.startsWith('function:'));
  if (declaresFunctions) {
    const entries = definitions.functions ?? [];
    for (const f of entries) declared.add(`function:${f.name}`);
    // Straight to the engine: local functions and their mappings are not kept in the data folder and hold
    // no payload, so neither limit applies (they come back from this file after a restart).
    const failures = broker.functions.apply(entries.map((f) => resolveDefinitionPaths(f as FunctionDefinition, options.baseDir)));
    for (const failure of failures) {
      const i = entries.findIndex((f) => f.name === failure.name);
      issues.push({ path: i < 0 ? ['functions'] : ['functions', i, 'name'], message: failure.error });
    }
  }

  const deliveryNames = new Set(broker.firehose.listDeliveryStreamSummaries().map((d) => d.name));
  for (const [i, d] of (definitions.deliveryStreams ?? []).entries()) {
    declared.add(`deliveryStream:${d.name}`);
    if (deliveryNames.has(d.name)) continue;
    await attempt(['deliveryStreams', i, 'name'], () => {
      const role = `arn:aws:iam::${broker.identity.accountId}:role/eventyard-firehose`;
      const source = d.stream ? `arn:aws:kinesis:${broker.identity.region}:${broker.identity.accountId}:stream/${d.stream}` : undefined;
      return broker.request('firehose', 'CreateDeliveryStream', () =>
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
        }),
      );
    });
  }

  for (const [i, t] of (definitions.topics ?? []).entries()) {
    declared.add(`topic:${t.name}`);
    // Subscriptions count as declared even when their topic's request is refused (a full data folder):
    // otherwise the next apply would unsubscribe the ones already there.
    const topicArn = arn(broker.identity, 'sns', t.name);
    for (const s of t.subscriptions ?? []) {
      try {
        declared.add(`subscription:${topicArn}|${s.protocol}|${subscriptionEndpoint(broker, s)}`);
      } catch {
        // No endpoint: reported below, when the subscription is attempted.
      }
    }
    await attempt(['topics', i, 'name'], async () => {
      const Attributes: Record<string, string> = {};
      if (t.fifo) Attributes.FifoTopic = 'true';
      if (t.contentBasedDeduplication !== undefined) Attributes.ContentBasedDeduplication = String(t.contentBasedDeduplication);
      const { TopicArn } = await broker.request('sns', 'CreateTopic', () => broker.sns.operations.CreateTopic({ Name: t.name, Attributes }));
      for (const [j, s] of (t.subscriptions ?? []).entries()) {
        await attempt(['topics', i, 'subscriptions', j], () => subscribe(broker, TopicArn, s, subscriptionEndpoint(broker, s)));
      }
    });
  }

  await applyStateMachines(broker, definitions, declared, attempt, options.baseDir);
  await applyEventBridge(broker, definitions, declared, attempt);

  // what refers to others goes first: rules before API destinations before connections, archives before buses
  const order = ['rule', 'stateMachine', 'apiDestination', 'connection', 'archive', 'bus'];
  const rank = (key: string) => order.indexOf(key.split(':')[0]);
  const gone = [...(options.previous ?? [])].filter((key) => !declared.has(key)).sort((a, b) => rank(a) - rank(b));
  for (const key of gone) await attempt([], () => remove(broker, key));
  // Last: notifications name the queues, topics and functions made above.
  for (const [i, b] of (definitions.buckets ?? []).entries()) {
    await attempt(['buckets', i, 'name'], () => applyBucket(broker, b));
  }
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

/**
 * A bucket as declared: created when missing, versioning set when the file says, and the notification
 * configuration replaced when the file gives one (otherwise what a client configured stays). Buckets are
 * never deleted by an apply: they are folders of the user's files.
 */
async function applyBucket(broker: Broker, b: BucketDefinition): Promise<void> {
  const s3 = broker.s3.operations;
  const existing = broker.s3.buckets.get(b.name);
  if (!existing) await broker.request('s3', 'CreateBucket', () => s3.CreateBucket({ Bucket: b.name }));
  if (b.versioning === true || (b.versioning === false && broker.s3.buckets.get(b.name)?.versioning === 'Enabled')) {
    const Status = b.versioning ? 'Enabled' : 'Suspended';
    await broker.request('s3', 'PutBucketVersioning', () => s3.PutBucketVersioning({ Bucket: b.name, VersioningConfiguration: { Status } }));
  }
  if (b.notifications === undefined && b.eventBridge === undefined) return;
  const filter = (n: BucketNotificationDefinition) => {
    const rules = [...(n.prefix ? [{ Name: 'prefix', Value: n.prefix }] : []), ...(n.suffix ? [{ Name: 'suffix', Value: n.suffix }] : [])];
    return rules.length ? { Filter: { Key: { FilterRules: rules } } } : {};
  };
  const base = (n: BucketNotificationDefinition) => ({ ...(n.id ? { Id: n.id } : {}), Events: n.events, ...filter(n) });
  const notifications = b.notifications ?? [];
  for (const n of notifications) {
    if ([n.queue, n.topic, n.function].filter((x) => x !== undefined).length !== 1) {
      throw new Error(`A notification of bucket ${b.name} names ${n.queue ?? n.topic ?? n.function ?? 'no destination'}: give exactly one of queue, topic or function.`);
    }
  }
  const NotificationConfiguration = {
    QueueConfigurations: notifications.filter((n) => n.queue).map((n) => ({ ...base(n), QueueArn: broker.sqs.queueArn(n.queue!) })),
    TopicConfigurations: notifications.filter((n) => n.topic).map((n) => ({ ...base(n), TopicArn: arn(broker.identity, 'sns', n.topic!) })),
    LambdaFunctionConfigurations: notifications.filter((n) => n.function).map((n) => ({ ...base(n), LambdaFunctionArn: functionArn(broker, n.function!) })),
    ...(b.eventBridge ? { EventBridgeConfiguration: {} } : {}),
  };
  await broker.request('s3', 'PutBucketNotificationConfiguration', () => s3.PutBucketNotificationConfiguration({ Bucket: b.name, NotificationConfiguration }));
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

function subscribe(broker: Broker, topicArn: string, s: SubscriptionDefinition, endpoint: string): Promise<unknown> | undefined {
  const attributes: Record<string, string> = {};
  if (s.filterPolicy) attributes.FilterPolicy = JSON.stringify(s.filterPolicy);
  if (s.filterPolicyScope) attributes.FilterPolicyScope = s.filterPolicyScope;
  if (s.rawMessageDelivery !== undefined) attributes.RawMessageDelivery = String(s.rawMessageDelivery);
  const topic = broker.sns.listTopicSummaries().find((t) => t.arn === topicArn);
  const existing = topic?.subscriptions.find((x) => x.protocol === s.protocol && x.endpoint === endpoint && !x.pending);
  if (!existing) {
    return broker.request('sns', 'Subscribe', () =>
      broker.sns.operations.Subscribe({ TopicArn: topicArn, Protocol: s.protocol, Endpoint: endpoint, Attributes: attributes, ReturnSubscriptionArn: true }),
    );
  }
  const changes: [string, string][] = [];
  if ((existing.filterPolicy ?? '') !== (attributes.FilterPolicy ?? '')) changes.push(['FilterPolicy', attributes.FilterPolicy ?? '']);
  if (attributes.FilterPolicyScope && existing.filterPolicyScope !== attributes.FilterPolicyScope) changes.push(['FilterPolicyScope', attributes.FilterPolicyScope]);
  if (existing.raw !== (s.rawMessageDelivery ?? false)) changes.push(['RawMessageDelivery', String(s.rawMessageDelivery ?? false)]);
  // An unchanged subscription makes no request: a re-apply while the data folder is full reports nothing for it.
  if (!changes.length) return undefined;
  return broker.request('sns', 'SetSubscriptionAttributes', () => {
    for (const [AttributeName, AttributeValue] of changes) {
      broker.sns.operations.SetSubscriptionAttributes({ SubscriptionArn: existing.arn, AttributeName, AttributeValue });
    }
  });
}

type Attempt = (path: DefinitionPath, step: () => unknown) => Promise<void>;

/**
 * Buses, archives, connections and API destinations, then rules with their targets (last, since targets name the other resources). A rule is put only
 * when it differs from what the broker has (PutRule restarts a rate schedule's count), and its targets
 * are made exactly the declared ones.
 */
async function applyEventBridge(broker: Broker, definitions: Definitions, declared: Set<string>, attempt: Attempt): Promise<void> {
  const events = broker.eventbridge.operations;
  const existing = new Map(broker.eventbridge.listBusSummaries().map((b) => [b.name, b]));
  for (const [i, b] of (definitions.buses ?? []).entries()) {
    if (b.name === 'default') continue;
    declared.add(`bus:${b.name}`);
    const bus = existing.get(b.name);
    await attempt(['buses', i, 'name'], () => {
      if (!bus) return broker.request('events', 'CreateEventBus', () => events.CreateEventBus({ Name: b.name, Description: b.description }));
      if (b.description !== undefined && b.description !== bus.description) {
        return broker.request('events', 'UpdateEventBus', () => events.UpdateEventBus({ Name: b.name, Description: b.description }));
      }
      return undefined;
    });
  }
  // before the rules, whose targets may call an API destination
  await applyArchivesAndConnections(broker, definitions, declared, attempt);
  for (const [i, r] of (definitions.rules ?? []).entries()) {
    const busName = r.bus ?? 'default';
    declared.add(`rule:${busName}|${r.name}`);
    let targets: Target[] | undefined;
    await attempt(['rules', i, 'targets'], () => {
      targets = (r.targets ?? []).map((t) => ruleTarget(broker, r, t));
    });
    if (!targets) continue;
    const wanted = targets;
    await attempt(['rules', i, r.eventPattern !== undefined ? 'eventPattern' : r.schedule !== undefined ? 'schedule' : 'name'], () => {
      const current = broker.eventbridge.listBusSummaries().find((b) => b.name === busName)?.rules.find((x) => x.name === r.name);
      const input = {
        Name: r.name,
        EventBusName: busName,
        ...(r.eventPattern !== undefined ? { EventPattern: JSON.stringify(r.eventPattern) } : {}),
        ...(r.schedule !== undefined ? { ScheduleExpression: r.schedule } : {}),
        State: r.enabled === false ? ('DISABLED' as const) : ('ENABLED' as const),
        ...(r.description !== undefined ? { Description: r.description } : {}),
      };
      const same = current && current.eventPattern === input.EventPattern && current.scheduleExpression === input.ScheduleExpression &&
        current.state === input.State && current.description === input.Description;
      const stale = (current?.targets ?? []).filter((t) => !wanted.some((x) => x.Id === t.Id)).map((t) => t.Id);
      const changedTargets = wanted.filter((t) => JSON.stringify(t) !== JSON.stringify(current?.targets.find((x) => x.Id === t.Id)));
      if (same && !stale.length && !changedTargets.length) return undefined;
      // one request: the rule and its targets are admitted or refused together
      return broker.request('events', 'PutRule', () => {
        if (!same) events.PutRule(input);
        if (stale.length) events.RemoveTargets({ Rule: r.name, EventBusName: busName, Ids: stale });
        if (changedTargets.length) events.PutTargets({ Rule: r.name, EventBusName: busName, Targets: changedTargets });
      });
    });
  }
}

/** A declared target as PutTargets takes it: the resource's ARN, the Id (default: the resource's name), the input. */
function ruleTarget(broker: Broker, rule: RuleDefinition, t: RuleTargetDefinition): Target {
  const { region, accountId } = broker.identity;
  const named: [string | undefined, (name: string) => string][] = [
    [t.queue, (n) => broker.sqs.queueArn(n)],
    [t.topic, (n) => arn(broker.identity, 'sns', n)],
    [t.stream, (n) => `arn:aws:kinesis:${region}:${accountId}:stream/${n}`],
    [t.deliveryStream, (n) => `arn:aws:firehose:${region}:${accountId}:deliverystream/${n}`],
    [t.function, (n) => functionArn(broker, n)],
    [t.bus, (n) => broker.eventbridge.state.busArn(n)],
    [t.arn, (n) => n],
  ];
  const given = named.filter(([name]) => name !== undefined);
  if (given.length !== 1) throw new Error('A target names exactly one of queue, topic, stream, deliveryStream, function, bus or arn.');
  const [[name, toArn]] = given as [string, (name: string) => string][];
  const targetArn = toArn(name);
  const target: Target = { Id: t.id ?? (t.arn !== undefined ? (targetArn.split(/[:/]/).pop() ?? 'target') : name), Arn: targetArn };
  if (t.input !== undefined) target.Input = JSON.stringify(t.input);
  if (t.inputPath !== undefined) target.InputPath = t.inputPath;
  if (t.inputTransformer) {
    target.InputTransformer = { ...(t.inputTransformer.inputPathsMap ? { InputPathsMap: t.inputTransformer.inputPathsMap } : {}), InputTemplate: t.inputTransformer.inputTemplate };
  }
  if (targetArn.includes(':sqs:') && targetArn.endsWith('.fifo')) target.SqsParameters = { MessageGroupId: t.messageGroupId ?? rule.name };
  if (t.partitionKeyPath !== undefined) target.KinesisParameters = { PartitionKeyPath: t.partitionKeyPath };
  return target;
}

/** Deletes a resource the file no longer declares (it may already be gone: then nothing happens). */
function remove(broker: Broker, key: string): Promise<unknown> | undefined {
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  const eventbridge = removeArchiveOrConnection(broker, kind, name);
  if (eventbridge !== false) return eventbridge;
  switch (kind) {
    case 'stateMachine':
      return removeStateMachine(broker, name);
    case 'queue': {
      const queue = broker.sqs.listQueueSummaries().find((q) => q.name === name);
      return queue && broker.request('sqs', 'DeleteQueue', () => broker.sqs.operations.DeleteQueue({ QueueUrl: queue.url }));
    }
    case 'stream':
      if (!broker.kinesis.listStreamSummaries().some((s) => s.name === name)) return undefined;
      return broker.request('kinesis', 'DeleteStream', () => broker.kinesis.operations.DeleteStream({ StreamName: name, EnforceConsumerDeletion: true }));
    case 'deliveryStream':
      if (!broker.firehose.listDeliveryStreamSummaries().some((d) => d.name === name)) return undefined;
      return broker.request('firehose', 'DeleteDeliveryStream', () => broker.firehose.operations.DeleteDeliveryStream({ DeliveryStreamName: name }));
    case 'topic': {
      const topic = broker.sns.listTopicSummaries().find((t) => t.name === name);
      return topic && broker.request('sns', 'DeleteTopic', () => broker.sns.operations.DeleteTopic({ TopicArn: topic.arn }));
    }
    case 'subscription': {
      const [topicArn, protocol, endpoint] = name.split('|');
      const sub = broker.sns.listTopicSummaries().find((t) => t.arn === topicArn)?.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
      if (!sub || sub.pending) return undefined;
      return broker.request('sns', 'Unsubscribe', () => broker.sns.operations.Unsubscribe({ SubscriptionArn: sub.arn }));
    }
    case 'rule': {
      const [busName, ruleName] = name.split('|');
      const rule = broker.eventbridge.listBusSummaries().find((b) => b.name === busName)?.rules.find((r) => r.name === ruleName);
      if (!rule) return undefined;
      return broker.request('events', 'DeleteRule', () => {
        if (rule.targets.length) broker.eventbridge.operations.RemoveTargets({ Rule: ruleName, EventBusName: busName, Ids: rule.targets.map((t) => t.Id) });
        broker.eventbridge.operations.DeleteRule({ Name: ruleName, EventBusName: busName });
      });
    }
    case 'bus':
      if (!broker.eventbridge.busNames().includes(name)) return undefined;
      return broker.request('events', 'DeleteEventBus', () => broker.eventbridge.operations.DeleteEventBus({ Name: name }));
  }
  return undefined;
}
