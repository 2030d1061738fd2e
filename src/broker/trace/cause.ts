/**
 * What a change is a consequence of, while the engine makes it: an SNS delivery sets the published message as
 * the cause while it sends to a queue, so the tracer links the queue's new message to the publish. One slot for
 * the process is enough: it is set only around synchronous engine calls, and JavaScript runs one at a time.
 */
let current: string | undefined;

/** Runs `fn` with `cause` (a trace key such as `sns:<MessageId>`) as what its changes continue. */
export function withCause<T>(cause: string, fn: () => T): T {
  const before = current;
  current = cause;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** The cause set by the innermost `withCause` running now, if any. */
export function currentCause(): string | undefined {
  return current;
}
