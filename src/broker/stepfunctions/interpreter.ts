/**
 * Runs one execution of a state machine (Amazon States Language, JSONPath query language) and records
 * its history as AWS does. Waits, retries and timeouts run on the broker's scheduler, so a fake clock
 * makes them instant in tests. States that finish at once (Pass, Choice, ...) run synchronously, which
 * keeps the order of a Map's events as AWS records them; Parallel branches interleave state by state.
 */
import { randomBytes } from 'node:crypto';
import type { Deadline, Scheduler } from '../scheduler';
import { evaluateRule, type ChoiceRule } from './choice';
import { runtimeFailure, SentTaskFailure, StatesFailure } from './failure';
import { History, payload, type HistoryEvent, type Thread } from './history';
import { applyResultPath, PathNotFound, readPath, VARIABLES } from './json-path';
import { type Bindings, evaluateTemplate, isExpression, QueryEvaluationFailure, type Site } from './jsonata';
import { applyTemplate, evaluateDynamic } from './payload-template';
import { batches, driveChildren, newMapRun, readItems, writeResults, type Batcher, type ChildHandle, type ChildOutcome, type ChildPlan, type ReaderConfig } from './distributed-map';
import { emptyCounts, type MapRun } from './map-runs';
import { callService, invokeFunction, nestedOutcome, parseResource, type StatesPorts, type TaskResource } from './tasks';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type StateDefinition = Record<string, any> & { Type: string };
export interface MachineDefinition {
  QueryLanguage?: 'JSONPath' | 'JSONata';
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionInfo {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  input: unknown;
  startTime: number;
  /** RedriveExecution: how many times, and when last. */
  redriveCount?: number;
  redriveDate?: number;
}

/** What an execution needs from its service: time, the other services, and the task tokens it waits on. */
export interface ExecutionHost {
  scheduler: Scheduler;
  region: string;
  ports: StatesPorts;
  tokens: Map<string, TokenWaiter>;
  /** Told when the execution's history or status changed (events for the tree, the store). */
  changed(run: RunView): void;
  /** TestState only: told each step of the tested state's data flow, and gives a mocked task result. */
  inspector?: StateInspector;
  /** The distributed Map's map runs and child executions, which the service keeps as its own. */
  mapRuns?: MapRunHost;
}

/** What a distributed Map needs of its service: to keep its map run and to start child executions. */
export interface MapRunHost {
  add(run: MapRun): void;
  changed(run: MapRun): void;
  startChild(run: MapRun, parent: ExecutionInfo, definition: MachineDefinition, input: unknown): ChildHandle;
  /** Redriving a map run: a child's outcome kept (it succeeded), a way to run it again, or undefined (start afresh). */
  redrivenChild(arn: string): { kept: ChildOutcome } | { again: () => ChildHandle } | undefined;
  /** The map run a redrive of the parent takes up again, if its last one for this Map did not succeed. */
  toRedrive(executionArn: string, childMachineArn: string): MapRun | undefined;
}

/** The data-flow steps TestState reports (InspectionData's members), each value as the state saw it. */
export type InspectionField = 'input' | 'afterInputPath' | 'afterParameters' | 'afterArguments' | 'result' | 'afterResultSelector' | 'afterResultPath' | 'maxConcurrency' | 'toleratedFailureCount' | 'toleratedFailurePercentage';

/**
 * What TestState watches in the one state it runs (never in a Map iteration or Parallel branch inside
 * it): each data-flow step, the Catch that caught an error, and the retrier that would retry it.
 */
export interface StateInspector {
  record(field: InspectionField, value: unknown): void;
  caught(failure: StatesFailure, catchIndex: number): void;
  /** The task's result (or error) given instead of calling the service: TestState's `mock`. */
  mock?: { result: unknown } | { error: string; cause?: string };
}

/** TestState: a retrier matched, where an execution would wait and run the state again. */
export class RetriableFailure extends Error {
  constructor(
    readonly failure: StatesFailure,
    readonly retryIndex: number,
    readonly backoffSeconds: number,
  ) {
    super(failure.message);
  }
}

export interface TokenWaiter {
  executionArn: string;
  succeed(output: unknown): void;
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
}

/** What the service reads of an execution: a running one (ExecutionRun) or one restored from the data folder. */
export interface RunView {
  readonly info: ExecutionInfo;
  readonly status: ExecutionStatus;
  readonly history: { readonly events: HistoryEvent[] };
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly stopDate?: number;
  readonly done: Promise<void>;
  /** A running execution's top-level position and variables, which the store keeps so that it resumes. */
  readonly checkpoint?: Checkpoint;
  readonly checkpointVersion?: number;
  readonly variables?: Record<string, unknown>;
  stop(error?: string, cause?: string): void;
  /** Abandons the run without a record (shutdown); a running one resumes from the data folder. */
  halt?(): void;
}

/** An execution that ended before the broker restarted: its outcome and history, nothing left to run. */
export function endedRun(saved: Pick<RunView, 'info' | 'status' | 'output' | 'error' | 'cause' | 'stopDate' | 'checkpoint' | 'variables'> & { events: HistoryEvent[] }): RunView {
  return {
    checkpoint: saved.checkpoint,
    variables: saved.variables,
    info: saved.info,
    status: saved.status,
    history: { events: saved.events },
    output: saved.output,
    error: saved.error,
    cause: saved.cause,
    stopDate: saved.stopDate,
    done: Promise.resolve(),
    stop: () => undefined,
  };
}

/**
 * Where a running execution's top-level thread is, as the data folder keeps it: the state it entered (its
 * input and entered event) and, once it is parked, what it waits for: a Wait's due time on the broker
 * clock or the task token a `.waitForTaskToken` task sent. Only a parked execution resumes after a
 * restart; one that was in the middle of anything else (a Map, a Parallel, a running function) cannot.
 */
export interface Checkpoint {
  state: string;
  input: unknown;
  enteredId: number;
  enteredAt: number;
  until?: number;
  token?: string;
}

/** What a running execution needs to go on after a restart. */
export interface ResumePoint {
  checkpoint: Checkpoint;
  variables: Record<string, unknown>;
  events: HistoryEvent[];
  /** RedriveExecution: the checkpoint's state is entered again (a new entered event), not resumed. */
  redrive?: boolean;
}

/** Thrown into every pending wait when the execution stops or times out; never recorded. */
class Halted extends Error {}

interface Step {
  output: unknown;
  next?: string;
  /** The variables the state's (or its Choice rule's, or its Catch's) Assign gave. */
  assigned?: Record<string, unknown>;
}

interface Scope {
  /** Parallel branches yield after each state entered, so siblings' events interleave as AWS's do. */
  interleave: boolean;
  map?: { Index: number; Value: unknown };
  /** True once the enclosing Parallel or Map has failed: its other branches or iterations stop at their next state. */
  abandoned?: () => boolean;
  /** The execution's own thread (not a branch or an iteration): the one that is checkpointed. */
  root?: boolean;
  /** The machine's QueryLanguage, which its states (Parallel branches' and Map iterations' too) default to. */
  language: 'JSONPath' | 'JSONata';
  /**
   * The variables this thread sees. A Parallel branch or Map iteration starts with a copy of its
   * parent's: it reads the outer variables, and what it assigns stays inside it, as AWS scopes them.
   */
  vars: Record<string, unknown>;
}

const MAX_PAYLOAD_BYTES = 256 * 1024;

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => v instanceof Promise;

/** Runs `f` and hands its value to `ok` (or what it threw to `fail`), staying synchronous when `f` was. */
function settle<T, U>(f: () => T | Promise<T>, ok: (v: T) => U | Promise<U>, fail: (e: unknown) => U | Promise<U>): U | Promise<U> {
  let r: T | Promise<T>;
  try {
    r = f();
  } catch (e) {
    return fail(e);
  }
  return isPromise(r) ? r.then(ok, fail) : ok(r);
}

/**
 * Whether an ErrorEquals list matches an error: States.ALL matches all but States.Runtime and
 * States.DataLimitExceeded; States.TaskFailed all of those but States.Timeout.
 */
function matches(errorEquals: string[], error: string): boolean {
  const uncatchable = error === 'States.Runtime' || error === 'States.DataLimitExceeded';
  return errorEquals.some((e) => e === error || (!uncatchable && (e === 'States.ALL' || (e === 'States.TaskFailed' && error !== 'States.Timeout'))));
}

/** TestState's mock: the result it gives, or the error it fails with. */
function mocked(mock: NonNullable<StateInspector['mock']>): unknown {
  if ('result' in mock) return mock.result;
  throw new StatesFailure(mock.error, mock.cause);
}

export class ExecutionRun implements RunView {
  status: ExecutionStatus = 'RUNNING';
  readonly history: History;
  output?: unknown;
  error?: string;
  cause?: string;
  stopDate?: number;
  done: Promise<void> = Promise.resolve();
  private readonly pending = new Set<(e: Error) => void>();
  /** The execution's top-level variables (Assign). */
  readonly variables: Record<string, unknown> = {};
  /** Where the top-level thread is; `checkpointVersion` grows at each change, so the store writes it once. */
  checkpoint?: Checkpoint;
  checkpointVersion = 0;
  /** Set while resuming: the first state picks its entered event, due time or token from it. */
  private resumePoint?: Checkpoint;
  private redriveFrom?: Checkpoint;
  private fixedContext?: { Execution: Record<string, unknown>; StateMachine: Record<string, unknown> };
  /** Set by halt(): the broker is shutting down, the execution stays RUNNING for the next one to resume. */
  private halted = false;
  private timeout?: Deadline;

