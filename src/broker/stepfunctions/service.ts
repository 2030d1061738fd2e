/**
 * AWS Step Functions: state machines (STANDARD and EXPRESS) and their executions, run by the States
 * Language interpreter (interpreter.ts) on the broker's scheduler, with tasks reaching the broker's other
 * services through the ports given at construction. `operations` is the AWS action table the wire server
 * and the editor call.
 */
import { randomUUID } from 'node:crypto';
import { arn as makeArn } from '../identity';
import type { OperationTable, ServiceContext } from '../service-context';
import type * as api from './api';
import { statesErrors } from './errors';
import { pageSize, pageStart, pageToken } from './paging';
import type { StepFunctionsEvent } from './events';
import type { ChildHandle, ChildOutcome } from './distributed-map';
import { type MapRun, MapRuns } from './map-runs';
import { ExecutionRun, type ExecutionHost, type ExecutionInfo, type MachineDefinition, type ResumePoint, type RunView, type TokenWaiter } from './interpreter';
import type { StatesPorts } from './tasks';
import { testState } from './test-state';
import { invalidDefinitionMessage, labelRefusal, validateDefinition } from './validate';
import { checkPublishInput, newRevision, publish, resolveQualified, versionOperations, type Target, type Versioned } from './versions';
import { variableReferences } from './variable-references';

export interface StateMachine extends Versioned {
  creationDate: number;
  updateDate?: number;
  tags: Map<string, string>;
}

export interface Execution {
  arn: string;
  name: string;
  stateMachineArn: string;
  /** Started through a version or an alias: which (an alias's execution names its version too). */
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  /** A distributed Map's child execution: its map run. */
  mapRunArn?: string;
  /** The machine as it was when the execution started (DescribeStateMachineForExecution). */
  machine: Pick<StateMachine, 'name' | 'definition' | 'roleArn' | 'loggingConfiguration' | 'tracingConfiguration' | 'revisionId'> & { updateDate: number };
  input: string;
  startDate: number;
  run: RunView;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_INPUT_BYTES = 256 * 1024;

/** The `variableReferences` member when some state reads a variable; AWS leaves it out otherwise. */
function withReferences(definition: string): { variableReferences?: Record<string, string[]> } {
  const refs = variableReferences(definition);
  return refs ? { variableReferences: refs } : {};
}

const STATUSES = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'];

export class StepFunctionsService {
  readonly operations: api.StepFunctionsOperations & OperationTable;
  readonly machines = new Map<string, StateMachine>();
  readonly executions = new Map<string, Execution>();
  private readonly tokens = new Map<string, TokenWaiter>();
  private readonly host: ExecutionHost;
  /** The distributed Maps' runs (DescribeMapRun, ListMapRuns, UpdateMapRun). */
  readonly mapRuns = new MapRuns(
    (arn) => void this.execution(arn),
    (run) => this.mapRunChanged(run),
  );

  constructor(
    private readonly ctx: ServiceContext,
    ports: StatesPorts = {},
  ) {
    this.host = {
      scheduler: ctx.scheduler,
      region: ctx.identity.region,
      ports: {
        functionArn: (name) => makeArn(ctx.identity, 'lambda', `function:${name}`),
        // nested executions run here, as the user's StartExecution would run them
        states: {
          StartExecution: (input) => this.operations.StartExecution(input),
          ended: async (executionArn) => {
            const e = this.execution(executionArn);
            await e.run.done;
            return this.describe(e);
          },
        },
        ...ports,
      },
      tokens: this.tokens,
      changed: (run) => this.emitExecution(run),
      mapRuns: {
        add: (run) => this.mapRuns.add(run),
        changed: (run) => this.mapRunChanged(run),
        startChild: (run, parent, definition, input) => this.startChild(run, parent, definition, input),
        redrivenChild: (arn) => this.redrivenChild(arn),
        // The newest run of this Map (by its label) that ended unsuccessfully: what redriving the parent redrives.
        toRedrive: (executionArn, childMachineArn) =>
          [...this.mapRuns.runs.values()]
            .filter((r) => r.executionArn === executionArn && r.stateMachineArn === childMachineArn)
            .sort((a, b) => b.startDate - a.startDate)
            .find((r, i) => i === 0 && (r.status === 'FAILED' || r.status === 'ABORTED')),
      },
    };
    this.operations = this.buildOperations();
    // `aws-sdk:sfn:*` tasks call this service's own actions.
    this.host.ports.sdk = { ...this.host.ports.sdk, sfn: this.operations };
  }

