import type { WireRequest, WireResponse } from './wire';

/**
 * AWS's answers to browser clients (the SDK in a web page), for origins the host guard lets through:
 * loopback pages and those given with `--allowed-host`. Every other origin is refused before this.
 *
 * A preflight (OPTIONS with Origin) is answered 200 with an empty body, allowing any origin and echoing the
 * headers and method the browser asks for, cached for two days; other answers to an Origin name the
 * headers a page may read.
 */
const MAX_AGE_SECONDS = '172800';
const EXPOSED = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';

export function isPreflight(request: WireRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined;
}

export function preflightResponse(request: WireRequest): WireResponse {
  const headers: Record<string, string> = {
    'x-amzn-requestid': request.requestId,
    'access-control-allow-origin': '*',
    'access-control-max-age': MAX_AGE_SECONDS,
  };
  const askedHeaders = request.headers['access-control-request-headers'];
  const askedMethod = request.headers['access-control-request-method'];
  if (askedHeaders) headers['access-control-allow-headers'] = askedHeaders;
  if (askedMethod) headers['access-control-allow-methods'] = askedMethod;
  return { status: 200, headers, body: '' };
}

/** The answer with the CORS headers AWS adds when the request came with an Origin. */
export function withCorsHeaders(request: WireRequest, response: WireResponse): WireResponse {
  if (request.headers.origin === undefined) return response;
  return {
    ...response,
    headers: { ...response.headers, 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED },
  };
}
