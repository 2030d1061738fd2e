import { AwsError } from '../errors';

/**
 * Kinesis Analytics errors. No answers of the SQL service are recorded in test/fixtures/aws-reference (AWS
 * closed it to new applications), so the codes are the model's and the words follow AWS's style.
 */
export const analyticsErrors = {
  notFound: (name: string, account: string) =>
    new AwsError({ code: 'ResourceNotFoundException', message: `Application ${name} is not found for account ${account}` }),
  outputNotFound: (name: string, outputId: string) =>
    new AwsError({ code: 'ResourceNotFoundException', message: `Output ${outputId} is not found in application ${name}` }),
  arnNotFound: (arn: string) => new AwsError({ code: 'ResourceNotFoundException', message: `Resource ${arn} is not found` }),
  exists: (name: string, account: string) =>
    new AwsError({ code: 'ResourceInUseException', message: `Application ${name} already exists for account ${account}` }),
  inUse: (message: string) => new AwsError({ code: 'ResourceInUseException', message }),
  invalidArgument: (message: string) => new AwsError({ code: 'InvalidArgumentException', message }),
  limitExceeded: (message: string) => new AwsError({ code: 'LimitExceededException', message }),
  tooManyTags: (message: string) => new AwsError({ code: 'TooManyTagsException', message }),
  concurrentModification: (name: string, given: number, current: number) =>
    new AwsError({
      code: 'ConcurrentModificationException',
      message: `Application ${name} version ${given} does not match the current ApplicationVersionId ${current}`,
    }),
  /** DiscoverInputSchema found no schema; the records it sampled travel with the error, as AWS's do. */
  unableToDetect: (message: string, rawRecords: string[]) =>
    new AwsError({ code: 'UnableToDetectSchemaException', message, members: { RawInputRecords: rawRecords, ProcessedInputRecords: rawRecords } }),
  code: (message: string) => new AwsError({ code: 'CodeValidationException', message }),
  configuration: (message: string) => new AwsError({ code: 'InvalidApplicationConfigurationException', message }),
};
