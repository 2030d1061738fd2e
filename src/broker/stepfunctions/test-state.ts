/**
 * TestState: runs one state, alone or named in a whole machine, through the same interpreter as an
 * execution (a throwaway run: its history and task tokens are kept nowhere) and answers what AWS's
 * TestState answers: the output or the error, the next state, the status (SUCCEEDED, FAILED,
 * CAUGHT_ERROR, RETRIABLE) and, from DEBUG up, each step of the state's data flow. Shapes and words are
 * AWS's as recorded in LocalStack's test_test_state_scenarios snapshots (recorded against AWS, 2025-11).
 */
import { randomUUID } from 'node:crypto';
import type { Scheduler } from '../scheduler';
import type * as api from './api';
import { statesErrors } from './errors';
import { StatesFailure } from './failure';
import { ExecutionRun, RetriableFailure, type InspectionField, type MachineDefinition, type StateDefinition, type StateInspector } from './interpreter';
import type { StatesPorts } from './tasks';
import { parseResource } from './tasks';
import { invalidDefinitionMessage, validateDefinition } from './validate';

/** What a single state is called when tested alone: AWS's context object says `StateName`. */
const LONE_STATE = 'StateName';

export interface TestStateDeps {
  scheduler: Scheduler;
  region: string;
  ports: StatesPorts;
  /** ARNs in the test's context object: the express execution and the machine it pretends to be. */
  arn: (resource: string) => string;
}

/** The targets a state may go to, which a lone state's definition names without defining. */
function targets(state: StateDefinition): string[] {
  const out = [state.Next, state.Default, ...((state.Choices ?? []) as { Next?: string }[]).map((c) => c.Next), ...((state.Catch ?? []) as { Next?: string }[]).map((c) => c.Next)];
  return out.filter((t): t is string => typeof t === 'string');
}

function parseJson(text: string | undefined, member: string): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw statesErrors.invalidExecutionInput(`Invalid ${member}: ${text.length > 100 ? `${text.slice(0, 100)}...` : text}`);
  }
}

/** The machine and state to run: `stateName` in a whole machine, or the lone state as the machine's one state. */
function machineFor(input: api.TestStateInput): { definition: MachineDefinition; name: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.definition);
  } catch {
    const { diagnostics } = validateDefinition(input.definition, true);
    throw statesErrors.invalidDefinition(invalidDefinitionMessage(diagnostics));
  }
  if (input.stateName !== undefined) {
    const { definition, diagnostics } = validateDefinition(input.definition, false);
    if (diagnostics.length) throw statesErrors.invalidDefinition(invalidDefinitionMessage(diagnostics));
    const machine = definition as unknown as MachineDefinition;
    // Not recorded from AWS: our words.
    if (!Object.hasOwn(machine.States, input.stateName)) throw statesErrors.testStateValidation(`State '${input.stateName}' does not exist in the definition`);
    return { definition: machine, name: input.stateName };
  }
  const state = parsed as StateDefinition;
  // The states it goes to stand in as Succeed states, so that the definition checks as a whole machine.
  const states: Record<string, StateDefinition> = { [LONE_STATE]: state };
  if (state && typeof state === 'object' && !Array.isArray(state)) for (const t of targets(state)) if (t !== LONE_STATE) states[t] = { Type: 'Succeed' };
  const machine = { ...(typeof state?.QueryLanguage === 'string' ? { QueryLanguage: state.QueryLanguage } : {}), StartAt: LONE_STATE, States: states };
  const { diagnostics } = validateDefinition(JSON.stringify(machine), false);
  if (diagnostics.length) throw statesErrors.invalidDefinition(invalidDefinitionMessage(diagnostics));
  return { definition: machine as MachineDefinition, name: LONE_STATE };
}

/** The mock as the interpreter takes it: a result parsed from JSON, or an error. */
function mockFor(mock: api.TestStateInput['mock']): StateInspector['mock'] {
  if (!mock) return undefined;
  if (mock.result !== undefined) return { result: parseJson(mock.result, 'mock result') };
  if (mock.errorOutput) return { error: mock.errorOutput.error ?? '', ...(mock.errorOutput.cause !== undefined ? { cause: mock.errorOutput.cause } : {}) };
  return undefined;
}

