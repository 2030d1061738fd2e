import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { InspectorSession } from '../../../src/extension/inspector/session';
import type { HostMessage, InspectorMethod, ParamsOf, ResultOf } from '../../../src/inspector/protocol';

describe('inspector: delivery stream session', () => {
  let root: string;
  let clock: FakeClock;
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

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'eventyard-inspector-firehose-'));
    clock = new FakeClock();
    broker = new Broker({ clock, firehose: { bucketsRoot: root } });
    const activity = new ActivityLog();
    broker.events.on((e) => activity.record(e));
    broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'logs',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/f', BucketARN: 'arn:aws:s3:::landing', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    session = new InspectorSession({ broker, resource: { kind: 'deliveryStream', name: 'logs' }, activity, post: (m) => posted.push(m) });
  });
  afterEach(async () => {
    session.dispose();
    broker.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('shows a put record buffered, then the object it was delivered in', async () => {
    await request('deliveryStream/put', { data: 'line one\n' });
    let d = await request('deliveryStream/describe', {});
    assert.equal(d.bufferedRecords, 1);
    assert.equal(d.destination, 'landing/');
    clock.advance(60_000);
    await broker.firehose.flushAll();
    d = await request('deliveryStream/describe', {});
    assert.equal(d.bufferedRecords, 0);
    assert.equal(d.deliveries.length, 1);
    assert.match(d.deliveries[0].location, /^landing\/\d{4}\/.*logs-/);
    assert.equal(d.deliveries[0].recordCount, 1);
  });

  it('answers a missing delivery stream with Firehose\'s error', async () => {
    session.dispose();
    session = new InspectorSession({ broker, resource: { kind: 'deliveryStream', name: 'nope' }, activity: new ActivityLog(), post: (m) => posted.push(m) });
    await assert.rejects(request('deliveryStream/describe', {}), (e: Error & { code: string }) => e.code === 'ResourceNotFoundException');
  });
});
