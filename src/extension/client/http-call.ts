import http from 'node:http';
import { AwsError } from '../../broker/errors';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One request to the endpoint of another Eventyard (always loopback, plain HTTP/1.1). */
export function httpCall(endpoint: string, method: string, path: string, headers: Record<string, string>, body = '', timeoutMs = 5000): Promise<HttpAnswer> {
  const url = new URL(path, endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
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

/** An AWS JSON 1.0/1.1 call; an error answer rejects with the AwsError it names. */
export async function jsonCall(endpoint: string, target: string, version: '1.0' | '1.1', input: unknown): Promise<unknown> {
  const answer = await httpCall(endpoint, 'POST', '/', {
    'content-type': `application/x-amz-json-${version}`,
    'x-amz-target': target,
  }, JSON.stringify(wireValue(input ?? {})));
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
    const answer = await httpCall(endpoint, 'GET', '/_eventyard/health', {}, '', 1500);
    return answer.status === 200 && (JSON.parse(answer.body) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}
