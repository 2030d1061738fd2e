/** An event file (`*.events.yaml`) as schemas/eventyard-events.schema.json describes it, before variables are filled in. */
export interface EventFile {
  name?: string;
  seed?: number;
  vars?: Record<string, unknown>;
  environments?: Record<string, { vars?: Record<string, unknown> }>;
  steps: Step[];
}

export type Duration = string | number;
export type Attributes = Record<string, string | number>;

export interface SendStep {
  queue: string;
  body: unknown;
  attributes?: Attributes;
  groupId?: string;
  deduplicationId?: string;
  delaySeconds?: number;
  repeat?: number;
}

export interface PublishStep {
  topic: string;
  message: unknown;
  subject?: string;
  attributes?: Attributes;
  groupId?: string;
  deduplicationId?: string;
  repeat?: number;
}

export interface PutRecordsStep {
  stream: string;
  data: unknown;
  partitionKey?: string;
  repeat?: number;
}

export interface PutEventsStep {
  bus?: string;
  source: string;
  detailType: string;
  detail: unknown;
  resources?: string[];
  repeat?: number;
}

export interface StartExecutionStep {
  /** Name or ARN of the state machine (or of a version or alias). */
  stateMachine: string;
  input?: unknown;
  /** The execution's name (default: one AWS makes up). */
  name?: string;
}

export const EXECUTION_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** What a message must hold; every given part must match. */
export interface Predicate {
  body?: unknown;
  bodyContains?: string;
  attributes?: Attributes;
}

export interface Expectation {
  message?: { queue: string; matching?: Predicate; count?: number; within?: Duration };
  empty?: { queue: string; for?: Duration };
  records?: { stream: string; count: number; within?: Duration };
  invoked?: { function: string; with?: unknown; count?: number; within?: Duration };
  /** A Step Functions execution (by ARN, e.g. `${steps.NAME.ExecutionArn}`) ends so, with an output holding `output`. */
  execution?: { arn: string; status?: (typeof EXECUTION_STATUSES)[number]; output?: unknown; within?: Duration };
}

export interface Step {
  name?: string;
  send?: SendStep;
  publish?: PublishStep;
  putRecords?: PutRecordsStep;
  putEvents?: PutEventsStep;
  startExecution?: StartExecutionStep;
  wait?: Duration;
  expect?: Expectation;
}

export const ACTIONS = ['send', 'publish', 'putRecords', 'putEvents', 'startExecution', 'wait', 'expect'] as const;
export type Action = (typeof ACTIONS)[number];
export const EXPECTATIONS = ['message', 'empty', 'records', 'invoked', 'execution'] as const;

/** The step's one action (the parser has checked there is exactly one). */
export function actionOf(step: Step): Action {
  return ACTIONS.find((a) => step[a] !== undefined) ?? 'wait';
}

/** What results and CodeLens call a step: its name, or its action and position. */
export function stepLabel(step: Step, index: number): string {
  if (step.name) return step.name;
  const action = actionOf(step);
  const kind = action === 'expect' ? `expect ${EXPECTATIONS.find((e) => step.expect?.[e] !== undefined) ?? ''}`.trim() : action;
  return `step ${index + 1} (${kind})`;
}
