import { AwsError } from '../errors';

/** STS's refusals as its front end words them ("1 validation error detected: ..."). */
export const stsErrors = {
  validation: (failures: string[]) =>
    new AwsError({
      code: 'ValidationError',
      message: `${failures.length} validation error${failures.length === 1 ? '' : 's'} detected: ${failures.join('; ')}`,
    }),
  missing: (member: string) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  constraint: (value: string | number, member: string, rule: string) => `Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`,
};
