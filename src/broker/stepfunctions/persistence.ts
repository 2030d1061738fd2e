import { EnginePersistence } from '../store/service-persistence';
import type { StepFunctionsEvent } from './events';
import type { HistoryEvent } from './history';
import { endedRun, type ExecutionInfo, type ExecutionStatus } from './interpreter';
import type { Execution, StateMachine, StepFunctionsService } from './service';

/**
 * Step Functions as store entries: `states/m/<name>` a state machine (definition, role, type, configuration,
 * tags) and `states/e/<execution ARN>` an execution once it has ended: its outcome and whole history,
 * written once. A running execution is not kept: after a restart it is gone (resuming one, say in a
 * Wait, would need its position and pending timers written as it goes).
 */
const machineKey = (name: string) => `states/m/${name}`;
const executionKey = (arn: string) => `states/e/${arn}`;

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
}

export class StepFunctionsPersistence extends EnginePersistence<StepFunctionsService> {
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
        this.writer.delete(executionKey(event.executionArn));
        return;
      case 'executionChanged':
        if (event.status !== 'RUNNING') {
          const e = this.engine.executions.get(event.executionArn);
          if (e) this.writer.put(executionKey(e.arn), saveExecution(e));
        }
        return;
    }
  }

  private putMachine(arn: string): void {
    const m = this.engine.machines.get(arn);
    if (m) this.writer.put(machineKey(m.name), saveMachine(m));
  }

  *collect(): Generator<[string, unknown]> {
    for (const m of this.engine.machines.values()) yield [machineKey(m.name), saveMachine(m)];
    for (const e of this.engine.executions.values()) if (e.run.status !== 'RUNNING') yield [executionKey(e.arn), saveExecution(e)];
  }

  restore(entries: Map<string, unknown>): void {
    for (const [key, value] of entries) {
      if (key.startsWith('states/m/')) {
        const saved = value as SavedMachine;
        this.engine.restoreMachine({ ...saved, tags: new Map(saved.tags) });
      } else if (key.startsWith('states/e/')) {
        const { info, status, output, error, cause, stopDate, events, ...execution } = value as SavedExecution;
        const history = events.map((ev) => ({ ...ev, timestamp: new Date(ev.timestamp) }) as HistoryEvent);
        this.engine.restoreExecution({ ...execution, run: endedRun({ info, status, output, error, cause, stopDate, events: history }) });
      }
    }
  }
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
  };
}
