import { sqsLimits } from '../limits';
import { sqsErrors } from './errors';

/** The queue attributes a client may set (on CreateQueue or SetQueueAttributes). */
export const settableAttributes = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Attributes the broker computes; they may be read, never written. */
export const computedAttributes = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const readableAttributes = new Set<string>(['All', ...settableAttributes, ...computedAttributes]);

export function isReadableAttribute(name: string): boolean {
  return readableAttributes.has(name);
}

export const defaultAttributes: Record<string, string> = {
  DelaySeconds: '0',
  MaximumMessageSize: String(sqsLimits.maxMessageBytes),
  MessageRetentionPeriod: String(sqsLimits.defaultRetentionSeconds),
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: String(sqsLimits.defaultVisibilityTimeoutSeconds),
  SqsManagedSseEnabled: 'true',
};

export const defaultFifoAttributes: Record<string, string> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

const integerRanges: Record<string, [number, number]> = {
  DelaySeconds: [0, sqsLimits.maxDelaySeconds],
  MaximumMessageSize: [sqsLimits.minMessageBytes, sqsLimits.maxMessageBytes],
  MessageRetentionPeriod: [sqsLimits.minRetentionSeconds, sqsLimits.maxRetentionSeconds],
  ReceiveMessageWaitTimeSeconds: [0, sqsLimits.maxWaitSeconds],
  VisibilityTimeout: [0, sqsLimits.maxVisibilityTimeoutSeconds],
  KmsDataKeyReusePeriodSeconds: [60, 86400],
};

const booleanAttributes = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);

const enumValues: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/**
 * Checks names and plain values of attributes a client wants to set; RedrivePolicy and friends, which
 * need other queues, are checked by the service. Returns the values normalised as GetQueueAttributes
 * shows them (booleans lower case).
 */
export function validateAttributes(attributes: Record<string, string>, fifo: boolean): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    const value = String(raw);
    if (!fifo && (name === 'DeduplicationScope' || name === 'FifoThroughputLimit')) {
      throw sqsErrors.invalidAttributeName(`You can specify the ${name} only when FifoQueue is set to true.`);
    }
    if (!(settableAttributes as readonly string[]).includes(name)) throw sqsErrors.unknownAttribute(name);
    if (!fifo && (name === 'FifoQueue' || name === 'ContentBasedDeduplication')) throw sqsErrors.unknownAttribute(name);
    if (fifo && name === 'FifoQueue' && value.toLowerCase() !== 'true') {
      throw sqsErrors.invalidAttributeValueFor('FifoQueue', 'Modifying queue type is not supported.');
    }
    const range = integerRanges[name];
    if (range) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isInteger(n) || n < range[0] || n > range[1]) {
        throw sqsErrors.invalidAttributeValueFor(name);
      }
      result[name] = String(n);
      continue;
    }
    if (booleanAttributes.has(name)) {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw sqsErrors.invalidAttributeValueFor(name);
      result[name] = lower;
      continue;
    }
    const allowed = enumValues[name];
    if (allowed && !allowed.includes(value)) throw sqsErrors.invalidAttributeValueFor(name);
    if (name === 'Policy' && value !== '') parseJsonObject(value, name);
    result[name] = value;
  }
  return result;
}

export function parseJsonObject(value: string, name: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw sqsErrors.invalidAttributeValueFor(name);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw sqsErrors.invalidAttributeValueFor(name);
  return parsed as Record<string, unknown>;
}
