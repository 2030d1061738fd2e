import type { Broker } from '../broker/broker';
import type { WireRequest, WireResponse } from './wire';

/**
 * The traces part of the admin surface (src/broker/trace): `GET traces/<id>` answers `{ trace }`, the trace a
 * message id (SQS, SNS, a Kinesis sequence number, an event id) or a trace id names, its hops in order (404
 * when the rings no longer hold it); `GET traces?id=&text=&attributeValue=&attributeName=&limit=` answers
 * `{ traces }`, the traces with a hop that matches every given criterion, newest first.
 */
export function traceAdmin(broker: Broker, request: WireRequest, route: string): WireResponse | undefined {
  if (route !== 'traces' && !route.startsWith('traces/')) return undefined;
  if (request.method !== 'GET') return json(405, { error: 'MethodNotAllowed', message: `Use GET for ${request.path}.` });
  const tracer = broker.trace;
  if (!tracer) return json(404, { error: 'TracingOff', message: 'Tracing is off (trace buffer size 0).' });
  if (route.startsWith('traces/')) {
    const id = decodeURIComponent(route.slice('traces/'.length));
    const trace = tracer.trace(id);
    return trace ? json(200, { trace }) : json(404, { error: 'NotFound', message: `No trace holds ${id}.` });
  }
  const q = request.query;
  const limit = q.get('limit');
  if (limit !== null && !/^[0-9]{1,4}$/.test(limit)) {
    return json(400, { error: 'InvalidParameterValue', message: 'limit must be an integer from 0 to 9999.' });
  }
  const traces = tracer.search({
    id: q.get('id') ?? undefined,
    text: q.get('text') ?? undefined,
    attributeValue: q.get('attributeValue') ?? undefined,
    attributeName: q.get('attributeName') ?? undefined,
    limit: limit === null ? undefined : Number(limit),
  });
  return json(200, { traces });
}

function json(status: number, body: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
