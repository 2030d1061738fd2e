import http from 'node:http';
import https from 'node:https';

/**
 * One POST to a subscriber's or destination's URL, as SNS and Firehose make them: the answer's status and
 * its first `maxAnswerBytes` (the rest is drained unread), or an error when the request failed or no answer
 * came within `timeoutMs`.
 */
export function postOnce(
  url: string,
  headers: Record<string, string>,
  body: string,
  limits: { timeoutMs: number; maxAnswerBytes: number },
): Promise<{ status: number; body: string }> {
  return requestOnce('POST', url, headers, body, limits);
}

/** One request with any method (EventBridge API destinations); no body is sent when `body` is undefined. */
export function requestOnce(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  { timeoutMs, maxAnswerBytes }: { timeoutMs: number; maxAnswerBytes: number },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxAnswerBytes) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    if (body === undefined) req.end();
    else req.end(body);
  });
}
