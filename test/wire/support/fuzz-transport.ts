import { decode } from 'cbor-x';
import { XMLParser } from 'fast-xml-parser';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { FuzzRequest, Rng } from './fuzz-mutations';

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

const ANSWER_TIMEOUT_MS = 30_000;

export function sendHttp1(url: string, agent: http.Agent, request: FuzzRequest, retried = false): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method: 'POST', path: request.path, headers: request.headers, agent, timeout: ANSWER_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed for idleness just as it was reused: retried once, as SDKs do.
      if (req.reusedSocket && e.code === 'ECONNRESET' && !retried) resolve(sendHttp1(url, agent, request, true));
      else reject(e);
    });
    req.end(request.body);
  });
}

/**
 * One request on a shared HTTP/2 session. With `reset`, the stream is cancelled (RST_STREAM) part way
 * through sending the body or right after the answer's headers arrive, and no answer is expected.
 */
export function sendHttp2(session: http2.ClientHttp2Session, request: FuzzRequest, reset?: 'mid-request' | 'mid-response'): Promise<Answer | undefined> {
  return new Promise((resolve, reject) => {
    const headers = { ':method': 'POST', ':path': request.path, ...request.headers };
    const stream = session.request(headers, { endStream: false });
    const timer = setTimeout(() => stream.close(http2.constants.NGHTTP2_CANCEL), ANSWER_TIMEOUT_MS);
    let status = 0;
    let contentType = '';
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      contentType = String(h['content-type']);
      if (reset === 'mid-response') stream.close(http2.constants.NGHTTP2_CANCEL);
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', (e) => (reset ? undefined : reject(e)));
    stream.on('close', () => {
      clearTimeout(timer);
      if (reset) resolve(undefined);
      else if (status === 0) reject(new Error(`HTTP/2 stream closed without an answer (code ${stream.rstCode})`));
      else resolve({ status, contentType, body: Buffer.concat(chunks) });
    });
    if (reset === 'mid-request') {
      stream.write(request.body.subarray(0, request.body.length >> 1), () => stream.close(http2.constants.NGHTTP2_CANCEL));
    } else {
      stream.end(request.body);
    }
  });
}

function head(request: FuzzRequest, contentLength: number): string {
  const lines = Object.entries(request.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `POST ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${contentLength}\r\n${lines}\r\n`;
}

/** What a raw-socket fault produced: whatever came back before the connection closed. */
export interface RawOutcome {
  kind: 'cut-request' | 'cut-response' | 'short-length' | 'trickle';
  received: string;
}

/** The connection goes away while the body is still being sent (closed or reset). */
export function cutMidRequest(url: string, rng: Rng, request: FuzzRequest): Promise<RawOutcome> {
  const bytes = Buffer.concat([Buffer.from(head(request, request.body.length + 1 + rng.int(100))), request.body]);
  return onSocket(url, 'cut-request', (socket) => {
    const destroy = rng.chance(0.5);
    socket.write(bytes.subarray(0, rng.int(bytes.length)), () => (destroy ? socket.resetAndDestroy() : socket.end()));
  });
}

/** A complete request whose client disappears as soon as the first bytes of the answer arrive. */
export function cutMidResponse(url: string, request: FuzzRequest): Promise<RawOutcome> {
  return onSocket(url, 'cut-response', (socket, received) => {
    socket.once('data', () => (received().length > 0 ? socket.resetAndDestroy() : undefined));
    socket.write(Buffer.concat([Buffer.from(head(request, request.body.length)), request.body]));
  });
}

/** Content-Length shorter than the body: the rest is read as the next request, which must be refused, not crash. */
export function shortContentLength(url: string, rng: Rng, request: FuzzRequest): Promise<RawOutcome> {
  const declared = rng.int(request.body.length + 1);
  return onSocket(url, 'short-length', (socket) => {
    socket.end(Buffer.concat([Buffer.from(head(request, declared)), request.body]));
  });
}

/** A slow client: the request arrives a few bytes at a time, and must still get its whole answer. */
export function trickle(url: string, rng: Rng, request: FuzzRequest): Promise<RawOutcome> {
  const bytes = Buffer.concat([Buffer.from(head(request, request.body.length).replace('\r\nHost', '\r\nConnection: close\r\nHost')), request.body]);
  return onSocket(url, 'trickle', (socket) => {
    let offset = 0;
    const step = () => {
      if (offset >= bytes.length || socket.destroyed) return;
      const size = 1 + rng.int(Math.max(1, bytes.length >> 3));
      socket.write(bytes.subarray(offset, offset + size));
      offset += size;
      setTimeout(step, 1 + rng.int(20));
    };
    step();
  });
}

function onSocket(url: string, kind: RawOutcome['kind'], drive: (socket: net.Socket, received: () => string) => void): Promise<RawOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => socket.destroy(), ANSWER_TIMEOUT_MS);
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ kind, received });
    });
    socket.on('connect', () => drive(socket, () => received));
  });
}

