import { ADMIN_PREFIX } from '../admin';
import type { WireRequest } from '../wire';

/** The bucket and key a request addresses (either may be absent: ListBuckets, a bucket operation). */
export interface S3Address {
  bucket?: string;
  key?: string;
  /** The bucket came from the Host (`<bucket>.localhost:4566`): virtual-hosted style. */
  virtualHost: boolean;
}

/** Query parameters that make a POST an S3 request even when it is not signed. */
const S3_POST_PARAMS = ['delete', 'uploads', 'uploadId', 'restore', 'select'];

/**
 * Whether a request is for S3, and what it addresses. S3 shares the port with the query services (SQS,
 * SNS: POST forms with `Action=`), the JSON services (`X-Amz-Target`) and the admin routes, so a request
 * is S3's when its SigV4 scope (header or presigned query) names `s3`, or, unsigned, when it carries no
 * other protocol's mark (X-Amz-Target, `Action=`, a form or JSON body) and has a shape only S3 uses: a
 * GET/PUT/HEAD/DELETE, or a POST with one of S3's sub-resources. The bucket is then the Host's
 * (`<bucket>.localhost`, virtual-hosted style) or the path's first segment.
 */
export function s3Address(request: WireRequest): S3Address | undefined {
  if (request.path.startsWith(ADMIN_PREFIX)) return undefined;
  const scope = signingService(request);
  if (scope !== undefined && scope !== 's3') return undefined;
  // Unsigned, or the signature does not say: another protocol's marks win (an SQS client may well use a
  // `<name>.localhost` host), then S3's own shapes.
  if (scope === undefined && (speaksOtherProtocol(request) || !looksLikeS3(request))) return undefined;
  const hostBucket = bucketFromHost(request.headers.host ?? request.headers[':authority']);
  const path = request.path.startsWith('/') ? request.path.slice(1) : request.path;
  if (hostBucket !== undefined) return { bucket: hostBucket, ...(path ? { key: path } : {}), virtualHost: true };
  if (!path) return { virtualHost: false };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: path, virtualHost: false };
  const key = path.slice(slash + 1);
  return { bucket: path.slice(0, slash), ...(key ? { key } : {}), virtualHost: false };
}

function speaksOtherProtocol(request: WireRequest): boolean {
  if (request.headers['x-amz-target'] !== undefined || request.query.has('Action')) return true;
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type.startsWith('application/x-amz-json') || type === 'application/x-amz-cbor-1.1';
}

function looksLikeS3(request: WireRequest): boolean {
  if (['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method)) return true;
  return request.method === 'POST' && S3_POST_PARAMS.some((p) => request.query.has(p));
}

/**
 * `<bucket>.localhost`, `<bucket>.s3.localhost` (and with a port): the AWS SDKs address buckets this way
 * by default when the endpoint is `http://localhost:<port>`. An IP address names no bucket.
 */
export function bucketFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (!name.endsWith('.localhost')) return undefined;
  const bucket = name.slice(0, -'.localhost'.length).replace(/\.s3$/, '');
  return bucket && bucket !== 's3' ? bucket : undefined;
}

/** `Credential=AKID/20240101/us-east-1/s3/aws4_request` (header or presigned query) → `s3`. */
function signingService(request: WireRequest): string | undefined {
  const credential = /Credential=([^,\s]+)/.exec(request.headers.authorization ?? '')?.[1] ?? request.query.get('X-Amz-Credential') ?? '';
  const parts = credential.split('/');
  return parts.length >= 5 ? parts[parts.length - 2] : undefined;
}
