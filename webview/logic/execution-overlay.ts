/**
 * Where an execution stands, state by state, read from its history as AWS records it: what the graph
 * colours. Each event belongs to the state its thread of control was in (`previousEventId` leads back to
 * the state's `...StateEntered`), so Parallel branches and Map iterations are told apart.
 */
import type { ExecutionStatus, HistoryRow } from '../../src/inspector/protocol';

export type StateStatus = 'running' | 'succeeded' | 'failed' | 'caught' | 'cancelled';

export interface StateProgress {
  status: StateStatus;
  /** How often it was entered (a Map's iterations, a loop). */
  entered: number;
  /** How many times a Retry ran its work again. */
  retries: number;
}

/** Events that say a state's work failed; a Retry or a Catch may still take over. */
const FAILURES = new Set([
  'TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed',
  'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'LambdaFunctionStartFailed', 'LambdaFunctionScheduleFailed',
  'ParallelStateFailed', 'MapStateFailed', 'ActivityFailed', 'ActivityTimedOut', 'ActivityScheduleFailed',
]);
/** Events that start a state's work; one after a failure in the same state is a retry. */
const STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled', 'ParallelStateStarted', 'MapStateStarted']);

const ENTERED = /^(\w+)StateEntered$/;
const EXITED = /^(\w+)StateExited$/;

/** A Parallel's or Map's own events besides Entered and Exited. */
const GROUP_EVENT = /^(Parallel|Map)(?:State(?:Started|Succeeded|Failed|Aborted)|Iteration\w+|RunStarted|RunSucceeded|RunFailed|RunAborted)$/;

const nameOf = (e: HistoryRow) => (typeof e.details?.name === 'string' ? e.details.name : undefined);

/** The state each event belongs to, by id: its own name for Entered/Exited, else its thread's state. */
export function eventStates(events: HistoryRow[]): Map<number, string> {
  const byId = new Map<number, string>();
  // Parallel and Map states entered and not yet exited, innermost last: their own events (started,
  // failed, an iteration's) follow a branch's last event, so the thread leads into the branch, not to them.
  const open: { name: string; kind: string }[] = [];
  for (const e of events) {
    const own = ENTERED.test(e.type) || EXITED.test(e.type) ? nameOf(e) : undefined;
    const group = GROUP_EVENT.exec(e.type);
    if (own !== undefined) {
      byId.set(e.id, own);
      const kind = /^(Parallel|Map)State/.exec(e.type)?.[1];
      if (kind && ENTERED.test(e.type)) open.push({ name: own, kind });
      if (kind && EXITED.test(e.type)) {
        const at = open.map((g) => g.name).lastIndexOf(own);
        if (at >= 0) open.splice(at, 1);
      }
    } else if (group) {
      const holder = [...open].reverse().find((g) => g.kind === group[1]);
      if (holder) byId.set(e.id, holder.name);
    } else {
      const previous = byId.get(e.previousEventId);
      // The event after a state's Exited starts the next thing of that thread, which is no state's.
      const previousEvent = events[e.previousEventId - 1];
      if (previous !== undefined && !(previousEvent && EXITED.test(previousEvent.type))) byId.set(e.id, previous);
    }
  }
  return byId;
}

/**
 * Every state the execution reached, with its status: running until it exits; succeeded when it exited
 * cleanly, caught when it exited after its work failed (a Catch took it on); failed when the failure
 * ended it, cancelled when the execution ended around it (stopped, or a sibling branch failed).
 */
export function stateProgress(events: HistoryRow[], execution: ExecutionStatus): Map<string, StateProgress> {
  const owner = eventStates(events);
  const progress = new Map<string, StateProgress & { failedSince: boolean; open: number }>();
  for (const e of events) {
    const entered = ENTERED.exec(e.type);
    const name = owner.get(e.id);
    if (name === undefined) continue;
    let p = progress.get(name);
    if (entered) {
      if (!p) progress.set(name, (p = { status: 'running', entered: 0, retries: 0, failedSince: false, open: 0 }));
      p.entered++;
      p.open++;
      p.failedSince = false;
      // A Fail state never exits: entering it is failing.
      p.status = entered[1] === 'Fail' ? 'failed' : 'running';
      continue;
    }
    if (!p) continue;
    if (EXITED.test(e.type)) {
      p.open = Math.max(0, p.open - 1);
      if (p.open === 0) p.status = p.failedSince ? 'caught' : 'succeeded';
    } else if (FAILURES.has(e.type)) {
      p.failedSince = true;
    } else if (STARTS.has(e.type) && p.failedSince) {
      p.retries++;
      p.failedSince = false;
    }
  }
  const ended = execution !== 'RUNNING';
  const result = new Map<string, StateProgress>();
  for (const [name, p] of progress) {
    let status = p.status;
    if (ended && status === 'running') {
      // The state the execution failed in (a Fail state, or work no Catch took) failed; others were cut short.
      status = p.failedSince || failedHere(events, owner, name) ? 'failed' : 'cancelled';
    }
    result.set(name, { status, entered: p.entered, retries: p.retries });
  }
  return result;
}

/** Whether the execution's own failure came from this state (ExecutionFailed's thread leads back to it). */
function failedHere(events: HistoryRow[], owner: Map<number, string>, name: string): boolean {
  const last = events[events.length - 1];
  if (!last || (last.type !== 'ExecutionFailed' && last.type !== 'ExecutionTimedOut')) return false;
  return owner.get(last.previousEventId) === name;
}

/** The events of one state (every time it was entered), in order: what the state's detail lists. */
export function eventsOfState(events: HistoryRow[], name: string): HistoryRow[] {
  const owner = eventStates(events);
  return events.filter((e) => owner.get(e.id) === name);
}

/** The input the state was last entered with and the output it last exited with (JSON text), if any. */
export function stateInputOutput(events: HistoryRow[], name: string): { input?: string; output?: string } {
  const own = eventsOfState(events, name);
  const entered = [...own].reverse().find((e) => ENTERED.test(e.type));
  const exited = [...own].reverse().find((e) => EXITED.test(e.type));
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { input: text(entered?.details?.input), output: text(exited?.details?.output) };
}
