/**
 * Refuses requests a web page could make: a page in the user's browser can send requests to 127.0.0.1, but
 * its Origin, and under DNS rebinding its Host, name the page's site. Only loopback names pass, and the names
 * in `allowedHosts`: the address the server listens on, and those given to `eventyard serve --allowed-host`.
 */
export function refusalReason(
  headers: Record<string, string | undefined>,
  allowedHosts: readonly string[],
): string | undefined {
  const host = headers.host ?? headers[':authority'];
  if (host !== undefined && !isAllowed(hostname(host), allowedHosts)) {
    return `Eventyard refuses requests for host "${host}": only loopback names (localhost, 127.0.0.1, [::1]) and the address it listens on are accepted. eventyard serve accepts more with --allowed-host ${hostname(host)}.`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !isAllowed(originHost(origin), allowedHosts)) {
    return `Eventyard refuses requests from origin "${origin}": web pages may not reach the local broker. eventyard serve accepts an origin's host with --allowed-host <name>.`;
  }
  // A page's <img> or <script> GET carries no Origin, yet the query protocol acts on GET
  // (`/?Action=PurgeQueue&...`); browsers still say where such a request comes from. SDKs and CLIs send
  // no Sec-Fetch-Site, and a page on an allowed origin is judged by its Origin above.
  const site = headers['sec-fetch-site'];
  if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Eventyard refuses requests a web page makes from another site (Sec-Fetch-Site: ${site}): web pages may not reach the local broker.`;
  }
  return undefined;
}

function isAllowed(name: string | undefined, allowedHosts: readonly string[]): boolean {
  if (name === undefined) return false;
  const lower = name.toLowerCase();
  return isLoopback(lower) || allowedHosts.some((h) => h.toLowerCase() === lower);
}

function isLoopback(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    name === '[::1]' ||
    /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(name)
  );
}

/** `127.0.0.1:4566` → `127.0.0.1`, `[::1]:4566` → `[::1]`. */
function hostname(host: string): string {
  const trimmed = host.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.split(':')[0];
}

function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.hostname || undefined;
  } catch {
    return undefined;
  }
}
