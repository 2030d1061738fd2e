import type { StepFunctionsService } from '../../broker/stepfunctions/service';
import { statesErrors } from '../../broker/stepfunctions/errors';
import { arn as makeArn, type Identity } from '../../broker/identity';
import { MAX_EXECUTION_ROWS, type ExecutionDetail, type HistoryRow, type StartExecutionRequest, type StateMachineDescription } from '../../inspector/protocol';

export type StepFunctionsPort = Pick<StepFunctionsService, 'operations' | 'waitingTaskTokens'>;

/** GetExecutionHistory's largest page. */
const PAGE = 1000;

/** A history event with its `...EventDetails` member lifted out, its time as epoch milliseconds. */
export function historyRow(event: Record<string, unknown>): HistoryRow {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  const at = event.timestamp;
  return {
    id: event.id as number,
    previousEventId: event.previousEventId as number,
    type: event.type as string,
    timestamp: at instanceof Date ? at.getTime() : Number(at),
    ...(key ? { details: event[key] as Record<string, unknown> } : {}),
  };
}

/**
 * Answers the state machine inspector through the service's AWS actions: the machine and its executions,
 * an execution's whole history, and which task tokens it waits on (with the state that sent each).
 */
export class StateMachineHandler {
  private readonly arn: string;

  constructor(
    private readonly states: StepFunctionsPort,
    identity: Identity,
    name: string,
  ) {
    this.arn = makeArn(identity, 'states', `stateMachine:${name}`);
  }

  get stateMachineArn(): string {
    return this.arn;
  }

  describe(): StateMachineDescription {
    const ops = this.states.operations;
    const m = ops.DescribeStateMachine({ stateMachineArn: this.arn });
    const { executions } = ops.ListExecutions({ stateMachineArn: this.arn, maxResults: MAX_EXECUTION_ROWS });
    return {
      name: m.name,
      arn: m.stateMachineArn,
      type: m.type,
      definition: m.definition,
      executions: executions.map((e) => ({
        arn: e.executionArn,
        name: e.name,
        status: e.status,
        startDate: e.startDate.getTime(),
        ...(e.stopDate ? { stopDate: e.stopDate.getTime() } : {}),
      })),
    };
  }

  execution(executionArn: string): ExecutionDetail {
    const ops = this.states.operations;
    const d = ops.DescribeExecution({ executionArn });
    if (d.stateMachineArn !== this.arn) throw statesErrors.executionDoesNotExist(executionArn);
    const { definition } = ops.DescribeStateMachineForExecution({ executionArn });
    const events: HistoryRow[] = [];
    let nextToken: string | undefined;
    do {
      const page = ops.GetExecutionHistory({ executionArn, maxResults: PAGE, nextToken });
      events.push(...page.events.map(historyRow));
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      arn: d.executionArn,
      name: d.name,
      status: d.status,
      startDate: d.startDate.getTime(),
      ...(d.stopDate ? { stopDate: d.stopDate.getTime() } : {}),
      input: d.input ?? '{}',
      ...(d.output !== undefined ? { output: d.output } : {}),
      ...(d.error !== undefined ? { error: d.error } : {}),
      ...(d.cause !== undefined ? { cause: d.cause } : {}),
      definition,
      events,
      waitingTokens: this.states.waitingTaskTokens(executionArn).map((token) => ({ token, ...stateOfToken(events, token) })),
    };
  }

  start(request: StartExecutionRequest): { executionArn: string } {
    const name = request.name?.trim();
    const { executionArn } = this.states.operations.StartExecution({ stateMachineArn: this.arn, input: request.input, ...(name ? { name } : {}) });
    return { executionArn };
  }
}

/** The state whose task was scheduled with the token in its parameters (the Task state entered before). */
function stateOfToken(events: HistoryRow[], token: string): { state?: string } {
  const scheduled = [...events].reverse().find((e) => e.type === 'TaskScheduled' && typeof e.details?.parameters === 'string' && e.details.parameters.includes(token));
  if (!scheduled) return {};
  let at: HistoryRow | undefined = scheduled;
  while (at && !at.type.endsWith('StateEntered')) at = events[at.previousEventId - 1];
  const name = at?.details?.name;
  return typeof name === 'string' ? { state: name } : {};
}
