import type { Broker } from '../broker/broker';
import { isAwsError } from '../broker/errors';
import { version } from '../../package.json';
import { ChangeFeed } from './change-feed';
import { services } from './services';
import { snsAdmin } from './sns/admin';
import { traceAdmin } from './trace-admin';
import type { WireRequest, WireResponse } from './wire';

/** Tools and tests use this prefix; no AWS operation's path starts with it. */
export const ADMIN_PREFIX = '/_eventyard/';

/**
 * The admin surface: `GET health`, `POST reset` (clears every service's state) and
 * `GET sqs/queues/<name>/messages?offset=&limit=` (a peek that changes nothing: no receive count, no
 * visibility change), answering `{ total, counts, messages }`: the messages and the queue's counters read
 * at one moment; `GET changes?after=N&wait=S` answers `{ sequence }` as soon as anything changed after N
 * (change-feed.ts: how an attached window follows); `GET functions/<name>/invocations?limit=` answers
 * `{ invocations }`, a local function's recent invocations newest first (what an event file's `invoked`
 * expectation checks). SNS adds its outbox, deliveries and signing key (sns/admin.ts); traces are in
 * trace-admin.ts.
 */
export async function admin(broker: Broker, request: WireRequest): Promise<WireResponse> {
  const route = request.path.slice(ADMIN_PREFIX.length);
  if (route === 'health') {
    return only('GET', request, () => json(200, { status: 'ok', version, services: services.map((s) => s.name) }));
  }
  if (route === 'reset') {
    return only('POST', request, () => {
      for (const scope of broker.scopes()) for (const service of services) service.reset(scope);
      return json(200, { status: 'reset' });
    });
  }
  if (route === 'changes') {
    if (request.method !== 'GET') return json(405, { error: 'MethodNotAllowed', message: `Use GET for ${request.path}.` });
    const after = nonNegative(request.query.get('after'), 0);
    const wait = nonNegative(request.query.get('wait'), MAX_CHANGE_WAIT_SECONDS);
    if (after === undefined || wait === undefined || wait > MAX_CHANGE_WAIT_SECONDS) {
      return json(400, { error: 'InvalidParameterValue', message: `after must be a non-negative integer and wait 0 to ${MAX_CHANGE_WAIT_SECONDS} seconds.` });
    }
    const sequence = await changeFeed(broker).next(after, wait * 1000, request.signal);
    return json(200, { sequence });
  }
  const peek = /^sqs\/queues\/([^/]+)\/messages$/.exec(route);
  if (peek) {
    return only('GET', request, () => {
      const offset = nonNegative(request.query.get('offset'), 0);
      const limit = nonNegative(request.query.get('limit'), 100);
      if (offset === undefined || limit === undefined) {
        return json(400, { error: 'InvalidParameterValue', message: 'offset and limit must be non-negative integers.' });
      }
      try {
        return json(200, broker.sqs.peek(peek[1], { offset, limit }));
      } catch (e) {
        if (isAwsError(e)) return json(e.code === 'QueueDoesNotExist' ? 404 : e.status, { error: e.code, message: e.message });
        throw e;
      }
    });
  }
  const invocations = /^functions\/([^/]+)\/invocations$/.exec(route);
  if (invocations) {
    return only('GET', request, () => {
      const limit = nonNegative(request.query.get('limit'), 50);
      if (limit === undefined) return json(400, { error: 'InvalidParameterValue', message: 'limit must be a non-negative integer.' });
      try {
        return json(200, { invocations: broker.functions.listInvocations(decodeURIComponent(invocations[1]), limit) });
      } catch (e) {
        if (isAwsError(e)) return json(e.status, { error: e.code, message: e.message });
        throw e;
      }
    });
  }
  const traces = traceAdmin(broker, request, route);
  if (traces) return traces;
  const sns = route.startsWith('sns/') ? snsAdmin(broker, request, route.slice('sns/'.length)) : undefined;
  if (sns) return sns;
  return json(404, { error: 'NotFound', message: `No admin route ${request.path}.` });
}

/** As long as an SQS long poll may wait: the attached window asks again after it. */
const MAX_CHANGE_WAIT_SECONDS = 20;
const feeds = new WeakMap<Broker, ChangeFeed>();

function changeFeed(broker: Broker): ChangeFeed {
  let feed = feeds.get(broker);
  if (!feed) {
    feed = new ChangeFeed(broker.events);
    feeds.set(broker, feed);
  }
  return feed;
}

function only(method: string, request: WireRequest, answer: () => WireResponse): WireResponse {
  if (request.method !== method) {
    return json(405, { error: 'MethodNotAllowed', message: `Use ${method} for ${request.path}.` });
  }
  return answer();
}

function nonNegative(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^[0-9]{1,9}$/.test(raw) ? Number(raw) : undefined;
}

function json(status: number, body: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, bytesAsBase64) };
}

/** Bytes (binary message attributes in a peek) as base64 text, as AWS's JSON protocols write blobs. */
function bytesAsBase64(this: unknown, key: string, value: unknown): unknown {
  // The holder's own value: Buffer's toJSON has already run on `value`.
  const own = (this as Record<string, unknown>)[key];
  return own instanceof Uint8Array ? Buffer.from(own.buffer, own.byteOffset, own.byteLength).toString('base64') : value;
}
