import { AwsError } from '../errors';

/** Firehose errors with the words AWS uses. */
export const firehoseErrors = {
  notFound: (name: string, account: string) =>
    new AwsError({ code: 'ResourceNotFoundException', message: `Firehose ${name} under account ${account} not found.` }),
  exists: (name: string, account: string) =>
    new AwsError({ code: 'ResourceInUseException', message: `Firehose ${name} under accountId ${account} already exists` }),
  invalidArgument: (message: string) => new AwsError({ code: 'InvalidArgumentException', message }),
  limitExceeded: (message: string) => new AwsError({ code: 'LimitExceededException', message }),
};