  constructor(
    private readonly host: ExecutionHost,
    private readonly definition: MachineDefinition,
    readonly info: ExecutionInfo,
    resume?: ResumePoint,
  ) {
    this.history = new History(() => host.scheduler.now());
    if (resume) {
      this.history.events.push(...resume.events);
      Object.assign(this.variables, resume.variables);
      this.checkpoint = resume.checkpoint;
      if (!resume.redrive) this.resumePoint = resume.checkpoint;
      else this.redriveFrom = resume.checkpoint;
    }
  }

  /**
   * Runs the execution. Separate from the constructor because states that finish at once run (and emit
   * change events) before this returns, and listeners look the execution up by then.
   */
  start(): this {
    this.done = this.run();
    return this;
  }

  /**
   * TestState: runs the one state `name` of the definition on `input` in the execution's own thread (its
   * context, its variables) and gives its output and the state it would go to; throws what ends it.
   */
  async runOneState(name: string, input: unknown): Promise<{ output: unknown; next?: string }> {
    const scope: Scope = { interleave: false, root: true, language: this.definition.QueryLanguage ?? 'JSONPath', vars: this.variables };
    const r = this.step(name, this.definition.States[name], input, { last: 0 }, scope);
    const { output, next } = isPromise(r) ? await r : r;
    return { output, next };
  }

  /** What TestState records of this step of the state's data flow: only in the execution's own thread. */
  private inspect(scope: Scope, fields: Partial<Record<InspectionField, unknown>>): void {
    const inspector = scope.root ? this.host.inspector : undefined;
    if (!inspector) return;
    for (const [k, v] of Object.entries(fields)) inspector.record(k as InspectionField, v);
  }

  /**
   * The broker is shutting down: whatever is in flight is abandoned without a record, and the execution
   * stays RUNNING where the data folder has it, for the next broker to resume.
   */
  halt(): void {
    if (this.status !== 'RUNNING') return;
    this.halted = true;
    this.timeout?.cancel();
    for (const halt of [...this.pending]) halt(new Halted());
    this.pending.clear();
  }

