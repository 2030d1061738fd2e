/**
 * An execution's history as AWS records it (GetExecutionHistory): numbered events, each naming the event
 * before it in its own thread of control (`previousEventId`), with the details member its type carries.
 * A Thread is one sequence of states: the execution's, a Parallel branch's or a Map iteration's.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface Thread {
  /** The id of the last event this thread recorded: the next one's previousEventId. */
  last: number;
}

export class History {
  readonly events: HistoryEvent[] = [];
  private closed = false;

  constructor(private readonly now: () => number) {}

  /**
   * Appends an event after `thread`'s last (or after `previous` when given) and makes it the thread's
   * last unless `advance` is false. Nothing is recorded once the execution has ended (a branch still
   * running when a sibling failed or the execution was stopped).
   */
  add(thread: Thread, type: string, details?: Record<string, unknown>, options: { previous?: number; advance?: boolean } = {}): number {
    if (this.closed) return 0;
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId: options.previous ?? thread.last, timestamp: new Date(this.now()), type };
    if (details) event[detailsMember(type)] = details;
    this.events.push(event);
    if (options.advance !== false) thread.last = id;
    return id;
  }

  /** Records the execution's last event and stops recording. */
  close(thread: Thread, type: string, details: Record<string, unknown>, previous?: number): void {
    this.add(thread, type, details, { previous });
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** `TaskStateEntered` → `stateEnteredEventDetails`, `LambdaFunctionFailed` → `lambdaFunctionFailedEventDetails`. */
function detailsMember(type: string): string {
  const state = /^[A-Za-z]+State(Entered|Exited)$/.exec(type);
  if (state && !type.startsWith('MapState') && !type.startsWith('ParallelState')) return `state${state[1]}EventDetails`;
  if (/^(Map|Parallel)State(Entered|Exited)$/.test(type)) return `state${type.endsWith('Entered') ? 'Entered' : 'Exited'}EventDetails`;
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

/** A payload as history details carry it: JSON text and whether it was cut (never, here). */
export const payload = (key: 'input' | 'output', value: unknown) => ({ [key]: JSON.stringify(value), [`${key}Details`]: { truncated: false } });
