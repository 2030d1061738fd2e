import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { LOCAL_CAPABILITIES, type HostMessage } from '../../../src/inspector/protocol';
import { SessionHarness } from './harness';

/** A restart replaces the broker behind open panels; their sessions must follow the new one. */
describe('inspector: a panel across a broker restart', () => {
  let h: SessionHarness;
  let next: Broker;
  beforeEach(() => {
    h = new SessionHarness();
    next = new Broker({ clock: new FakeClock() });
  });
  afterEach(() => {
    h.dispose();
    next.dispose();
  });

  const changes = () =>
    h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes);

  it('reads and drives the new broker after rebind, and hears only its changes once the page is ready again', async () => {
    const oldUrl = h.queue('orders');
    h.sqs.SendMessage({ QueueUrl: oldUrl, MessageBody: 'from the old broker' });
    const s = h.open({ kind: 'queue', name: 'orders' });
    await s.receive({ type: 'ready' });
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 })).messages[0].preview, 'from the old broker');

    const newUrl = next.sqs.operations.CreateQueue({ QueueName: 'orders' }).QueueUrl;
    next.sqs.operations.SendMessage({ QueueUrl: newUrl, MessageBody: 'from the new broker' });
    s.rebind(next);
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(page.messages.map((m) => m.preview), ['from the new broker']);
    await h.request(s, 'queue/send', { body: 'sent from the panel', attributes: {}, copies: 1 });
    assert.equal(next.sqs.listQueueSummaries()[0].visible, 2);
    assert.equal(h.broker.sqs.listQueueSummaries()[0].visible, 1);

    // Until the reloaded page says ready nothing is pushed to it; then only the new broker's changes are.
    h.flush();
    h.posted.length = 0;
    h.sqs.SendMessage({ QueueUrl: oldUrl, MessageBody: 'old again' });
    next.sqs.operations.SendMessage({ QueueUrl: newUrl, MessageBody: 'before ready' });
    h.flush();
    assert.deepEqual(changes(), []);
    await s.receive({ type: 'ready' });
    assert.deepEqual(h.posted[0], { type: 'init', resource: { kind: 'queue', name: 'orders' }, now: next.clock.now(), capabilities: LOCAL_CAPABILITIES });
    const id = next.sqs.operations.SendMessage({ QueueUrl: newUrl, MessageBody: 'after ready' }).MessageId;
    h.sqs.SendMessage({ QueueUrl: oldUrl, MessageBody: 'old, unheard' });
    h.flush();
    assert.deepEqual(
      changes().map((c) => [c.type, c.messageId]),
      [['messageSent', id]],
    );
  });

  it('drops search snapshots of the old broker', async () => {
    const oldUrl = h.queue('orders');
    h.sqs.SendMessage({ QueueUrl: oldUrl, MessageBody: 'needle old' });
    const s = h.open({ kind: 'queue', name: 'orders' });
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10, text: 'needle' })).total, 1);
    next.sqs.operations.CreateQueue({ QueueName: 'orders' });
    s.rebind(next);
    assert.equal((await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10, text: 'needle' })).total, 0);
  });
});
