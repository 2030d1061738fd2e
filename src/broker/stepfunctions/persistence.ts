import { EnginePersistence } from '../store/service-persistence';
import type { StepFunctionsEvent } from './events';
import type { HistoryEvent } from './history';
import { endedRun, type Checkpoint, type ExecutionInfo, type ExecutionStatus } from './interpreter';
import type { MapRun } from './map-runs';
import type { Execution, StateMachine, StepFunctionsService } from './service';

/**
 * Step Functions as store entries: `states/m/<name>` a state machine (definition, role, type, configuration,
 * tags) and `states/e/<execution ARN>` an execution: once it has ended, its outcome and whole history,
 * written once; while it runs, its history so far, variables and checkpoint (the top-level state it is in,
 * a Wait's due time, a task token), written each time the checkpoint moves (each top-level state, each
 * park), not at every event. After a restart a parked execution resumes; one caught in the middle of
 * anything else ends FAILED with a cause that says so, rather than run a state (and its side effects) twice.
 * `states/r/<map run ARN>` a distributed Map's run, written when it starts and ends; a run still
 * going when the broker stopped comes back ABORTED, as its parent cannot resume inside the Map; its
 * running children end FAILED as any execution caught in the middle of a state, never resumed alone.
 */
const machineKey = (name: string) => `states/m/${name}`;
const executionKey = (arn: string) => `states/e/${arn}`;
const mapRunKey = (arn: string) => `states/r/${arn}`;

interface SavedMachine extends Omit<StateMachine, 'tags'> {
  tags: [string, string][];
}
interface SavedExecution extends Omit<Execution, 'run'> {
  info: ExecutionInfo;
  status: ExecutionStatus;
  output?: unknown;
  error?: string;
  cause?: string;
  stopDate?: number;
  /** History events with their timestamps as epoch milliseconds. */
  events: (Record<string, unknown> & { timestamp: number })[];
  /** A running execution's position and variables. */
  checkpoint?: Checkpoint;
  variables?: Record<string, unknown>;
}

export class StepFunctionsPersistence extends EnginePersistence<StepFunctionsService> {
  /** The checkpoint version last written per running execution. */
  private readonly written = new Map<string, number>();
  /** The status each map run was last written with, and its execution's ARN (a reset deletes both). */
  private readonly writtenRuns = new Map<string, { status: string; executionArn: string }>();

  record(event: StepFunctionsEvent): void {
    switch (event.type) {
      case 'stateMachineCreated':
      case 'stateMachineUpdated':
      case 'tagsChanged':
        this.putMachine(event.stateMachineArn);
        return;
      case 'stateMachineDeleted':
        this.writer.delete(machineKey(event.stateMachineArn.split(':').pop() ?? ''));
        return;
      case 'executionDeleted':
        this.written.delete(event.executionArn);
        this.writer.delete(executionKey(event.executionArn));
        for (const [arn, w] of this.writtenRuns) {
          if (w.executionArn !== event.executionArn) continue;
          this.writtenRuns.delete(arn);
          this.writer.delete(mapRunKey(arn));
        }
        return;
      case 'executionChanged': {
        const e = this.engine.executions.get(event.executionArn);
        if (!e) return;
        this.putMapRuns(event.executionArn);
        if (event.status !== 'RUNNING') {
          this.written.delete(e.arn);
          this.writer.put(executionKey(e.arn), saveExecution(e));
        } else if (e.run.checkpointVersion !== undefined && this.written.get(e.arn) !== e.run.checkpointVersion) {
          this.written.set(e.arn, e.run.checkpointVersion);
          this.writer.put(executionKey(e.arn), saveExecution(e));
        }
        return;
      }
    }
  }

  /** An execution's map runs when they start and when they end (not at each child). */
  private putMapRuns(executionArn: string): void {
    for (const run of this.engine.mapRuns.runs.values()) {
      if (run.executionArn !== executionArn || this.writtenRuns.get(run.arn)?.status === run.status) continue;
      this.writtenRuns.set(run.arn, { status: run.status, executionArn });
      this.writer.put(mapRunKey(run.arn), saveMapRun(run));
    }
  }

