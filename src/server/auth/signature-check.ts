import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from '../../broker/errors';
import { s3Address } from '../s3/routing';
import { services } from '../services';
import type { WireRequest } from '../wire';
import { authErrors, AuthStyle } from './auth-errors';
import { Sha256 } from './sha256';

/** Access key id to secret: the credentials strict mode accepts (the configured ones and those STS issued). */
export type AccessKeys = Pick<ReadonlyMap<string, string>, 'get'>;

/** AWS refuses signatures dated more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';

interface ParsedAuthorization {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * Strict mode: checks a request's SigV4 Authorization header against the configured keys and answers
 * the error AWS would, or undefined when the signature is good. The expected signature is computed by
 * @smithy/signature-v4, the signer the AWS SDK itself uses, over exactly the headers the client signed.
 */
export async function checkSignature(request: WireRequest, keys: AccessKeys, now: number): Promise<AwsError | undefined> {
  const header = request.headers.authorization;
  if (!header && request.query.has('X-Amz-Signature')) return checkPresigned(request, keys, now);
  if (!header) return authErrors.missing(styleOf(request));
  const parsed = parseAuthorization(header);
  if (typeof parsed === 'string') return authErrors.incomplete(styleOf(request), `${parsed} Authorization=${header}`);
  const style = styleOf(request, parsed.service);
  const secretAccessKey = keys.get(parsed.accessKeyId);
  if (secretAccessKey === undefined) return authErrors.unknownKey(style);

  const amzDate = request.headers['x-amz-date'] ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    return authErrors.incomplete(style, `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`);
  }
  if (signingDate.getTime() < now - MAX_SKEW_MS) {
    return authErrors.mismatch(style, `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (signingDate.getTime() > now + MAX_SKEW_MS) {
    return authErrors.mismatch(style, `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`);
  }
  if (parsed.shortDate !== amzDate.slice(0, 8)) {
    return authErrors.mismatch(style, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }

  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    // Over HTTP/2 the signed Host travels as the :authority pseudo-header.
    const value = name === 'host' ? (request.headers.host ?? request.headers[':authority']) : request.headers[name];
    if (value === undefined) return authErrors.mismatch(style);
    headers[name] = value;
  }
  const declaredHash = request.headers['x-amz-content-sha256'];
  // S3's streaming uploads (aws-chunked) sign the declared mode, not a hash of the framed body.
  const streaming = declaredHash?.startsWith('STREAMING-') === true;
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && !streaming && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    return authErrors.mismatch(style, 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const signer = signerFor(parsed.accessKeyId, secretAccessKey, parsed.region, parsed.service);
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path: signedPath(request, parsed.service), query: queryRecord(request.query), headers, body: streaming ? '' : request.body },
    { signingDate, signableHeaders: new Set(parsed.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const matches = expected.length === parsed.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parsed.signature));
  return matches ? undefined : authErrors.mismatch(style);
}

type SignerModule = typeof import('@smithy/signature-v4');
let signerModule: SignerModule | undefined;

/**
 * The signer, loaded on the first signature to check rather than at start: it brings much of @smithy/core
 * (some 30 ms of evaluating), which `eventyard serve` would otherwise pay before it listens. A require
 * rather than a static import is what lets the bundler (esbuild) evaluate it lazily.
 */
function signerClass(): SignerModule['SignatureV4'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (signerModule ??= require('@smithy/signature-v4') as SignerModule).SignatureV4;
}

/** S3 signs the path as sent (each key segment encoded once, no normalisation); the others sign it encoded again. */
function signerFor(accessKeyId: string, secretAccessKey: string, region: string, service: string): SignatureV4 {
  const Signer = signerClass();
  return new Signer({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: service !== 's3',
  });
}

function signedPath(request: WireRequest, service: string): string {
  return service === 's3' ? (request.rawPath ?? request.path) : request.path;
}

/**
 * A presigned URL (S3): the signature and its scope in the query (`X-Amz-Credential`, `X-Amz-Date`,
 * `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`), the payload unsigned. Checked by presigning
 * the same request again with @smithy/signature-v4 and comparing.
 */
async function checkPresigned(request: WireRequest, keys: AccessKeys, now: number): Promise<AwsError | undefined> {
  const q = request.query;
  const scope = (q.get('X-Amz-Credential') ?? '').split('/');
  const style: AuthStyle = 's3';
  if (q.get('X-Amz-Algorithm') !== ALGORITHM || scope.length !== 5 || scope[4] !== 'aws4_request') {
    return new AwsError({ code: 'AuthorizationQueryParametersError', message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256" and X-Amz-Credential must be <your-access-key-id>/<date>/<region>/<service>/aws4_request.' });
  }
  const [accessKeyId, , region, service] = scope;
  const secretAccessKey = keys.get(accessKeyId);
  if (secretAccessKey === undefined) return authErrors.unknownKey(style);
  const signingDate = parseAmzDate(q.get('X-Amz-Date') ?? '');
  const expires = Number(q.get('X-Amz-Expires') ?? '');
  if (!signingDate || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
    return new AwsError({ code: 'AuthorizationQueryParametersError', message: 'X-Amz-Expires must be a number of seconds from 1 to 604800 and X-Amz-Date an ISO 8601 basic date.' });
  }
  if (now > signingDate.getTime() + expires * 1000) return authErrors.expired();
  if (signingDate.getTime() > now + MAX_SKEW_MS) return authErrors.mismatch(style);
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? 'host').toLowerCase().split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = name === 'host' ? (request.headers.host ?? request.headers[':authority']) : request.headers[name];
    if (value === undefined) return authErrors.mismatch(style);
    headers[name] = value;
  }
  const query = queryRecord(request.query);
  for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token']) delete query[name];
  const signed = await signerFor(accessKeyId, secretAccessKey, region, service).presign(
    { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path: signedPath(request, service), query, headers },
    { signingDate, expiresIn: expires, signableHeaders: new Set(signedHeaders), unsignableHeaders: new Set() },
  );
  const expected = String(signed.query?.['X-Amz-Signature'] ?? '');
  const given = q.get('X-Amz-Signature') ?? '';
  return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given)) ? undefined : authErrors.mismatch(style);
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=<hex>` */
function parseAuthorization(header: string): ParsedAuthorization | string {
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== ALGORITHM) return `Unsupported authorization algorithm ${algorithm ?? ''}; use ${ALGORITHM}.`;
  const parts = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !parts.get(p));
  if (missing.length) return missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ');
  const scope = parts.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^[0-9]{8}$/.test(scope[1]) || scope.some((s) => s === '')) {
    return `Credential should be scoped to a valid region, service and date: ${parts.get('Credential')}.`;
  }
  const signature = parts.get('Signature')!;
  if (!/^[0-9a-f]{64}$/.test(signature)) return 'Signature should be 64 lower-case hexadecimal characters.';
  const [accessKeyId, shortDate, region, service] = scope;
  return { accessKeyId, shortDate, region, service, signedHeaders: parts.get('SignedHeaders')!.toLowerCase().split(';'), signature };
}

/**
 * The service's error style: JSON services that are neither query services nor query-compatible (Kinesis,
 * Firehose, EventBridge) answer with the Coral names; found by the signing name, else the X-Amz-Target prefix.
 */
function styleOf(request: WireRequest, service?: string): AuthStyle {
  if (service === 's3' || (service === undefined && s3Address(request))) return 's3';
  const target = request.headers['x-amz-target'];
  const prefix = target === undefined ? undefined : target.slice(0, Math.max(0, target.lastIndexOf('.')));
  const binding =
    services.find((s) => service !== undefined && s.name === service) ??
    services.find((s) => prefix !== undefined && s.target?.prefix === prefix);
  return binding?.target && !binding.query && !binding.target.queryCompatible ? 'json' : 'query';
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.[0-9]{3}/, '');
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}
