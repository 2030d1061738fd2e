import { AwsError } from '../errors';

/** SNS's error shapes, worded as AWS words them (see test/fixtures/aws-reference/test_sns.snapshot.json). */
export const snsErrors = {
  invalidParameter: (detail: string) => new AwsError({ code: 'InvalidParameter', message: `Invalid parameter: ${detail}` }),
  /** The few InvalidParameter messages that do not start with "Invalid parameter:". */
  invalidParameterRaw: (message: string) => new AwsError({ code: 'InvalidParameter', message }),
  parameterValueInvalid: (message: string) => new AwsError({ code: 'ParameterValueInvalid', message }),
  validationError: (message: string) => new AwsError({ code: 'ValidationError', message }),
  topicNotFound: () => new AwsError({ code: 'NotFound', message: 'Topic does not exist', status: 404 }),
  subscriptionNotFound: () => new AwsError({ code: 'NotFound', message: 'Subscription does not exist', status: 404 }),
  platformApplicationNotFound: () => new AwsError({ code: 'NotFound', message: 'PlatformApplication does not exist', status: 404 }),
  endpointNotFound: () => new AwsError({ code: 'NotFound', message: 'Endpoint does not exist', status: 404 }),
  endpointDisabled: () => new AwsError({ code: 'EndpointDisabled', message: 'Endpoint is disabled' }),
  /** A required map left out (the SDKs send none for an empty map): the front end's validation wording. */
  nullMember: (member: string) =>
    new AwsError({
      code: 'ValidationError',
      message: `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    }),
  resourceNotFound: () => new AwsError({ code: 'ResourceNotFound', message: 'Resource does not exist', status: 404 }),
  authorization: (message: string) => new AwsError({ code: 'AuthorizationError', message, status: 403 }),
  tooManyEntries: () =>
    new AwsError({ code: 'TooManyEntriesInBatchRequest', message: 'The batch request contains more entries than permissible.' }),
  emptyBatch: () =>
    new AwsError({ code: 'EmptyBatchRequest', message: 'The batch request doesn\'t contain any entries.' }),
  batchIdsNotDistinct: () =>
    new AwsError({ code: 'BatchEntryIdsNotDistinct', message: 'Two or more batch entries in the request have the same Id.' }),
  batchTooLong: () =>
    new AwsError({ code: 'BatchRequestTooLong', message: 'The length of all the messages put together is more than the limit.' }),
  invalidBatchEntryId: (message: string) => new AwsError({ code: 'InvalidBatchEntryId', message }),
};

/** "An ARN must have at least 6 elements, not N", the check SNS runs on every ARN parameter. */
export function requireArnShape(name: string, value: string | undefined): string[] {
  if (value === undefined || value === '') {
    throw snsErrors.invalidParameter(`${name} Reason: no value for required parameter`);
  }
  const parts = value.split(':');
  if (parts.length < 6) {
    throw snsErrors.invalidParameter(`${name} Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  }
  return parts;
}
