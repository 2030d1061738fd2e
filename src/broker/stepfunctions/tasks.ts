/**
 * Task resources: which ARNs a Task may name and how each reaches the broker's other services, through
 * their public operations (ports given at construction, as EventBridge's targets get theirs). Errors are
 * turned into the names and causes AWS's integrations record (`SQS.AmazonSQSException`,
 * `Lambda.ResourceNotFoundException`, ... with the Java SDK's "(Service: ...; Status Code: ...)" tail).
 */
import { randomUUID } from 'node:crypto';
import { isAwsError } from '../errors';
import type { PutEventsInput, PutEventsOutput } from '../eventbridge/api';
import type { PublishInput, PublishOutput } from '../sns/api';
import type { SendMessageInput, SendMessageOutput } from '../sqs/api';
import { StatesFailure } from './failure';
import { callSdk, isSdkService, type SdkPorts } from './sdk-integration';

export interface StatesPorts {
  sqs?: { SendMessage: (input: SendMessageInput) => SendMessageOutput | Promise<SendMessageOutput> };
  sns?: { Publish: (input: PublishInput) => PublishOutput | Promise<PublishOutput> };
  events?: { PutEvents: (input: PutEventsInput) => PutEventsOutput | Promise<PutEventsOutput> };
  /** Runs a local function synchronously; throws AwsError when there is no such function. */
  lambda?: StatesLambdaInvoker;
  /** A function's ARN from its name, for the causes that name it. */
  functionArn?: (name: string) => string;
  /** `aws-sdk:*` tasks and the distributed Map's S3 reads and writes: the engines' action tables. */
  sdk?: SdkPorts;
  /** Nested executions (`states:startExecution`): start one, and learn how it ended (`.sync`). */
  states?: {
    StartExecution: (input: { stateMachineArn: string; name?: string; input?: string }) => { executionArn: string; startDate: Date };
    ended: (executionArn: string) => Promise<NestedExecution>;
  };
}

/** A nested execution once it ended, as DescribeExecution tells it. */
export interface NestedExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: Date;
  stopDate?: Date;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

export type LambdaOutcome =
  | { ok: true; output: unknown; requestId: string }
  | { ok: false; errorType: string; errorMessage: string; trace?: string[]; requestId: string };

export type StatesLambdaInvoker = (functionName: string, payload: unknown) => Promise<LambdaOutcome>;

export type TaskResource =
  | { kind: 'function'; arn: string }
  | {
      kind: 'service';
      service: 'lambda' | 'sqs' | 'sns' | 'events' | 'states' | 'aws-sdk';
      /** What history details name: `invoke`, `sendMessage.waitForTaskToken`, `startExecution.sync:2`. */
      resource: string;
      /** What history details name as the resource type: the service (`sqs`), or `aws-sdk:s3`. */
      resourceType: string;
      /** `aws-sdk:<service>:<action>`: which service and action (the action without `.waitForTaskToken`). */
      sdk?: { service: string; action: string };
      waitForTaskToken: boolean;
      /** `.sync` (1: the nested execution's input and output as JSON text) or `.sync:2` (as JSON). */
      sync?: 1 | 2;
    };

const SERVICE_ACTIONS: Record<string, 'lambda' | 'sqs' | 'sns' | 'events' | 'states'> = {
  'lambda:invoke': 'lambda',
  'sqs:sendMessage': 'sqs',
  'sns:publish': 'sns',
  'events:putEvents': 'events',
  'states:startExecution': 'states',
};

