/** A function's effective configuration: its definition with Lambda's defaults, ARN and environment. */
import path from 'node:path';
import { AccessKey, arn, Identity, parseArn } from '../identity';
import type { FunctionDefinition } from './definitions';

export interface FunctionConfiguration {
  functionName: string;
  functionArn: string;
  /** Absolute path of the handler module. */
  module: string;
  handler: string;
  /** Seconds. */
  timeout: number;
  environment: Record<string, string>;
  /** Retries of a failed asynchronous invocation. */
  maximumRetryAttempts: number;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  /** Broker time (ms since the epoch) of the last create or update. */
  lastModified: number;
}

export function configuration(definition: FunctionDefinition, identity: Identity, now: number): FunctionConfiguration {
  return {
    functionName: definition.name,
    functionArn: arn(identity, 'lambda', `function:${definition.name}`),
    module: path.resolve(definition.module),
    handler: definition.handler ?? 'handler',
    timeout: definition.timeout ?? 3,
    environment: { ...definition.environment },
    maximumRetryAttempts: definition.maximumRetryAttempts ?? 2,
    ...(definition.batchSize !== undefined ? { batchSize: definition.batchSize } : {}),
    ...(definition.maximumBatchingWindowInSeconds !== undefined
      ? { maximumBatchingWindowInSeconds: definition.maximumBatchingWindowInSeconds }
      : {}),
    lastModified: now,
  };
}

/**
 * What the handler finds in process.env: Lambda's reserved variables, an endpoint and credentials (the
 * endpoint's own key when it checks signatures) so an AWS SDK inside the handler talks to this broker,
 * then the function's own variables.
 */
export function lambdaEnvironment(config: FunctionConfiguration, identity: Identity, endpoint: string, accessKey: AccessKey): Record<string, string> {
  const { region } = identity;
  const base = path.basename(config.module).replace(/\.[^.]*$/, '');
  return {
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    LAMBDA_TASK_ROOT: path.dirname(config.module),
    _HANDLER: `${base}.${config.handler}`,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: accessKey.accessKeyId,
    AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey,
    ...config.environment,
  };
}

/** Accepts a function's name or its ARN (with or without a qualifier such as `:$LATEST`). */
export function functionNameOf(nameOrArn: string): string {
  const parsed = nameOrArn.startsWith('arn:') ? parseArn(nameOrArn) : undefined;
  if (parsed?.service === 'lambda') return parsed.resource.split(':')[1] ?? '';
  return nameOrArn;
}
