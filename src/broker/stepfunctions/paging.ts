/** List pages of the Step Functions API: AWS's limits on maxResults and nextToken, tokens opaque to the client. */
import { statesErrors } from './errors';

/** Where a page starts, as an opaque token (`nextToken`). */
export const pageToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');
export function pageStart(token: string | undefined, maxLength: number): number {
  if (token === undefined) return 0;
  if (token.length > maxLength) {
    throw statesErrors.validation(`Value '${token}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`);
  }
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the refusal
  }
  throw statesErrors.validation(`Value '${token}' at 'nextToken' failed to satisfy constraint: Invalid token`);
}
export function pageSize(maxResults: number | undefined, fallback: number): number {
  if (maxResults === undefined || maxResults === 0) return fallback;
  if (maxResults > 1000) throw statesErrors.validation(`Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`);
  if (maxResults < 0) throw statesErrors.validation(`Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  return maxResults;
}
