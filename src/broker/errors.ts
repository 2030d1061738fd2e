/**
 * The one error type of the engine. It carries everything each wire protocol needs to answer
 * exactly as AWS does, so services throw it and never think about protocols.
 */
export type Fault = 'Sender' | 'Receiver';

export interface AwsErrorInit {
  /** The error shape name, as JSON protocols send it in `__type` (e.g. `QueueDoesNotExist`). */
  code: string;
  /** The exact message AWS gives. */
  message: string;
  /** HTTP status; 400 unless AWS uses another. */
  status?: number;
  fault?: Fault;
  /**
   * The legacy query-protocol code where it differs from `code`
   * (e.g. `AWS.SimpleQueueService.NonExistentQueue`); SQS JSON sends it in `x-amzn-query-error`.
   */
  queryCode?: string;
  /** A message the query protocol words differently (SQS says "... for this wsdl version."). */
  queryMessage?: string;
  /** Members of the error shape beyond its message (UnableToDetectSchemaException's RawInputRecords), for JSON answers. */
  members?: Readonly<Record<string, unknown>>;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;
  readonly queryCode: string;
  readonly queryMessage: string;
  readonly members?: Readonly<Record<string, unknown>>;

  constructor(init: AwsErrorInit) {
    super(init.message);
    this.name = 'AwsError';
    this.code = init.code;
    this.status = init.status ?? 400;
    this.fault = init.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.queryCode = init.queryCode ?? init.code;
    this.queryMessage = init.queryMessage ?? init.message;
    if (init.members) this.members = init.members;
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

/** Shorthands for the errors every service shares. */
export const commonErrors = {
  invalidParameterValue: (message: string, code = 'InvalidParameterValue') =>
    new AwsError({ code, message }),
  missingParameter: (message: string) => new AwsError({ code: 'MissingParameter', message }),
  internal: (message = 'We encountered an internal error. Please try again.') =>
    new AwsError({ code: 'InternalFailure', message, status: 500, fault: 'Receiver' }),
};
