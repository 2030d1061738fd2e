import { AwsError } from '../../broker/errors';

/** What every SDK v3 service error carries (`ServiceException`), read by shape so any service's fits. */
interface SdkServiceError {
  name: string;
  message: string;
  $fault: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  /** JSON protocols: the error shape, `com.amazonaws.sqs#QueueDoesNotExist` or `ResourceNotFoundException`. */
  __type?: unknown;
  /** Query protocol (SNS) and query-compatible JSON (SQS): the query error code, `NotFound`, `AWS.SimpleQueueService.NonExistentQueue`. */
  Code?: unknown;
}

function isSdkServiceError(e: unknown): e is SdkServiceError {
  return e instanceof Error && typeof (e as Partial<SdkServiceError>).$fault === 'string';
}

/** The socket-level failures that mean nothing answers at the endpoint (Node's codes and the SDK's timeout). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'TimeoutError']);

/**
 * An SDK failure as the in-process client reports the same failure, so callers see one error type: AWS's
 * answer becomes the `AwsError` the engine threw (the code the engine gave it, its message and HTTP
 * status); a broker that does not answer becomes a sentence saying so. Nothing of the request is kept
 * (the SDK's errors hold no credentials, and only code, message and status are copied), so the error can
 * be shown or logged as it is.
 */
export function fromSdkError(e: unknown, endpoint: string): Error {
  if (isSdkServiceError(e)) {
    return new AwsError({
      code: wireCode(e),
      message: e.message,
      status: e.$metadata?.httpStatusCode ?? (e.$fault === 'server' ? 500 : 400),
      fault: e.$fault === 'server' ? 'Receiver' : 'Sender',
      ...(typeof e.Code === 'string' ? { queryCode: e.Code } : {}),
    });
  }
  const code = (e as { code?: unknown } | undefined)?.code ?? (e as { name?: unknown } | undefined)?.name;
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new Error(`The broker at ${endpoint} does not answer (${code}): the window or \`eventyard serve\` that ran it may have stopped.`);
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The code the engine gave the error. The SDK names a modeled error by its shape (`NotFoundException`),
 * but the engine names it as the wire does: JSON protocols by `__type` (less its namespace and any
 * `:detail` suffix), the query protocol by `Code`. SQS sends both; its JSON code is the engine's `code`
 * and its query code the `queryCode`, as in-process.
 */
function wireCode(e: SdkServiceError): string {
  if (typeof e.__type === 'string' && e.__type) return e.__type.slice(e.__type.indexOf('#') + 1).split(':')[0];
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  return e.name;
}