/** The resource a Task names, or undefined when this broker (and AWS) cannot run it. */
export function parseResource(arn: string): TaskResource | undefined {
  if (/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[A-Za-z0-9_-]+(:[\w$-]+)?$/.test(arn)) return { kind: 'function', arn };
  const sdk = /^arn:aws[\w-]*:states:[\w-]*:\d*:aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)(\.waitForTaskToken)?$/.exec(arn);
  if (sdk) {
    // Any service's name passes, as AWS's list is long; one this broker does not have fails when it runs.
    return { kind: 'service', service: 'aws-sdk', resource: sdk[2] + (sdk[3] ?? ''), resourceType: `aws-sdk:${sdk[1]}`, waitForTaskToken: sdk[3] !== undefined, sdk: { service: sdk[1], action: sdk[2] } };
  }
  const m = /^arn:aws[\w-]*:states:[\w-]*:\d*:(\w+):(\w+)(\.waitForTaskToken|\.sync(?::2)?)?$/.exec(arn);
  if (!m) return undefined;
  const service = Object.hasOwn(SERVICE_ACTIONS, `${m[1]}:${m[2]}`) ? SERVICE_ACTIONS[`${m[1]}:${m[2]}`] : undefined;
  if (!service) return undefined;
  // `.sync` only where this broker can wait for the job: a nested execution.
  if (m[3]?.startsWith('.sync') && service !== 'states') return undefined;
  const sync = m[3] === '.sync' ? 1 : m[3] === '.sync:2' ? 2 : undefined;
  return { kind: 'service', service, resource: m[2] + (m[3] ?? ''), resourceType: service, waitForTaskToken: m[3] === '.waitForTaskToken', ...(sync ? { sync } : {}) };
}

/** What the Java SDK's exceptions carry after the message, as the integrations' causes show it. */
const javaTail = (service: string, status: number, code: string) =>
  ` (Service: ${service}; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()}; Proxy: null)`;

