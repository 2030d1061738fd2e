import type { Broker } from '../../broker/broker';
import { AwsError, commonErrors, isAwsError } from '../../broker/errors';
import type { RequestInfo, S3Action } from '../../broker/s3/api';
import { S3Error } from '../../broker/s3/errors';
import { requestIdOf } from '../../broker/s3/notifications';
import { clientOf, type TraceOrigin, withOrigin } from '../../broker/trace/cause';
import type { OperationTable } from '../../broker/service-context';
import type { WireRequest, WireResponse } from '../wire';
import { decodeInput, encodeOutput } from './codec';
import { actionOf } from './operations';
import type { S3Address } from './routing';
import { element } from './xml';

export type Logger = (line: string) => void;

/**
 * An S3 REST request: the action from method, path and sub-resource, its input from headers, query and
 * XML body, the engine's operation through `Broker.request` (limits, durability), and the answer in S3's
 * REST/XML shape, errors as `<Error>` documents with AWS's codes and statuses.
 */
export async function dispatchS3(broker: Broker, request: WireRequest, address: S3Address, log: Logger): Promise<WireResponse> {
  try {
    const action = actionOf(request, address);
    const input = decodeInput(action, request, address);
    const info: RequestInfo = { requestId: request.requestId, sourceIp: '127.0.0.1' };
    const table = broker.s3.operations as unknown as OperationTable;
    const userAgent = request.headers['user-agent'];
    const origin: TraceOrigin = { via: 'wire', protocol: 'rest-xml', action, userAgent, client: clientOf(userAgent) };
    const output = (await broker.request('s3', action, () => withOrigin(origin, () => table[action]({ ...input, Request: info })))) as Record<string, unknown>;
    const bucket = address.bucket === undefined ? undefined : broker.s3.buckets.get(address.bucket);
    const response = encodeOutput(action, output, request, input, bucket?.versioning !== undefined);
    response.headers = { ...ids(request), ...response.headers };
    return response;
  } catch (e) {
    return s3ErrorResponse(request, asAwsError(e, request, log));
  }
}

function asAwsError(e: unknown, request: WireRequest, log: Logger): AwsError {
  if (isAwsError(e)) return e;
  log(`InternalFailure for request ${request.requestId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return commonErrors.internal();
}

function ids(request: WireRequest): Record<string, string> {
  return { 'x-amz-request-id': requestIdOf(request.requestId), 'x-amz-id-2': Buffer.from(request.requestId).toString('base64') };
}

/** S3's error document: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>`; HEAD and 304 answers carry no body. */
export function s3ErrorResponse(request: WireRequest, error: AwsError): WireResponse {
  const extra = error instanceof S3Error ? error.extra : {};
  const headers = { ...ids(request), ...(error instanceof S3Error ? error.headers : {}) };
  // The query services' legacy names (InternalFailure) are S3's InternalError.
  const code = error.code === 'InternalFailure' ? 'InternalError' : error.code;
  if (request.method === 'HEAD' || error.status === 304) return { status: error.status, headers, body: '' };
  const members = [element('Code', code), element('Message', error.message)];
  for (const [k, v] of Object.entries(extra)) members.push(element(k, v));
  members.push(element('RequestId', requestIdOf(request.requestId)), element('HostId', headers['x-amz-id-2']));
  return {
    status: error.status,
    headers: { ...headers, 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${members.join('')}</Error>`,
  };
}

export type { S3Action };
