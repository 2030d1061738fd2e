import { kinesisLimits } from '../limits';
import type * as api from './api';
import {
  HASH_KEY_PATTERN,
  SEQUENCE_NUMBER_PATTERN,
  STREAM_NAME_PATTERN,
  type FieldRule,
} from './validation';

/**
 * The request constraints of each Kinesis action, as the AWS API model states them. Every member a request
 * has is listed (the stream's name and ARN too), so one ValidationException reports all its failures;
 * `validate` puts them in AWS's order.
 */

const STREAM_ARN_PATTERN = 'arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+';
const CONSUMER_ARN_PATTERN = '^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+';
const SHARD_ID_RULE = { type: 'string', minLength: 1, maxLength: 128, pattern: STREAM_NAME_PATTERN } as const;

// Inputs arrive typed by the server's codec, but a rule may still meet a missing object.
type In<T> = Partial<T> | undefined;

function nameRule(value: unknown, path = 'streamName', required = false): FieldRule {
  return { path, value, type: 'string', required, minLength: 1, maxLength: 128, pattern: STREAM_NAME_PATTERN };
}

function arnRule(value: unknown): FieldRule {
  return { path: 'streamARN', value, type: 'string', minLength: 1, maxLength: 2048, pattern: STREAM_ARN_PATTERN };
}

export function streamRef(i: In<api.StreamRef>): FieldRule[] {
  return [nameRule(i?.StreamName), arnRule(i?.StreamARN)];
}

function tagMapRules(tags: unknown): FieldRule[] {
  const rules: FieldRule[] = [];
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return rules;
  for (const [k, v] of Object.entries(tags)) {
    rules.push({ path: `tags.${k}.member.key`, value: k, type: 'string', minLength: 1, maxLength: 128 });
    rules.push({ path: `tags.${k}.member.value`, value: v, type: 'string', maxLength: 256 });
  }
  return rules;
}

export function createStream(i: In<api.CreateStreamInput>): FieldRule[] {
  return [
    nameRule(i?.StreamName, 'streamName', true),
    { path: 'shardCount', value: i?.ShardCount, type: 'integer', min: 1, max: 100000 },
    { path: 'streamModeDetails', value: i?.StreamModeDetails, type: 'structure' },
    {
      path: 'streamModeDetails.streamMode',
      value: i?.StreamModeDetails?.StreamMode,
      type: 'string',
      required: i?.StreamModeDetails !== undefined,
      enum: ['PROVISIONED', 'ON_DEMAND'],
    },
    { path: 'tags', value: i?.Tags, type: 'map', minLength: 1, maxLength: 200 },
    ...tagMapRules(i?.Tags),
  ];
}

export function describeStream(i: In<api.DescribeStreamInput>): FieldRule[] {
  return [
    nameRule(i?.StreamName),
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 10000 },
    { path: 'exclusiveStartShardId', value: i?.ExclusiveStartShardId, ...SHARD_ID_RULE },
    arnRule(i?.StreamARN),
  ];
}

export function listStreams(i: In<api.ListStreamsInput>): FieldRule[] {
  return [
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 10000 },
    nameRule(i?.ExclusiveStartStreamName, 'exclusiveStartStreamName'),
    { path: 'nextToken', value: i?.NextToken, type: 'string', minLength: 1, maxLength: 1048576 },
  ];
}

export function listShards(i: In<api.ListShardsInput>): FieldRule[] {
  return [
    nameRule(i?.StreamName),
    { path: 'nextToken', value: i?.NextToken, type: 'string', minLength: 1, maxLength: 1048576 },
    { path: 'exclusiveStartShardId', value: i?.ExclusiveStartShardId, ...SHARD_ID_RULE },
    { path: 'maxResults', value: i?.MaxResults, type: 'integer', min: 1, max: 10000 },
    { path: 'streamCreationTimestamp', value: i?.StreamCreationTimestamp, type: 'timestamp' },
    { path: 'shardFilter', value: i?.ShardFilter, type: 'structure' },
    {
      path: 'shardFilter.type',
      value: i?.ShardFilter?.Type,
      type: 'string',
      required: i?.ShardFilter !== undefined,
      enum: ['AFTER_SHARD_ID', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AT_LATEST', 'AT_TIMESTAMP', 'FROM_TIMESTAMP'],
    },
    { path: 'shardFilter.shardId', value: i?.ShardFilter?.ShardId, ...SHARD_ID_RULE },
    { path: 'shardFilter.timestamp', value: i?.ShardFilter?.Timestamp, type: 'timestamp' },
    arnRule(i?.StreamARN),
  ];
}

export function retention(i: In<api.RetentionPeriodInput>): FieldRule[] {
  return [{ path: 'retentionPeriodHours', value: i?.RetentionPeriodHours, type: 'integer', required: true }, ...streamRef(i)];
}

export function addTags(i: In<api.AddTagsToStreamInput>): FieldRule[] {
  return [
    { path: 'tags', value: i?.Tags, type: 'map', required: true, minLength: 1, maxLength: 200 },
    ...tagMapRules(i?.Tags),
    ...streamRef(i),
  ];
}

function tagKeyRules(i: In<{ TagKeys: string[] }>): FieldRule[] {
  const rules: FieldRule[] = [
    { path: 'tagKeys', value: i?.TagKeys, type: 'list', required: true, minLength: 1, maxLength: 50 },
  ];
  (Array.isArray(i?.TagKeys) ? i.TagKeys : []).forEach((k, n) =>
    rules.push({ path: `tagKeys.${n + 1}.member`, value: k, type: 'string', minLength: 1, maxLength: 128 }),
  );
  return rules;
}

export function removeTags(i: In<api.RemoveTagsFromStreamInput>): FieldRule[] {
  return [...tagKeyRules(i), ...streamRef(i)];
}

export function listTags(i: In<api.ListTagsForStreamInput>): FieldRule[] {
  return [
    nameRule(i?.StreamName),
    { path: 'exclusiveStartTagKey', value: i?.ExclusiveStartTagKey, type: 'string', minLength: 1, maxLength: 128 },
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 50 },
    arnRule(i?.StreamARN),
  ];
}