/** The metadata AWS's integrations add to an SDK response. */
function sdkMetadata(requestId: string, contentType: string): Record<string, unknown> {
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: { 'x-amzn-RequestId': [requestId], 'Content-Type': [contentType] },
      HttpHeaders: { 'x-amzn-RequestId': requestId, 'Content-Type': contentType },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Calls a service integration (request-response part); resolves with the output AWS's integration gives. */
export async function callService(resource: TaskResource & { kind: 'service' }, params: unknown, ports: StatesPorts): Promise<unknown> {
  const p = (params ?? {}) as Record<string, unknown>;
  switch (resource.service) {
    case 'aws-sdk': {
      const { service, action } = resource.sdk!;
      if (!isSdkService(service)) throw new StatesFailure(`${service.charAt(0).toUpperCase()}${service.slice(1)}.SdkClientException`, `The service ${service} is not available in this broker.`);
      return callSdk(service, action, params, ports.sdk ?? {}, ports.lambda);
    }
    case 'lambda': {
      const outcome = await invokeFunction(String(p.FunctionName), p.Payload ?? null, ports);
      const requestId = outcome.requestId;
      return { ExecutedVersion: '$LATEST', Payload: outcome.output, ...sdkMetadata(requestId, 'application/json'), StatusCode: 200 };
    }
    case 'sqs': {
      if (!ports.sqs) throw new StatesFailure('SQS.SdkClientException', 'Amazon SQS is not available in this broker.');
      try {
        const input: SendMessageInput = { ...(p as object), MessageBody: p.MessageBody === undefined ? (undefined as never) : text(p.MessageBody) } as SendMessageInput;
        if (p.MessageBody === undefined) delete (input as Partial<SendMessageInput>).MessageBody;
        const out = await ports.sqs.SendMessage(input);
        return { ...out, ...sdkMetadata(randomUUID(), 'application/x-amz-json-1.0') };
      } catch (e) {
        if (!isAwsError(e)) throw e;
        throw new StatesFailure('SQS.AmazonSQSException', e.queryMessage + javaTail('AmazonSQS', e.status, e.queryCode));
      }
    }
    case 'sns': {
      if (!ports.sns) throw new StatesFailure('SNS.SdkClientException', 'Amazon SNS is not available in this broker.');
      try {
        const out = await ports.sns.Publish({ ...(p as object), ...(p.Message !== undefined ? { Message: text(p.Message) } : {}) } as PublishInput);
        return { ...out, ...sdkMetadata(randomUUID(), 'text/xml') };
      } catch (e) {
        if (!isAwsError(e)) throw e;
        throw new StatesFailure(`SNS.${e.queryCode}Exception`, e.message + javaTail('AmazonSNS', e.status, e.queryCode));
      }
    }
    case 'events': {
      if (!ports.events) throw new StatesFailure('EventBridge.SdkClientException', 'Amazon EventBridge is not available in this broker.');
      const entries = Array.isArray(p.Entries) ? (p.Entries as Record<string, unknown>[]) : [];
      try {
        // The integration takes Detail as JSON and sends it as text (PutEvents wants a string).
        const out = await ports.events.PutEvents({ Entries: entries.map((e) => ({ ...e, ...(e.Detail !== undefined ? { Detail: text(e.Detail) } : {}) })) } as PutEventsInput);
        if (out.FailedEntryCount) throw new StatesFailure('EventBridge.FailedEntry', JSON.stringify({ Entries: out.Entries, FailedEntryCount: out.FailedEntryCount }));
        return { Entries: out.Entries, FailedEntryCount: out.FailedEntryCount };
      } catch (e) {
        if (!isAwsError(e)) throw e;
        throw new StatesFailure(`EventBridge.${e.code}Exception`, e.message + javaTail('EventBridge', e.status, e.code));
      }
    }
    case 'states': {
      if (!ports.states) throw new StatesFailure('StepFunctions.SdkClientException', 'Step Functions is not available in this broker.');
      try {
        // Input as JSON or text; none (or null) starts the nested execution with {} (test_start_execution_sync).
        const input = p.Input === undefined || p.Input === null ? undefined : text(p.Input);
        const out = ports.states.StartExecution({ stateMachineArn: String(p.StateMachineArn), ...(p.Name !== undefined ? { name: String(p.Name) } : {}), ...(input !== undefined ? { input } : {}) });
        return { ExecutionArn: out.executionArn, ...sdkMetadata(randomUUID(), 'application/x-amz-json-1.0'), StartDate: out.startDate.getTime() };
      } catch (e) {
        if (!isAwsError(e)) throw e;
        throw new StatesFailure(`StepFunctions.${e.code}Exception`, e.message + javaTail('AWSStepFunctions', e.status, e.code));
      }
    }
  }
}

/**
 * What a `.sync` task gives when its nested execution has ended: its description (input and output as
 * JSON text for `.sync`, as JSON for `.sync:2`), as the output when it succeeded or as the cause of
 * States.TaskFailed otherwise.
 */
export function nestedOutcome(ended: NestedExecution, sync: 1 | 2): { ok: boolean; value: Record<string, unknown> } {
  const json = (t: string | undefined) => (t === undefined ? undefined : sync === 2 ? (JSON.parse(t) as unknown) : t);
  const ok = ended.status === 'SUCCEEDED';
  const value: Record<string, unknown> = {
    ...(!ok && ended.cause !== undefined ? { Cause: ended.cause } : {}),
    ...(!ok && ended.error !== undefined ? { Error: ended.error } : {}),
    ExecutionArn: ended.executionArn,
    Input: json(ended.input ?? '{}'),
    InputDetails: { Included: true },
    Name: ended.name,
    ...(ok ? { Output: json(ended.output), OutputDetails: { Included: true } } : {}),
    StartDate: ended.startDate.getTime(),
    StateMachineArn: ended.stateMachineArn,
    Status: ended.status,
    ...(ended.stopDate ? { StopDate: ended.stopDate.getTime() } : {}),
  };
  return { ok, value };
}

/**
 * Runs a local function and resolves with its outcome; a missing function fails the task as AWS's does
 * (Lambda.ResourceNotFoundException), a function error is left to the caller (the two ways of calling
 * Lambda record it differently).
 */
export async function invokeFunction(functionName: string, payload: unknown, ports: StatesPorts): Promise<LambdaOutcome & { ok: true }> {
  if (!ports.lambda) throw new StatesFailure('Lambda.SdkClientException', 'Local functions are not available in this broker.');
  let outcome: LambdaOutcome;
  try {
    outcome = await ports.lambda(functionName, payload);
  } catch (e) {
    if (!isAwsError(e)) throw e;
    const arn = functionName.startsWith('arn:') ? functionName : (ports.functionArn?.(functionName) ?? functionName);
    throw new StatesFailure('Lambda.ResourceNotFoundException', `Function not found: ${arn}:$LATEST` + javaTail('AWSLambda', 404, 'ResourceNotFoundException'));
  }
  if (!outcome.ok) {
    const cause = JSON.stringify({ errorMessage: outcome.errorMessage, errorType: outcome.errorType, requestId: outcome.requestId, stackTrace: outcome.trace ?? [] });
    throw new StatesFailure(outcome.errorType, cause);
  }
  return outcome;
}
