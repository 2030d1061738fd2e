import { statesErrors } from '../../broker/stepfunctions/errors';
import { MAX_EXECUTION_ROWS, type ExecutionDetail, type HistoryRow, type StartExecutionRequest, type StateMachineDescription } from '../../inspector/protocol';
import type { ApiCalls } from '../client/broker-client';
import { expressUnlisted } from '../client/remote-client';

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

/** What the panel says of an express machine whose executions the service does not list. */
export const EXPRESS_UNLISTED =
  'AWS does not list or describe the executions of an express state machine (ListExecutions refuses it): they are in its CloudWatch Logs when logging is on.';

/** The task tokens an execution waits on, given its history (only this window's engine knows them). */
export type WaitingTokens = (executionArn: string, events: HistoryRow[]) => ExecutionDetail['waitingTokens'];

/**
 * What the state machine inspector reads, through Step Functions' own actions (DescribeStateMachine,
 * ListExecutions, DescribeExecution, DescribeStateMachineForExecution, GetExecutionHistory): one mapping
 * whether the calls reach this window's engine or a connection's endpoint over the wire.
 */
export class StateMachineReads {
  constructor(
    private readonly states: ApiCalls['states'],
    /** The machine's ARN: made from the broker's identity locally, found by name on a connection. */
    private readonly machineArn: () => Promise<string>,
    private readonly waitingTokens: WaitingTokens = () => [],
  ) {}

  async describe(): Promise<StateMachineDescription> {
    const stateMachineArn = await this.machineArn();
    const [m, listed] = await Promise.all([
      this.states('DescribeStateMachine', { stateMachineArn }),
      this.states('ListExecutions', { stateMachineArn, maxResults: MAX_EXECUTION_ROWS }).catch((e: unknown) => e as Error),
    ]);
    const unlisted = listed instanceof Error && expressUnlisted(m.type, listed);
    if (listed instanceof Error && !unlisted) throw listed;
    const executions = listed instanceof Error ? [] : listed.executions;
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
      ...(unlisted ? { executionsNote: EXPRESS_UNLISTED } : {}),
    };
  }

  async execution(executionArn: string): Promise<ExecutionDetail> {
    const d = await this.states('DescribeExecution', { executionArn });
    if (d.stateMachineArn !== (await this.machineArn())) throw statesErrors.executionDoesNotExist(executionArn);
    const { definition } = await this.states('DescribeStateMachineForExecution', { executionArn });
    const events: HistoryRow[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.states('GetExecutionHistory', { executionArn, maxResults: PAGE, ...(nextToken ? { nextToken } : {}) });
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
      waitingTokens: this.waitingTokens(executionArn, events),
      ...(d.redriveStatus !== undefined ? { redriveStatus: d.redriveStatus } : {}),
      ...(d.redriveStatusReason !== undefined ? { redriveStatusReason: d.redriveStatusReason } : {}),
      ...(d.redriveCount !== undefined ? { redriveCount: d.redriveCount } : {}),
    };
  }
}

/** The state whose task was scheduled with the token in its parameters (the Task state entered before). */
export function stateOfToken(events: HistoryRow[], token: string): { state?: string } {
  const scheduled = [...events].reverse().find((e) => e.type === 'TaskScheduled' && typeof e.details?.parameters === 'string' && e.details.parameters.includes(token));
  if (!scheduled) return {};
  let at: HistoryRow | undefined = scheduled;
  while (at && !at.type.endsWith('StateEntered')) at = events[at.previousEventId - 1];
  const name = at?.details?.name;
  return typeof name === 'string' ? { state: name } : {};
}

/** An execution's name, the part of its ARN after the machine's (`...:execution:<machine>:<name>`, express `...:<name>:<id>`). */
export function executionName(executionArn: string): string {
  return executionArn.split(':')[7] ?? executionArn;
}

/** The start form as StartExecution's input: a blank name is left out, so the service makes one. */
export function startExecutionInput(stateMachineArn: string, request: StartExecutionRequest): { stateMachineArn: string; input: string; name?: string } {
  const name = request.name?.trim();
  return { stateMachineArn, input: request.input, ...(name ? { name } : {}) };
}
