import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';

export type RequestHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

/** The HTTP/2 connection preface a prior-knowledge client sends first (RFC 9113 §3.4). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/** A connection that sends nothing at all is dropped after this long. */
const FIRST_BYTES_TIMEOUT_MS = 30_000;
const IDLE_SESSION_TIMEOUT_MS = 6 * 60_000;

/**
 * One TCP port for HTTP/1.1 and cleartext HTTP/2 with prior knowledge: node's http2 server accepts h2c
 * only on its own, and the http server only HTTP/1.x, so each connection's first bytes decide which of
 * the two gets the socket (the bytes are pushed back first, so the chosen server reads them again).
 */
export function createDualProtocolServer(handler: RequestHandler): { server: net.Server; close(): void } {
  const h1 = http.createServer(handler);
  h1.headersTimeout = 20_000;
  h1.requestTimeout = 120_000;
  h1.keepAliveTimeout = 5_000;
  // "Expect: 100-continue" (the AWS CLI and SDKs send it with large uploads). Node writes the interim 100 at
  // once, but on a response still queued behind the one before on its connection it buffers the 100 and
  // later puts the final answer's headers ahead of it: the client then reads "100 Continue" as the start of
  // the body. So the 100 waits for the response to own its connection, and is dropped once a final answer
  // has begun (which the client takes instead).
  h1.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const sendContinue = () => {
      if (!res.headersSent && !res.writableEnded) res.writeContinue();
    };
    if (res.socket) sendContinue();
    else res.once('socket' as never, sendContinue);
    handler(req, res);
  });
  const h2 = http2.createServer({}, handler);
  h2.on('sessionError', () => undefined);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    // Idle sessions are closed; the bound exceeds a SubscribeToShard stream's five minutes.
    session.setTimeout(IDLE_SESSION_TIMEOUT_MS, () => session.destroy());
    session.once('close', () => sessions.delete(session));
  });

  // Sockets accepted here bypass the http server's own net layer, which is what turns Nagle off: without
  // noDelay a response written in two pieces waits for the client's delayed ACK, 40 ms per request.
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, () => socket.destroy());
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      const maybeH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (maybeH2 && seen.length < PREFACE.length) return;
      socket.off('data', onData);
      socket.setTimeout(0);
      if (maybeH2) {
        h2.emit('connection', replaying(socket, seen));
      } else {
        socket.pause();
        socket.unshift(seen);
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  });

  return {
    server,
    close: () => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      h1.closeAllConnections();
    },
  };
}

/**
 * The socket as a plain stream that first replays the bytes already read. The http2 session reads a real
 * socket's handle directly (node 20), which would skip bytes pushed back with unshift; a plain stream
 * makes it read through JavaScript instead.
 */
function replaying(socket: net.Socket, head: Buffer): Duplex {
  const stream = new Duplex({
    read: () => socket.resume(),
    write: (chunk: Buffer, _encoding, callback) => socket.write(chunk, callback),
    final: (callback) => socket.end(callback),
    destroy: (error, callback) => {
      socket.destroy();
      callback(error);
    },
  });
  stream.push(head);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}