  private now(): number {
    return this.ctx.scheduler.now();
  }

  private emit(event: StepFunctionsEvent): void {
    this.ctx.events.emit(event);
  }

  private emitExecution(run: RunView): void {
    this.emit({
      service: 'states',
      type: 'executionChanged',
      stateMachineArn: run.info.stateMachineArn,
      executionArn: run.info.executionArn,
      status: run.status,
      historyLength: run.history.events.length,
      at: this.now(),
    });
  }

  /** A map run's counts are part of its parent execution's view: the parent is told changed. */
  private mapRunChanged(run: MapRun): void {
    const parent = this.executions.get(run.executionArn);
    if (parent) this.emitExecution(parent.run);
  }

  private machineArn(name: string): string {
    return makeArn(this.ctx.identity, 'states', `stateMachine:${name}`);
  }

  private machine(arn: string): StateMachine {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw statesErrors.invalidArn(String(arn));
    if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:/.test(arn)) throw statesErrors.invalidArnDetail(`Resource type not valid in this context: ${arn.split(':')[5] ?? ''}`);
    const m = this.machines.get(arn);
    if (!m) throw statesErrors.stateMachineDoesNotExist(arn);
    return m;
  }

  /** A machine, or one of its versions or aliases, by ARN (StartExecution, ListExecutions, DescribeStateMachine). */
  private target(arn: string): Target<StateMachine> {
    const qualified = typeof arn === 'string' ? resolveQualified(arn, this.machines) : undefined;
    return qualified ?? { machine: this.machine(arn) };
  }

  private execution(arn: string): Execution {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw statesErrors.invalidArn(String(arn));
    const e = this.executions.get(arn);
    if (!e) throw statesErrors.executionDoesNotExist(arn);
    return e;
  }

  private checkDefinition(text: string, type: api.StateMachineType): MachineDefinition {
    const { definition, diagnostics } = validateDefinition(text, type === 'EXPRESS');
    if (diagnostics.length) throw statesErrors.invalidDefinition(invalidDefinitionMessage(diagnostics));
    const label = labelRefusal(definition!, text);
    if (label) throw statesErrors.invalidDefinition(label);
    return definition as unknown as MachineDefinition;
  }

