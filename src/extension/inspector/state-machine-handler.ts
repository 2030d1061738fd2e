import type { StepFunctionsService } from '../../broker/stepfunctions/service';
import { arn as makeArn, type Identity } from '../../broker/identity';
import type { ExecutionDetail, StartExecutionRequest, StateMachineDescription } from '../../inspector/protocol';
import type { ApiCalls } from '../client/broker-client';
import { StateMachineReads, startExecutionInput, stateOfToken } from './state-machine-reads';

export type StepFunctionsPort = Pick<StepFunctionsService, 'operations' | 'waitingTaskTokens'>;

/**
 * Answers the state machine inspector through the service's AWS actions: the machine and its executions,
 * an execution's whole history (the reads a connection's panel shares), and which task tokens it waits
 * on (with the state that sent each), which only this window's engine can say.
 */
export class StateMachineHandler {
  private readonly arn: string;
  private readonly reads: StateMachineReads;

  constructor(
    private readonly states: StepFunctionsPort,
    identity: Identity,
    name: string,
  ) {
    this.arn = makeArn(identity, 'states', `stateMachine:${name}`);
    // the engine's actions answer at once; the shared reads take them as the SDK's calls are taken
    const calls = (async (action: string, input: unknown) => (states.operations as unknown as Record<string, (i: unknown) => unknown>)[action](input)) as ApiCalls['states'];
    this.reads = new StateMachineReads(calls, async () => this.arn, (executionArn, events) =>
      states.waitingTaskTokens(executionArn).map((token) => ({ token, ...stateOfToken(events, token) })),
    );
  }

  get stateMachineArn(): string {
    return this.arn;
  }

  describe(): Promise<StateMachineDescription> {
    return this.reads.describe();
  }

  execution(executionArn: string): Promise<ExecutionDetail> {
    return this.reads.execution(executionArn);
  }

  start(request: StartExecutionRequest): { executionArn: string } {
    return { executionArn: this.states.operations.StartExecution(startExecutionInput(this.arn, request)).executionArn };
  }
}
