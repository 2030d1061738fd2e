import { AwsError } from '../../broker/errors';
import type { ServiceBinding } from '../binding';
import type { WireResponse } from '../wire';
import { encodeOutput } from './output-values';
import { serialization } from './type-check';

type Target = NonNullable<ServiceBinding['target']>;

/** The AWS JSON 1.0 / 1.1 protocols: a JSON object in, a JSON object out, errors named by `__type`. */
export function decodeJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw serialization();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw serialization('Start of list found where not expected');
  }
  return value as Record<string, unknown>;
}

export function encodeJsonResult(output: unknown, target: Target, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType(target), 'x-amzn-requestid': requestId },
    body: JSON.stringify(toJsonValue(output ?? {})),
  };
}

export function encodeJsonError(error: AwsError, target: Target, requestId: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': contentType(target),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.code,
  };
  if (target.queryCompatible) headers['x-amzn-query-error'] = `${error.queryCode};${error.fault}`;
  return { status: error.status, headers, body: JSON.stringify(jsonErrorBody(error, target)) };
}

/**
 * `{"__type": ..., "message": ...}`; bare (no message) where AWS sends none, as for an unknown operation or
 * an empty body. AWS's Java front end capitalises `Message` in the SerializationException of JSON 1.1
 * services (Kinesis, Firehose, EventBridge); the SDKs read either spelling.
 */
function jsonErrorBody(error: AwsError, target: Target): Record<string, unknown> {
  const body: Record<string, unknown> = { __type: `${target.errorTypePrefix ?? ''}${error.code}` };
  if (error.message === '') return body;
  const key = error.code === 'SerializationException' && target.jsonVersion === '1.1' ? 'Message' : 'message';
  body[key] = error.message;
  return error.members ? { ...body, ...error.members } : body;
}

/** An action whose output AWS's model leaves out answers 200 with an empty body, as AWS does, not `{}`. */
export function encodeJsonEmpty(target: Target, requestId: string): WireResponse {
  return { status: 200, headers: { 'content-type': contentType(target), 'x-amzn-requestid': requestId }, body: '' };
}

function contentType(target: Target): string {
  return `application/x-amz-json-${target.jsonVersion}`;
}

/** Timestamps travel as epoch seconds and blobs as base64 in every AWS JSON protocol. */
function toJsonValue(value: unknown): unknown {
  return encodeOutput(value, { date: (d) => d.getTime() / 1000, bytes: (b) => Buffer.from(b).toString('base64') });
}
