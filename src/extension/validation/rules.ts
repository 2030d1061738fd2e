/**
 * Input checks for the editor's prompts. Each returns undefined when the value is fine, or a sentence
 * naming the AWS rule the value breaks, so the prompt says what to type instead of failing later.
 */
import { kinesisLimits, sqsLimits } from '../../broker/limits';
import { isValidBucketName } from '../../broker/s3/names';

export type Check = (value: string) => string | undefined;

export const queueName = (fifo: boolean): Check => (value) => {
  const base = fifo ? value.replace(/\.fifo$/, '') : value;
  if (fifo && !value.endsWith('.fifo')) return 'FIFO queue names end in .fifo (for example orders.fifo).';
  if (!fifo && value.endsWith('.fifo')) return 'Only FIFO queues have names ending in .fifo; choose FIFO or drop the suffix.';
  if (value.length < 1 || value.length > 80 || !/^[A-Za-z0-9_-]+$/.test(base)) {
    return 'Queue names can have up to 80 characters: alphanumerics, hyphens and underscores; FIFO queue names end in .fifo.';
  }
  return undefined;
};

export const topicName = (fifo: boolean): Check => (value) => {
  const base = fifo ? value.replace(/\.fifo$/, '') : value;
  if (fifo && !value.endsWith('.fifo')) return 'FIFO topic names end in .fifo (for example orders.fifo).';
  if (value.length < 1 || value.length > 256 || !/^[A-Za-z0-9_-]+$/.test(base)) {
    return 'Topic names can have up to 256 characters: alphanumerics, hyphens and underscores; FIFO topic names end in .fifo.';
  }
  return undefined;
};

export const bucketName: Check = (value) =>
  isValidBucketName(value)
    ? undefined
    : 'Bucket names have 3 to 63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (not an IP address).';

export const streamName: Check = (value) =>
  /^[A-Za-z0-9_.-]{1,128}$/.test(value) ? undefined : 'Stream names have 1 to 128 characters: alphanumerics, hyphens, underscores and periods.';

export const deliveryStreamName: Check = (value) =>
  /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? undefined : 'Delivery stream names have 1 to 64 characters: alphanumerics, hyphens, underscores and periods.';

export const integerIn = (what: string, min: number, max: number, unit = ''): Check => (value) => {
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && n >= min && n <= max ? undefined : `${what} must be a whole number from ${min} to ${max}${unit}.`;
};

export const visibilityTimeout = integerIn('The visibility timeout', 0, sqsLimits.maxVisibilityTimeoutSeconds, ' seconds (12 hours)');
export const delaySeconds = integerIn('The delivery delay', 0, sqsLimits.maxDelaySeconds, ' seconds (15 minutes)');
export const maxReceiveCount = integerIn('maxReceiveCount (receives before a message moves to the dead-letter queue)', 1, sqsLimits.maxReceiveCount);
export const shardCount = integerIn('The shard count', 1, 10000);

// Characters SQS accepts in a message: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF
// eslint-disable-next-line no-control-regex
const INVALID_SQS_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export const messageBody: Check = (value) => {
  if (value.length === 0) return 'A message body must not be empty.';
  if (Buffer.byteLength(value, 'utf8') > sqsLimits.maxMessageBytes) return 'A message can be at most 1 MiB (1,048,576 bytes) of UTF-8, attributes included.';
  if (INVALID_SQS_CHARACTER.test(value)) return 'SQS messages may contain only #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF characters.';
  return undefined;
};

export const messageGroupId: Check = (value) =>
  /^[\x21-\x7E]{1,128}$/.test(value) ? undefined : 'FIFO queues need a MessageGroupId: 1 to 128 alphanumerics and punctuation (!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~).';

export const recordData: Check = (value) =>
  Buffer.byteLength(value, 'utf8') <= kinesisLimits.maxRecordBytes ? undefined : 'A record holds at most 1 MiB of data.';

export const partitionKey: Check = (value) =>
  value.length >= 1 && value.length <= 256 ? undefined : 'A partition key has 1 to 256 Unicode characters.';

export const jsonObject = (what: string): Check => (value) => {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : `${what} must be a JSON object, such as {"type": ["order"]}.`;
  } catch (e) {
    return `${what} is not valid JSON: ${(e as Error).message}`;
  }
};

export const filterPolicy: Check = (value) => (value.trim() === '' ? undefined : jsonObject('A filter policy')(value));

export const subscriptionEndpoint = (protocol: string): Check => (value) => {
  switch (protocol) {
    case 'sqs':
      return /^arn:aws:sqs:[^:]+:\d{12}:[A-Za-z0-9_.-]+$/.test(value) ? undefined : 'An sqs subscription endpoint is the queue ARN (arn:aws:sqs:region:account:queue).';
    case 'http':
    case 'https':
      return new RegExp(`^${protocol}://[^\\s/]+`).test(value) ? undefined : `An ${protocol} endpoint is a URL starting with ${protocol}://.`;
    case 'email':
    case 'email-json':
      return /^[^@\s]+@[^@\s]+$/.test(value) ? undefined : 'An email endpoint is an address such as dev@example.com.';
    case 'lambda':
      return /^arn:aws:lambda:/.test(value) ? undefined : 'A lambda endpoint is the function ARN (arn:aws:lambda:region:account:function:name).';
    case 'firehose':
      return /^arn:aws:firehose:/.test(value) ? undefined : 'A firehose endpoint is the delivery stream ARN.';
    default:
      return value ? undefined : 'The endpoint must not be empty.';
  }
};

const MAX_HASH_KEY = 2n ** 128n - 1n;

/** SplitShard's NewStartingHashKey: a whole number strictly inside the shard's hash-key range. */
export const newStartingHashKey = (start: string, end: string): Check => (value) => {
  if (!/^\d+$/.test(value) || BigInt(value) > MAX_HASH_KEY) return `A hash key is a whole number from 0 to ${MAX_HASH_KEY}.`;
  const key = BigInt(value);
  return key > BigInt(start) && key <= BigInt(end) ? undefined : `NewStartingHashKey must lie inside the shard's range: greater than ${start} and at most ${end}.`;
};

/** The hash key halfway through a shard's range: what a split proposes. */
export function midpointHashKey(start: string, end: string): string {
  return ((BigInt(start) + BigInt(end) + 1n) / 2n).toString();
}
