/** Step Functions errors in AWS's words (test/fixtures/aws-reference/stepfunctions/test_sfn_api*.snapshot.json). */
import { AwsError } from '../errors';

const e = (code: string, message: string) => new AwsError({ code, message });

export const statesErrors = {
  invalidArn: (arn: string) => e('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${arn}'`),
  invalidArnDetail: (detail: string) => e('InvalidArn', `Invalid Arn: '${detail}'`),
  stateMachineDoesNotExist: (arn: string) => e('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  stateMachineAlreadyExists: (arn: string) => e('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  executionDoesNotExist: (arn: string) => e('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  executionAlreadyExists: (arn: string) => e('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`),
  invalidDefinition: (message: string) => e('InvalidDefinition', message),
  invalidName: (name: string) => e('InvalidName', `Invalid Name: '${name}'`),
  invalidExecutionInput: (detail: string) => e('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`),
  invalidOutput: (detail: string) => e('InvalidOutput', `Invalid State Machine Execution Output: '${detail}'`),
  missingUpdate: () => e('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified'),
  typeNotSupported: () => e('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine'),
  invalidToken: (detail = 'Invalid token') => e('InvalidToken', `Invalid Token: '${detail}'`),
  taskTimedOut: () => e('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'"),
  resourceNotFound: (arn: string) => e('ResourceNotFound', `Resource not found: '${arn}'`),
  /** TestState's own checks, without the "N validation errors" preamble (test_base_lambda_service_task_state_no_role_arn_validation). */
  testStateValidation: (message: string) => e('ValidationException', message),
  validation: (message: string) => e('ValidationException', `1 validation error detected: ${message}`),
  // AWS's wording is not recorded: the reason DescribeExecution gives (redriveStatusReason), in its code.
  notRedrivable: (arn: string, reason: string) => e('ExecutionNotRedrivable', `Execution Not Redrivable: '${arn}': ${reason}`),
  tooManyTags: (arn: string) => e('TooManyTags', `Too many tags: '${arn}'`),
};
