import { AwsError } from '../errors';

/** Kinesis errors with the words AWS uses; `account` is the broker's account id. */
export const kinesisErrors = {
  streamNotFound: (stream: string, account: string) =>
    new AwsError({ code: 'ResourceNotFoundException', message: `Stream ${stream} under account ${account} not found.` }),
  streamExists: (stream: string, account: string) =>
    new AwsError({ code: 'ResourceInUseException', message: `Stream ${stream} under account ${account} already exists.` }),
  streamNotActive: (stream: string, account: string, status: string) =>
    new AwsError({
      code: 'ResourceInUseException',
      message: `Stream ${stream} under account ${account} not ACTIVE, instead in state ${status}`,
    }),
  shardNotFound: (shardId: string, stream: string, account: string) =>
    new AwsError({
      code: 'ResourceNotFoundException',
      message: `Could not find shard ${shardId} in stream ${stream} under account ${account}.`,
    }),
  shardDoesNotExist: (shardId: string, stream: string, account: string) =>
    new AwsError({
      code: 'ResourceNotFoundException',
      message: `Shard ${shardId} in stream ${stream} under account ${account} does not exist`,
    }),
  /** AWS refuses UpdateShardCount on an on-demand stream as a ValidationException; its exact words are not recorded. */
  onDemandReshard: (stream: string, account: string) =>
    new AwsError({
      code: 'ValidationException',
      message: `UpdateShardCount is not supported for stream ${stream} under account ${account} in ON_DEMAND mode.`,
    }),
  invalidArgument: (message: string) => new AwsError({ code: 'InvalidArgumentException', message }),
  limitExceeded: (message: string) => new AwsError({ code: 'LimitExceededException', message }),
  resourceInUse: (message: string) => new AwsError({ code: 'ResourceInUseException', message }),
  resourceNotFound: (message: string) => new AwsError({ code: 'ResourceNotFoundException', message }),
  throughputExceeded: (message: string) => new AwsError({ code: 'ProvisionedThroughputExceededException', message }),
  expiredIterator: (message: string) => new AwsError({ code: 'ExpiredIteratorException', message }),
};

/** AWS writes times in iterator-expiry messages as `Thu Jan 22 01:22:02 UTC 2015`. */
export function amzUtcString(ms: number): string {
  const m = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString());
  if (!m) return new Date(ms).toISOString();
  return `${m[1]} ${m[3]} ${m[2]} ${m[5]} UTC ${m[4]}`;
}
