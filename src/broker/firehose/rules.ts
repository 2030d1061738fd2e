import type { FieldRule } from '../kinesis/validation';
import type * as api from './api';

/** The request constraints of each Firehose action, as the AWS API model states them. */

type In<T> = Partial<T> | undefined;

const NAME = { type: 'string', minLength: 1, maxLength: 64, pattern: '[a-zA-Z0-9_.-]+' } as const;
export const MAX_RECORD_BYTES = 1024000;
const TYPES = ['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'] as const;

function name(value: unknown): FieldRule {
  return { path: 'deliveryStreamName', value, required: true, ...NAME };
}

const PROCESSOR_TYPES = ['RecordDeAggregation', 'Decompression', 'CloudWatchLogProcessing', 'Lambda', 'MetadataExtraction', 'AppendDelimiterToRecord'];

function processingRules(c: Partial<api.ProcessingConfiguration> | undefined, path: string): FieldRule[] {
  if (c === undefined) return [];
  const rules: FieldRule[] = [
    { path, value: c, type: 'structure' },
    { path: `${path}.enabled`, value: c?.Enabled, type: 'boolean' },
    { path: `${path}.processors`, value: c?.Processors, type: 'list' },
  ];
  (Array.isArray(c?.Processors) ? c.Processors : []).forEach((p: Partial<api.Processor> | undefined, n) => {
    const at = `${path}.processors.${n + 1}.member`;
    rules.push({ path: at, value: p, type: 'structure', required: true });
    rules.push({ path: `${at}.type`, value: p?.Type, type: 'string', required: true, enum: PROCESSOR_TYPES });
    rules.push({ path: `${at}.parameters`, value: p?.Parameters, type: 'list' });
    (Array.isArray(p?.Parameters) ? p.Parameters : []).forEach((q: Partial<api.ProcessorParameter> | undefined, m) => {
      const qat = `${at}.parameters.${m + 1}.member`;
      rules.push({ path: qat, value: q, type: 'structure', required: true });
      rules.push({ path: `${qat}.parameterName`, value: q?.ParameterName, type: 'string', required: true });
      rules.push({ path: `${qat}.parameterValue`, value: q?.ParameterValue, type: 'string', required: true, minLength: 1, maxLength: 5120 });
    });
  });
  return rules;
}

function s3Rules(c: Partial<api.ExtendedS3DestinationConfiguration> | undefined, path: string): FieldRule[] {
  if (c === undefined) return [];
  return [
    { path, value: c, type: 'structure' },
    { path: `${path}.roleARN`, value: c.RoleARN, type: 'string', required: true, minLength: 1, maxLength: 512, pattern: 'arn:.*' },
    { path: `${path}.bucketARN`, value: c.BucketARN, type: 'string', required: true, minLength: 1, maxLength: 2048, pattern: 'arn:.*:s3:::[\\w\\.\\-]{1,255}' },
    { path: `${path}.prefix`, value: c.Prefix, type: 'string', maxLength: 1024 },
    { path: `${path}.errorOutputPrefix`, value: c.ErrorOutputPrefix, type: 'string', maxLength: 1024 },
    { path: `${path}.bufferingHints.sizeInMBs`, value: c.BufferingHints?.SizeInMBs, type: 'integer', min: 1, max: 128 },
    { path: `${path}.bufferingHints.intervalInSeconds`, value: c.BufferingHints?.IntervalInSeconds, type: 'integer', min: 0, max: 900 },
    ...processingRules(c.ProcessingConfiguration, `${path}.processingConfiguration`),
  ];
}

function tagRules(tags: unknown, path: string): FieldRule[] {
  const rules: FieldRule[] = [{ path, value: tags, type: 'list', minLength: 1, maxLength: 50 }];
  if (Array.isArray(tags)) {
    tags.forEach((t: Partial<api.Tag> | undefined, n) => {
      rules.push({ path: `${path}.${n + 1}.member.key`, value: t?.Key, type: 'string', required: true, minLength: 1, maxLength: 128 });
      rules.push({ path: `${path}.${n + 1}.member.value`, value: t?.Value, type: 'string', maxLength: 256 });
    });
  }
  return rules;
}

export function createDeliveryStream(i: In<api.CreateDeliveryStreamInput>): FieldRule[] {
  return [
    name(i?.DeliveryStreamName),
    { path: 'deliveryStreamType', value: i?.DeliveryStreamType, type: 'string', enum: TYPES },
    { path: 'kinesisStreamSourceConfiguration', value: i?.KinesisStreamSourceConfiguration, type: 'structure' },
    {
      path: 'kinesisStreamSourceConfiguration.kinesisStreamARN',
      value: i?.KinesisStreamSourceConfiguration?.KinesisStreamARN,
      type: 'string',
      required: i?.KinesisStreamSourceConfiguration !== undefined,
      pattern: 'arn:.*',
    },
    ...s3Rules(i?.S3DestinationConfiguration, 's3DestinationConfiguration'),
    ...s3Rules(i?.ExtendedS3DestinationConfiguration, 'extendedS3DestinationConfiguration'),
    ...httpRules(i?.HttpEndpointDestinationConfiguration, 'httpEndpointDestinationConfiguration'),
    ...tagRules(i?.Tags, 'tags'),
  ];
}