  /** Resolves when every execution started so far has ended (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.executions.values()].map((e) => e.run.done));
  }

  /** Every state machine, by name, with its executions newest first: what the Resources tree shows. */
  listStateMachineSummaries() {
    return [...this.machines.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((m) => ({
        name: m.name,
        arn: m.arn,
        type: m.type,
        executions: [...this.executions.values()]
          .filter((e) => e.stateMachineArn === m.arn)
          .sort((a, b) => b.startDate - a.startDate)
          .map((e) => ({ arn: e.arn, name: e.name, status: e.run.status, startDate: e.startDate })),
      }));
  }

  /** Stops every execution and forgets every state machine (reset). */
  reset(): void {
    for (const e of this.executions.values()) e.run.stop();
    for (const arn of [...this.machines.keys()]) this.operations.DeleteStateMachine({ stateMachineArn: arn });
    this.mapRuns.clear();
    for (const arn of [...this.executions.keys()]) {
      this.executions.delete(arn);
      this.emit({ service: 'states', type: 'executionDeleted', executionArn: arn, at: this.now() });
    }
  }

  /** Puts back a state machine read from the data folder (store), without change events. */
  restoreMachine(machine: StateMachine): void {
    this.machines.set(machine.arn, machine);
  }

  /** Puts back an execution that had ended, with its history, read from the data folder. */
  restoreExecution(execution: Execution): void {
    this.executions.set(execution.arn, execution);
  }

  /**
   * Puts back an execution that was running when the broker stopped and goes on from where it was
   * parked: a Wait to its due time on the broker clock, a `.waitForTaskToken` task to its token.
   */
  resumeExecution(execution: Omit<Execution, 'run'>, info: ExecutionInfo, resume: ResumePoint): void {
    const run = new ExecutionRun(this.host, JSON.parse(execution.machine.definition) as MachineDefinition, info, resume);
    this.executions.set(execution.arn, { ...execution, run });
    run.start();
  }

  /** Shutdown: running executions are left RUNNING (not aborted), so that the next broker resumes them. */
  dispose(): void {
    for (const e of this.executions.values()) e.run.halt?.();
  }

  private startRun({ machine, version, alias }: Target<StateMachine>, input: api.StartExecutionInput): Execution {
    const name = input.name ?? randomUUID();
    if (!NAME.test(name)) throw statesErrors.invalidName(name);
    const text = input.input ?? '{}';
    if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
      throw statesErrors.validation(`Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_BYTES}`);
    }
    let parsed: unknown;
    if (text.trim() === '') throw statesErrors.invalidExecutionInput('Invalid execution input.');
    try {
      parsed = JSON.parse(text);
    } catch {
      const token = /^\s*([A-Za-z_]\w*)/.exec(text)?.[1];
      throw statesErrors.invalidExecutionInput(
        token
          ? `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
          : text.trim().startsWith('{')
            ? `Unexpected character ('${text.trim()[1]}' (code ${text.trim().charCodeAt(1)})): was expecting double-quote to start field name`
            : 'Invalid execution input.',
      );
    }
    const arn =
      machine.type === 'EXPRESS'
        ? makeArn(this.ctx.identity, 'states', `express:${machine.name}:${name}:${randomUUID()}`)
        : makeArn(this.ctx.identity, 'states', `execution:${machine.name}:${name}`);
    const existing = this.executions.get(arn);
    if (existing) {
      // AWS answers a repeated StartExecution with the same name and input while it runs with the same execution.
      if (existing.input === text && existing.run.status === 'RUNNING') return existing;
      throw statesErrors.executionAlreadyExists(arn);
    }
    // A version's (or an alias's chosen version's) definition and role, not the machine's latest.
    const source = version ?? machine;
    const definition = JSON.parse(source.definition) as MachineDefinition;
    const startDate = this.now();
    const execution: Execution = {
      arn,
      name,
      stateMachineArn: machine.arn,
      ...(version ? { stateMachineVersionArn: version.arn } : {}),
      ...(alias ? { stateMachineAliasArn: alias.arn } : {}),
      machine: {
        name: machine.name,
        definition: source.definition,
        roleArn: source.roleArn,
        loggingConfiguration: source.loggingConfiguration,
        tracingConfiguration: source.tracingConfiguration,
        ...(source.revisionId !== undefined ? { revisionId: source.revisionId } : {}),
        updateDate: machine.updateDate ?? machine.creationDate,
      },
      input: text,
      startDate,
      run: undefined as unknown as RunView,
    };
    this.executions.set(arn, execution);
    const run = new ExecutionRun(this.host, definition, {
      executionArn: arn,
      name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      roleArn: source.roleArn,
      input: parsed,
      startTime: startDate,
    });
    execution.run = run;
    run.start();
    return execution;
  }

  /**
   * A distributed Map's child execution: named by a UUID under the map run's machine
   * (`execution:<machine>/<label>:<uuid>`), with the parent's role, kept and listed as any execution.
   */
  private startChild(mapRun: MapRun, parent: ExecutionInfo, definition: MachineDefinition, input: unknown): ChildHandle {
    const name = randomUUID();
    const machineName = mapRun.stateMachineArn.slice(mapRun.stateMachineArn.indexOf(':stateMachine:') + ':stateMachine:'.length);
    const arn = makeArn(this.ctx.identity, 'states', `execution:${machineName}:${name}`);
    const text = JSON.stringify(input);
    const startDate = this.now();
    const parentMachine = this.executions.get(parent.executionArn)?.machine;
    const run = new ExecutionRun(this.host, definition, { executionArn: arn, name, stateMachineArn: mapRun.stateMachineArn, stateMachineName: machineName, roleArn: parent.roleArn, input, startTime: startDate });
    const execution: Execution = {
      arn,
      name,
      stateMachineArn: mapRun.stateMachineArn,
      mapRunArn: mapRun.arn,
      machine: {
        name: machineName,
        definition: JSON.stringify(definition),
        roleArn: parent.roleArn,
        loggingConfiguration: parentMachine?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: parentMachine?.tracingConfiguration ?? { enabled: false },
        updateDate: parentMachine?.updateDate ?? startDate,
      },
      input: text,
      startDate,
      run,
    };
    this.executions.set(arn, execution);
    run.start();
    return this.childHandle(execution);
  }

  /** A running child as its map run follows it: stop it, learn how it ended. */
  private childHandle(execution: Execution): ChildHandle {
    const { run } = execution;
    return { arn: execution.arn, stop: () => run.stop(), ended: run.done.then(() => this.childOutcome(execution)) };
  }

  /** How a child ended, as its map run's results record it. */
  childOutcome(execution: Execution): ChildOutcome {
    const d = this.describe(execution);
    return {
      executionArn: execution.arn,
      name: execution.name,
      stateMachineArn: execution.stateMachineArn,
      status: d.status as ChildOutcome['status'],
      input: execution.input,
      ...(d.output !== undefined ? { output: d.output } : {}),
      ...(d.error !== undefined ? { error: d.error } : {}),
      ...(d.cause !== undefined ? { cause: d.cause } : {}),
      startDate: execution.startDate,
      stopDate: execution.run.stopDate ?? this.now(),
    };
  }

  /**
   * What redriving a map run does with one of its children: keep the outcome of one that succeeded,
   * redrive one that did not (from the state it failed in), or nothing (it cannot be, or is gone).
   */
  private redrivenChild(arn: string): { kept: ChildOutcome } | { again: () => ChildHandle } | undefined {
    const e = this.executions.get(arn);
    if (!e) return undefined;
    if (e.run.status === 'SUCCEEDED') return { kept: this.childOutcome(e) };
    if (this.redriveRefusal(e)) return undefined;
    return {
      again: () => {
        this.operations.RedriveExecution({ executionArn: arn });
        return this.childHandle(e);
      },
    };
  }

  private describe(e: Execution): api.DescribeExecutionOutput {
    const { run } = e;
    const status = run.status;
    const redrivable = status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED';
    return {
      executionArn: e.arn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status,
      startDate: new Date(e.startDate),
      ...(run.stopDate !== undefined ? { stopDate: new Date(run.stopDate) } : {}),
      ...qualifiers(e),
      ...(e.mapRunArn ? { mapRunArn: e.mapRunArn } : {}),
      input: e.input,
      inputDetails: { included: true },
      ...(status === 'SUCCEEDED' ? { output: JSON.stringify(run.output), outputDetails: { included: true } } : {}),
      ...(run.error !== undefined ? { error: run.error } : {}),
      ...(run.cause !== undefined ? { cause: run.cause } : {}),
      redriveCount: run.info.redriveCount ?? 0,
      ...(run.info.redriveDate !== undefined ? { redriveDate: new Date(run.info.redriveDate) } : {}),
      redriveStatus: status === 'RUNNING' ? 'NOT_REDRIVABLE' : redrivable && !this.redriveRefusal(e) ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      ...(status === 'SUCCEEDED' ? { redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : status === 'RUNNING' ? { redriveStatusReason: 'Execution is RUNNING and cannot be redriven' } : {}),
    };
  }

  /** Why an execution cannot be redriven, or undefined when it can: ended unsuccessfully, standard, with a state to go back to. */
  private redriveRefusal(e: Execution): string | undefined {
    const { status, checkpoint } = e.run;
    if (status === 'RUNNING' || status === 'SUCCEEDED') return `Execution is ${status} and cannot be redriven`;
    if (e.arn.includes(':express:')) return 'Express executions cannot be redriven';
    if (!checkpoint) return 'Execution ended before it entered a state and cannot be redriven';
    return undefined;
  }

  private waiter(token: string): TokenWaiter {
    if (typeof token !== 'string' || token.length === 0 || token.length > 2048) throw statesErrors.invalidToken();
    const w = this.tokens.get(token);
    if (!w) {
      if (!/^[A-Za-z0-9_-]{64}$/.test(token)) throw statesErrors.invalidToken();
      throw statesErrors.taskTimedOut();
    }
    return w;
  }

  private resourceTags(resourceArn: string): Map<string, string> {
    const m = this.machines.get(resourceArn);
    if (!m) {
      if (typeof resourceArn !== 'string' || !resourceArn.startsWith('arn:')) throw statesErrors.invalidArn(String(resourceArn));
      throw statesErrors.resourceNotFound(resourceArn);
    }
    return m.tags;
  }

  private buildOperations(): api.StepFunctionsOperations & OperationTable {
    return {
      CreateStateMachine: (input) => {
        const type = input.type ?? 'STANDARD';
        if (!NAME.test(input.name)) throw statesErrors.invalidName(input.name);
        checkPublishInput(input);
        this.checkDefinition(input.definition, type);
        const arn = this.machineArn(input.name);
        const existing = this.machines.get(arn);
        if (existing) {
          if (existing.definition === input.definition && existing.roleArn === input.roleArn && existing.type === type) {
            const version = input.publish ? publish(existing, this.now(), input.versionDescription) : undefined;
            if (version) this.emit({ service: 'states', type: 'stateMachineUpdated', stateMachineArn: arn, at: this.now() });
            return { stateMachineArn: arn, creationDate: new Date(existing.creationDate), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
          }
          throw statesErrors.stateMachineAlreadyExists(arn);
        }
        const machine: StateMachine = {
          name: input.name,
          arn,
          definition: input.definition,
          roleArn: input.roleArn,
          type,
          creationDate: this.now(),
          loggingConfiguration: { level: 'OFF', includeExecutionData: false, ...input.loggingConfiguration },
          tracingConfiguration: { enabled: false, ...input.tracingConfiguration },
          tags: new Map((input.tags ?? []).map((t) => [t.key ?? '', t.value ?? ''])),
        };
        const version = input.publish ? publish(machine, machine.creationDate, input.versionDescription) : undefined;
        this.machines.set(arn, machine);
        this.emit({ service: 'states', type: 'stateMachineCreated', stateMachineArn: arn, at: machine.creationDate });
        return { stateMachineArn: arn, creationDate: new Date(machine.creationDate), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
      },
      DescribeStateMachine: ({ stateMachineArn }) => {
        const { machine, version } = this.target(stateMachineArn);
        // A version describes itself under its own ARN, with its description (test_create_publish_describe_*).
        const m = version ?? machine;
        return {
          stateMachineArn: version ? version.arn : machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: m.definition,
          roleArn: m.roleArn,
          type: m.type,
          creationDate: new Date(m.creationDate),
          loggingConfiguration: m.loggingConfiguration,
          tracingConfiguration: m.tracingConfiguration,
          ...(m.revisionId !== undefined ? { revisionId: m.revisionId } : {}),
          ...(version?.description !== undefined ? { description: version.description } : {}),
          ...withReferences(m.definition),
        };
      },
      ListStateMachines: ({ maxResults, nextToken }) => {
        const size = pageSize(maxResults, 100);
        const start = pageStart(nextToken, 1024);
        const all = [...this.machines.values()].sort((a, b) => a.creationDate - b.creationDate || (a.name < b.name ? -1 : 1));
        const page = all.slice(start, start + size);
        return {
          stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: new Date(m.creationDate) })),
          ...(start + size < all.length ? { nextToken: pageToken(start + size) } : {}),
        };
      },
      UpdateStateMachine: (input) => {
        const m = this.machine(input.stateMachineArn);
        if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined) {
          throw statesErrors.missingUpdate();
        }
        checkPublishInput(input);
        if (input.definition !== undefined) this.checkDefinition(input.definition, m.type);
        const before = JSON.stringify([m.definition, m.roleArn, m.loggingConfiguration, m.tracingConfiguration]);
        if (input.definition !== undefined) m.definition = input.definition;
        if (input.roleArn !== undefined) m.roleArn = input.roleArn;
        if (input.loggingConfiguration) m.loggingConfiguration = { level: 'OFF', includeExecutionData: false, ...input.loggingConfiguration };
        if (input.tracingConfiguration) m.tracingConfiguration = { enabled: false, ...input.tracingConfiguration };
        // An update that changes nothing makes no revision (test_empty_revision_with_publish_*).
        const revisionId = JSON.stringify([m.definition, m.roleArn, m.loggingConfiguration, m.tracingConfiguration]) !== before ? newRevision(m) : undefined;
        m.updateDate = this.now();
        const version = input.publish ? publish(m, m.updateDate, input.versionDescription) : undefined;
        this.emit({ service: 'states', type: 'stateMachineUpdated', stateMachineArn: m.arn, at: m.updateDate });
        return { updateDate: new Date(m.updateDate), ...(revisionId ? { revisionId } : {}), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
      },
      DeleteStateMachine: ({ stateMachineArn }) => {
        if (typeof stateMachineArn !== 'string' || !stateMachineArn.startsWith('arn:')) throw statesErrors.invalidArn(String(stateMachineArn));
        if (this.machines.delete(stateMachineArn)) {
          this.emit({ service: 'states', type: 'stateMachineDeleted', stateMachineArn, at: this.now() });
        }
        return {};
      },
      ValidateStateMachineDefinition: ({ definition, type }) => {
        const { diagnostics } = validateDefinition(definition, type === 'EXPRESS');
        return {
          result: diagnostics.length ? 'FAIL' : 'OK',
          diagnostics: diagnostics.map((d) => ({ severity: 'ERROR' as const, code: d.code, message: d.message, ...(d.location !== undefined ? { location: d.location } : {}) })),
          truncated: false,
        };
      },
      StartExecution: (input) => {
        const e = this.startRun(this.target(input.stateMachineArn), input);
        return { executionArn: e.arn, startDate: new Date(e.startDate) };
      },
      StartSyncExecution: async (input) => {
        const target = this.target(input.stateMachineArn);
        if (target.machine.type !== 'EXPRESS') throw statesErrors.typeNotSupported();
        const e = this.startRun(target, input);
        await e.run.done;
        const d = this.describe(e);
        return {
          executionArn: e.arn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          startDate: d.startDate,
          stopDate: d.stopDate ?? new Date(this.now()),
          status: d.status as 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT',
          input: d.input,
          inputDetails: d.inputDetails,
          ...(d.output !== undefined ? { output: d.output, outputDetails: d.outputDetails } : {}),
          ...(d.error !== undefined ? { error: d.error } : {}),
          ...(d.cause !== undefined ? { cause: d.cause } : {}),
          billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(((e.run.stopDate ?? this.now()) - e.startDate) / 100) * 100) },
        };
      },
      DescribeExecution: ({ executionArn }) => this.describe(this.execution(executionArn)),
      DescribeStateMachineForExecution: ({ executionArn }) => {
        const e = this.execution(executionArn);
        return {
          stateMachineArn: e.stateMachineArn,
          name: e.machine.name,
          definition: e.machine.definition,
          roleArn: e.machine.roleArn,
          updateDate: new Date(e.machine.updateDate),
          loggingConfiguration: e.machine.loggingConfiguration,
          tracingConfiguration: e.machine.tracingConfiguration,
          ...(e.machine.revisionId !== undefined ? { revisionId: e.machine.revisionId } : {}),
          ...withReferences(e.machine.definition),
        };
      },
      ListExecutions: ({ stateMachineArn, mapRunArn, statusFilter, maxResults, nextToken }) => {
        if (statusFilter !== undefined && !STATUSES.includes(statusFilter)) {
          throw statesErrors.validation(`Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
        }
        const size = pageSize(maxResults, 100);
        const start = pageStart(nextToken, 3096);
        // A map run's ARN lists its child executions.
        const run = mapRunArn !== undefined && stateMachineArn === undefined ? this.mapRuns.get(mapRunArn) : undefined;
        // A version's or an alias's ARN lists the executions started through it (test_list_executions_versions_pagination).
        const { machine, version, alias } = run ? { machine: undefined, version: undefined, alias: undefined } : this.target(stateMachineArn!);
        const through = (e: Execution) =>
          run ? e.mapRunArn === run.arn : e.stateMachineArn === machine!.arn && (alias ? e.stateMachineAliasArn === alias.arn : version ? e.stateMachineVersionArn === version.arn : true);
        const all = [...this.executions.values()]
          .filter((e) => through(e) && (statusFilter === undefined || e.run.status === statusFilter))
          .sort((a, b) => b.startDate - a.startDate);
        const page = all.slice(start, start + size);
        return {
          executions: page.map((e) => ({
            executionArn: e.arn,
            stateMachineArn: e.stateMachineArn,
            name: e.name,
            status: e.run.status,
            startDate: new Date(e.startDate),
            ...(e.run.stopDate !== undefined ? { stopDate: new Date(e.run.stopDate) } : {}),
            ...qualifiers(e),
            ...(e.mapRunArn ? { mapRunArn: e.mapRunArn } : {}),
          })),
          ...(start + size < all.length ? { nextToken: pageToken(start + size) } : {}),
        };
      },
      GetExecutionHistory: ({ executionArn, maxResults, reverseOrder, nextToken, includeExecutionData }) => {
        const size = pageSize(maxResults, 100);
        const start = pageStart(nextToken, 3096);
        const e = this.execution(executionArn);
        const events = [...e.run.history.events];
        if (reverseOrder) events.reverse();
        const page = events.slice(start, start + size).map((ev) => (includeExecutionData === false ? withoutData(ev) : { ...ev }));
        return { events: page, ...(start + size < events.length ? { nextToken: pageToken(start + size) } : {}) };
      },
      StopExecution: ({ executionArn, error, cause }) => {
        const e = this.execution(executionArn);
        e.run.stop(error, cause);
        return { stopDate: new Date(e.run.stopDate ?? this.now()) };
      },
      SendTaskSuccess: ({ taskToken, output }) => {
        const w = this.waiter(taskToken);
        let parsed: unknown;
        try {
          parsed = JSON.parse(output);
        } catch {
          throw statesErrors.invalidOutput('Invalid output');
        }
        w.succeed(parsed);
        return {};
      },
      SendTaskFailure: ({ taskToken, error, cause }) => {
        this.waiter(taskToken).fail(error, cause);
        return {};
      },
      SendTaskHeartbeat: ({ taskToken }) => {
        this.waiter(taskToken).heartbeat();
        return {};
      },
      TagResource: ({ resourceArn, tags }) => {
        const map = this.resourceTags(resourceArn);
        for (const t of tags ?? []) map.set(t.key ?? '', t.value ?? '');
        if (map.size > 50) throw statesErrors.tooManyTags(resourceArn);
        this.emit({ service: 'states', type: 'tagsChanged', stateMachineArn: resourceArn, at: this.now() });
        return {};
      },
      UntagResource: ({ resourceArn, tagKeys }) => {
        const map = this.resourceTags(resourceArn);
        for (const k of tagKeys ?? []) map.delete(k);
        this.emit({ service: 'states', type: 'tagsChanged', stateMachineArn: resourceArn, at: this.now() });
        return {};
      },
      RedriveExecution: (input) => {
        const e = this.execution(input.executionArn);
        const { run } = e;
        const reason = this.redriveRefusal(e);
        if (reason) throw statesErrors.notRedrivable(e.arn, reason);
        const redriveDate = this.now();
        const info = { ...run.info, redriveCount: (run.info.redriveCount ?? 0) + 1, redriveDate };
        // The unsuccessful state is entered again with the input and variables it had.
        const next = new ExecutionRun(this.host, JSON.parse(e.machine.definition) as MachineDefinition, info, {
          checkpoint: run.checkpoint!,
          variables: run.variables ?? {},
          events: [...run.history.events],
          redrive: true,
        });
        e.run = next;
        next.start();
        return { redriveDate: new Date(redriveDate) };
      },
      TestState: (input) =>
        testState(input, { scheduler: this.ctx.scheduler, region: this.ctx.identity.region, ports: this.host.ports, arn: (resource) => makeArn(this.ctx.identity, 'states', resource) }),
      ...versionOperations({
        machines: this.machines,
        machine: (arn) => this.machine(arn),
        now: () => this.now(),
        changed: (m) => this.emit({ service: 'states', type: 'stateMachineUpdated', stateMachineArn: m.arn, at: this.now() }),
      }),
      ...this.mapRuns.operations,
      ListTagsForResource: ({ resourceArn }) => ({ tags: [...this.resourceTags(resourceArn)].map(([key, value]) => ({ key, value })) }),
    };
  }

  /** The task tokens an execution waits on (`.waitForTaskToken`): what the inspector offers to answer. */
  waitingTaskTokens(executionArn: string): string[] {
    return [...this.tokens].filter(([, w]) => w.executionArn === executionArn).map(([token]) => token);
  }
}

/** The version and alias an execution was started through, as DescribeExecution and ListExecutions name them. */
function qualifiers(e: Execution): { stateMachineVersionArn?: string; stateMachineAliasArn?: string } {
  return { ...(e.stateMachineAliasArn ? { stateMachineAliasArn: e.stateMachineAliasArn } : {}), ...(e.stateMachineVersionArn ? { stateMachineVersionArn: e.stateMachineVersionArn } : {}) };
}

/** A history event without its inputs and outputs (GetExecutionHistory with includeExecutionData false). */
function withoutData(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    if (k.endsWith('EventDetails') && v && typeof v === 'object') {
      const d = { ...(v as Record<string, unknown>) };
      for (const key of ['input', 'output', 'parameters']) delete d[key];
      out[k] = d;
    } else out[k] = v;
  }
  return out;
}
