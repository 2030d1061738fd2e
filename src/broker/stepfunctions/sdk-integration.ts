/**
 * AWS SDK service integrations, `arn:aws:states:::aws-sdk:<service>:<action>`: the action of one of the
 * broker's own services, called through its operation table with the task's parameters as the API's
 * members (AWS's integration uses the Java SDK v2, so parameters and outputs are the API's PascalCase
 * names). A failure is `<Service>.<Code>Exception` with the Java SDK's "(Service: ..., Status Code: ...)"
 * tail, as AWS records it (test_aws_sdk: `S3.NoSuchBucketException`, `Sfn.InvalidTokenException`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { isAwsError } from '../errors';
import type { OperationTable } from '../service-context';
import { StatesFailure } from './failure';
import type { LambdaOutcome, StatesLambdaInvoker } from './tasks';

/** The services an `aws-sdk:` task may name here, by the name in the ARN. */
export const SDK_SERVICES = ['sqs', 'sns', 'kinesis', 'firehose', 'eventbridge', 's3', 'lambda', 'sfn'] as const;
export type SdkService = (typeof SDK_SERVICES)[number];

/** How the Java SDK v2 names each service in its exception names and causes. */
const JAVA_NAME: Record<SdkService, string> = {
  sqs: 'Sqs',
  sns: 'Sns',
  kinesis: 'Kinesis',
  firehose: 'Firehose',
  eventbridge: 'EventBridge',
  s3: 'S3',
  lambda: 'Lambda',
  sfn: 'Sfn',
};

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What the integrations reach: the engines' operation tables (Lambda through the functions port). */
export type SdkPorts = Partial<Record<Exclude<SdkService, 'lambda'>, OperationTable>>;

export function isSdkService(name: string): name is SdkService {
  return (SDK_SERVICES as readonly string[]).includes(name);
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Renames an object's keys, deeply (Step Functions' engine speaks the API's camelCase members). */
function renameKeys(value: unknown, rename: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
  return value;
}

/** An SDK answer as the integration hands it to the state: dates as ISO text, bytes as text, no undefined. */
function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toJson(v)]));
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

/** The error name AWS's integration gives an engine error: the Java SDK's exception class after the service. */
export function sdkErrorName(service: SdkService, code: string): string {
  return `${JAVA_NAME[service]}.${code.endsWith('Exception') ? code : `${code}Exception`}`;
}

/**
 * The Java SDK v2's tail of an exception's message. S3's carries an extended request id (recorded in
 * 2025-01, test_s3_no_such_key); the others the attempt count (recorded in 2025-11, Sfn.InvalidTokenException).
 */
function javaTail(service: SdkService, status: number): string {
  if (service === 's3') return ` (Service: S3, Status Code: ${status}, Request ID: ${randomUUID()}, Extended Request ID: ${randomBytes(48).toString('base64')})`;
  return ` (Service: ${JAVA_NAME[service]}, Status Code: ${status}, Request ID: ${randomUUID()}) (SDK Attempt Count: 1)`;
}

/** An engine's error as the task's failure. */
export function sdkFailure(service: SdkService, e: unknown): unknown {
  if (!isAwsError(e)) return e;
  return new StatesFailure(sdkErrorName(service, e.code), e.message + javaTail(service, e.status));
}

/** S3's actions take and give bytes; the integration gives text (GetObject's Body) and takes JSON (PutObject's). */
async function callS3(ops: OperationTable, action: string, input: Record<string, unknown>): Promise<unknown> {
  if (action === 'PutObject') {
    // Any JSON value is written as its JSON text, a string too (test_s3_put_object: "text data" is 11 bytes).
    const body = input.Body === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(input.Body), 'utf8');
    // The Java SDK sends a CRC32 of every upload, which S3 keeps (test_s3_put_object: ChecksumCRC32).
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    const checksum = crc.toString('base64');
    const out = (await ops.PutObject({ ContentType: 'text/plain; charset=UTF-8', ...input, Body: body, Checksums: { CRC32: checksum } })) as Record<string, unknown>;
    return { ChecksumCRC32: checksum, ChecksumType: 'FULL_OBJECT', ETag: out.ETag, ServerSideEncryption: 'AES256', ...(out.VersionId !== undefined ? { VersionId: out.VersionId } : {}) };
  }
  if (action === 'GetObject' || action === 'HeadObject') {
    const out = (await ops[action](input)) as { version: Record<string, any>; Body: AsyncIterable<Uint8Array> };
    const v = out.version;
    const chunks: Buffer[] = [];
    if (action === 'GetObject') for await (const c of out.Body) chunks.push(Buffer.from(c));
    return {
      AcceptRanges: 'bytes',
      ...(action === 'GetObject' ? { Body: Buffer.concat(chunks).toString('utf8') } : {}),
      ContentLength: v.size,
      ContentType: v.contentType ?? 'binary/octet-stream',
      ETag: v.etag,
      LastModified: new Date(v.lastModified).toISOString(),
      Metadata: v.metadata ?? {},
      ServerSideEncryption: 'AES256',
      ...(v.versionId && v.versionId !== 'null' ? { VersionId: v.versionId } : {}),
    };
  }
  return toJson(await ops[action](input));
}

/**
 * Runs `aws-sdk:<service>:<action>` with `params`; resolves with what the action answers, rejects with
 * the StatesFailure AWS's integration records. `lambda` runs a local function.
 */
export async function callSdk(
  service: SdkService,
  action: string,
  params: unknown,
  ports: SdkPorts,
  lambda?: StatesLambdaInvoker,
): Promise<unknown> {
  const input = (params && typeof params === 'object' && !Array.isArray(params) ? params : {}) as Record<string, unknown>;
  const name = pascal(action);
  if (service === 'lambda') {
    if (name !== 'Invoke' || !lambda) throw unsupported(service, action);
    let outcome: LambdaOutcome;
    try {
      const payload = typeof input.Payload === 'string' ? safeParse(input.Payload) : (input.Payload ?? {});
      outcome = await lambda(String(input.FunctionName), payload);
    } catch (e) {
      throw sdkFailure(service, e);
    }
    // The SDK's Invoke answers a function's error as a 200 with FunctionError; its Payload is the JSON text.
    const payload = outcome.ok ? outcome.output : { errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.trace ?? [] };
    return { ExecutedVersion: '$LATEST', ...(outcome.ok ? {} : { FunctionError: 'Unhandled' }), Payload: JSON.stringify(payload ?? null), StatusCode: 200 };
  }
  const ops = ports[service];
  if (!ops || typeof ops[name] !== 'function') throw unsupported(service, action);
  try {
    if (service === 's3') return await callS3(ops, name, input);
    if (service === 'sfn') return toJson(renameKeys(await ops[name](renameKeys(sfnInput(input), camel)), pascal));
    return toJson(await ops[name](input));
  } catch (e) {
    throw sdkFailure(service, e);
  }
}

/** Step Functions' `Input` and `Output` are JSON text; the integration takes any JSON there and serialises it. */
function sfnInput(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  for (const k of ['Input', 'Output']) if (out[k] !== undefined && out[k] !== null && typeof out[k] !== 'string') out[k] = JSON.stringify(out[k]);
  if (out.Input === null) delete out.Input;
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** An action this broker's engine does not have (our words: AWS's SDK would call the real service). */
function unsupported(service: SdkService, action: string): StatesFailure {
  return new StatesFailure(`${JAVA_NAME[service]}.SdkClientException`, `The action ${action} of ${service} is not available in this broker.`);
}
