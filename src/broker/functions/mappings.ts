/**
 * Event source mappings: which queue or stream feeds which function, with Lambda's options and limits.
 * The checks mirror CreateEventSourceMapping's, so a mapping that works here is accepted by Lambda too.
 */
import { AwsError } from '../errors';
import { arn, Identity, parseArn } from '../identity';
import type { EventSourceDefinition, StartingPosition } from './definitions';

export type EventSourceType = 'sqs' | 'kinesis';

export interface CreateEventSourceMappingInput {
  functionName: string;
  eventSourceArn: string;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  functionResponseTypes?: 'ReportBatchItemFailures'[];
  enabled?: boolean;
  startingPosition?: StartingPosition;
  bisectBatchOnFunctionError?: boolean;
  maximumRetryAttempts?: number;
}

export type UpdateEventSourceMappingInput = Partial<Omit<CreateEventSourceMappingInput, 'functionName' | 'eventSourceArn' | 'startingPosition'>>;

export interface EventSourceMappingConfiguration {
  uuid: string;
  functionName: string;
  functionArn: string;
  eventSourceArn: string;
  sourceType: EventSourceType;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: 'ReportBatchItemFailures'[];
  state: 'Enabled' | 'Disabled';
  /** Kinesis only. */
  startingPosition?: StartingPosition;
  bisectBatchOnFunctionError?: boolean;
  maximumRetryAttempts?: number;
  lastModified: number;
  /** Lambda's LastProcessingResult: `No records processed`, `OK`, or `PROBLEM: <what went wrong>`. */
  lastProcessingResult: string;
}

const invalid = (message: string) => new AwsError({ code: 'InvalidParameterValueException', message });

export function sourceTypeOf(eventSourceArn: string): EventSourceType {
  const arn = parseArn(eventSourceArn);
  if (arn?.service === 'sqs' && arn.resource) return 'sqs';
  if (arn?.service === 'kinesis' && arn.resource.startsWith('stream/')) return 'kinesis';
  throw invalid(`Unrecognized event source, must be kinesis, dynamodb stream, sqs, msk, mq or documentdb: ${eventSourceArn}`);
}

/** Fills Lambda's defaults and checks the limits; returns the mapping's settings. */
export function mappingSettings(
  sourceType: EventSourceType,
  input: UpdateEventSourceMappingInput & { startingPosition?: StartingPosition },
  defaults: { batchSize?: number; maximumBatchingWindowInSeconds?: number },
): Pick<EventSourceMappingConfiguration, 'batchSize' | 'maximumBatchingWindowInSeconds' | 'functionResponseTypes' | 'startingPosition' | 'bisectBatchOnFunctionError' | 'maximumRetryAttempts'> {
  const batchSize = input.batchSize ?? defaults.batchSize ?? (sourceType === 'sqs' ? 10 : 100);
  const window = input.maximumBatchingWindowInSeconds ?? defaults.maximumBatchingWindowInSeconds ?? 0;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
    throw invalid(`BatchSize must be between 1 and 10000: ${batchSize}`);
  }
  if (!Number.isInteger(window) || window < 0 || window > 300) {
    throw invalid(`MaximumBatchingWindowInSeconds must be between 0 and 300: ${window}`);
  }
  if (sourceType === 'sqs' && batchSize > 10 && window === 0) {
    throw invalid('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  for (const type of input.functionResponseTypes ?? []) {
    if (type !== 'ReportBatchItemFailures') throw invalid(`Unsupported FunctionResponseType: ${type}`);
  }
  const settings = {
    batchSize,
    maximumBatchingWindowInSeconds: window,
    functionResponseTypes: input.functionResponseTypes ?? [],
  };
  if (sourceType === 'sqs') return settings;
  const startingPosition = input.startingPosition ?? 'LATEST';
  if (startingPosition !== 'LATEST' && startingPosition !== 'TRIM_HORIZON') {
    throw invalid(`Unsupported starting position for Kinesis: ${startingPosition}`);
  }
  const retries = input.maximumRetryAttempts ?? -1;
  if (!Number.isInteger(retries) || retries < -1 || retries > 10000) {
    throw invalid(`MaximumRetryAttempts must be between -1 and 10000: ${retries}`);
  }
  return {
    ...settings,
    startingPosition,
    bisectBatchOnFunctionError: input.bisectBatchOnFunctionError ?? false,
    maximumRetryAttempts: retries,
  };
}

/** The mapping an event source of a definition stands for; a source named without an ARN is the broker's own. */
export function declaredMapping(functionName: string, source: EventSourceDefinition, identity: Identity): CreateEventSourceMappingInput {
  const { type, enabled, ...options } = source;
  const sourceName = type === 'sqs' ? source.queue : source.stream;
  const eventSourceArn = sourceName.startsWith('arn:') ? sourceName : arn(identity, type, type === 'sqs' ? sourceName : `stream/${sourceName}`);
  const rest = { ...options } as Record<string, unknown>;
  delete rest.queue;
  delete rest.stream;
  return { ...rest, functionName, eventSourceArn, enabled };
}
