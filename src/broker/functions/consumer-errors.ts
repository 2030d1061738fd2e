import type { InvocationRecord } from './invocations';

/** Why a local function did not process an SQS message: the dead-letter queue view shows it beside the message. */
export interface ConsumerError {
  functionName: string;
  requestId: string;
  /** Broker time (ms epoch) of the failed invocation. */
  at: number;
  /** `errorType: errorMessage` as the handler threw it, a timeout, or a reported batch item failure. */
  error: string;
}

/** Messages remembered; the oldest go first (a DLQ of more keeps the newest failures' reasons). */
export const CONSUMER_ERRORS_KEPT = 10_000;

/**
 * The last failure of a local function on each SQS message an event source mapping gave it, by message id.
 * A message keeps its id when it moves to a dead-letter queue, so the DLQ view finds why it died here.
 */
export class ConsumerErrors {
  private readonly byMessage = new Map<string, ConsumerError>();

  constructor(private readonly capacity = CONSUMER_ERRORS_KEPT) {}

  /** The invocation failed for these messages (all of a failed batch, or those a batch response named). */
  record(messageIds: readonly string[], invocation: InvocationRecord, reason?: string): void {
    const error = reason ?? describeFailure(invocation);
    const entry: ConsumerError = { functionName: invocation.functionName, requestId: invocation.requestId, at: invocation.startedAt, error };
    for (const id of messageIds) {
      // Re-inserting moves the id to the newest end, so eviction drops the longest-quiet message.
      this.byMessage.delete(id);
      this.byMessage.set(id, entry);
    }
    while (this.byMessage.size > this.capacity) this.byMessage.delete(this.byMessage.keys().next().value as string);
  }

  lastOf(messageId: string): ConsumerError | undefined {
    return this.byMessage.get(messageId);
  }
}

function describeFailure(inv: InvocationRecord): string {
  if (inv.status === 'timedOut') return `Task timed out after ${(inv.durationMs / 1000).toFixed(2)} seconds`;
  const e = inv.error;
  return e ? `${e.errorType}: ${e.errorMessage}` : inv.status;
}
