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

/** A function as the file declares it; moduleRoot is the loader's to set, never the file's. */
export type FunctionDefinitionEntry = Omit<FunctionDefinition, 'moduleRoot'>;

export interface Definitions {
  queues?: QueueDefinition[];
  topics?: TopicDefinition[];
  streams?: StreamDefinition[];
  deliveryStreams?: DeliveryStreamDefinition[];
  functions?: FunctionDefinitionEntry[];
}

/** Where in the file a problem is: the path of keys and indexes from the root (`['queues', 0, 'name']`). */
export type DefinitionPath = (string | number)[];

export interface DefinitionIssue {
  path: DefinitionPath;
  message: string;
  /** The AWS error code when provisioning failed; absent for schema mistakes. */
  code?: string;
}