  /** StopExecution: records ExecutionAborted and abandons whatever is in flight. */
  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING') return;
    this.end('ABORTED', { previous: 0, type: 'ExecutionAborted', details: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) } });
    this.error = error;
    this.cause = cause;
  }

  private async run(): Promise<void> {
    const root: Thread = { last: 0 };
    const { input } = this.info;
    const resume = this.resumePoint ?? this.redriveFrom;
    if (this.redriveFrom) {
      // After the event that ended it: the failed state is entered again with the input it had.
      root.last = this.history.events.length;
      this.history.add(root, 'ExecutionRedriven', { redriveCount: this.info.redriveCount ?? 1 });
      this.host.changed(this);
    } else if (resume) {
      // Nothing else ran in the execution's own thread: its last event is the history's last.
      root.last = this.history.events.length;
    } else {
      this.history.add(root, 'ExecutionStarted', { ...payload('input', input), roleArn: this.info.roleArn }, { advance: false });
      this.host.changed(this);
    }
    if (this.definition.TimeoutSeconds !== undefined) {
      // counted from the start, or from the last redrive
      const left = (this.info.redriveDate ?? this.info.startTime) + this.definition.TimeoutSeconds * 1000 - this.host.scheduler.now();
      this.timeout = this.host.scheduler.after(Math.max(0, left), () =>
        this.end('TIMED_OUT', { type: 'ExecutionTimedOut', details: { error: 'States.Timeout' }, thread: root }),
      );
    }
    try {
      const scope: Scope = { interleave: false, root: true, language: this.definition.QueryLanguage ?? 'JSONPath', vars: this.variables };
      const r = resume ? this.runStates(this.definition, resume.state, resume.input, root, scope) : this.runStates(this.definition, this.definition.StartAt, input, root, scope);
      const output = isPromise(r) ? await r : r;
      this.output = output;
      this.end('SUCCEEDED', { type: 'ExecutionSucceeded', details: payload('output', output), thread: root });
    } catch (e) {
      if (e instanceof Halted || this.status !== 'RUNNING' || this.halted) return;
      const failure = e instanceof StatesFailure ? e : new StatesFailure('States.Runtime', (e as Error)?.message ?? String(e));
      if (failure instanceof QueryEvaluationFailure) {
        // AWS records the failed expression, after the event before the state was entered.
        const entered = this.history.events[failure.site.enteredEventId - 1];
        this.history.add(root, 'EvaluationFailed', { error: failure.error, cause: failure.cause, location: failure.location, state: failure.site.state }, { previous: entered?.previousEventId ?? root.last });
      }
      this.error = failure.error === '' ? undefined : failure.error;
      this.cause = failure.cause;
      // A Fail state without Error or Cause records neither (test_state_fail_empty).
      this.end('FAILED', { type: 'ExecutionFailed', details: { ...(failure.error !== '' ? { error: failure.error } : {}), ...(failure.cause !== undefined ? { cause: failure.cause } : {}) }, thread: root });
    }
  }

  private end(status: ExecutionStatus, last: { type: string; details: Record<string, unknown>; thread?: Thread; previous?: number }): void {
    if (this.status !== 'RUNNING') return;
    this.status = status;
    this.stopDate = this.host.scheduler.now();
    this.timeout?.cancel();
    this.history.close(last.thread ?? { last: 0 }, last.type, last.details, last.previous);
    for (const halt of [...this.pending]) halt(new Halted());
    this.pending.clear();
    this.host.changed(this);
  }

  private setCheckpoint(checkpoint: Checkpoint): void {
    this.checkpoint = checkpoint;
    this.checkpointVersion++;
  }

  /** The redrive point, once: the distributed Map it names takes up its map run, later entries of it do not. */
  private takeRedrive(): Checkpoint | undefined {
    const r = this.redriveFrom;
    this.redriveFrom = undefined;
    return r;
  }

  /** The resume point, once: the first state after a restart uses it, no other. */
  private takeResume(): Checkpoint | undefined {
    const r = this.resumePoint;
    this.resumePoint = undefined;
    return r;
  }

  /** A Wait's due time; in the execution's own thread, kept so that a restart resumes it (or the one kept, when resuming). */
  private park(scope: Scope, { until }: { until: number }): number {
    // TestState reports what a Wait gives without waiting for it.
    if (scope.root && this.host.inspector) return this.host.scheduler.now();
    if (!scope.root) return until;
    const resumed = this.takeResume();
    if (resumed?.until !== undefined) return resumed.until;
    if (this.checkpoint) this.setCheckpoint({ ...this.checkpoint, until });
    this.host.changed(this);
    return until;
  }

  /** Waits on the broker's scheduler; rejects with Halted when the execution ends meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const halt = (e: Error) => {
        deadline.cancel();
        reject(e);
      };
      const deadline = this.host.scheduler.after(Math.max(0, ms), () => {
        this.pending.delete(halt);
        resolve();
      });
      this.pending.add(halt);
    });
  }

  private context(stateName: string, enteredTime: number, retryCount: number | undefined, scope: Scope, token?: string): Record<string, unknown> {
    // The execution's and machine's parts never change: built once (a Map of 100 builds 100 contexts).
    this.fixedContext ??= {
      Execution: {
        Id: this.info.executionArn,
        Input: this.info.input,
        Name: this.info.name,
        RoleArn: this.info.roleArn,
        StartTime: new Date(this.info.startTime).toISOString(),
        RedriveCount: this.info.redriveCount ?? 0,
      },
      StateMachine: { Id: this.info.stateMachineArn, Name: this.info.stateMachineName },
    };
    return {
      [VARIABLES]: scope.vars,
      ...this.fixedContext,
      // RetryCount only where retries can happen (Task, Parallel, Map), as AWS records it (test_query_context_object_values)
      State: { Name: stateName, EnteredTime: new Date(enteredTime).toISOString(), ...(retryCount !== undefined ? { RetryCount: retryCount } : {}) },
      ...(token !== undefined ? { Task: { Token: token } } : {}),
      ...(scope.map ? { Map: { Item: scope.map } } : {}),
    };
  }

  /** Runs states from `start` until one ends the sequence; synchronous while the states are. */
  private runStates(def: MachineDefinition, start: string, input: unknown, thread: Thread, scope: Scope): unknown {
    let name = start;
    let data = input;
    for (;;) {
      const step = this.step(name, def.States[name], data, thread, scope);
      if (isPromise(step)) {
        return step.then((s) => (s.next === undefined ? s.output : this.runStates(def, s.next, s.output, thread, scope)));
      }
      if (step.next === undefined) return step.output;
      name = step.next;
      data = step.output;
    }
  }

  private step(name: string, state: StateDefinition, input: unknown, thread: Thread, scope: Scope): Step | Promise<Step> {
    if (this.status !== 'RUNNING' || this.halted || scope.abandoned?.()) throw new Halted();
    const jsonata = (state.QueryLanguage ?? scope.language) === 'JSONata';
    // Resuming after a restart: the state was entered before it, and recorded then.
    const resumed = scope.root ? this.resumePoint : undefined;
    const enteredAt = resumed ? resumed.enteredAt : this.host.scheduler.now();
    const enteredId = resumed ? resumed.enteredId : this.history.add(thread, `${state.Type}StateEntered`, { name, ...payload('input', input) });
    if (scope.root && !resumed) this.setCheckpoint({ state: name, input, enteredId, enteredAt });
    this.host.changed(this);
    this.inspect(scope, { input });
    const ctx = this.context(name, enteredAt, undefined, scope);
    const site: Site = { state: name, enteredEventId: enteredId };
    const guard = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof PathNotFound) throw runtimeFailure(name, enteredId, e.message);
        if (e instanceof StatesFailure && e.error === 'States.Runtime' && !e.cause?.startsWith('An error occurred while executing')) {
          throw runtimeFailure(name, enteredId, e.cause ?? '');
        }
        throw e;
      }
    };
    const exit = ({ output, next, assigned }: Step): Step => {
      // AWS's payload limit: 256 KiB of UTF-8 per state output (test_start_large_input).
      const text = JSON.stringify(output) ?? 'null';
      if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) {
        throw new StatesFailure('States.DataLimitExceeded', `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
      }
      // An empty Assign ({}) records nothing (test_base_cases[BASE_EMPTY]).
      const variables = assigned && Object.keys(assigned).length ? { assignedVariables: Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, JSON.stringify(v)])), assignedVariablesDetails: { truncated: false } } : {};
      // Assign takes effect after the state: its own fields read the values from before it.
      if (assigned) Object.assign(scope.vars, assigned);
      this.history.add(thread, `${state.Type}StateExited`, { name, output: text, outputDetails: { truncated: false }, ...variables });
      this.host.changed(this);
      return { output, next };
    };
    const nextOf = (): string | undefined => (state.End === true ? undefined : state.Next);
    if (jsonata) {
      const run = () => this.jsonataStep(name, state, input, ctx, thread, scope, site, enteredAt).then((s) => exit({ ...s, next: s.next ?? nextOf() }));
      return scope.interleave ? Promise.resolve().then(run) : run();
    }
    // JSONPath Assign: `$` is the state's result, `$states` its input, result and context.
    const assign = (template: unknown, result: unknown): Record<string, unknown> | undefined =>
      template === undefined ? undefined : guard(() => this.assignJsonPath(template, result, { input, result, context: ctx }, ctx));
    const run = (): Step | Promise<Step> => {
      switch (state.Type) {
        case 'Pass': {
          const { output, result } = guard(() => {
            const effective = this.inputPath(state, input, ctx);
            const parameters = state.Parameters !== undefined ? applyTemplate(state.Parameters, effective, ctx, 'Parameters') : effective;
            const result = state.Result !== undefined ? state.Result : parameters;
            const afterResultPath = applyResultPath(input, state.ResultPath, result);
            // With a Result, AWS's TestState shows the result and neither InputPath nor Parameters (test_base_inspection_level_debug)
            if (state.Result !== undefined) this.inspect(scope, { result, afterResultSelector: result, afterResultPath });
            else this.inspect(scope, { afterInputPath: effective, afterParameters: parameters, afterResultSelector: result, afterResultPath });
            return { output: this.outputPath(state, afterResultPath, ctx), result };
          });
          return exit({ output, next: nextOf(), assigned: assign(state.Assign, result) });
        }
        case 'Succeed': {
          const output = guard(() => {
            const effective = this.inputPath(state, input, ctx);
            this.inspect(scope, { afterInputPath: effective });
            return this.outputPath(state, effective, ctx);
          });
          return exit({ output });
        }
        case 'Fail': {
          this.inspect(scope, { afterInputPath: input });
          const { error, cause } = guard(() => ({
            error: state.ErrorPath !== undefined ? String(evaluateDynamic(state.ErrorPath, input, ctx, 'ErrorPath')) : state.Error,
            cause: state.CausePath !== undefined ? String(evaluateDynamic(state.CausePath, input, ctx, 'CausePath')) : state.Cause,
          }));
          throw new StatesFailure(error ?? '', cause);
        }
        case 'Choice': {
          const { effective, rule } = guard(() => {
            const effective = this.inputPath(state, input, ctx);
            this.inspect(scope, { afterInputPath: effective });
            const rule = (state.Choices as (ChoiceRule & { Next: string; Assign?: unknown })[]).find((r) => evaluateRule(r, effective, ctx));
            return { effective, rule };
          });
          const next = rule?.Next ?? state.Default;
          if (next === undefined) throw new StatesFailure('States.NoChoiceMatched', `No Choice Rules matched and no Default was specified in the state '${name}'.`);
          // The matched rule's Assign, or the state's when the Default is taken.
          return exit({ output: guard(() => this.outputPath(state, effective, ctx)), next, assigned: assign(rule ? rule.Assign : state.Assign, effective) });
        }
        case 'Wait':
          return this.wait(name, state, input, ctx, enteredId, scope).then((output) => exit({ output, next: nextOf(), assigned: assign(state.Assign, input) }));
        case 'Task':
        case 'Parallel':
        case 'Map':
          return this.withRetries(name, state, input, thread, scope, enteredId, enteredAt, false).then((s) => exit({ ...s, next: s.next ?? nextOf() }));
        default:
          throw new StatesFailure('States.Runtime', `Unsupported state type: ${state.Type}`);
      }
    };
    if (scope.interleave && state.Type !== 'Fail') return Promise.resolve().then(run);
    return run();
  }

  /** A JSONPath state's Assign: a payload template whose paths also read `$states` (and the variables before the state). */
  private assignJsonPath(template: unknown, data: unknown, states: Record<string, unknown>, ctx: Record<string, unknown>): Record<string, unknown> {
    const withStates = { ...ctx, [VARIABLES]: { ...(ctx[VARIABLES as unknown as string] as Record<string, unknown>), states } };
    return applyTemplate(template, data, withStates, 'Assign') as Record<string, unknown>;
  }

  /** What a JSONata expression in this state sees: `$states` and the variables in scope. */
  private bindings(scope: Scope, states: Record<string, unknown>) {
    return { states, variables: scope.vars };
  }

  /** Pass, Succeed, Fail, Choice and Wait in JSONata; Task, Parallel and Map through withRetries. */
  private async jsonataStep(name: string, state: StateDefinition, input: unknown, ctx: Record<string, unknown>, thread: Thread, scope: Scope, site: Site, enteredAt: number): Promise<Step> {
    const b = this.bindings(scope, { input, context: ctx });
    const evaluate = (value: unknown, field: string) => evaluateTemplate(value, b, field, site);
    // Output (input when absent) and Assign, both against the variables from before the state.
    const finish = async (output: unknown, assign: unknown, next?: string): Promise<Step> => {
      const assigned = assign !== undefined ? ((await evaluate(assign, 'Assign')) as Record<string, unknown>) : undefined;
      return { output: state.Output !== undefined ? await evaluate(state.Output, 'Output') : output, next, assigned };
    };
    switch (state.Type) {
      case 'Pass':
      case 'Succeed':
        return finish(input, state.Assign);
      case 'Fail': {
        const error = state.Error !== undefined ? await evaluate(state.Error, 'Error') : undefined;
        const cause = state.Cause !== undefined ? await evaluate(state.Cause, 'Cause') : undefined;
        throw new StatesFailure(error === undefined ? '' : String(error), cause === undefined ? undefined : String(cause));
      }
      case 'Choice': {
        const rules = state.Choices as { Condition?: unknown; Next: string; Output?: unknown; Assign?: unknown }[];
        for (const [i, rule] of rules.entries()) {
          const holds = await evaluate(rule.Condition, `Choices/${i}/Condition`);
          if (typeof holds !== 'boolean') {
            throw new QueryEvaluationFailure(site, 'Condition', `The Condition '${String(rule.Condition)}' must evaluate to a boolean value, but it evaluated to ${JSON.stringify(holds)}.`);
          }
          if (!holds) continue;
          // The matched rule's Output and Assign, else the state's.
          const assigned = rule.Assign !== undefined ? ((await evaluate(rule.Assign, 'Assign')) as Record<string, unknown>) : undefined;
          const output = rule.Output !== undefined ? await evaluate(rule.Output, 'Output') : state.Output !== undefined ? await evaluate(state.Output, 'Output') : input;
          return { output, next: rule.Next, assigned };
        }
        if (state.Default === undefined) throw new StatesFailure('States.NoChoiceMatched', `No Choice Rules matched and no Default was specified in the state '${name}'.`);
        return finish(input, state.Assign, state.Default);
      }
      case 'Wait': {
        const now = this.host.scheduler.now();
        let until: number;
        if (state.Seconds !== undefined) {
          const seconds = await evaluate(state.Seconds, 'Seconds');
          if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
            throw new QueryEvaluationFailure(site, 'Seconds', `The Seconds field must be a non-negative integer, but it evaluated to ${JSON.stringify(seconds)}.`);
          }
          until = now + seconds * 1000;
        } else {
          const stamp = await evaluate(state.Timestamp, 'Timestamp');
          if (typeof stamp !== 'string' || Number.isNaN(Date.parse(stamp))) {
            throw new QueryEvaluationFailure(site, 'Timestamp', `The Timestamp field must be an ISO-8601 extended offset date-time format string, but it evaluated to ${JSON.stringify(stamp)}.`);
          }
          until = Date.parse(stamp);
        }
        await this.sleep(this.park(scope, { until }) - now);
        return finish(input, state.Assign);
      }
      case 'Task':
      case 'Parallel':
      case 'Map':
        return this.withRetries(name, state, input, thread, scope, site.enteredEventId, enteredAt, true);
      default:
        throw new StatesFailure('States.Runtime', `Unsupported state type: ${state.Type}`);
    }
  }

  private inputPath(state: StateDefinition, input: unknown, ctx: unknown): unknown {
    if (state.InputPath === null) return {};
    return state.InputPath === undefined ? input : readPath(state.InputPath, input, ctx);
  }

  private outputPath(state: StateDefinition, output: unknown, ctx: unknown): unknown {
    if (state.OutputPath === null) return {};
    return state.OutputPath === undefined ? output : readPath(state.OutputPath, output, ctx);
  }

  private async wait(name: string, state: StateDefinition, input: unknown, ctx: unknown, enteredId: number, scope: Scope): Promise<unknown> {
    const effective = (() => {
      try {
        return this.inputPath(state, input, ctx);
      } catch (e) {
        if (e instanceof PathNotFound) throw runtimeFailure(name, enteredId, e.message);
        throw e;
      }
    })();
    let until: number;
    const now = this.host.scheduler.now();
    if (state.Seconds !== undefined) until = now + Number(state.Seconds) * 1000;
    else if (state.Timestamp !== undefined) until = Date.parse(state.Timestamp);
    else if (state.SecondsPath !== undefined) {
      let seconds: unknown;
      try {
        seconds = readPath(state.SecondsPath, effective, ctx);
      } catch {
        throw runtimeFailure(name, enteredId, `The SecondsPath parameter does not reference an input value: ${state.SecondsPath}`);
      }
      if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds < 0) {
        throw runtimeFailure(name, enteredId, `The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${seconds}`);
      }
      if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
        throw runtimeFailure(name, enteredId, `The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${JSON.stringify(seconds)}`);
      }
      until = now + seconds * 1000;
    } else {
      let stamp: unknown;
      try {
        stamp = readPath(state.TimestampPath, effective, ctx);
      } catch {
        throw runtimeFailure(name, enteredId, `The TimestampPath parameter does not reference an input value: ${state.TimestampPath}`);
      }
      if (typeof stamp !== 'string' || Number.isNaN(Date.parse(stamp))) {
        throw runtimeFailure(name, enteredId, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${JSON.stringify(stamp)}`);
      }
      until = Date.parse(stamp);
    }
    await this.sleep(this.park(scope, { until }) - now);
    try {
      return this.outputPath(state, effective, ctx);
    } catch (e) {
      if (e instanceof PathNotFound) throw runtimeFailure(name, enteredId, e.message);
      throw e;
    }
  }

  /** Task, Parallel and Map: their work, Retry on failure, then Catch; the result through ResultSelector/ResultPath/OutputPath. */
  private async withRetries(name: string, state: StateDefinition, input: unknown, thread: Thread, scope: Scope, enteredId: number, enteredAt: number, jsonata: boolean): Promise<Step> {
    const site: Site = { state: name, enteredEventId: enteredId };
    const retriers = (state.Retry ?? []) as { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: string }[];
    const counts = retriers.map(() => 0);
    let retryCount = 0;
    for (;;) {
      const ctx = this.context(name, enteredAt, retryCount, scope);
      try {
        if (jsonata) {
          // Arguments feed the work; Output (the result when absent) and Assign read `$states.result`.
          const result = await this.work(name, state, input, ctx, thread, scope, enteredId, retryCount, this.bindings(scope, { input, context: ctx }));
          this.inspect(scope, { result });
          const after = this.bindings(scope, { input, result, context: ctx });
          const assigned = state.Assign !== undefined ? ((await evaluateTemplate(state.Assign, after, 'Assign', site)) as Record<string, unknown>) : undefined;
          return { output: state.Output !== undefined ? await evaluateTemplate(state.Output, after, 'Output', site) : result, assigned };
        }
        const effective = this.inputPath(state, input, ctx);
        this.inspect(scope, { afterInputPath: effective });
        const result = await this.work(name, state, effective, ctx, thread, scope, enteredId, retryCount);
        const selected = state.ResultSelector !== undefined ? applyTemplate(state.ResultSelector, result, ctx, 'ResultSelector') : result;
        const assigned = state.Assign !== undefined ? this.assignJsonPath(state.Assign, selected, { input, result: selected, context: ctx }, ctx) : undefined;
        const afterResultPath = applyResultPath(input, state.ResultPath, selected);
        this.inspect(scope, { result, afterResultSelector: selected, afterResultPath });
        return { output: this.outputPath(state, afterResultPath, ctx), assigned };
      } catch (e) {
        if (e instanceof Halted) throw e;
        let failure = e instanceof StatesFailure ? e : new StatesFailure('States.Runtime', (e as Error)?.message ?? String(e));
        if (e instanceof PathNotFound) failure = runtimeFailure(name, enteredId, e.message);
        const r = retriers.findIndex((x) => matches(x.ErrorEquals, failure.error));
        if (r >= 0 && counts[r] < (retriers[r].MaxAttempts ?? 3)) {
          const retrier = retriers[r];
          let delay = (retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, counts[r]);
          if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
          if (retrier.JitterStrategy === 'FULL') delay = Math.random() * delay;
          // TestState runs the state once: it reports the retrier that matched instead of waiting.
          if (scope.root && this.host.inspector) throw new RetriableFailure(failure, r, delay);
          counts[r]++;
          retryCount++;
          await this.sleep(delay * 1000);
          continue;
        }
        const catchers = (state.Catch ?? []) as { ErrorEquals: string[]; Next: string; ResultPath?: string | null; Output?: unknown; Assign?: unknown }[];
        const catchIndex = catchers.findIndex((c) => matches(c.ErrorEquals, failure.error));
        if (catchIndex < 0) throw failure;
        const catcher = catchers[catchIndex];
        if (scope.root) this.host.inspector?.caught(failure, catchIndex);
        const errorOutput: { Error: string | null; Cause?: string | null } = { Error: failure.error, Cause: failure.cause ?? '' };
        if (failure instanceof SentTaskFailure) Object.assign(errorOutput, { Error: failure.sentError ?? null, Cause: failure.sentCause ?? null });
        else if (failure.cause === undefined) delete errorOutput.Cause;
        const ctx2 = this.context(name, enteredAt, retryCount, scope);
        // A Catch's Output and Assign (JSONata) or ResultPath and Assign (JSONPath) see `$states.errorOutput`.
        if (jsonata) {
          const b = this.bindings(scope, { input, errorOutput, context: ctx2 });
          const assigned = catcher.Assign !== undefined ? ((await evaluateTemplate(catcher.Assign, b, 'Assign', site)) as Record<string, unknown>) : undefined;
          return { output: catcher.Output !== undefined ? await evaluateTemplate(catcher.Output, b, 'Output', site) : errorOutput, next: catcher.Next, assigned };
        }
        let assigned: Record<string, unknown> | undefined;
        try {
          assigned = catcher.Assign !== undefined ? this.assignJsonPath(catcher.Assign, errorOutput, { input, errorOutput, context: ctx2 }, ctx2) : undefined;
        } catch (err) {
          if (err instanceof PathNotFound) throw runtimeFailure(name, enteredId, err.message);
          throw err;
        }
        return { output: applyResultPath(input, catcher.ResultPath, errorOutput), next: catcher.Next, assigned };
      }
    }
  }

  /** The work of a Task, Parallel or Map; `b` (the JSONata bindings) when the state is JSONata. */
  private work(name: string, state: StateDefinition, effective: unknown, ctx: Record<string, unknown>, thread: Thread, scope: Scope, enteredId: number, retryCount: number, b?: Bindings): Promise<unknown> {
    const mock = scope.root ? this.host.inspector?.mock : undefined;
    if (state.Type === 'Task') return this.task(name, state, effective, ctx, thread, scope, enteredId, b);
    // TestState's mock stands for a Map's or Parallel's whole result (a task's is given after its arguments).
    if (mock) return this.inspectMap(state, scope, b).then(() => mocked(mock));
    if (state.Type === 'Parallel') return this.parallel(name, state, effective, ctx, thread, scope, enteredId, b);
    return this.map(name, state, effective, ctx, thread, scope, enteredId, retryCount, b);
  }

  /** TestState: a Map's concurrency and tolerated failures as it evaluated them (0 for no limit). */
  private async inspectMap(state: StateDefinition, scope: Scope, b?: Bindings): Promise<void> {
    if (state.Type !== 'Map' || !scope.root || !this.host.inspector) return;
    const value = async (field: string) => (b && isExpression(state[field]) ? await evaluateTemplate(state[field], b, field, { state: '', enteredEventId: 0 }) : state[field]);
    this.inspect(scope, { maxConcurrency: Number(await value('MaxConcurrency')) || 0 });
    for (const [field, key] of [['ToleratedFailureCount', 'toleratedFailureCount'], ['ToleratedFailurePercentage', 'toleratedFailurePercentage']] as const) {
      if (state[field] !== undefined) this.inspect(scope, { [key]: Number(await value(field)) });
    }
  }

  private async task(name: string, state: StateDefinition, effective: unknown, ctx: Record<string, unknown>, thread: Thread, scope: Scope, enteredId: number, b?: Bindings): Promise<unknown> {
    const resource = parseResource(String(state.Resource)) as TaskResource;
    // A `.sync` nested execution ends the task when it ends, or earlier when its task token is answered
    // (test_sync_with_task_token), so it has a token as `.waitForTaskToken` has.
    const sync = resource.kind === 'service' ? resource.sync : undefined;
    const waitForToken = resource.kind === 'service' && (resource.waitForTaskToken || sync !== undefined);
    // Resuming a parked task: the token already sent, which the user's app may still return.
    const resumedToken = waitForToken ? this.takeResume()?.token : undefined;
    const token = waitForToken ? (resumedToken ?? randomBytes(48).toString('base64url')) : undefined;
    const tokenCtx = token ? { ...ctx, Task: { Token: token } } : ctx;
    const site: Site = { state: name, enteredEventId: enteredId };
    let parameters: unknown;
    let timeoutSeconds: number | undefined;
    let heartbeatSeconds: number | undefined;
    if (b) {
      const tb = { ...b, states: { ...b.states, context: tokenCtx } };
      parameters = state.Arguments !== undefined ? await evaluateTemplate(state.Arguments, tb, 'Arguments', site) : effective;
      const seconds = async (field: 'TimeoutSeconds' | 'HeartbeatSeconds') => {
        const v = isExpression(state[field]) ? await evaluateTemplate(state[field], tb, field, site) : state[field];
        if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)) {
          throw new QueryEvaluationFailure(site, field, `The ${field} field must be a positive integer, but it evaluated to ${JSON.stringify(v)}.`);
        }
        return v as number | undefined;
      };
      timeoutSeconds = await seconds('TimeoutSeconds');
      heartbeatSeconds = await seconds('HeartbeatSeconds');
    } else {
      parameters = state.Parameters !== undefined ? applyTemplate(state.Parameters, effective, tokenCtx, 'Parameters') : effective;
      timeoutSeconds = state.TimeoutSeconds ?? (state.TimeoutSecondsPath !== undefined ? Number(readPath(state.TimeoutSecondsPath, effective, ctx)) : undefined);
      heartbeatSeconds = state.HeartbeatSeconds ?? (state.HeartbeatSecondsPath !== undefined ? Number(readPath(state.HeartbeatSecondsPath, effective, ctx)) : undefined);
    }
    if (b) {
      if (state.Arguments !== undefined) this.inspect(scope, { afterArguments: parameters });
    } else this.inspect(scope, { afterParameters: parameters });
    const mock = scope.root ? this.host.inspector?.mock : undefined;
    if (mock) return mocked(mock);

    if (resource.kind === 'function') {
      this.history.add(thread, 'LambdaFunctionScheduled', { resource: resource.arn, ...payload('input', parameters), ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}) });
      this.history.add(thread, 'LambdaFunctionStarted');
      this.host.changed(this);
      try {
        const outcome = await this.withTimeout(invokeFunction(resource.arn, parameters, this.host.ports), timeoutSeconds);
        this.history.add(thread, 'LambdaFunctionSucceeded', payload('output', outcome.output));
        return outcome.output;
      } catch (e) {
        if (e instanceof StatesFailure && this.status === 'RUNNING') {
          const type = e.error === 'States.Timeout' ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed';
          this.history.add(thread, type, { error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}) });
        }
        throw e;
      }
    }

    const details = { resourceType: resource.resourceType, resource: resource.resource };
    if (!resumedToken) {
      this.history.add(thread, 'TaskScheduled', {
        ...details,
        region: this.host.region,
        parameters: JSON.stringify(parameters),
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      });
      this.history.add(thread, 'TaskStarted', details);
      this.host.changed(this);
    }
    try {
      let output: unknown;
      if (token) {
        const callback = this.awaitToken(token, heartbeatSeconds);
        try {
          if (!resumedToken) {
            const submitted = await callService(resource, parameters, this.host.ports);
            this.history.add(thread, 'TaskSubmitted', { ...details, ...payload('output', submitted) });
            // parked in the execution's own thread (a branch's or an iteration's task has another entered event)
            if (!sync && this.checkpoint?.enteredId === enteredId) this.setCheckpoint({ ...this.checkpoint, token });
            this.host.changed(this);
            if (sync) {
              const nested = this.host.ports.states!.ended((submitted as { ExecutionArn: string }).ExecutionArn).then((ended) => {
                const outcome = nestedOutcome(ended, sync);
                if (!outcome.ok) throw new StatesFailure('States.TaskFailed', JSON.stringify(outcome.value));
                return outcome.value;
              });
              nested.catch(() => undefined);
              output = await this.withTimeout(Promise.race([callback.promise, nested]), timeoutSeconds);
            }
          }
          if (!sync) output = await this.withTimeout(callback.promise, timeoutSeconds);
        } finally {
          callback.release();
        }
      } else {
        output = await this.withTimeout(callService(resource, parameters, this.host.ports), timeoutSeconds);
      }
      this.history.add(thread, 'TaskSucceeded', { ...details, ...payload('output', output) });
      return output;
    } catch (e) {
      if (e instanceof StatesFailure && this.status === 'RUNNING') {
        const timedOut = e.error === 'States.Timeout' || e.error === 'States.HeartbeatTimeout';
        // SendTaskFailure without an error records none (test_sqs_failure_in_wait_for_task_tok_no_error_field)
        this.history.add(thread, timedOut ? 'TaskTimedOut' : 'TaskFailed', { ...details, ...(e.error !== '' ? { error: e.error } : {}), ...(e.cause !== undefined ? { cause: e.cause } : {}) });
      }
      void name;
      throw e;
    }
  }

  /** Fails with States.Timeout when `work` takes longer than the state's TimeoutSeconds. */
  private withTimeout<T>(work: Promise<T>, seconds: number | undefined): Promise<T> {
    if (seconds === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const deadline = this.host.scheduler.after(seconds * 1000, () => {
        this.pending.delete(halt);
        reject(new StatesFailure('States.Timeout', undefined));
      });
      const halt = (e: Error) => {
        deadline.cancel();
        reject(e);
      };
      this.pending.add(halt);
      work.then(
        (v) => {
          deadline.cancel();
          this.pending.delete(halt);
          resolve(v);
        },
        (e: unknown) => {
          deadline.cancel();
          this.pending.delete(halt);
          reject(e as Error);
        },
      );
    });
  }

  /** Registers a task token; SendTaskSuccess/Failure settle it, a missed heartbeat fails it. */
  private awaitToken(token: string, heartbeatSeconds: number | undefined): { promise: Promise<unknown>; release: () => void } {
    let heartbeat: Deadline | undefined;
    let halt: (e: Error) => void = () => undefined;
    const promise = new Promise<unknown>((resolve, reject) => {
      const arm = () => {
        heartbeat?.cancel();
        // AWS records a missed heartbeat of a callback task as States.Timeout, not States.HeartbeatTimeout (test_heartbeat_timeout)
        if (heartbeatSeconds !== undefined) heartbeat = this.host.scheduler.after(heartbeatSeconds * 1000, () => reject(new StatesFailure('States.Timeout', undefined)));
      };
      halt = (e) => reject(e);
      this.pending.add(halt);
      arm();
      this.host.tokens.set(token, {
        executionArn: this.info.executionArn,
        succeed: (output) => resolve(output),
        fail: (error, cause) => reject(new SentTaskFailure(error, cause)),
        heartbeat: arm,
      });
    });
    promise.catch(() => undefined);
    return {
      promise,
      release: () => {
        heartbeat?.cancel();
        this.pending.delete(halt);
        this.host.tokens.delete(token);
      },
    };
  }

  private async parallel(name: string, state: StateDefinition, effective: unknown, ctx: Record<string, unknown>, thread: Thread, outer: Scope, enteredId: number, b?: Bindings): Promise<unknown> {
    const branchInput = b
      ? state.Arguments !== undefined
        ? await evaluateTemplate(state.Arguments, b, 'Arguments', { state: name, enteredEventId: enteredId })
        : effective
      : state.Parameters !== undefined
        ? applyTemplate(state.Parameters, effective, ctx, 'Parameters')
        : effective;
    const started = this.history.add(thread, 'ParallelStateStarted');
    let failed = false;
    const abandoned = () => failed || (outer.abandoned?.() ?? false);
    const branches = (state.Branches as MachineDefinition[]).map(async (branch) => {
      const r = this.runStates(branch, branch.StartAt, structuredClone(branchInput), { last: started }, { interleave: true, abandoned, language: outer.language, vars: { ...outer.vars } });
      return isPromise(r) ? await r : r;
    });
    try {
      const results = await this.allOrFirstFailure(branches);
      thread.last = this.history.events.length;
      this.history.add(thread, 'ParallelStateSucceeded', undefined, { advance: false });
      return results;
    } catch (e) {
      failed = true;
      if (e instanceof StatesFailure) {
        thread.last = this.history.events.length;
        this.history.add(thread, 'ParallelStateFailed', { error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}) });
      }
      throw e;
    }
  }

  /** Like Promise.all, but rejects with the first failure as soon as it happens. */
  private allOrFirstFailure(work: Promise<unknown>[]): Promise<unknown[]> {
    return Promise.all(work);
  }

  /** An item as its iteration or child execution gets it: through ItemSelector (or Parameters), which reads `$$.Map.Item`. */
  private selectItem(state: StateDefinition, effective: unknown, item: { Index: number; Value: unknown }, itemCtx: Record<string, unknown>, site: Site, b?: Bindings): unknown {
    const selector = state.ItemSelector ?? state.Parameters;
    if (selector === undefined) return item.Value;
    if (b) return evaluateTemplate(selector, { ...b, states: { input: effective, context: itemCtx } }, 'ItemSelector', site);
    return applyTemplate(selector, effective, itemCtx, 'ItemSelector');
  }

  /** A Map field in either language: a JSONata expression, a JSONPath `<field>Path`, or the value as written. */
  private async mapField(state: Record<string, any>, field: string, effective: unknown, ctx: Record<string, unknown>, site: Site, b?: Bindings): Promise<unknown> {
    if (b) return isExpression(state[field]) ? await evaluateTemplate(state[field], b, field, site) : state[field];
    return state[`${field}Path`] !== undefined ? readPath(state[`${field}Path`], effective, ctx) : state[field];
  }

  /** An ItemReader's or ResultWriter's Parameters (JSONPath) or Arguments (JSONata). */
  private async mapParameters(part: Record<string, any>, effective: unknown, ctx: Record<string, unknown>, site: Site, b?: Bindings): Promise<Record<string, any>> {
    if (b) return ((part.Arguments !== undefined ? await evaluateTemplate(part.Arguments, b, 'Arguments', site) : {}) ?? {}) as Record<string, any>;
    return (part.Parameters !== undefined ? applyTemplate(part.Parameters, effective, ctx, 'Parameters') : {}) as Record<string, any>;
  }

  /**
   * A distributed Map: its items (from the input or an ItemReader over S3), grouped by ItemBatcher, each
   * run as a child execution of a map run (MapRunStarted, then MapRunSucceeded or MapRunFailed when the
   * failures exceed what it tolerates), its results as the output or written to S3 by ResultWriter.
   */
  private async distributedMap(name: string, state: StateDefinition, effective: unknown, ctx: Record<string, unknown>, thread: Thread, scope: Scope, enteredId: number, retryCount: number, b?: Bindings): Promise<unknown> {
    const site: Site = { state: name, enteredEventId: enteredId };
    const host = this.host.mapRuns;
    if (!host) throw runtimeFailure(name, enteredId, 'A distributed Map cannot run here.');
    const s3 = this.host.ports.sdk?.s3;
    const number = async (part: Record<string, any>, field: string) => {
      const v = await this.mapField(part, field, effective, ctx, site, b);
      return v === undefined || v === null ? undefined : Number(v);
    };
    let items: unknown;
    try {
      if (state.ItemReader) {
        const reader = state.ItemReader as Record<string, any>;
        const config: ReaderConfig = { ...(reader.ReaderConfig ?? {}), MaxItems: await number(reader.ReaderConfig ?? {}, 'MaxItems') };
        items = await readItems(String(reader.Resource), await this.mapParameters(reader, effective, ctx, site, b), config, s3);
      } else {
        items = b ? (state.Items !== undefined ? await evaluateTemplate(state.Items, b, 'Items', site) : effective) : state.ItemsPath !== undefined ? readPath(state.ItemsPath, effective, ctx) : effective;
      }
    } catch (e) {
      if (e instanceof PathNotFound) throw runtimeFailure(name, enteredId, e.message);
      throw e;
    }
    if (!Array.isArray(items)) {
      throw runtimeFailure(name, enteredId, `Map state input must be an array but was: ${items === null ? 'null' : typeof items === 'object' ? 'object' : typeof items}`);
    }
    const base = this.context(name, Date.parse(String((ctx.State as { EnteredTime: string }).EnteredTime)), retryCount, scope);
    const selected: unknown[] = [];
    for (const [index, value] of items.entries()) {
      const item = { Index: index, Value: value };
      selected.push(await this.selectItem(state, effective, item, { ...base, Map: { Item: item } }, site, b));
    }
    let inputs = selected.map((input) => ({ input: input as Record<string, unknown>, size: 1 }));
    if (state.ItemBatcher) {
      const batcher = state.ItemBatcher as Record<string, any>;
      const batchInput = b ? (batcher.BatchInput !== undefined ? await evaluateTemplate(batcher.BatchInput, b, 'BatchInput', site) : undefined) : batcher.BatchInput !== undefined ? applyTemplate(batcher.BatchInput, effective, ctx, 'BatchInput') : undefined;
      const settings: Batcher = { MaxItemsPerBatch: await number(batcher, 'MaxItemsPerBatch'), MaxInputBytesPerBatch: await number(batcher, 'MaxInputBytesPerBatch'), ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) };
      inputs = batches(selected, settings);
    }
    const label = typeof state.Label === 'string' && state.Label ? state.Label : name;
    // RedriveExecution entering this Map again takes up its last map run: the children that succeeded keep
    // their outcome, the others are redriven, those never started start (when the items are as they were).
    const redriving = scope.root && this.redriveFrom?.state === name ? this.takeRedrive() : undefined;
    const previous = redriving ? host.toRedrive(this.info.executionArn, `${this.info.stateMachineArn}/${label}`) : undefined;
    let run: MapRun;
    let plans: ChildPlan[] = inputs;
    this.history.add(thread, 'MapStateStarted', { length: items.length });
    if (previous && previous.children.length === inputs.length) {
      run = previous;
      plans = inputs.map((plan, i) => ({ ...plan, ...(run.children[i] ? host.redrivenChild(run.children[i]) : undefined) }));
      run.children = plans.map((plan, i) => (plan.kept || plan.again ? run.children[i] : ''));
      run.itemCounts = emptyCounts(items.length);
      run.executionCounts = emptyCounts(inputs.length);
      for (const plan of plans.filter((p) => p.kept)) {
        run.itemCounts.pending -= plan.size;
        run.itemCounts.succeeded += plan.size;
        run.executionCounts.pending--;
        run.executionCounts.succeeded++;
      }
      run.status = 'RUNNING';
      run.stopDate = undefined;
      run.redriveCount = (run.redriveCount ?? 0) + 1;
      run.redriveDate = this.host.scheduler.now();
      host.changed(run);
      this.history.add(thread, 'MapRunRedriven', { mapRunArn: run.arn, redriveCount: run.redriveCount });
    } else {
      const limits = {
        maxConcurrency: (await number(state, 'MaxConcurrency')) ?? 0,
        toleratedFailureCount: await number(state, 'ToleratedFailureCount'),
        toleratedFailurePercentage: await number(state, 'ToleratedFailurePercentage'),
      };
      run = newMapRun(this.info, label, limits, items.length, inputs.length, this.host.scheduler.now());
      host.add(run);
      this.history.add(thread, 'MapRunStarted', { mapRunArn: run.arn });
    }
    this.host.changed(this);
    // Children run the processor as a machine of their own, in the parent's query language.
    const { ProcessorConfig: _config, ...processor } = (state.ItemProcessor ?? state.Iterator) as MachineDefinition & { ProcessorConfig?: unknown };
    const definition: MachineDefinition = { ...processor, QueryLanguage: processor.QueryLanguage ?? this.definition.QueryLanguage ?? 'JSONPath' };
    const driver = driveChildren(run, plans, (input) => host.startChild(run, this.info, definition, input), () => host.changed(run));
    // Stopping the parent stops the children; the broker shutting down leaves them RUNNING, as it leaves the parent.
    let halt: (e: Error) => void = () => undefined;
    const halted = new Promise<never>((_, reject) => {
      halt = (e) => {
        if (!this.halted) driver.abandon();
        reject(e);
      };
    });
    halted.catch(() => undefined);
    this.pending.add(halt);
    let result: { outcomes: (ChildOutcome | undefined)[]; exceeded: boolean };
    try {
      result = await Promise.race([driver.done, halted]);
    } catch (e) {
      if (!this.halted) {
        run.status = 'ABORTED';
        run.stopDate = this.host.scheduler.now();
        host.changed(run);
      }
      throw e;
    } finally {
      this.pending.delete(halt);
    }
    const { outcomes, exceeded } = result;
    run.updated = undefined;
    let failure: StatesFailure | undefined = exceeded ? new StatesFailure('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded') : undefined;
    let output: unknown;
    const ended = outcomes.flatMap((o, i) => (o ? [{ o, size: inputs[i].size }] : []));
    if (state.ResultWriter) {
      try {
        const pending = inputs.filter((_, i) => !outcomes[i]).map((x) => x.input);
        output = await writeResults(run, await this.mapParameters(state.ResultWriter as Record<string, any>, effective, ctx, site, b), outcomes, pending, s3);
        run.itemCounts.resultsWritten = ended.reduce((n, x) => n + x.size, 0);
        run.executionCounts.resultsWritten = ended.length;
      } catch (e) {
        failure ??= e instanceof StatesFailure ? e : new StatesFailure('States.ResultWriterFailed', String(e));
      }
    } else {
      // Without a ResultWriter the outputs come back in the order of the inputs; a failed child's as its error.
      output = outcomes.map((o) => (o?.status === 'SUCCEEDED' ? (JSON.parse(o.output ?? 'null') as unknown) : o ? { Error: o.error ?? null, Cause: o.cause ?? null } : null));
      const succeeded = ended.filter((x) => x.o.status === 'SUCCEEDED');
      run.itemCounts.resultsWritten = succeeded.reduce((n, x) => n + x.size, 0);
      run.executionCounts.resultsWritten = succeeded.length;
    }
    run.status = failure ? 'FAILED' : 'SUCCEEDED';
    run.stopDate = this.host.scheduler.now();
    host.changed(run);
    thread.last = this.history.events.length;
    if (failure) {
      this.history.add(thread, 'MapRunFailed', { error: failure.error, ...(failure.cause !== undefined ? { cause: failure.cause } : {}) });
      this.history.add(thread, 'MapStateFailed', {});
      throw failure;
    }
    this.history.add(thread, 'MapRunSucceeded');
    this.history.add(thread, 'MapStateSucceeded', undefined, { advance: false });
    return output;
  }

  private async map(name: string, state: StateDefinition, effective: unknown, ctx: Record<string, unknown>, thread: Thread, scope: Scope, enteredId: number, retryCount: number, b?: Bindings): Promise<unknown> {
    const processorConfig = ((state.ItemProcessor ?? {}) as { ProcessorConfig?: { Mode?: string } }).ProcessorConfig;
    if (processorConfig?.Mode === 'DISTRIBUTED') return this.distributedMap(name, state, effective, ctx, thread, scope, enteredId, retryCount, b);
    const site: Site = { state: name, enteredEventId: enteredId };
    let items: unknown;
    let maxConcurrency: number;
    try {
      if (b) {
        items = state.Items !== undefined ? await evaluateTemplate(state.Items, b, 'Items', site) : effective;
        maxConcurrency = Number(isExpression(state.MaxConcurrency) ? await evaluateTemplate(state.MaxConcurrency, b, 'MaxConcurrency', site) : (state.MaxConcurrency ?? 0)) || Infinity;
      } else {
        items = state.ItemsPath !== undefined ? readPath(state.ItemsPath, effective, ctx) : effective;
        maxConcurrency = Number(state.MaxConcurrencyPath !== undefined ? readPath(state.MaxConcurrencyPath, effective, ctx) : (state.MaxConcurrency ?? 0)) || Infinity;
      }
    } catch (e) {
      if (e instanceof PathNotFound) throw runtimeFailure(name, enteredId, e.message);
      throw e;
    }
    if (!Array.isArray(items)) {
      throw runtimeFailure(name, enteredId, `Map state input must be an array but was: ${items === null ? 'null' : typeof items === 'object' ? 'object' : typeof items}`);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as MachineDefinition;
    this.history.add(thread, 'MapStateStarted', { length: items.length });
    this.host.changed(this);
    const results: unknown[] = new Array(items.length);
    let failure: unknown;
    const abandoned = () => failure !== undefined || (scope.abandoned?.() ?? false);
    // The Map fails as soon as one iteration does; iterations still waiting stop at their next state.
    let failFast: (e: unknown) => void = () => undefined;
    const firstFailure = new Promise<never>((_, reject) => (failFast = reject));
    firstFailure.catch(() => undefined);
    let next = 0;
    const list = items;
    // Each worker takes the next item when its previous one is done: at most MaxConcurrency at once.
    const worker = (): void | Promise<void> => {
      while (next < list.length && failure === undefined) {
        const index = next++;
        const item = { Index: index, Value: list[index] };
        const itemCtx = { ...this.context(name, Date.parse(String((ctx.State as { EnteredTime: string }).EnteredTime)), retryCount, scope), Map: { Item: item } };
        this.history.add(thread, 'MapIterationStarted', { index, name });
        const r = settle(
          () => {
            // Each iteration reads the outer variables; what it assigns stays in it.
            const inner: Scope = { interleave: false, map: item, abandoned, language: scope.language, vars: { ...scope.vars } };
            const value = this.selectItem(state, effective, item, itemCtx, site, b);
            return isPromise(value) ? value.then((v) => this.runStates(processor, processor.StartAt, v, thread, inner)) : this.runStates(processor, processor.StartAt, value, thread, inner);
          },
          (output) => {
            results[index] = output;
            this.history.add(thread, 'MapIterationSucceeded', { index, name }, { advance: false });
          },
          (e) => {
            if (!(e instanceof Halted)) this.history.add(thread, 'MapIterationFailed', { index, name }, { advance: false });
            if (failure === undefined) {
              failure = e;
              failFast(e);
            }
          },
        );
        if (isPromise(r)) return r.then(worker);
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < Math.min(maxConcurrency, list.length); w++) {
      const r = worker();
      if (isPromise(r)) workers.push(r);
      if (next >= list.length) break;
    }
    await Promise.race([Promise.all(workers), firstFailure]).catch(() => undefined);
    thread.last = this.history.events.length;
    if (failure !== undefined) {
      if (failure instanceof StatesFailure) this.history.add(thread, 'MapStateFailed', {});
      throw failure;
    }
    this.history.add(thread, 'MapStateSucceeded', undefined, { advance: false });
    return results;
  }
}
