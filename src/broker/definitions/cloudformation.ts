import { parseTemplate } from './cloudformation-yaml';
import type { ApiDestinationDefinition, ArchiveDefinition, BucketDefinition, BucketNotificationDefinition, ConnectionDefinition, Definitions, DeliveryStreamDefinition, EventBusDefinition, FunctionDefinitionEntry, QueueDefinition, RuleDefinition, RuleTargetDefinition, StreamDefinition, SubscriptionDefinition, TopicDefinition } from './model';
import type { EventSourceDefinition } from '../functions/definitions';
import { STATE_MACHINE_TYPES, stateMachineFrom } from './cloudformation-state-machines';
import type { StateMachineDefinitionEntry } from './model';

type Json = Record<string, unknown>;

export interface TemplateImport {
  definitions: Definitions;
  /** Resources skipped and values that could not be resolved, in sentences for the user. */
  notes: string[];
}

export interface TemplateOptions {
  region?: string;
  accountId?: string;
  /** The handler module of a function: CodeUri folder and the file part of Handler (`app` of `app.handler`). */
  moduleFor?: (codeUri: string, file: string) => string;
}

interface Resource {
  Type: string;
  Properties?: Json;
}

/**
 * Turns the messaging resources of a CloudFormation or SAM template into Eventyard definitions: SQS queues
 * (with redrive policies), SNS topics and subscriptions, Kinesis streams, Firehose delivery streams,
 * EventBridge buses, rules with their targets, archives, connections and API destinations, S3 buckets with
 * their NotificationConfiguration, and serverless functions with their SQS, SNS, Kinesis, S3,
 * EventBridgeRule and Schedule event sources. Intrinsic functions are resolved
 * as far as a template alone allows (Ref, GetAtt, Sub, Join, parameter defaults).
 */
