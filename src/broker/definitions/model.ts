/**
 * The workspace definitions file (`eventyard.yaml` / `eventyard.json`), as schemas/eventyard.schema.json
 * describes it. The editor applies it when the broker starts and whenever it changes; `eventyard serve
 * --config` can apply the same file.
 */
import type { FunctionDefinition } from '../functions/definitions';

export interface QueueDefinition {
  name: string;
  fifo?: boolean;
  contentBasedDeduplication?: boolean;
  visibilityTimeout?: number;
  delaySeconds?: number;
  messageRetentionPeriod?: number;
  receiveMessageWaitTimeSeconds?: number;
  maximumMessageSize?: number;
  deadLetter?: { queue: string; maxReceiveCount: number };
  tags?: Record<string, string>;
}

export interface SubscriptionDefinition {
  protocol: string;
  queue?: string;
  function?: string;
  endpoint?: string;
  filterPolicy?: Record<string, unknown>;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  rawMessageDelivery?: boolean;
}

export interface TopicDefinition {
  name: string;
  fifo?: boolean;
  contentBasedDeduplication?: boolean;
  subscriptions?: SubscriptionDefinition[];
}

export interface StreamDefinition {
  name: string;
  shards?: number;
  retentionHours?: number;
}

export interface DeliveryStreamDefinition {
  name: string;
  bucket: string;
  prefix?: string;
  stream?: string;
  bufferIntervalSeconds?: number;
  bufferSizeMBs?: number;
  transformFunction?: string;
}

/** An S3 event notification of a bucket: exactly one destination. */
export interface BucketNotificationDefinition {
  id?: string;
  /** `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, ... */
  events: string[];
  queue?: string;
  topic?: string;
  function?: string;
  prefix?: string;
  suffix?: string;
}

/** An S3 bucket: a folder under the buckets folder. Dropping it from the file keeps the bucket (it holds files). */
export interface BucketDefinition {
  name: string;
  /** true: Enabled; false: Suspended when it was on. */
  versioning?: boolean;
  /** The bucket's events to EventBridge's default bus. */
  eventBridge?: boolean;
  notifications?: BucketNotificationDefinition[];
}

/** A function as the file declares it; moduleRoot is the loader's to set, never the file's. */
export type FunctionDefinitionEntry = Omit<FunctionDefinition, 'moduleRoot'>;

export interface EventBusDefinition {
  name: string;
  description?: string;
}

/** Where a rule sends the events it matches: exactly one of the resource members (or `arn`). */
export interface RuleTargetDefinition {
  /** Target Id; defaults to the name of the resource (or the last part of the ARN). */
  id?: string;
  queue?: string;
  topic?: string;
  stream?: string;
  deliveryStream?: string;
  function?: string;
  bus?: string;
  arn?: string;
  /** Constant JSON sent instead of the event. */
  input?: unknown;
  /** JSONPath of the part of the event to send (`$.detail`). */
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  /** FIFO queue targets: the message group (default: the rule's name). */
  messageGroupId?: string;
  /** Kinesis targets: JSONPath of the partition key. */
  partitionKeyPath?: string;
}

export interface RuleDefinition {
  name: string;
  /** The bus the rule belongs to (default: the default bus). */
  bus?: string;
  description?: string;
  eventPattern?: Record<string, unknown>;
  /** `rate(5 minutes)` or `cron(0 12 * * ? *)`; only on the default bus. */
  schedule?: string;
  /** Default true. */
  enabled?: boolean;
  targets?: RuleTargetDefinition[];
}

/** An EventBridge archive: keeps the events of a bus (those matching the pattern) for replay. */
export interface ArchiveDefinition {
  name: string;
  /** The bus it archives (default: the default bus). */
  bus?: string;
  description?: string;
  eventPattern?: Record<string, unknown>;
  /** 0 or absent: kept indefinitely. */
  retentionDays?: number;
}

/**
 * An EventBridge connection: how API destinations authorize. Secrets (password, API key value, client
 * secret) are plain text in the file unless written as `${env:NAME}`, read from the broker's environment.
 */
export interface ConnectionDefinition {
  name: string;
  description?: string;
  authorizationType: 'API_KEY' | 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS';
  apiKey?: { name: string; value: string };
  basic?: { username: string; password: string };
  oauth?: { authorizationEndpoint: string; httpMethod: 'GET' | 'POST' | 'PUT'; clientId: string; clientSecret: string };
}

/** An EventBridge API destination: an HTTP endpoint a rule target can call through a connection. */
export interface ApiDestinationDefinition {
  name: string;
  /** Name of the connection. */
  connection: string;
  endpoint: string;
  method: 'POST' | 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'PATCH' | 'DELETE';
  rateLimitPerSecond?: number;
  description?: string;
}

/**
 * A Step Functions state machine: its definition inline (`definition`, the ASL object) or in a file
 * (`definitionFile`, .json or .yaml, relative to the definitions file and inside its folder), with
 * `${key}` placeholders replaced by `definitionSubstitutions` as CloudFormation does.
 */
export interface StateMachineDefinitionEntry {
  name: string;
  type?: 'STANDARD' | 'EXPRESS';
  definition?: Record<string, unknown>;
  definitionFile?: string;
  definitionSubstitutions?: Record<string, string | number | boolean>;
  /** The execution role (the broker checks no IAM; default a local role). */
  roleArn?: string;
}

export interface Definitions {
  queues?: QueueDefinition[];
  topics?: TopicDefinition[];
  streams?: StreamDefinition[];
  deliveryStreams?: DeliveryStreamDefinition[];
  buckets?: BucketDefinition[];
  functions?: FunctionDefinitionEntry[];
  /** EventBridge buses besides the default one, which always exists. */
  buses?: EventBusDefinition[];
  rules?: RuleDefinition[];
  archives?: ArchiveDefinition[];
  connections?: ConnectionDefinition[];
  apiDestinations?: ApiDestinationDefinition[];
  stateMachines?: StateMachineDefinitionEntry[];
}

/** Where in the file a problem is: the path of keys and indexes from the root (`['queues', 0, 'name']`). */
export type DefinitionPath = (string | number)[];

export interface DefinitionIssue {
  path: DefinitionPath;
  message: string;
  /** The AWS error code when provisioning failed; absent for schema mistakes. */
  code?: string;
}