const dataRule = (prefix: string, value: unknown): FieldRule =>
  ({ path: `${prefix}data`, value, type: 'blob', required: true, maxLength: kinesisLimits.maxRecordBytes });
const hashKeyRule = (prefix: string, value: unknown): FieldRule =>
  ({ path: `${prefix}explicitHashKey`, value, type: 'string', pattern: HASH_KEY_PATTERN });
const partitionKeyRule = (prefix: string, value: unknown): FieldRule =>
  ({ path: `${prefix}partitionKey`, value, type: 'string', required: true, minLength: 1, maxLength: 256 });

export function putRecord(i: In<api.PutRecordInput>): FieldRule[] {
  return [
    dataRule('', i?.Data),
    nameRule(i?.StreamName),
    partitionKeyRule('', i?.PartitionKey),
    hashKeyRule('', i?.ExplicitHashKey),
    {
      path: 'sequenceNumberForOrdering',
      value: i?.SequenceNumberForOrdering,
      type: 'string',
      pattern: SEQUENCE_NUMBER_PATTERN,
    },
    arnRule(i?.StreamARN),
  ];
}

export function putRecords(i: In<api.PutRecordsInput>): FieldRule[] {
  const rules: FieldRule[] = [
    {
      path: 'records',
      value: i?.Records,
      type: 'list',
      required: true,
      minLength: 1,
      maxLength: 500,
      // AWS quotes the list with each entry's Java object name.
      structureClass: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry',
    },
  ];
  (Array.isArray(i?.Records) ? i.Records : []).forEach((r: Partial<api.PutRecordsRequestEntry> | undefined, n) => {
    const prefix = `records.${n + 1}.member.`;
    rules.push(dataRule(prefix, r?.Data), hashKeyRule(prefix, r?.ExplicitHashKey), partitionKeyRule(prefix, r?.PartitionKey));
  });
  return [...rules, ...streamRef(i)];
}

export function getShardIterator(i: In<api.GetShardIteratorInput>): FieldRule[] {
  return [
    { path: 'shardId', value: i?.ShardId, required: true, ...SHARD_ID_RULE },
    {
      path: 'shardIteratorType',
      value: i?.ShardIteratorType,
      type: 'string',
      required: true,
      enum: ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'],
    },
    nameRule(i?.StreamName),
    { path: 'startingSequenceNumber', value: i?.StartingSequenceNumber, type: 'string', pattern: SEQUENCE_NUMBER_PATTERN },
    { path: 'timestamp', value: i?.Timestamp, type: 'timestamp' },
    arnRule(i?.StreamARN),
  ];
}

export function getRecords(i: In<api.GetRecordsInput>): FieldRule[] {
  return [
    { path: 'shardIterator', value: i?.ShardIterator, type: 'string', required: true, minLength: 1, maxLength: 512 },
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 10000 },
    { path: 'streamARN', value: i?.StreamARN, type: 'string', pattern: STREAM_ARN_PATTERN },
  ];
}

export function splitShard(i: In<api.SplitShardInput>): FieldRule[] {
  return [
    { path: 'shardToSplit', value: i?.ShardToSplit, required: true, ...SHARD_ID_RULE },
    { path: 'newStartingHashKey', value: i?.NewStartingHashKey, type: 'string', required: true, pattern: HASH_KEY_PATTERN },
    ...streamRef(i),
  ];
}

export function mergeShards(i: In<api.MergeShardsInput>): FieldRule[] {
  return [
    { path: 'shardToMerge', value: i?.ShardToMerge, required: true, ...SHARD_ID_RULE },
    { path: 'adjacentShardToMerge', value: i?.AdjacentShardToMerge, required: true, ...SHARD_ID_RULE },
    ...streamRef(i),
  ];
}

