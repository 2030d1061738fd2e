/**
 * A failure inside an execution: an ASL error name (States.Runtime, States.TaskFailed, a function's
 * errorType...) with its cause. Retry and Catch match on `error`; what stops the execution is recorded
 * with both, as AWS's ExecutionFailed event.
 */
export class StatesFailure extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string | undefined,
  ) {
    super(`${error}: ${cause ?? ''}`);
    this.name = 'StatesFailure';
  }
}

/**
 * A failure the user's app sent (SendTaskFailure): error and cause as sent, either possibly absent, which
 * a Catch's error output shows as null (test_sqs_failure_in_wait_for_task_tok_no_error_field).
 */
export class SentTaskFailure extends StatesFailure {
  constructor(
    readonly sentError: string | undefined,
    readonly sentCause: string | undefined,
  ) {
    super(sentError ?? '', sentCause);
  }
}

/** States.Runtime as AWS words it: the state and the history event that entered it. */
export function runtimeFailure(state: string, enteredEventId: number, detail: string): StatesFailure {
  return new StatesFailure('States.Runtime', `An error occurred while executing the state '${state}' (entered at the event id #${enteredEventId}). ${detail}`);
}