/** The status and body of the first HTTP/1.1 answer in raw bytes (Content-Length framed, as the server sends). */
export function parseRawAnswer(received: string): Answer | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = received.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.1 ([0-9]{3}) /.exec(lines[0])?.[1] ?? 0);
  const header = (name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
  const length = Number(header('content-length'));
  const body = Buffer.from(received.slice(end + 4, end + 4 + length), 'latin1');
  return { status, contentType: header('content-type'), body };
}

const xml = new XMLParser({ ignoreAttributes: false });

/** Why an answer is not acceptable, or undefined: a success or an AWS error the request's client can parse. */
export function problemWith(request: FuzzRequest, answer: Answer): string | undefined {
  const text = answer.body.toString('utf8');
  // A stack trace or a node error string in an answer leaks internals and means an unhandled path.
  // (SNS's own filter-policy messages quote its JSON parser's "at [Source: ...]", as AWS does.)
  if (/\n\s+at .*:[0-9]+:[0-9]+\)?$|\.[jt]s:[0-9]+:[0-9]+|TypeError|RangeError|ReferenceError|ERR_[A-Z_]+|node:internal/m.test(text)) return `internals leaked: ${text.slice(0, 300)}`;
  if (answer.status === 500) return `internal failure: ${text.slice(0, 300)}`;
  if (answer.status !== 200 && (answer.status < 400 || answer.status > 499)) return `status ${answer.status}`;
  try {
    if (answer.contentType === 'application/x-amz-cbor-1.1') {
      const value = decode(answer.body);
      if (answer.status !== 200 && typeof value?.__type !== 'string') return 'CBOR error without __type';
    } else if (answer.contentType.startsWith('application/x-amz-json-1.')) {
      // AWS answers an action without output with an empty body, and some errors bare (no message), or
      // with `Message` (a JSON 1.1 SerializationException).
      if (answer.status === 200 && text === '') return undefined;
      const value = JSON.parse(text);
      const message = value.message ?? value.Message;
      if (answer.status !== 200 && (typeof value.__type !== 'string' || (message !== undefined && typeof message !== 'string'))) {
        return 'JSON error without __type, or with a message that is not text';
      }
    } else if (answer.contentType === 'text/xml') {
      const doc = xml.parse(text, true);
      const root = Object.keys(doc).find((k) => k !== '?xml') ?? '';
      if (answer.status === 200 ? !root.endsWith('Response') : typeof doc.ErrorResponse?.Error?.Code !== 'string') {
        return `unexpected XML ${text.slice(0, 200)}`;
      }
    } else {
      return `content type ${answer.contentType}`;
    }
  } catch (e) {
    return `unparseable answer (${(e as Error).message}): ${text.slice(0, 200)}`;
  }
  const target = request.headers['x-amz-target'] ?? '';
  if (request.protocol === 'kinesis-cbor' && request.headers['content-type'] === 'application/x-amz-cbor-1.1' && target.startsWith('Kinesis_20131202.') && answer.contentType !== 'application/x-amz-cbor-1.1') {
    return `CBOR request answered as ${answer.contentType}`;
  }
  return undefined;
}
