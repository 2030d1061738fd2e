import http from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from '../../broker/errors';
import { Sha256 } from '../../server/auth/sha256';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * Who this window is to another Eventyard: requests are signed with SigV4 as an AWS SDK signs them, so a
 * broker that checks signatures (`eventyard.accessKeys`, `serve --access-key`) serves them too.
 */
export interface RemoteIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** What a broker that checks no signatures accepts, and what the SDKs' examples use locally. */
export const TEST_IDENTITY: RemoteIdentity = { accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1' };

export interface HttpCallOptions {
  /** Sign for this AWS service name (its credential scope); unsigned without. */
  service?: string;
  identity?: RemoteIdentity;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One request to the endpoint of another Eventyard (always loopback, plain HTTP/1.1). */
export async function httpCall(endpoint: string, method: string, path: string, headers: Record<string, string>, body = '', options: HttpCallOptions = {}): Promise<HttpAnswer> {
  const url = new URL(path, endpoint);
  const timeoutMs = options.timeoutMs ?? 5000;
  const signed = options.service ? await sign(url, method, headers, body, options.service, options.identity ?? TEST_IDENTITY) : headers;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...signed, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs, signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${endpoint} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function sign(url: URL, method: string, headers: Record<string, string>, body: string, service: string, identity: RemoteIdentity): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service,
    region: identity.region,
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...headers, host: url.host },
    body,
  });
  return signed.headers;
}

/** An AWS JSON 1.0/1.1 call, signed; an error answer rejects with the AwsError it names. */
export async function jsonCall(endpoint: string, service: string, target: string, version: '1.0' | '1.1', input: unknown, identity?: RemoteIdentity): Promise<unknown> {
  const answer = await httpCall(endpoint, 'POST', '/', {
    'content-type': `application/x-amz-json-${version}`,
    'x-amz-target': target,
  }, JSON.stringify(wireValue(input ?? {})), { service, identity });
  const parsed = answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {};
  if (answer.status >= 300) {
    const type = String(parsed.__type ?? 'InternalFailure');
    throw new AwsError({
      code: type.slice(type.indexOf('#') + 1),
      message: String(parsed.message ?? parsed.Message ?? `HTTP ${answer.status}`),
      status: answer.status,
    });
  }
  return parsed;
}

/** An engine input as AWS JSON carries it: bytes as base64, timestamps as epoch seconds. */
function wireValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(wireValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireValue(v)]));
  }
  return value;
}

/** Whether an Eventyard (not some other program) serves `endpoint`: its admin health route answers ok. */
export async function isEventyard(endpoint: string): Promise<boolean> {
  try {
    const answer = await httpCall(endpoint, 'GET', '/_eventyard/health', {}, '', { timeoutMs: 1500 });
    return answer.status === 200 && (JSON.parse(answer.body) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}
