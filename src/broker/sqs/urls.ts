/** Queue URLs as the broker hands them out: `${endpoint}/${accountId}/${queueName}`. */
export function queueUrl(endpoint: string, accountId: string, queueName: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${accountId}/${queueName}`;
}

export interface QueueLocation {
  accountId?: string;
  queueName: string;
}

/**
 * Reads account and name from any queue URL a client may hold: any scheme or host (clients keep URLs
 * from other endpoints), the path-style `/queue/<region>/<account>/<name>` form, or a bare name.
 */
export function parseQueueUrl(url: string): QueueLocation | undefined {
  // Clients send the same few URLs on every request; parsing each time was a measurable share of SendMessage.
  const known = parsedUrls.get(url);
  if (known) return known;
  const location = parse(url);
  if (location) {
    if (parsedUrls.size >= PARSED_URLS_KEPT) parsedUrls.clear();
    parsedUrls.set(url, Object.freeze(location));
  }
  return location;
}

const PARSED_URLS_KEPT = 1024;
const parsedUrls = new Map<string, Readonly<QueueLocation>>();

function parse(url: string): QueueLocation | undefined {
  let path = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  path = path.split(/[?#]/)[0];
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.length === 0) return undefined;
  if (segments.length === 1) return scheme ? undefined : { queueName: segments[0] };
  return { accountId: segments[segments.length - 2], queueName: segments[segments.length - 1] };
}

export function queueNameFromUrl(url: string): string | undefined {
  return parseQueueUrl(url)?.queueName;
}
