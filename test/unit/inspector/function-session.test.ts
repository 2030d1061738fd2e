import assert from 'node:assert/strict';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { InspectorSession } from '../../../src/extension/inspector/session';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import type { HostMessage, InspectorMethod, ParamsOf, ResultOf } from '../../../src/inspector/protocol';

const fixture = (name: string) => path.resolve(__dirname, '../../fixtures/functions', name);

describe('inspector: function session', function () {
  this.timeout(20000);
  let broker: Broker;
  let session: InspectorSession;
  const posted: HostMessage[] = [];
  let id = 1;

  async function request<M extends InspectorMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const n = id++;
    await session.receive({ type: 'request', id: n, method, params } as never);
    const r = posted.find((m) => m.type === 'response' && m.id === n);
    if (!r || r.type !== 'response') throw new Error('no response');
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.result as ResultOf<M>;
  }

  beforeEach(() => {
    broker = new Broker({ functionRunner: new NodeInvocationRunner() });
    // A generous timeout: a cold start on a loaded machine must not turn into a timed-out invocation.
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs'), timeout: 30 });
    broker.functions.create({ name: 'reject', module: fixture('throwing.cjs'), timeout: 30 });
  });
  afterEach(() => {
    session.dispose();
    broker.dispose();
  });

  const open = (name: string) => (session = new InspectorSession({ broker, resource: { kind: 'function', name }, activity: new ActivityLog(), post: (m) => posted.push(m) }));

  it('invokes by hand and shows event, result, logs and duration', async () => {
    open('echo');
    const inv = await request('function/invoke', { payload: '{"orderId": 5}' });
    assert.equal(inv.status, 'succeeded');
    assert.equal(inv.trigger, 'invoked by hand');
    assert.deepEqual(JSON.parse(inv.event), { orderId: 5 });
    assert.deepEqual(JSON.parse(inv.result!).event, { orderId: 5 });
    assert.match(inv.logs, /got event \{"orderId":5\}/);
    assert.ok(inv.durationMs >= 0);
    const d = await request('function/describe', {});
    assert.equal(d.invocations[0].requestId, inv.requestId);
    assert.match(d.handler, /ok\.cjs → handler/);
  });

  it('shows a failing invocation with its error type and message', async () => {
    open('reject');
    const inv = await request('function/invoke', { payload: '{}' });
    assert.equal(inv.status, 'failed');
    assert.match(inv.error!, /^OrderRejected: cannot process event/);
    assert.match(inv.logs, /about to fail/);
  });

  it('refuses a payload that is not JSON, as Lambda does', async () => {
    open('echo');
    await assert.rejects(request('function/invoke', { payload: '{nope' }), (e: Error & { code: string }) => e.code === 'InvalidRequestContentException');
  });
});