  private putMachine(arn: string): void {
    const m = this.engine.machines.get(arn);
    if (m) this.writer.put(machineKey(m.name), saveMachine(m));
  }

  *collect(): Generator<[string, unknown]> {
    for (const m of this.engine.machines.values()) yield [machineKey(m.name), saveMachine(m)];
    for (const e of this.engine.executions.values()) yield [executionKey(e.arn), saveExecution(e)];
    for (const r of this.engine.mapRuns.runs.values()) yield [mapRunKey(r.arn), saveMapRun(r)];
  }

  restore(entries: Map<string, unknown>): void {
    for (const [key, value] of entries) {
      if (key.startsWith('states/m/')) {
        const saved = value as SavedMachine;
        this.engine.restoreMachine({ ...saved, tags: new Map(saved.tags) });
      } else if (key.startsWith('states/e/')) {
        const { info, status, output, error, cause, stopDate, events, checkpoint, variables, ...execution } = value as SavedExecution;
        const history = events.map((ev) => ({ ...ev, timestamp: new Date(ev.timestamp) }) as HistoryEvent);
        if (status !== 'RUNNING') {
          this.engine.restoreExecution({ ...execution, run: endedRun({ info, status, output, error, cause, stopDate, events: history, checkpoint, variables }) });
        } else if (!execution.mapRunArn && checkpoint && (checkpoint.until !== undefined || checkpoint.token !== undefined)) {
          this.engine.resumeExecution(execution, info, { checkpoint, variables: variables ?? {}, events: history });
        } else {
          this.engine.restoreExecution({ ...execution, run: interrupted(info, history, checkpoint) });
        }
      } else if (key.startsWith('states/r/')) {
        const run = value as MapRun;
        this.writtenRuns.set(run.arn, { status: run.status, executionArn: run.executionArn });
        this.engine.mapRuns.runs.set(run.arn, run.status === 'RUNNING' ? { ...run, status: 'ABORTED', stopDate: run.stopDate ?? run.startDate } : run);
      }
    }
  }
}

/**
 * A running execution the broker stopped in the middle of a state it cannot resume (a Map, a Parallel,
 * a function call): FAILED, saying why, instead of running the state's side effects a second time.
 */
function interrupted(info: ExecutionInfo, events: HistoryEvent[], checkpoint: Checkpoint | undefined) {
  const stopDate = events.length ? events[events.length - 1].timestamp.getTime() : info.startTime;
  const error = 'States.Runtime';
  const cause = `The broker stopped while the execution was in the state '${checkpoint?.state ?? ''}'; only a Wait or a .waitForTaskToken task of the top-level states resumes after a restart.`;
  const last = events.length ? events[events.length - 1].id : 0;
  const failed: HistoryEvent = { id: last + 1, previousEventId: last, timestamp: new Date(stopDate), type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } };
  return endedRun({ info, status: 'FAILED', error, cause, stopDate, events: [...events, failed] });
}

function saveMapRun(r: MapRun): Omit<MapRun, 'updated'> {
  const { updated: _updated, ...rest } = r;
  return rest;
}

function saveMachine(m: StateMachine): SavedMachine {
  return { ...m, tags: [...m.tags] };
}

function saveExecution(e: Execution): SavedExecution {
  const { run, ...rest } = e;
  return {
    ...rest,
    info: run.info,
    status: run.status,
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.error !== undefined ? { error: run.error } : {}),
    ...(run.cause !== undefined ? { cause: run.cause } : {}),
    ...(run.stopDate !== undefined ? { stopDate: run.stopDate } : {}),
    events: run.history.events.map((ev) => ({ ...ev, timestamp: ev.timestamp.getTime() })),
    // where it is (running) or where it stopped (failed, timed out, aborted: what RedriveExecution goes back to)
    ...(run.status !== 'SUCCEEDED' && run.checkpoint ? { checkpoint: run.checkpoint, variables: run.variables ?? {} } : {}),
  };
}
