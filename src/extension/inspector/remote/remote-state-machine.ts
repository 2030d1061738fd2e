import type { ExecutionDetail, StartExecutionRequest, StateMachineDescription } from '../../../inspector/protocol';
import { statesErrors } from '../../../broker/stepfunctions/errors';
import { executionName, StateMachineReads, startExecutionInput } from '../state-machine-reads';
import type { ConnectionAccess } from './connection-access';

/**
 * The state machine inspector on a connection: the definition (drawn as the graph), the executions and an
 * execution's whole history through the same reads as the local panel's (its running graph read again on
 * the connection's refresh timer: there are no change events); StartExecution with writes enabled, and
 * StopExecution and RedriveExecution once the execution's name is typed. The API does not say which task
 * tokens an execution waits on, so none are offered here.
 */
export class RemoteStateMachineHandler {
  private machineArn: string | undefined;
  private readonly reads: StateMachineReads;

  constructor(
    private readonly access: ConnectionAccess,
    private readonly name: string,
  ) {
    this.reads = new StateMachineReads((action, input) => this.access.client().states(action, input), () => this.arn());
  }

  /** The machine's ARN, found in ListStateMachines (the account and region are the connection's, not known here). */
  private async arn(): Promise<string> {
    if (this.machineArn) return this.machineArn;
    const states = this.access.client().states;
    let nextToken: string | undefined;
    do {
      const page = await states('ListStateMachines', { maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
      const found = page.stateMachines.find((m) => m.name === this.name);
      if (found) return (this.machineArn = found.stateMachineArn);
      nextToken = page.nextToken;
    } while (nextToken);
    throw statesErrors.stateMachineDoesNotExist(this.name);
  }

  describe(): Promise<StateMachineDescription> {
    return this.reads.describe();
  }

  execution(executionArn: string): Promise<ExecutionDetail> {
    return this.reads.execution(executionArn);
  }

  async start(request: StartExecutionRequest): Promise<{ executionArn: string }> {
    const states = this.access.writable().states;
    return { executionArn: (await states('StartExecution', startExecutionInput(await this.arn(), request))).executionArn };
  }

  async stop(executionArn: string): Promise<null> {
    const states = this.access.writable().states;
    await this.access.confirm('Stop execution', executionName(executionArn));
    await states('StopExecution', { executionArn });
    return null;
  }

  async redrive(executionArn: string): Promise<null> {
    const states = this.access.writable().states;
    await this.access.confirm('Redrive execution', executionName(executionArn));
    await states('RedriveExecution', { executionArn });
    return null;
  }
}
