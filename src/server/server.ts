import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type http2 from 'node:http2';
import type { Broker } from '../broker/broker';
import { AwsError } from '../broker/errors';
import { admin, ADMIN_PREFIX } from './admin';
import { AccessKeys, checkSignature } from './auth/signature-check';
import { dispatch, errorResponse, Logger } from './dispatch';
import { isPreflight, preflightResponse, withCorsHeaders } from './cors';
import { refusalReason } from './host-guard';
import { createDualProtocolServer } from './listener';
import { dispatchS3, s3ErrorResponse } from './s3/dispatch';
import { s3Address } from './s3/routing';
import type { WireRequest, WireResponse } from './wire';

export interface ServerOptions {
  /** Default 4566; 0 picks any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Host/Origin names accepted besides loopback ones. */
  allowedHosts?: string[];
  /** Largest request body accepted; default 10 MiB. */
  maxBodyBytes?: number;
  /** Largest S3 request body (an object or a part, read whole into memory); default 512 MiB. */
  maxS3BodyBytes?: number;
  /** Where unexpected handler failures are reported; default stderr. */
  log?: Logger;
  /**
   * Strict mode: when given, every AWS request must carry a valid SigV4 signature made with one of these
   * keys. Default: signatures are accepted unchecked, like other local emulators.
   */
  accessKeys?: { accessKeyId: string; secretAccessKey: string }[];
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** S3 objects are larger than messages: the CLI's and the SDKs' multipart uploads send 5 to 8 MiB parts, PutObject more. */
const DEFAULT_MAX_S3_BODY_BYTES = 512 * 1024 * 1024;
/** How much of an oversized body is read and discarded before the connection is cut instead. */
const DISCARD_FACTOR = 4;

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

/** Serves the broker on the AWS wire protocols, HTTP/1.1 and cleartext HTTP/2 on one port. */
export async function startServer(broker: Broker, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 4566;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxS3BodyBytes = options.maxS3BodyBytes ?? DEFAULT_MAX_S3_BODY_BYTES;
  const log = options.log ?? ((line: string) => console.error(line));
  // The address the server is bound to is a name its own clients legitimately use.
  const allowedHosts = [...(options.allowedHosts ?? []), ...(isWildcard(host) ? [] : [host, `[${host}]`])];
  let defaultEndpoint = '';
  const configuredKeys = new Map((options.accessKeys ?? []).map((k) => [k.accessKeyId, k.secretAccessKey]));
  // Temporary keys from STS AssumeRole verify like configured ones until they expire.
  const accessKeys: AccessKeys = { get: (id) => configuredKeys.get(id) ?? broker.sts.secretOf(id) };

  const handle = async (req: Req, res: Res): Promise<void> => {
    const request = toWireRequest(req, defaultEndpoint);
    // S3 is told apart before the body is read: its limit and its error shape differ.
    const s3 = s3Address(request);
    const failure = (error: AwsError) => (s3 ? s3ErrorResponse(request, error) : errorResponse(request, error));
    const refusal = refusalReason(request.headers, allowedHosts);
    if (refusal) {
      req.resume();
      const error = new AwsError({ code: 'AccessDenied', message: refusal, status: 403 });
      return send(res, failure(error));
    }
    const aws = !request.path.startsWith(ADMIN_PREFIX);
    if (aws && isPreflight(request)) {
      req.resume();
      return send(res, preflightResponse(request));
    }
    const limit = s3 ? Math.max(maxS3BodyBytes, maxBodyBytes) : maxBodyBytes;
    const body = await readBody(req, limit);
    if (body === 'too-large' || body === 'too-large-cut') {
      const error = s3
        ? new AwsError({ code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size', status: 400 })
        : new AwsError({
            code: 'RequestEntityTooLarge',
            message: `Request body must be smaller than ${maxBodyBytes} bytes.`,
            status: 413,
          });
      send(res, failure(error), { close: body === 'too-large-cut' });
      return;
    }
    if (body === 'aborted') return;
    request.body = body;
    request.signal = abortedWhenClientLeaves(res);
    // The admin routes serve Eventyard's own tools, which do not sign; the Host/Origin guard still applies.
    if (configuredKeys.size && !request.path.startsWith(ADMIN_PREFIX)) {
      const unsigned = await checkSignature(request, accessKeys, Date.now());
      if (unsigned) return send(res, failure(unsigned));
    }
    const response = !aws
      ? await admin(broker, request)
      : s3
        ? await dispatchS3(broker, request, s3, log)
        : withCorsHeaders(request, await dispatch(broker, request, log));
    send(res, response);
  };

  const { server, close } = createDualProtocolServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`Unhandled failure answering ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal failure' });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(listenError(e, host, requestedPort));
    server.once('error', onError);
    server.listen(requestedPort, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (e) => log(`Server error: ${e.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requestedPort;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  defaultEndpoint = isWildcard(host) ? `http://127.0.0.1:${port}` : url;

  return {
    url,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        close();
      }),
  };
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE') {
    return new Error(
      `Port ${port} on ${host} is already in use (is another Eventyard or LocalStack running?). ` +
        'Stop that process or choose another port with --port <number> (--port 0 picks any free port).',
    );
  }
  if (e.code === 'EACCES') {
    return new Error(`Not allowed to listen on port ${port} on ${host}. Choose a port above 1023 with --port <number>.`);
  }
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
    return new Error(`Cannot listen on host ${host}: no such local address. Use --host 127.0.0.1 (the default).`);
  }
  return new Error(`Cannot listen on ${host}:${port}: ${e.message}`);
}

