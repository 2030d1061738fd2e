/**
 * The seam between the functions engine and whatever runs handler code. Starting a process is I/O, so the
 * engine never does it: the Broker is given an InvocationRunner (src/functions-runtime/node-runner.ts runs
 * each handler in a child process). The runner never rejects; every failure is an outcome.
 */

/** The error shape Lambda returns for a failed invocation (the payload of a FunctionError response). */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
  /** The stack, one frame per entry, as Lambda's `trace`. */
  trace?: string[];
}

export interface InvocationRequest {
  functionName: string;
  functionArn: string;
  /** Absolute path of the handler module. */
  module: string;
  /** Name of the exported handler function. */
  handler: string;
  timeoutSeconds: number;
  /** The variables the handler sees in process.env, reserved Lambda variables included. */
  environment: Record<string, string>;
  /** Bumped on every update, so a warm environment never runs an out-of-date definition. */
  revision: number;
  requestId: string;
  /** The event, a JSON value. */
  payload: unknown;
}

export interface InvocationOutcome {
  /** The handler's result (JSON) when it succeeded. */
  result?: unknown;
  error?: FunctionError;
  /** True when the runner ended the handler because it ran past its timeout. */
  timedOut?: boolean;
  /** Console output written during the invocation, in Lambda's line format. */
  logs: string;
  durationMs: number;
  /** Set when this invocation had to start a new environment (a cold start): how long loading took. */
  initDurationMs?: number;
}

export interface InvocationRunner {
  run(request: InvocationRequest): Promise<InvocationOutcome>;
  /** Ends the warm environments of a function (it was updated or deleted). */
  retire(functionName: string): void;
  dispose(): void;
}
