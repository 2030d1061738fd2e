/**
 * How a user declares a local function: plain JSON, so the same shape comes from a workspace definitions
 * file, the CLI's --config file or the inspector. Relative module paths are resolved against the folder of
 * the file that declared them (resolveDefinitionPaths), before the definition reaches the engine.
 */
import path from 'node:path';
import { AwsError } from '../errors';
import { lambdaLimits } from '../limits';

export interface FunctionDefinition {
  /** FunctionName: 1 to 64 letters, digits, hyphens and underscores. */
  name: string;
  /** Path of the handler module: .js, .cjs, .mjs, or TypeScript (.ts, .mts, .cts) run through tsx. */
  module: string;
  /** The exported handler function's name; default `handler`. */
  handler?: string;
  /** Seconds an invocation may run, 1 to 900; default 3 as on Lambda. */
  timeout?: number;
  environment?: Record<string, string>;
  /** Retries after a failed asynchronous invocation (how SNS invokes), 0 to 2; default 2 as on Lambda. */
  maximumRetryAttempts?: number;
  /** Default BatchSize of this function's event source mappings. */
  batchSize?: number;
  /** Default MaximumBatchingWindowInSeconds of this function's event source mappings. */
  maximumBatchingWindowInSeconds?: number;
  /** Event sources that trigger the function; each becomes an event source mapping. */
  events?: EventSourceDefinition[];
  /**
   * Set by resolveDefinitionPaths, not by users: the folder the module must stay inside, so that a
   * definitions file (perhaps from a cloned repository) cannot make Eventyard run code from elsewhere.
   */
  moduleRoot?: string;
}

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** An event source mapping as declared: the source by name or ARN, options in Lambda's vocabulary. */
export type EventSourceDefinition =
  | {
      type: 'sqs';
      /** Queue name or ARN. */
      queue: string;
      batchSize?: number;
      maximumBatchingWindowInSeconds?: number;
      /** Lambda's FunctionResponseTypes: ReportBatchItemFailures enables partial batch responses. */
      functionResponseTypes?: 'ReportBatchItemFailures'[];
      enabled?: boolean;
    }
  | {
      type: 'kinesis';
      /** Stream name or ARN. */
      stream: string;
      startingPosition?: StartingPosition;
      batchSize?: number;
      maximumBatchingWindowInSeconds?: number;
      bisectBatchOnFunctionError?: boolean;
      /** -1 (the default) retries until the records expire, as on Lambda. */
      maximumRetryAttempts?: number;
      functionResponseTypes?: 'ReportBatchItemFailures'[];
      enabled?: boolean;
    };

const functionName = /^[a-zA-Z0-9_-]{1,64}$/;
const handlerName = /^[A-Za-z_$][\w$]*$/;

const invalid = (message: string) => new AwsError({ code: 'InvalidParameterValueException', message });

/**
 * Checks a definition the way Lambda checks CreateFunction; throws InvalidParameterValueException. Every
 * field is checked, types included, because definitions arrive as JSON from files users write by hand.
 */
export function validateDefinition(definition: FunctionDefinition): void {
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw invalid('A function definition must be an object with at least a name and a module.');
  }
  if (typeof definition.name !== 'string' || !functionName.test(definition.name)) {
    throw invalid(`Function name must be 1 to 64 letters, digits, hyphens or underscores: '${definition.name}'`);
  }
  if (typeof definition.module !== 'string' || !definition.module) {
    throw invalid(`Function ${definition.name} needs the path of its handler module.`);
  }
  if (definition.module.includes('\0')) throw invalid(`The module path of function ${definition.name} contains a NUL character.`);
  if (definition.moduleRoot !== undefined && !isInside(definition.moduleRoot, definition.module)) {
    throw invalid(
      `Function ${definition.name}: module ${definition.module} is outside ${definition.moduleRoot}, the folder of the file that ` +
        'declares it. Handler modules must be inside that folder (or move the definitions file up to a folder that contains them).',
    );
  }
  if (definition.handler !== undefined && (typeof definition.handler !== 'string' || !handlerName.test(definition.handler))) {
    throw invalid(`Handler must name an exported function: '${definition.handler}'`);
  }
  const timeout = definition.timeout;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > lambdaLimits.maxTimeoutSeconds)) {
    throw invalid(`Timeout must be a whole number of seconds from 1 to ${lambdaLimits.maxTimeoutSeconds}: ${timeout}`);
  }
  const retries = definition.maximumRetryAttempts;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0 || retries > 2)) {
    throw invalid(`MaximumRetryAttempts must be 0, 1 or 2: ${retries}`);
  }
  const environment = definition.environment ?? {};
  if (typeof environment !== 'object' || Array.isArray(environment)) {
    throw invalid(`Environment of function ${definition.name} must be an object of names to string values.`);
  }
  for (const [key, value] of Object.entries(environment)) {
    if (!/^[a-zA-Z]\w*$/.test(key) || typeof value !== 'string') {
      throw invalid(`Environment variable ${key} must have a name of letters, digits and underscores and a string value.`);
    }
  }
  for (const field of ['batchSize', 'maximumBatchingWindowInSeconds'] as const) {
    const value = definition[field];
    if (value !== undefined && !Number.isInteger(value)) throw invalid(`${field} of function ${definition.name} must be a whole number: ${value}`);
  }
  const events = definition.events ?? [];
  if (!Array.isArray(events)) throw invalid(`Events of function ${definition.name} must be a list.`);
  for (const event of events) {
    const source = event?.type === 'sqs' ? event.queue : event?.type === 'kinesis' ? event.stream : undefined;
    if (typeof source !== 'string' || !source) {
      throw invalid(`Each event of function ${definition.name} needs a type ('sqs' with a queue, or 'kinesis' with a stream): ${JSON.stringify(event)}`);
    }
  }
}

/** Makes a definition's module path absolute, relative to the folder of the file that declared it. */
export function resolveDefinitionPaths(definition: FunctionDefinition, baseDir: string): FunctionDefinition {
  const root = path.resolve(baseDir);
  return { ...definition, module: path.resolve(root, definition.module), moduleRoot: root };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, path.resolve(root, file));
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
