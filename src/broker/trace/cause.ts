/**
 * What a change is a consequence of, while the engine makes it: an SNS delivery sets the published message as
 * the cause while it sends to a queue, so the tracer links the queue's new message to the publish. One slot for
 * the process is enough: it is set only around synchronous engine calls, and JavaScript runs one at a time.
 */
let current: string | undefined;

/** Runs `fn` with `cause` (a trace key such as `sns:<MessageId>`) as what its changes continue. */
export function withCause<T>(cause: string, fn: () => T): T {
  const before = current;
  current = cause;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** The cause set by the innermost `withCause` running now, if any. */
export function currentCause(): string | undefined {
  return current;
}

/** Who made the request a new trace starts with: the wire's client, or the editor. Plain JSON. */
export interface TraceOrigin {
  /** `wire` (an AWS client over HTTP) or `editor` (the inspector, a command, the definitions file). */
  via: 'wire' | 'editor';
  /** The wire protocol: `json 1.0`, `json 1.1`, `cbor`, `query`, `rest-xml`. */
  protocol?: string;
  /** The client's User-Agent header as sent. */
  userAgent?: string;
  /** The client in short: the User-Agent's first product (`aws-sdk-js/3.700.0`, `aws-cli/2.15.0`). */
  client?: string;
  /** The API action that made it (SendMessage, Publish, PutRecord, ...). */
  action?: string;
  /** The account the request was signed for. */
  accountId?: string;
}

let origin: TraceOrigin | undefined;

/**
 * Runs `fn` (the synchronous part of a request: the engine's operations make their changes before their
 * first await) with `o` as who made it; traces started meanwhile record it as their entry.
 */
export function withOrigin<T>(o: TraceOrigin, fn: () => T): T {
  const before = origin;
  origin = o;
  try {
    return fn();
  } finally {
    origin = before;
  }
}

export function currentOrigin(): TraceOrigin | undefined {
  return origin;
}

/** The User-Agent's first product token, which names the SDK or tool (`aws-sdk-js/3.700.0 ua/2.1 os/linux` gives `aws-sdk-js/3.700.0`). */
export function clientOf(userAgent: string | undefined): string | undefined {
  const first = userAgent?.trim().split(/\s+/)[0];
  return first ? first.slice(0, 100) : undefined;
}