function httpRules(c: Partial<api.HttpEndpointDestinationConfiguration> | undefined, path: string): FieldRule[] {
  if (c === undefined) return [];
  return [
    { path, value: c, type: 'structure' },
    { path: `${path}.endpointConfiguration`, value: c.EndpointConfiguration, type: 'structure', required: true },
    { path: `${path}.endpointConfiguration.url`, value: c.EndpointConfiguration?.Url, type: 'string', required: true, minLength: 1, maxLength: 1000 },
    { path: `${path}.endpointConfiguration.name`, value: c.EndpointConfiguration?.Name, type: 'string', minLength: 1, maxLength: 256 },
    { path: `${path}.endpointConfiguration.accessKey`, value: c.EndpointConfiguration?.AccessKey, type: 'string', maxLength: 4096 },
    { path: `${path}.bufferingHints.sizeInMBs`, value: c.BufferingHints?.SizeInMBs, type: 'integer', min: 1, max: 64 },
    { path: `${path}.bufferingHints.intervalInSeconds`, value: c.BufferingHints?.IntervalInSeconds, type: 'integer', min: 0, max: 900 },
    { path: `${path}.retryOptions.durationInSeconds`, value: c.RetryOptions?.DurationInSeconds, type: 'integer', min: 0, max: 7200 },
    { path: `${path}.s3BackupMode`, value: c.S3BackupMode, type: 'string', enum: ['FailedDataOnly', 'AllData'] },
    { path: `${path}.requestConfiguration.commonAttributes`, value: c.RequestConfiguration?.CommonAttributes, type: 'list', maxLength: 50 },
    ...(Array.isArray(c.RequestConfiguration?.CommonAttributes) ? c.RequestConfiguration.CommonAttributes : []).flatMap(
      (a: Partial<api.HttpEndpointCommonAttribute> | undefined, n): FieldRule[] => [
        { path: `${path}.requestConfiguration.commonAttributes.${n + 1}.member.attributeName`, value: a?.AttributeName, type: 'string', required: true, minLength: 1, maxLength: 256 },
        { path: `${path}.requestConfiguration.commonAttributes.${n + 1}.member.attributeValue`, value: a?.AttributeValue, type: 'string', required: true, maxLength: 1024 },
      ],
    ),
    ...processingRules(c.ProcessingConfiguration, `${path}.processingConfiguration`),
    { path: `${path}.s3Configuration`, value: c.S3Configuration, type: 'structure', required: true },
    ...s3Rules(c.S3Configuration, `${path}.s3Configuration`),
  ];
}

export function describe(i: In<api.DescribeDeliveryStreamInput>): FieldRule[] {
  return [
    name(i?.DeliveryStreamName),
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 10000 },
    { path: 'exclusiveStartDestinationId', value: i?.ExclusiveStartDestinationId, type: 'string', minLength: 1, maxLength: 100 },
  ];
}

export function nameOnly(i: In<api.DeliveryStreamNameInput>): FieldRule[] {
  return [name(i?.DeliveryStreamName)];
}

export function list(i: In<api.ListDeliveryStreamsInput>): FieldRule[] {
  return [
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 10000 },
    { path: 'deliveryStreamType', value: i?.DeliveryStreamType, type: 'string', enum: TYPES },
    { path: 'exclusiveStartDeliveryStreamName', value: i?.ExclusiveStartDeliveryStreamName, ...NAME },
  ];
}

function dataRule(path: string, value: unknown): FieldRule {
  return { path, value, type: 'blob', required: true, maxLength: MAX_RECORD_BYTES };
}

export function putRecord(i: In<api.PutRecordInput>): FieldRule[] {
  return [
    name(i?.DeliveryStreamName),
    { path: 'record', value: i?.Record, type: 'structure', required: true },
    ...(i?.Record ? [dataRule('record.data', i.Record.Data)] : []),
  ];
}

export function putRecordBatch(i: In<api.PutRecordBatchInput>): FieldRule[] {
  const rules: FieldRule[] = [
    name(i?.DeliveryStreamName),
    { path: 'records', value: i?.Records, type: 'list', required: true, minLength: 1, maxLength: 500 },
  ];
  if (Array.isArray(i?.Records) && i.Records.length <= 500) {
    i.Records.forEach((r, n) => rules.push(dataRule(`records.${n + 1}.member.data`, r?.Data)));
  }
  return rules;
}

export function tag(i: In<api.TagDeliveryStreamInput>): FieldRule[] {
  return [name(i?.DeliveryStreamName), { path: 'tags', value: i?.Tags, type: 'list', required: true }, ...tagRules(i?.Tags, 'tags')];
}

export function untag(i: In<api.UntagDeliveryStreamInput>): FieldRule[] {
  return [
    name(i?.DeliveryStreamName),
    { path: 'tagKeys', value: i?.TagKeys, type: 'list', required: true, minLength: 1, maxLength: 50 },
  ];
}

export function listTags(i: In<api.ListTagsForDeliveryStreamInput>): FieldRule[] {
  return [
    name(i?.DeliveryStreamName),
    { path: 'exclusiveStartTagKey', value: i?.ExclusiveStartTagKey, type: 'string', minLength: 1, maxLength: 128 },
    { path: 'limit', value: i?.Limit, type: 'integer', min: 1, max: 50 },
  ];
}