export function updateShardCount(i: In<api.UpdateShardCountInput>): FieldRule[] {
  return [
    { path: 'targetShardCount', value: i?.TargetShardCount, type: 'integer', required: true, min: 1, max: 100000 },
    { path: 'scalingType', value: i?.ScalingType, type: 'string', required: true, enum: ['UNIFORM_SCALING'] },
    ...streamRef(i),
  ];
}

export function registerConsumer(i: In<api.RegisterStreamConsumerInput>): FieldRule[] {
  return [
    { path: 'streamARN', value: i?.StreamARN, type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: STREAM_ARN_PATTERN },
    nameRule(i?.ConsumerName, 'consumerName', true),
  ];
}

export function consumerRef(i: In<api.ConsumerRef>): FieldRule[] {
  return [
    { path: 'streamARN', value: i?.StreamARN, type: 'string', minLength: 1, maxLength: 2048, pattern: STREAM_ARN_PATTERN },
    nameRule(i?.ConsumerName, 'consumerName'),
    { path: 'consumerARN', value: i?.ConsumerARN, type: 'string', minLength: 1, maxLength: 2048, pattern: CONSUMER_ARN_PATTERN },
  ];
}

export function subscribeToShard(i: In<api.SubscribeToShardInput>): FieldRule[] {
  return [
    { path: 'consumerARN', value: i?.ConsumerARN, type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: CONSUMER_ARN_PATTERN },
    { path: 'shardId', value: i?.ShardId, required: true, ...SHARD_ID_RULE },
    { path: 'startingPosition', value: i?.StartingPosition, type: 'structure', required: true },
    {
      path: 'startingPosition.type',
      value: i?.StartingPosition?.Type,
      type: 'string',
      required: i?.StartingPosition !== undefined,
      enum: ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'],
    },
    { path: 'startingPosition.sequenceNumber', value: i?.StartingPosition?.SequenceNumber, type: 'string', pattern: SEQUENCE_NUMBER_PATTERN },
    { path: 'startingPosition.timestamp', value: i?.StartingPosition?.Timestamp, type: 'timestamp' },
  ];
}

export function updateStreamMode(i: In<api.UpdateStreamModeInput>): FieldRule[] {
  return [
    { path: 'streamARN', value: i?.StreamARN, type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: STREAM_ARN_PATTERN },
    { path: 'streamModeDetails', value: i?.StreamModeDetails, type: 'structure', required: true },
    {
      path: 'streamModeDetails.streamMode',
      value: i?.StreamModeDetails?.StreamMode,
      type: 'string',
      required: i?.StreamModeDetails !== undefined,
      enum: ['PROVISIONED', 'ON_DEMAND'],
    },
  ];
}

const METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
  'ALL',
];

export function enhancedMonitoring(i: In<api.EnhancedMonitoringInput>): FieldRule[] {
  const rules: FieldRule[] = [
    { path: 'shardLevelMetrics', value: i?.ShardLevelMetrics, type: 'list', required: true, minLength: 1, maxLength: 7 },
  ];
  (Array.isArray(i?.ShardLevelMetrics) ? i.ShardLevelMetrics : []).forEach((m, n) =>
    rules.push({ path: `shardLevelMetrics.${n + 1}.member`, value: m, type: 'string', required: true, enum: METRICS }),
  );
  return [...rules, ...streamRef(i)];
}

export function streamEncryption(i: In<api.StreamEncryptionInput>): FieldRule[] {
  return [
    { path: 'encryptionType', value: i?.EncryptionType, type: 'string', required: true, enum: ['NONE', 'KMS'] },
    { path: 'keyId', value: i?.KeyId, type: 'string', required: true, minLength: 1, maxLength: 2048 },
    ...streamRef(i),
  ];
}

const RESOURCE_ARN_RULE = { type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: 'arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+' } as const;

export function resourceArn(i: In<api.ResourceArnInput>): FieldRule[] {
  return [{ path: 'resourceARN', value: i?.ResourceARN, ...RESOURCE_ARN_RULE }];
}

export function tagResource(i: In<api.TagResourceInput>): FieldRule[] {
  return [{ path: 'tags', value: i?.Tags, type: 'map', required: true, minLength: 1, maxLength: 50 }, ...tagMapRules(i?.Tags), ...resourceArn(i)];
}

export function untagResource(i: In<api.UntagResourceInput>): FieldRule[] {
  return [...tagKeyRules(i), ...resourceArn(i)];
}

export function putResourcePolicy(i: In<api.PutResourcePolicyInput>): FieldRule[] {
  return [...resourceArn(i), { path: 'policy', value: i?.Policy, type: 'string', required: true }];
}

export function listConsumers(i: In<api.ListStreamConsumersInput>): FieldRule[] {
  return [
    { path: 'streamARN', value: i?.StreamARN, type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: STREAM_ARN_PATTERN },
    { path: 'nextToken', value: i?.NextToken, type: 'string', minLength: 1, maxLength: 1048576 },
    { path: 'maxResults', value: i?.MaxResults, type: 'integer', min: 1, max: 10000 },
  ];
}
