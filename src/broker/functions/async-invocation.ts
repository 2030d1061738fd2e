import type { Scheduler } from '../scheduler';
import type { InvocationRecord } from './invocations';

/** Lambda waits one minute before the first retry of an asynchronous invocation and two before the second. */
const retryDelaysMs = [60_000, 120_000];

/**
 * Lambda's asynchronous invocation, the way SNS invokes a function: the event is accepted, and when the
 * function fails Lambda runs it again, up to `retries` times (MaximumRetryAttempts, 0 to 2). Resolves when
 * the first attempt has finished; the retries are deadlines on the broker's scheduler.
 */
export function invokeAsync(
  attempt: (attemptNumber: number) => Promise<InvocationRecord>,
  scheduler: Scheduler,
  retries: number,
  stillExists: () => boolean,
): Promise<void> {
  const run = async (n: number): Promise<void> => {
    const record = await attempt(n + 1);
    if (record.status !== 'succeeded' && n < retries) {
      scheduler.after(retryDelaysMs[n], () => {
        if (stillExists()) void run(n + 1);
      });
    }
  };
  return run(0);
}