export function importTemplate(text: string, options: TemplateOptions = {}): TemplateImport {
  const template = parseTemplate(text);
  const region = options.region ?? 'us-east-1';
  const account = options.accountId ?? '000000000000';
  const moduleFor = options.moduleFor ?? ((codeUri, file) => `${codeUri.replace(/\/+$/, '') || '.'}/${file}.js`);
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: unknown }>;
  const globals = ((template.Globals as Json | undefined)?.Function ?? {}) as Json;
  const notes: string[] = [];

  const physicalName = (id: string): string => {
    const r = resources[id];
    const p = r?.Properties ?? {};
    const explicit = { 'AWS::SQS::Queue': p.QueueName, 'AWS::SNS::Topic': p.TopicName, 'AWS::Kinesis::Stream': p.Name, 'AWS::KinesisFirehose::DeliveryStream': p.DeliveryStreamName, 'AWS::Serverless::Function': p.FunctionName, 'AWS::Lambda::Function': p.FunctionName, 'AWS::S3::Bucket': p.BucketName, 'AWS::Events::EventBus': p.Name, 'AWS::Events::Rule': p.Name, 'AWS::Events::Archive': p.ArchiveName, 'AWS::Events::Connection': p.Name, 'AWS::Events::ApiDestination': p.Name, 'AWS::StepFunctions::StateMachine': p.StateMachineName, 'AWS::Serverless::StateMachine': p.Name }[r?.Type ?? ''];
    const name = explicit !== undefined ? resolve(explicit) : undefined;
    if (typeof name === 'string' && name) return name;
    if (r?.Type === 'AWS::S3::Bucket') return id.toLowerCase();
    const fifo = (r?.Type === 'AWS::SQS::Queue' && truthy(resolve(p.FifoQueue))) || (r?.Type === 'AWS::SNS::Topic' && truthy(resolve(p.FifoTopic)));
    return fifo ? `${id}.fifo` : id;
  };

  const arnOf = (id: string): string | undefined => {
    const name = physicalName(id);
    switch (resources[id]?.Type) {
      case 'AWS::SQS::Queue': return `arn:aws:sqs:${region}:${account}:${name}`;
      case 'AWS::SNS::Topic': return `arn:aws:sns:${region}:${account}:${name}`;
      case 'AWS::Kinesis::Stream': return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
      case 'AWS::KinesisFirehose::DeliveryStream': return `arn:aws:firehose:${region}:${account}:deliverystream/${name}`;
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function': return `arn:aws:lambda:${region}:${account}:function:${name}`;
      case 'AWS::S3::Bucket': return `arn:aws:s3:::${name}`;
      case 'AWS::Events::EventBus': return `arn:aws:events:${region}:${account}:event-bus/${name}`;
      case 'AWS::Events::Archive': return `arn:aws:events:${region}:${account}:archive/${name}`;
      // AWS adds a generated id after the name; the import only needs the name back
      case 'AWS::Events::Connection': return `arn:aws:events:${region}:${account}:connection/${name}`;
      case 'AWS::Events::ApiDestination': return `arn:aws:events:${region}:${account}:api-destination/${name}`;
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine': return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
      case 'AWS::Events::Rule': {
        const bus = busFrom(resolve(r(id).Properties?.EventBusName));
        return `arn:aws:events:${region}:${account}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
      }
      default: return undefined;
    }
  };

  const ref = (id: string): unknown => {
    const pseudo: Record<string, string> = { 'AWS::Region': region, 'AWS::AccountId': account, 'AWS::StackName': 'eventyard', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
    if (id in pseudo) return pseudo[id];
    if (id in parameters) return parameters[id].Default;
    const r = resources[id];
    if (!r) return undefined;
    // Ref answers the URL for a queue and the ARN for a topic; both identify the resource for us
    if (r.Type === 'AWS::SQS::Queue') return `http://sqs.${region}.localhost/${account}/${physicalName(id)}`;
    if (r.Type === 'AWS::SNS::Topic' || STATE_MACHINE_TYPES.includes(r.Type)) return arnOf(id);
    return physicalName(id);
  };

  const getAtt = (id: string, attribute: string): unknown => {
    if (attribute === 'Arn') return arnOf(id);
    if (attribute === 'QueueName' || attribute === 'TopicName' || attribute === 'Name') return physicalName(id);
    if (attribute === 'QueueUrl') return ref(id);
    return undefined;
  };

  function resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolve);
    if (!value || typeof value !== 'object') return value;
    const v = value as Json;
    if ('Ref' in v) return ref(String(v.Ref));
    if ('Fn::GetAtt' in v) {
      const [id, attribute] = (Array.isArray(v['Fn::GetAtt']) ? v['Fn::GetAtt'] : String(v['Fn::GetAtt']).split('.')) as string[];
      return getAtt(id, attribute);
    }
    if ('Fn::Sub' in v) {
      const [format, vars = {}] = (Array.isArray(v['Fn::Sub']) ? v['Fn::Sub'] : [v['Fn::Sub']]) as [string, Json?];
      return String(format).replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
        const local = vars[name];
        const replaced = local !== undefined ? resolve(local) : name.includes('.') ? getAtt(name.split('.')[0], name.split('.').slice(1).join('.')) : ref(name);
        return replaced === undefined ? whole : String(replaced);
      });
    }
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return (resolve(parts) as unknown[]).join(separator);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  }

  const props = (r: Resource): Json => (resolve(r.Properties ?? {}) as Json) ?? {};
  const queues: QueueDefinition[] = [];
  const topics = new Map<string, TopicDefinition>();
  const streams: StreamDefinition[] = [];
  const deliveryStreams: DeliveryStreamDefinition[] = [];
  const functions: FunctionDefinitionEntry[] = [];
  const buses: EventBusDefinition[] = [];
  const rules: RuleDefinition[] = [];
  const archives: ArchiveDefinition[] = [];
  const connections: ConnectionDefinition[] = [];
  const apiDestinations: ApiDestinationDefinition[] = [];
  const buckets = new Map<string, BucketDefinition>();
  const stateMachines: StateMachineDefinitionEntry[] = [];
  const topicFor = (arn: unknown, id: string): TopicDefinition | undefined => {
    const name = nameFromArn(arn);
    const topic = name ? topics.get(name) : undefined;
    if (!topic) notes.push(`${id}: its topic ${JSON.stringify(arn)} is not a topic of this template; skipped.`);
    return topic;
  };

  const entries = Object.entries(resources);
  for (const [id, r] of entries) {
    // Buckets first: a SAM function's S3 event adds a notification to its bucket.
    if (r.Type === 'AWS::S3::Bucket') {
      const p = props(r);
      const bucket = bucketFrom(physicalName(id), p, id);
      buckets.set(bucket.name, bucket);
    }
    if (r.Type === 'AWS::SNS::Topic') {
      const p = props(r);
      const topic: TopicDefinition = { name: physicalName(id), ...(truthy(p.FifoTopic) ? { fifo: true } : {}) };
      if (p.ContentBasedDeduplication !== undefined) topic.contentBasedDeduplication = truthy(p.ContentBasedDeduplication);
      for (const s of (p.Subscription ?? []) as Json[]) (topic.subscriptions ??= []).push(subscriptionFrom(s));
      topics.set(topic.name, topic);
    }
  }

  for (const [id, r] of entries) {
    const p = props(r);
    switch (r.Type) {
      case 'AWS::SQS::Queue': {
        const q: QueueDefinition = { name: physicalName(id) };
        if (truthy(p.FifoQueue)) q.fifo = true;
        if (p.ContentBasedDeduplication !== undefined) q.contentBasedDeduplication = truthy(p.ContentBasedDeduplication);
        for (const [from, to] of [['VisibilityTimeout', 'visibilityTimeout'], ['DelaySeconds', 'delaySeconds'], ['MessageRetentionPeriod', 'messageRetentionPeriod'],
          ['ReceiveMessageWaitTimeSeconds', 'receiveMessageWaitTimeSeconds'], ['MaximumMessageSize', 'maximumMessageSize']] as const) {
          if (p[from] !== undefined) q[to] = Number(p[from]);
        }
        const redrive = (typeof p.RedrivePolicy === 'string' ? JSON.parse(p.RedrivePolicy) : p.RedrivePolicy) as Json | undefined;
        if (redrive) {
          const target = nameFromArn(redrive.deadLetterTargetArn);
          if (target) q.deadLetter = { queue: target, maxReceiveCount: Number(redrive.maxReceiveCount) };
          else notes.push(`${id}: the dead-letter target ${JSON.stringify(redrive.deadLetterTargetArn)} could not be resolved; no redrive policy.`);
        }
        queues.push(q);
        break;
      }
      case 'AWS::SNS::Subscription': {
        const topic = topicFor(p.TopicArn, id);
        if (topic) (topic.subscriptions ??= []).push(subscriptionFrom(p));
        break;
      }
      case 'AWS::Kinesis::Stream': {
        const s: StreamDefinition = { name: physicalName(id), shards: p.ShardCount !== undefined ? Number(p.ShardCount) : 1 };
        if (p.RetentionPeriodHours !== undefined) s.retentionHours = Number(p.RetentionPeriodHours);
        streams.push(s);
        break;
      }
      case 'AWS::KinesisFirehose::DeliveryStream': {
        const destination = (p.ExtendedS3DestinationConfiguration ?? p.S3DestinationConfiguration) as Json | undefined;
        if (!destination) {
          notes.push(`${id}: only S3 destinations are supported (Eventyard writes to a folder standing for the bucket); skipped.`);
          break;
        }
        const hints = (destination.BufferingHints ?? {}) as Json;
        const d: DeliveryStreamDefinition = { name: physicalName(id), bucket: String(destination.BucketARN ?? '').replace(/^arn:aws:s3:::/, '') };
        if (destination.Prefix !== undefined) d.prefix = String(destination.Prefix);
        const source = (p.KinesisStreamSourceConfiguration as Json | undefined)?.KinesisStreamARN;
        if (source) d.stream = nameFromArn(source);
        if (hints.IntervalInSeconds !== undefined) d.bufferIntervalSeconds = Number(hints.IntervalInSeconds);
        if (hints.SizeInMBs !== undefined) d.bufferSizeMBs = Number(hints.SizeInMBs);
        const processors = (((destination.ProcessingConfiguration as Json | undefined)?.Processors ?? []) as Json[]);
        const lambda = processors.flatMap((x) => (x.Parameters ?? []) as Json[]).find((x) => x.ParameterName === 'LambdaArn');
        if (lambda) d.transformFunction = nameFromArn(lambda.ParameterValue);
        deliveryStreams.push(d);
        break;
      }
      case 'AWS::Serverless::Function': {
        const merged = { ...(resolve(globals) as Json), ...p };
        const [file, handler] = splitHandler(String(merged.Handler ?? 'index.handler'));
        const f: FunctionDefinitionEntry = { name: physicalName(id), module: moduleFor(typeof merged.CodeUri === 'string' ? merged.CodeUri : '.', file), handler };
        if (merged.Timeout !== undefined) f.timeout = Number(merged.Timeout);
        const variables = (merged.Environment as Json | undefined)?.Variables as Json | undefined;
        if (variables) f.environment = Object.fromEntries(Object.entries(variables).map(([k, x]) => [k, String(x)]));
        for (const [eventId, event] of Object.entries((p.Events ?? {}) as Record<string, { Type: string; Properties?: Json }>)) {
          const e = event.Properties ?? {};
          if (event.Type === 'SQS') {
            const source: EventSourceDefinition = { type: 'sqs', queue: nameFromArn(e.Queue) ?? String(e.Queue) };
            if (e.BatchSize !== undefined) source.batchSize = Number(e.BatchSize);
            if (e.MaximumBatchingWindowInSeconds !== undefined) source.maximumBatchingWindowInSeconds = Number(e.MaximumBatchingWindowInSeconds);
            if (Array.isArray(e.FunctionResponseTypes)) source.functionResponseTypes = e.FunctionResponseTypes as 'ReportBatchItemFailures'[];
            if (e.Enabled !== undefined) source.enabled = truthy(e.Enabled);
            (f.events ??= []).push(source);
          } else if (event.Type === 'Kinesis') {
            const source: EventSourceDefinition = { type: 'kinesis', stream: nameFromArn(e.Stream) ?? String(e.Stream) };
            if (e.StartingPosition === 'LATEST' || e.StartingPosition === 'TRIM_HORIZON') source.startingPosition = e.StartingPosition;
            if (e.BatchSize !== undefined) source.batchSize = Number(e.BatchSize);
            if (e.BisectBatchOnFunctionError !== undefined) source.bisectBatchOnFunctionError = truthy(e.BisectBatchOnFunctionError);
            if (e.MaximumRetryAttempts !== undefined) source.maximumRetryAttempts = Number(e.MaximumRetryAttempts);
            if (Array.isArray(e.FunctionResponseTypes)) source.functionResponseTypes = e.FunctionResponseTypes as 'ReportBatchItemFailures'[];
            (f.events ??= []).push(source);
          } else if (event.Type === 'SNS') {
            const topic = topicFor(e.Topic, `${id}.${eventId}`);
            const subscription: SubscriptionDefinition = { protocol: 'lambda', function: f.name };
            if (e.FilterPolicy) subscription.filterPolicy = e.FilterPolicy as Json;
            if (e.FilterPolicyScope) subscription.filterPolicyScope = e.FilterPolicyScope as SubscriptionDefinition['filterPolicyScope'];
            if (topic) (topic.subscriptions ??= []).push(subscription);
          } else if (event.Type === 'S3') {
            const bucket = buckets.get(String(e.Bucket));
            if (!bucket) {
              notes.push(`${id}.${eventId}: its bucket ${JSON.stringify(e.Bucket)} is not a bucket of this template; skipped.`);
              continue;
            }
            const events = (Array.isArray(e.Events) ? e.Events : [e.Events]).map(String);
            (bucket.notifications ??= []).push({ events, function: f.name, ...filterRules(e.Filter) });
          } else if (event.Type === 'EventBridgeRule' || event.Type === 'CloudWatchEvent' || event.Type === 'Schedule') {
            const schedule = event.Type === 'Schedule';
            const rule: RuleDefinition = { name: String(e.RuleName ?? e.Name ?? `${id}${eventId}`).slice(0, 64) };
            if (!schedule) {
              const bus = busFrom(e.EventBusName);
              if (bus !== 'default') rule.bus = bus;
            }
            if (typeof e.Description === 'string') rule.description = e.Description;
            if (!addPatternOrSchedule(rule, schedule ? undefined : e.Pattern, schedule ? e.Schedule : undefined, `${id}.${eventId}`)) continue;
            if (e.State === 'DISABLED' || e.Enabled === false || e.Enabled === 'false') rule.enabled = false;
            const target: RuleTargetDefinition = { function: f.name };
            const targetId = (e.Target as Json | undefined)?.Id;
            if (typeof targetId === 'string') target.id = targetId;
            addTargetInput(target, e, `${id}.${eventId}`);
            rule.targets = [target];
            rules.push(rule);
          } else {
            notes.push(`${id}.${eventId}: ${event.Type} events are not an Eventyard event source; skipped.`);
          }
        }
        functions.push(f);
        break;
      }
      case 'AWS::Events::EventBus': {
        const bus: EventBusDefinition = { name: physicalName(id) };
        if (typeof p.Description === 'string') bus.description = p.Description;
        buses.push(bus);
        break;
      }
      case 'AWS::Events::Rule': {
        const rule: RuleDefinition = { name: physicalName(id) };
        const bus = busFrom(p.EventBusName);
        if (bus !== 'default') rule.bus = bus;
        if (typeof p.Description === 'string') rule.description = p.Description;
        if (!addPatternOrSchedule(rule, p.EventPattern, p.ScheduleExpression, id)) break;
        if (p.State === 'DISABLED') rule.enabled = false;
        for (const [j, t] of ((p.Targets ?? []) as Json[]).entries()) {
          const target = ruleTargetFrom(t, `${id}.Targets[${j}]`);
          if (target) (rule.targets ??= []).push(target);
        }
        rules.push(rule);
        break;
      }
      case 'AWS::Events::Archive': {
        const archive: ArchiveDefinition = { name: physicalName(id) };
        const source = p.SourceArn;
        if (typeof source !== 'string' || !source.includes(':event-bus/')) {
          notes.push(`${id}: its SourceArn ${JSON.stringify(source)} is not a bus the template alone resolves; skipped.`);
          break;
        }
        const bus = busFrom(source);
        if (bus !== 'default') archive.bus = bus;
        if (typeof p.Description === 'string') archive.description = p.Description;
        const pattern = typeof p.EventPattern === 'string' ? parseJson(p.EventPattern) : p.EventPattern;
        if (pattern && typeof pattern === 'object' && !Array.isArray(pattern)) archive.eventPattern = pattern as Json;
        else if (p.EventPattern !== undefined) notes.push(`${id}: its event pattern is not a JSON object; the archive keeps every event.`);
        if (p.RetentionDays !== undefined) archive.retentionDays = Number(p.RetentionDays);
        archives.push(archive);
        break;
      }
      case 'AWS::Events::Connection': {
        const connection = connectionFrom(id, p);
        if (connection) connections.push(connection);
        break;
      }
      case 'AWS::Events::ApiDestination': {
        const connection = eventsResourceName(p.ConnectionArn, 'connection');
        if (!connection) {
          notes.push(`${id}: its ConnectionArn ${JSON.stringify(p.ConnectionArn)} could not be resolved; skipped.`);
          break;
        }
        const d: ApiDestinationDefinition = {
          name: physicalName(id),
          connection,
          endpoint: String(p.InvocationEndpoint),
          method: String(p.HttpMethod) as ApiDestinationDefinition['method'],
        };
        if (p.InvocationRateLimitPerSecond !== undefined) d.rateLimitPerSecond = Number(p.InvocationRateLimitPerSecond);
        if (typeof p.Description === 'string') d.description = p.Description;
        apiDestinations.push(d);
        break;
      }
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine': {
        const machine = stateMachineFrom(id, r.Type, physicalName(id), p, notes);
        if (machine) stateMachines.push(machine);
        break;
      }
      case 'AWS::SNS::Topic':
      case 'AWS::S3::Bucket':
        break;
      default:
        notes.push(`${id}: ${r.Type} is not a messaging resource Eventyard runs; skipped.`);
    }
  }

  const definitions: Definitions = {};
  if (queues.length) definitions.queues = queues;
  if (topics.size) definitions.topics = [...topics.values()];
  if (streams.length) definitions.streams = streams;
  if (deliveryStreams.length) definitions.deliveryStreams = deliveryStreams;
  if (buckets.size) definitions.buckets = [...buckets.values()];
  if (functions.length) definitions.functions = functions;
  if (buses.length) definitions.buses = buses;
  if (rules.length) definitions.rules = rules;
  if (archives.length) definitions.archives = archives;
  if (connections.length) definitions.connections = connections;
  if (apiDestinations.length) definitions.apiDestinations = apiDestinations;
  if (stateMachines.length) definitions.stateMachines = stateMachines;
  return { definitions, notes };

  /**
   * A connection's authorization. A secret the template alone cannot give (a NoEcho parameter without a
   * default, a {{resolve:...}} dynamic reference) becomes ${env:NAME}, to be set where the broker runs.
   */
  function connectionFrom(id: string, p: Json): ConnectionDefinition | undefined {
    const auth = (p.AuthParameters ?? {}) as Json;
    const type = p.AuthorizationType;
    const c: ConnectionDefinition = { name: physicalName(id), authorizationType: type as ConnectionDefinition['authorizationType'] };
    if (typeof p.Description === 'string') c.description = p.Description;
    const secret = (value: unknown, suffix: string): string => {
      if (typeof value === 'string' && value && !value.includes('{{resolve:')) return value;
      const variable = `${id.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_${suffix}`;
      notes.push(`${id}: its ${suffix.toLowerCase().replace('_', ' ')} is not in the template; set the environment variable ${variable}.`);
      return `\${env:${variable}}`;
    };
    if (type === 'API_KEY') {
      const k = (auth.ApiKeyAuthParameters ?? {}) as Json;
      c.apiKey = { name: String(k.ApiKeyName), value: secret(k.ApiKeyValue, 'API_KEY') };
    } else if (type === 'BASIC') {
      const b = (auth.BasicAuthParameters ?? {}) as Json;
      c.basic = { username: String(b.Username), password: secret(b.Password, 'PASSWORD') };
    } else if (type === 'OAUTH_CLIENT_CREDENTIALS') {
      const o = (auth.OAuthParameters ?? {}) as Json;
      const client = (o.ClientParameters ?? {}) as Json;
      c.oauth = {
        authorizationEndpoint: String(o.AuthorizationEndpoint),
        httpMethod: String(o.HttpMethod) as NonNullable<ConnectionDefinition['oauth']>['httpMethod'],
        clientId: String(client.ClientID),
        clientSecret: secret(client.ClientSecret, 'CLIENT_SECRET'),
      };
    } else {
      notes.push(`${id}: the authorization type ${JSON.stringify(type)} is not API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS; skipped.`);
      return undefined;
    }
    if (auth.InvocationHttpParameters || (auth.OAuthParameters as Json | undefined)?.OAuthHttpParameters) {
      notes.push(`${id}: its extra header, query string and body parameters are not in eventyard.yaml; left out.`);
    }
    return c;
  }

  /** AWS::S3::Bucket: VersioningConfiguration and NotificationConfiguration (Queue, Topic, Lambda, EventBridge). */
  function bucketFrom(name: string, p: Json, id: string): BucketDefinition {
    const bucket: BucketDefinition = { name };
    const status = (p.VersioningConfiguration as Json | undefined)?.Status;
    if (status === 'Enabled') bucket.versioning = true;
    const config = (p.NotificationConfiguration ?? {}) as Json;
    const notifications: BucketNotificationDefinition[] = [];
    const add = (list: unknown, member: string, kind: 'queue' | 'topic' | 'function') => {
      for (const c of (list ?? []) as Json[]) {
        const name = nameFromArn(c[member]);
        if (!name) {
          notes.push(`${id}: a notification's ${member} ${JSON.stringify(c[member])} could not be resolved; skipped.`);
          continue;
        }
        notifications.push({ events: [String(c.Event)], [kind]: name, ...filterRules(c.Filter) });
      }
    };
    add(config.QueueConfigurations, 'Queue', 'queue');
    add(config.TopicConfigurations, 'Topic', 'topic');
    add(config.LambdaConfigurations, 'Function', 'function');
    if (notifications.length) bucket.notifications = notifications;
    if (truthy((config.EventBridgeConfiguration as Json | undefined)?.EventBridgeEnabled)) bucket.eventBridge = true;
    return bucket;
  }

  function r(id: string): Resource {
    return resources[id] ?? { Type: '' };
  }

  /** A rule's EventPattern (an object, or JSON text as CloudFormation also takes) or ScheduleExpression; false when it has neither. */
  function addPatternOrSchedule(rule: RuleDefinition, pattern: unknown, schedule: unknown, where: string): boolean {
    if (typeof pattern === 'string') {
      try {
        pattern = JSON.parse(pattern);
      } catch {
        notes.push(`${where}: its event pattern is not JSON; skipped.`);
        return false;
      }
    }
    if (pattern && typeof pattern === 'object' && !Array.isArray(pattern)) rule.eventPattern = pattern as Json;
    if (typeof schedule === 'string') rule.schedule = schedule;
    if (!rule.eventPattern && !rule.schedule) {
      notes.push(`${where}: a rule needs an event pattern or a schedule expression that the template alone resolves; skipped.`);
      return false;
    }
    return true;
  }

  /** A rule target, named by the resource its ARN names when that is a messaging resource. */
  function ruleTargetFrom(t: Json, where: string): RuleTargetDefinition | undefined {
    if (typeof t.Arn !== 'string' || !t.Arn.startsWith('arn:')) {
      notes.push(`${where}: the target ARN ${JSON.stringify(t.Arn)} could not be resolved; skipped.`);
      return undefined;
    }
    const target: RuleTargetDefinition = typeof t.Id === 'string' ? { id: t.Id } : {};
    const [, , service, , , ...rest] = t.Arn.split(':');
    const resource = rest.join(':');
    const kinds: Record<string, () => boolean> = {
      sqs: () => !!(target.queue = resource),
      sns: () => !!(target.topic = resource),
      kinesis: () => resource.startsWith('stream/') && !!(target.stream = resource.slice('stream/'.length)),
      firehose: () => resource.startsWith('deliverystream/') && !!(target.deliveryStream = resource.slice('deliverystream/'.length)),
      lambda: () => resource.startsWith('function:') && !!(target.function = resource.slice('function:'.length).split(':')[0]),
      events: () => resource.startsWith('event-bus/') && !!(target.bus = resource.slice('event-bus/'.length)),
    };
    if (!kinds[service]?.()) target.arn = t.Arn;
    addTargetInput(target, t, where);
    const groupId = (t.SqsParameters as Json | undefined)?.MessageGroupId;
    if (typeof groupId === 'string') target.messageGroupId = groupId;
    const partitionKeyPath = (t.KinesisParameters as Json | undefined)?.PartitionKeyPath;
    if (typeof partitionKeyPath === 'string') target.partitionKeyPath = partitionKeyPath;
    return target;
  }

  function addTargetInput(target: RuleTargetDefinition, t: Json, where: string): void {
    if (typeof t.Input === 'string') {
      try {
        target.input = JSON.parse(t.Input);
      } catch {
        notes.push(`${where}: its Input is not JSON (EventBridge requires JSON); left out.`);
      }
    }
    if (typeof t.InputPath === 'string') target.inputPath = t.InputPath;
    const transformer = t.InputTransformer as Json | undefined;
    if (transformer && typeof transformer.InputTemplate === 'string') {
      target.inputTransformer = {
        ...(transformer.InputPathsMap ? { inputPathsMap: transformer.InputPathsMap as Record<string, string> } : {}),
        inputTemplate: transformer.InputTemplate,
      };
    }
  }
}

