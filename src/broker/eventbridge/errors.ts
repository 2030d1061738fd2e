import { constraintValue } from '../constraint-value';
import { AwsError } from '../errors';

/**
 * EventBridge's error shapes, worded as AWS words them (test/fixtures/aws-reference/events/*.snapshot.json).
 * All are 400 Sender faults except InternalException.
 */
export const eventsErrors = {
  invalidEventPattern: (reason: string) =>
    new AwsError({ code: 'InvalidEventPatternException', message: `Event pattern is not valid. Reason: ${reason}` }),
  validation: (message: string) => new AwsError({ code: 'ValidationException', message }),
  /** "Parameter X is not valid." / "Parameter X is not valid. Reason: ..." */
  invalidParameter: (name: string, reason?: string) =>
    new AwsError({ code: 'ValidationException', message: `Parameter ${name} is not valid.${reason ? ` Reason: ${reason}` : ''}` }),
  busNotFound: (name: string) => new AwsError({ code: 'ResourceNotFoundException', message: `Event bus ${name} does not exist.` }),
  resourceExists: (message: string) => new AwsError({ code: 'ResourceAlreadyExistsException', message }),
  busExists: (name: string) => new AwsError({ code: 'ResourceAlreadyExistsException', message: `Event bus ${name} already exists.` }),
  ruleNotFound: (rule: string, bus: string) =>
    new AwsError({ code: 'ResourceNotFoundException', message: `Rule ${rule} does not exist on EventBus ${bus}.` }),
  statementNotFound: () =>
    new AwsError({ code: 'ResourceNotFoundException', message: 'Statement with the provided id does not exist.' }),
  limitExceeded: () =>
    new AwsError({ code: 'LimitExceededException', message: 'The requested resource exceeds the maximum number allowed.' }),
  managedRule: (rule: string) =>
    new AwsError({
      code: 'ManagedRuleException',
      message: `Rule ${rule} is managed by an AWS service can only be modified if force is true.`,
    }),
  cannotDeleteDefaultBus: () => new AwsError({ code: 'ValidationException', message: 'Cannot delete event bus default.' }),
  ruleHasTargets: () => new AwsError({ code: 'ValidationException', message: "Rule can't be deleted since it has targets." }),
  resourceNotFound: (message: string) => new AwsError({ code: 'ResourceNotFoundException', message }),
};

/**
 * Request-validation messages in the words of AWS's model checks
 * ("1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...").
 */
export interface ConstraintViolation {
  value: unknown;
  path: string;
  constraint: string;
}

export function constraintError(violations: ConstraintViolation[]): AwsError {
  const n = violations.length;
  const parts = violations.map((v) => {
    return `Value ${constraintValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
  });
  return eventsErrors.validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
}

export const constraints = {
  namePattern: 'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+',
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  notNull: 'Member must not be null',
  enumOf: (values: string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
};
