import { fromSdkError } from '../client/sdk-errors';
import { isAwsError } from '../../broker/errors';

/** Where a failure happened, to word the action: which profile signs, which endpoint and region answer. */
export interface ErrorContext {
  profile?: string;
  endpoint?: string;
  region: string;
}

/**
 * A failure of a call on a connection, worded for the person at the editor: what went wrong and what to do,
 * never a stack trace. `code` is AWS's error code (or the SDK's name for a local failure); the message
 * holds AWS's own words where they help. Nothing of the credentials is in it: the SDK's errors hold none
 * and only code, message and status are read.
 */
export class ConnectionError extends Error {
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** Codes that mean the signature's key is unknown, wrong or unsigned (IAM-style, Coral and S3-style names). */
const BAD_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'IncompleteSignatureException', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'AuthFailure', 'InvalidAccessKeyId']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'AuthorizationErrorException', 'KMSAccessDeniedException']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled', 'RequestThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'ProvisionedThroughputExceededException', 'LimitExceededException', 'SlowDown']);
/** The endpoint does not implement the action (an emulator covering part of a service, or none of it). */
const UNSUPPORTED = new Set(['UnknownOperationException', 'InvalidAction', 'UnsupportedOperation', 'UnsupportedOperationException', 'NotImplemented', 'NotImplementedException']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);

/** The SDK's local credential failures (no profile, SSO token missing or expired, credential_process failed). */
function isCredentialsProviderError(e: unknown): e is Error {
  return e instanceof Error && (e.name === 'CredentialsProviderError' || e.name === 'TokenProviderError' || e.name === 'ProviderError');
}

/**
 * An SDK failure on a connection as a `ConnectionError` whose message says what to do: an expired or
 * missing SSO session (`aws sso login --profile X`), refused or expired credentials, access denied,
 * throttling, an endpoint that does not answer. Any other AWS error keeps its code and AWS's message.
 */
export function explainError(e: unknown, where: ErrorContext): ConnectionError {
  if (e instanceof ConnectionError) return e;
  const profile = where.profile ? `profile ${where.profile}` : 'the test keys (no profile)';
  const at = where.endpoint ?? `AWS in ${where.region}`;
  if (isCredentialsProviderError(e)) {
    const text = e.message;
    if (/sso|token/i.test(text) && where.profile) {
      return new ConnectionError('SsoLoginRequired', `The SSO session of profile ${where.profile} has expired or was never started. Run \`aws sso login --profile ${where.profile}\` in a terminal, then expand the connection again.`);
    }
    if (/credential_process|process/i.test(text)) {
      return new ConnectionError('CredentialProcessFailed', `The credential_process of ${profile} failed: ${firstLine(text)} Run it in a terminal to see why.`);
    }
    return new ConnectionError('NoCredentials', `No credentials could be read for ${profile}: ${firstLine(text)} Check the profile in your AWS config and credentials files (\`aws configure list --profile ${where.profile ?? 'default'}\`).`);
  }
  const mapped = fromSdkError(e, at);
  if (isAwsError(mapped)) {
    const code = mapped.code;
    if (EXPIRED.has(code) || EXPIRED.has(mapped.queryCode ?? '')) {
      return new ConnectionError(code, `The credentials of ${profile} have expired (${code}). Refresh them${where.profile ? ` (\`aws sso login --profile ${where.profile}\` for an SSO profile, or renew the keys or session token)` : ''}, then expand the connection again.`, mapped.status);
    }
    if (BAD_CREDENTIALS.has(code) || BAD_CREDENTIALS.has(mapped.queryCode ?? '')) {
      return new ConnectionError(code, `${at} refused the credentials of ${profile} (${code}: ${mapped.message}). Check the access key and secret of the profile, or choose another profile for this connection.`, mapped.status);
    }
    if (DENIED.has(code) || DENIED.has(mapped.queryCode ?? '')) {
      return new ConnectionError(code, `Access denied for ${profile} (${code}: ${mapped.message}). The identity lacks this permission in ${where.region}: ask for it, or choose another profile or region.`, mapped.status);
    }
    if (THROTTLED.has(code) || THROTTLED.has(mapped.queryCode ?? '')) {
      return new ConnectionError(code, `${at} is throttling requests (${code}). Wait a few seconds and try again; the tree reads each resource's attributes, so a large account takes several calls.`, mapped.status);
    }
    if (UNSUPPORTED.has(code) || UNSUPPORTED.has(mapped.queryCode ?? '')) {
      return new ConnectionError(code, `${at} does not implement this action (${code}). An emulator may cover only part of a service; this one cannot do it.`, mapped.status);
    }
    return new ConnectionError(code, mapped.message, mapped.status);
  }
  const code = (e as { code?: unknown } | undefined)?.code ?? (e as { name?: unknown } | undefined)?.name;
  if (e instanceof Error && (e.name === 'SyntaxError' || '$responseBodyText' in e || /Deserialization error/i.test(e.message))) {
    // an answer the service's client cannot parse: most often an emulator that does not speak this service
    return new ConnectionError('UnreadableAnswer', `${at} answered in a form this service's client cannot read: it probably does not implement this service.`);
  }
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new ConnectionError(code, where.endpoint
      ? `Nothing answers at ${where.endpoint} (${code}). Start the emulator or broker there, or correct the URL in the eventyard.connections setting.`
      : `AWS in ${where.region} cannot be reached (${code}). Check the network, a proxy, or the region.`);
  }
  return new ConnectionError('Error', firstLine(e instanceof Error ? e.message : String(e)));
}

/** A provider's message can run to several lines of advice; the first says what failed. */
function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
