import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../server/auth/sha256';
import type { RemoteIdentity } from './aws-sdk-clients';

/** A key as S3 paths carry it: each segment percent-encoded as SigV4 encodes (RFC 3986 unreserved kept), slashes kept. */
export function s3KeyPath(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * A presigned GET URL, as `@aws-sdk/s3-request-presigner` makes one (SigV4 in the query, the payload
 * unsigned, only `host` signed), path-style so it works against an IP address: what the broker's strict
 * mode checks (src/server/auth/signature-check.ts), and what any AWS-compatible endpoint takes.
 */
export async function presignedGetUrl(endpoint: string, identity: RemoteIdentity, bucket: string, key: string, expiresInSeconds: number, now = new Date()): Promise<string> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
    region: identity.region,
    service: 's3',
    sha256: Sha256,
    // S3 signs the path as sent (encoded once), unlike the other services
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: `${url.pathname.replace(/\/$/, '')}/${bucket}/${s3KeyPath(key)}`,
      headers: { host: url.host },
      query: {},
    },
    { expiresIn: expiresInSeconds, signingDate: now, unsignableHeaders: new Set(), signableHeaders: new Set(['host']) },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${url.protocol}//${url.host}${signed.path}?${query}`;
}