export async function testState(input: api.TestStateInput, deps: TestStateDeps): Promise<api.TestStateOutput> {
  const level = input.inspectionLevel ?? 'INFO';
  const { definition, name } = machineFor(input);
  const state = definition.States[name];
  const mock = mockFor(input.mock);
  // AWS needs a role to call the task's service; a mocked task calls none (test_localstack_blogpost_scenario).
  if (state.Type === 'Task' && input.roleArn === undefined && !mock) throw statesErrors.testStateValidation('RoleArn must be specified when testing a Task state');
  const resource = state.Type === 'Task' ? parseResource(String(state.Resource)) : undefined;
  if (!mock && resource?.kind === 'service' && (resource.waitForTaskToken || resource.sync !== undefined)) {
    // AWS's TestState supports neither pattern without a mock; these words are ours.
    throw statesErrors.testStateValidation('TestState does not support the .sync or .waitForTaskToken integration patterns without a mock');
  }
  const stateInput = parseJson(input.input, 'input');
  const variables = parseJson(input.variables, 'variables');

  const inspection: Partial<Record<InspectionField, unknown>> = {};
  let caught: { failure: StatesFailure; catchIndex: number } | undefined;
  const inspector: StateInspector = {
    record: (field, value) => {
      inspection[field] = value;
    },
    caught: (failure, catchIndex) => {
      caught = { failure, catchIndex };
    },
    ...(mock ? { mock } : {}),
  };
  const machineName = randomUUID();
  const executionName = randomUUID();
  const run = new ExecutionRun(
    { scheduler: deps.scheduler, region: deps.region, ports: deps.ports, tokens: new Map(), changed: () => undefined, inspector },
    definition,
    {
      executionArn: deps.arn(`express:${machineName}:${executionName}`),
      name: executionName,
      stateMachineArn: deps.arn(`stateMachine:${machineName}`),
      stateMachineName: machineName,
      roleArn: input.roleArn ?? (null as unknown as string),
      input: stateInput,
      startTime: deps.scheduler.now(),
    },
  );
  if (variables && typeof variables === 'object' && !Array.isArray(variables)) Object.assign(run.variables, variables);

  const out: api.TestStateOutput = { status: 'SUCCEEDED' };
  let errorDetails: Record<string, number> | undefined;
  try {
    const { output, next } = await run.runOneState(name, stateInput);
    out.output = JSON.stringify(output);
    if (next !== undefined) out.nextState = next;
    if (caught) {
      out.status = 'CAUGHT_ERROR';
      out.error = caught.failure.error;
      if (caught.failure.cause !== undefined) out.cause = caught.failure.cause;
      errorDetails = { catchIndex: caught.catchIndex };
    }
  } catch (e) {
    const retriable = e instanceof RetriableFailure ? e : undefined;
    const failure = retriable ? retriable.failure : e instanceof StatesFailure ? e : new StatesFailure('States.Runtime', (e as Error)?.message ?? String(e));
    out.status = retriable ? 'RETRIABLE' : 'FAILED';
    if (failure.error !== '') out.error = failure.error;
    if (failure.cause !== undefined) out.cause = failure.cause;
    if (retriable) {
      errorDetails = { retryIndex: retriable.retryIndex, retryBackoffIntervalSeconds: Math.round(retriable.backoffSeconds) };
    }
  }
  if (level !== 'INFO') {
    const data: api.InspectionData = {};
    for (const [k, v] of Object.entries(inspection)) {
      (data as Record<string, unknown>)[k] = k === 'maxConcurrency' || k.startsWith('toleratedFailure') ? v : JSON.stringify(v);
    }
    if (Object.keys(run.variables).length) data.variables = JSON.stringify(run.variables);
    if (errorDetails) data.errorDetails = errorDetails;
    // TRACE adds the HTTP request and response of an HTTP Task (`http:invoke`), which this broker does not run;
    // revealSecrets only uncovers what an EventBridge connection adds to that request, so it changes nothing here.
    out.inspectionData = data;
  }
  return out;
}
