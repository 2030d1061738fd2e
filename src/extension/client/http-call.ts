import http from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../server/auth/sha256';
import { TEST_IDENTITY, type RemoteIdentity } from './aws-sdk-clients';

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface HttpCallOptions {
  /** Sign for this AWS service name (its credential scope); unsigned without. */
  service?: string;
  identity?: RemoteIdentity;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One request to the admin routes (`/_eventyard/...`) of another Eventyard, which are no AWS protocol, so no
 * SDK client speaks them: signed with SigV4 for the `eventyard` scope as the SDK signs AWS actions, so a
 * broker that checks signatures serves them too.
 */
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

/** Whether an Eventyard (not some other program) serves `endpoint`: its admin health route answers ok. */
export async function isEventyard(endpoint: string): Promise<boolean> {
  try {
    const answer = await httpCall(endpoint, 'GET', '/_eventyard/health', {}, '', { timeoutMs: 1500 });
    return answer.status === 200 && (JSON.parse(answer.body) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}
