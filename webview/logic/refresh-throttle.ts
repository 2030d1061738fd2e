/**
 * Runs a view's refresh (a refetch and redraw) at most once per interval and never two at once. The first
 * request after a quiet spell runs straight away, so a single change shows without delay; requests during a
 * burst fold into one run when the interval is up, plus one after the run in progress, so the view always
 * ends on the final state. A burst of thousands of changes a second then costs a few refetches a second
 * instead of one per animation frame, each crossing the extension host, code-server and the workbench.
 */
export function throttle(
  task: () => unknown,
  intervalMs: number,
  now: () => number,
  later: (run: () => void, delayMs: number) => void,
): () => void {
  let scheduled = false;
  let running = false;
  let again = false;
  let lastStart = -Infinity;
  const finish = () => {
    running = false;
    if (again) {
      again = false;
      request();
    }
  };
  const run = () => {
    scheduled = false;
    running = true;
    lastStart = now();
    // A failed refresh must not stop the next one; the task reports its own errors.
    void Promise.resolve()
      .then(task)
      .then(finish, finish);
  };
  const request = () => {
    if (running) {
      again = true;
      return;
    }
    if (scheduled) return;
    scheduled = true;
    later(run, Math.max(0, lastStart + intervalMs - now()));
  };
  return request;
}
