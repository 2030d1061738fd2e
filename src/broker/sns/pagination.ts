import { snsErrors } from './errors';

/** Opaque page tokens: the offset, base64-encoded, as SNS's tokens are opaque strings too. */
export function paginate<T>(items: T[], token: string | undefined, size: number): { page: T[]; next?: string } {
  let start = 0;
  if (token) {
    start = Number(Buffer.from(token, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw snsErrors.invalidParameter('NextToken');
  }
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { page, next };
}