function toWireRequest(req: Req, defaultEndpoint: string): WireRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const url = new URL(req.url ?? '/', 'http://placeholder');
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as sent; the path then matches no queue and no admin route.
  }
  const authority = headers.host ?? headers[':authority'];
  return {
    method: req.method ?? 'GET',
    path,
    rawPath: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.alloc(0),
    endpoint: authority ? `http://${authority}` : defaultEndpoint,
    requestId: randomUUID(),
  };
}

/**
 * A signal that fires if the response closes before the answer was written: the client went away.
 * (writableEnded, not writableFinished: an HTTP/2 response reports a reset stream as finished.)
 */
function abortedWhenClientLeaves(res: Res): AbortSignal {
  const controller = new AbortController();
  if (res.destroyed) controller.abort();
  else res.once('close', () => res.writableEnded || controller.abort());
  return controller.signal;
}

type Body = Buffer | 'too-large' | 'too-large-cut' | 'aborted';

/**
 * The whole body, or why there is none: larger than allowed, or the client went away. An oversized body
 * is still read to its end and thrown away, up to a bound, so that the client finishes sending and reads
 * the 413 answer instead of failing with a broken pipe; beyond the bound the connection is cut.
 */
function readBody(req: Req, limit: number): Promise<Body> {
  const discardBound = limit * DISCARD_FACTOR;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > discardBound) return Promise.resolve('too-large-cut');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Body) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > discardBound) settle('too-large-cut');
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => settle(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle('aborted'));
  });
}

function send(res: Res, response: WireResponse, options: { close?: boolean } = {}): void {
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  if (response.stream) return sendStream(res as http.ServerResponse, response, response.stream);
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  // A HEAD answer has no body but names the length of the one a GET would get (S3's HeadObject).
  const declared = body.length === 0 ? response.headers['content-length'] : undefined;
  const headers: Record<string, string | number> = { ...response.headers, 'content-length': declared ?? body.length };
  const isHttp1 = 'shouldKeepAlive' in res;
  if (options.close && isHttp1) headers.connection = 'close';
  (res as http.ServerResponse).writeHead(response.status, headers);
  (res as http.ServerResponse).end(body, () => {
    // A refused oversized upload is not read to its end; closing the stream stops the client sending it.
    if (options.close) (res as http.ServerResponse).destroy();
  });
}

/**
 * An event stream or an S3 object: each chunk written as it comes; the producer is stopped when the client
 * goes away. A body that ends short of the content-length it declared (its producer failed part way) cuts
 * the connection: ended normally, the next answer on a kept-alive connection would be read as its rest.
 */
function sendStream(res: http.ServerResponse, response: WireResponse, chunks: AsyncIterable<Uint8Array>): void {
  res.writeHead(response.status, response.headers);
  const declared = response.headers['content-length'] === undefined ? undefined : Number(response.headers['content-length']);
  const iterator = chunks[Symbol.asyncIterator]();
  res.once('close', () => void iterator.return?.());
  const pump = async () => {
    let written = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (res.destroyed || res.writableEnded) return;
      written += next.value.length;
      res.write(next.value);
    }
    if (declared !== undefined && written !== declared) throw new Error('body length differs from content-length');
    if (!res.destroyed && !res.writableEnded) res.end();
  };
  pump().catch(() => res.destroy());
}
