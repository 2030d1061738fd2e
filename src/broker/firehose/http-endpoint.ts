import { randomUUID } from 'node:crypto';

/**
 * The Firehose HTTP endpoint delivery contract: a JSON POST of base64 records with the X-Amz-Firehose-*
 * headers, answered 200 with the same requestId. The poster does the I/O (node:http in `serve` and the
 * extension), so the engine stays free of sockets.
 */
export interface HttpEndpointPoster {
  post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
}

export interface EndpointRequest {
  requestId: string;
  headers: Record<string, string>;
  body: string;
}

export function endpointRequest(
  records: Buffer[],
  at: number,
  sourceArn: string,
  accessKey: string | undefined,
  commonAttributes: { AttributeName: string; AttributeValue: string }[],
): EndpointRequest {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-firehose-protocol-version': '1.0',
    'x-amz-firehose-request-id': requestId,
    'x-amz-firehose-source-arn': sourceArn,
  };
  if (accessKey) headers['x-amz-firehose-access-key'] = accessKey;
  if (commonAttributes.length) {
    const attrs = Object.fromEntries(commonAttributes.map((a) => [a.AttributeName, a.AttributeValue]));
    headers['x-amz-firehose-common-attributes'] = JSON.stringify({ commonAttributes: attrs });
  }
  const body = JSON.stringify({ requestId, timestamp: at, records: records.map((r) => ({ data: r.toString('base64') })) });
  return { requestId, headers, body };
}

/** Why an endpoint's answer does not acknowledge the request, or undefined when it does. */
export function refusal(answer: { status: number; body: string }, requestId: string): string | undefined {
  if (answer.status < 200 || answer.status > 299) return `The endpoint answered HTTP ${answer.status}.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'The response from the endpoint is not valid JSON.';
  }
  const id = (parsed as { requestId?: unknown } | null)?.requestId;
  if (id !== requestId) return `The response requestId ${String(id)} does not match the request's ${requestId}.`;
  return undefined;
}