/** EventBusName as a template writes it: a name, an ARN, or absent (the default bus). */
function busFrom(value: unknown): string {
  if (typeof value !== 'string' || !value) return 'default';
  return value.startsWith('arn:') ? value.slice(value.indexOf('event-bus/') + 'event-bus/'.length) : value;
}

/** The name in an EventBridge ARN of a kind (`...:connection/NAME/uuid` → NAME); a bare name stays as it is. */
function eventsResourceName(value: unknown, kind: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  if (!value.startsWith('arn:')) return value;
  const [type, name] = value.split(':').slice(5).join(':').split('/');
  return type === kind && name ? name : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function subscriptionFrom(p: Json): SubscriptionDefinition {
  const protocol = String(p.Protocol);
  const s: SubscriptionDefinition = { protocol };
  const endpoint = p.Endpoint;
  if (protocol === 'sqs' && nameFromArn(endpoint)) s.queue = nameFromArn(endpoint);
  else if (protocol === 'lambda' && nameFromArn(endpoint)) s.function = nameFromArn(endpoint);
  else s.endpoint = String(endpoint);
  const filter = typeof p.FilterPolicy === 'string' ? (JSON.parse(p.FilterPolicy) as Json) : (p.FilterPolicy as Json | undefined);
  if (filter) s.filterPolicy = filter;
  if (p.FilterPolicyScope) s.filterPolicyScope = p.FilterPolicyScope as SubscriptionDefinition['filterPolicyScope'];
  if (p.RawMessageDelivery !== undefined) s.rawMessageDelivery = truthy(p.RawMessageDelivery);
  return s;
}

/** `arn:aws:sqs:r:a:orders` → orders; `.../stream/clicks` → clicks; `function:f` → f. */
/** `Filter: { S3Key: { Rules: [{ Name: prefix, Value: images/ }] } }` → `{ prefix: 'images/' }`. */
function filterRules(filter: unknown): { prefix?: string; suffix?: string } {
  const rules = ((((filter ?? {}) as Json).S3Key ?? {}) as Json).Rules as Json[] | undefined;
  const out: { prefix?: string; suffix?: string } = {};
  for (const rule of rules ?? []) {
    const name = String(rule.Name ?? '').toLowerCase();
    if (name === 'prefix' || name === 'suffix') out[name] = String(rule.Value ?? '');
  }
  return out;
}

function nameFromArn(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  const resource = value.split(':').slice(5).join(':');
  return resource.split(/[/:]/).pop() || undefined;
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  return dot < 0 ? [handler, 'handler'] : [handler.slice(0, dot), handler.slice(dot + 1)];
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}
