import { AwsError } from '../errors';

/**
 * The SQS errors, each with the JSON `__type` shape name as `code` and the legacy query code as
 * `queryCode`, worded as AWS words them (test/fixtures/aws-reference/test_sqs.snapshot.json).
 */
export const sqsErrors = {
  /** A caller of another account the queue's policy does not admit (AWS names its regional endpoint). */
  accessDenied: (region: string) =>
    new AwsError({ code: 'AccessDenied', message: `Access to the resource https://sqs.${region}.amazonaws.com/ is denied.`, status: 403 }),
  queueDoesNotExist: () =>
    new AwsError({
      code: 'QueueDoesNotExist',
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
      queryMessage: 'The specified queue does not exist for this wsdl version.',
    }),
  queueAlreadyExists: (attribute: string) =>
    new AwsError({
      code: 'QueueNameExists',
      queryCode: 'QueueAlreadyExists',
      message: `A queue already exists with the same name and a different value for attribute ${attribute}`,
    }),
  queueDeletedRecently: () =>
    new AwsError({
      code: 'QueueDeletedRecently',
      queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently',
      message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    }),
  invalidParameterValue: (message: string) =>
    new AwsError({ code: 'InvalidParameterValueException', queryCode: 'InvalidParameterValue', message }),
  /** The common "Value X for parameter P is invalid. Reason: R" wording. */
  invalidValue: (value: unknown, parameter: string, reason?: string) =>
    sqsErrors.invalidParameterValue(
      `Value ${String(value)} for parameter ${parameter} is invalid.${reason ? ` Reason: ${reason}` : ''}`,
    ),
  missingParameter: (parameter: string) =>
    new AwsError({
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: `The request must contain the parameter ${parameter}.`,
    }),
  invalidAttributeName: (message: string) => new AwsError({ code: 'InvalidAttributeName', message }),
  unknownAttribute: (name: string) => sqsErrors.invalidAttributeName(`Unknown Attribute ${name}.`),
  invalidAttributeValue: (message: string) => new AwsError({ code: 'InvalidAttributeValue', message }),
  invalidAttributeValueFor: (name: string, reason?: string) =>
    sqsErrors.invalidAttributeValue(`Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`),
  /** AddPermission grants at most 7 actions in one statement; AWS refuses more with 403 (wording not recorded). */
  tooManyActions: (found: number, maximum: number) =>
    new AwsError({ code: 'OverLimit', status: 403, message: `${found} Actions were found, maximum allowed is ${maximum}.` }),
  purgeQueueInProgress: (queueName: string) =>
    new AwsError({
      code: 'PurgeQueueInProgress',
      queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      status: 403,
      message: `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
    }),
  tooManyEntriesInBatchRequest: (sent: number) =>
    new AwsError({
      code: 'TooManyEntriesInBatchRequest',
      queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      message: `Maximum number of entries per request are 10. You have sent ${sent}.`,
    }),
  emptyBatchRequest: () =>
    new AwsError({
      code: 'EmptyBatchRequest',
      queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    }),
  invalidBatchEntryId: () =>
    new AwsError({
      code: 'InvalidBatchEntryId',
      queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      message:
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    }),
  batchEntryIdsNotDistinct: (id: string) =>
    new AwsError({
      code: 'BatchEntryIdsNotDistinct',
      queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      message: `Id ${id} repeated.`,
    }),
  batchRequestTooLong: (limit: number, sent: number) =>
    new AwsError({
      code: 'BatchRequestTooLong',
      queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
      message: `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
    }),
  receiptHandleIsInvalid: (handle: string) =>
    new AwsError({
      code: 'ReceiptHandleIsInvalid',
      message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
    }),
  invalidMessageContents: () =>
    new AwsError({
      code: 'InvalidMessageContents',
      message:
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    }),
  resourceNotFound: (message: string) =>
    new AwsError({ code: 'ResourceNotFoundException', status: 404, message }),
};
