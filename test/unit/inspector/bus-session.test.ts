import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/inspector/protocol';
import { SessionHarness } from './harness';

const ORDER_PLACED = JSON.stringify({ source: ['shop'], 'detail-type': ['OrderPlaced'] });
const BIG_ORDERS = JSON.stringify({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } });

describe('inspector: event bus session', () => {
  let h: SessionHarness;
  let queueArn: string;
  const eb = () => h.broker.eventbridge.operations;
  const rule = (name: string, pattern: string, targets: { Id: string; Arn: string; InputPath?: string }[] = [], bus = 'orders') => {
    eb().PutRule({ Name: name, EventBusName: bus, EventPattern: pattern });
    if (targets.length) eb().PutTargets({ Rule: name, EventBusName: bus, Targets: targets });
  };
  beforeEach(() => {
    h = new SessionHarness();
    eb().CreateEventBus({ Name: 'orders' });
    queueArn = h.arn(h.queue('sink'));
  });
  afterEach(() => h.dispose());

  it('describes the bus with its rules, patterns and targets', async () => {
    // Schedules are only allowed on the default bus.
    rule('placed', ORDER_PLACED, [{ Id: 'q', Arn: queueArn, InputPath: '$.detail' }], 'default');
    eb().PutRule({ Name: 'tick', ScheduleExpression: 'rate(5 minutes)' });
    const d = await h.request(h.open({ kind: 'bus', name: 'default' }), 'bus/describe', {});
    assert.equal(d.name, 'default');
    assert.match(d.arn, /event-bus\/default$/);
    assert.deepEqual(
      d.rules.map((r) => [r.name, r.pattern, r.schedule]),
      [
        ['placed', ORDER_PLACED, undefined],
        ['tick', undefined, 'rate(5 minutes)'],
      ],
    );
    assert.deepEqual(d.rules[0].targets, [{ id: 'q', arn: queueArn, input: 'input path $.detail' }]);
  });

  it('refuses a bus that does not exist in AWS\'s words', async () => {
    await assert.rejects(h.request(h.open({ kind: 'bus', name: 'nope' }), 'bus/describe', {}), /Event bus nope does not exist/);
  });

  it('puts an event and lists it newest first with the rules it matched and its deliveries', async () => {
    rule('placed', ORDER_PLACED, [{ Id: 'q', Arn: queueArn }]);
    rule('big', BIG_ORDERS);
    const s = h.open({ kind: 'bus', name: 'orders' });
    const first = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{"total":50}' });
    const second = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderShipped', detail: '{"total":500}' });
    await h.broker.eventbridge.settled();
    const events = await h.request(s, 'bus/events', { limit: 10 });
    assert.deepEqual(
      events.map((e) => [e.eventId, e.detailType, e.matchedRules]),
      [
        [second.eventId, 'OrderShipped', ['big']],
        [first.eventId, 'OrderPlaced', ['placed']],
      ],
    );
    assert.equal(events[1].preview, '{"total":50}');
    assert.deepEqual(events[1].deliveries.map((d) => [d.rule, d.targetId, d.status]), [['placed', 'q', 'delivered']]);
    assert.equal((await h.request(s, 'bus/events', { limit: 1 })).length, 1);
    const sink = await h.request(h.open({ kind: 'queue', name: 'sink' }), 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.equal(sink.total, 1);
  });

  it('passes PutEvents\' refusal of a bad entry through', async () => {
    const s = h.open({ kind: 'bus', name: 'orders' });
    await assert.rejects(h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'X', detail: '[1]' }), (e: Error & { code: string }) => e.code === 'MalformedDetail' && e.message === 'Detail is malformed.');
    await assert.rejects(h.request(s, 'bus/putEvent', { source: '', detailType: 'X', detail: '{}' }), /Parameter Source is not valid\. Reason: Source is a required argument\./);
  });

  it('explains a logged event: the first failing field of each rule that missed, and what each target received', async () => {
    rule('placed', ORDER_PLACED, [{ Id: 'whole', Arn: queueArn }, { Id: 'part', Arn: queueArn, InputPath: '$.detail' }]);
    rule('big', BIG_ORDERS);
    rule('other-source', JSON.stringify({ source: ['billing'] }));
    const s = h.open({ kind: 'bus', name: 'orders' });
    const { eventId } = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{"total":50}' });
    await h.broker.eventbridge.settled();
    const x = await h.request(s, 'bus/explain', { eventId });
    assert.equal(x.eventId, eventId);
    assert.equal(JSON.parse(x.event).id, eventId);
    const byRule = new Map(x.verdicts.map((v) => [v.rule, v]));
    assert.deepEqual([...byRule.keys()], ['big', 'other-source', 'placed']);
    const big = byRule.get('big')!;
    assert.equal(big.matched, false);
    assert.equal(big.miss?.path, 'detail.total');
    assert.deepEqual(big.miss?.seen, ['50']);
    assert.equal(big.miss?.expected, '[{"numeric":[">",100]}]');
    assert.equal(big.miss?.text, 'detail.total: 50 does not match [{"numeric":[">",100]}]');
    assert.equal(byRule.get('other-source')!.miss?.text, 'source: "shop" does not match ["billing"]');
    const placed = byRule.get('placed')!;
    assert.equal(placed.matched, true);
    const received = new Map(placed.targets!.map((t) => [t.targetId, t]));
    assert.equal(received.get('whole')!.status, 'delivered');
    assert.equal(JSON.parse(received.get('whole')!.received).id, eventId);
    assert.equal(received.get('part')!.received, '{"total":50}');
  });

  it('shows a failed delivery with its reason, in the list and in the explanation', async () => {
    eb().PutRule({ Name: 'placed', EventBusName: 'orders', EventPattern: ORDER_PLACED });
    const gone = queueArn.replace(/sink$/, 'gone');
    eb().PutTargets({ Rule: 'placed', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: gone, RetryPolicy: { MaximumRetryAttempts: 0 } }] });
    const s = h.open({ kind: 'bus', name: 'orders' });
    const { eventId } = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{}' });
    await h.broker.eventbridge.settled();
    const [listed] = await h.request(s, 'bus/events', { limit: 1 });
    assert.deepEqual(listed.deliveries.map((d) => [d.targetArn, d.status, d.attempt]), [[gone, 'failed', 1]]);
    assert.match(listed.deliveries[0].detail ?? '', /queue does not exist/i);
    const x = await h.request(s, 'bus/explain', { eventId });
    assert.equal(x.verdicts[0].targets?.[0].status, 'failed');
  });

  it('keeps a rule\'s verdict from when the event was put, even if the rule changed or went since', async () => {
    rule('placed', ORDER_PLACED);
    const s = h.open({ kind: 'bus', name: 'orders' });
    const { eventId } = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{}' });
    eb().DeleteRule({ Name: 'placed', EventBusName: 'orders' });
    const x = await h.request(s, 'bus/explain', { eventId });
    assert.deepEqual(x.verdicts.map((v) => [v.rule, v.state, v.matched]), [['placed', 'DELETED', true]]);
    await assert.rejects(h.request(s, 'bus/explain', { eventId: 'no-such-event' }), /no longer among/);
  });

  it('explains a pasted event, refusing one without the envelope as TestEventPattern does', async () => {
    rule('placed', ORDER_PLACED, [], 'default');
    eb().PutRule({ Name: 'tick', ScheduleExpression: 'rate(1 hour)' });
    const s = h.open({ kind: 'bus', name: 'default' });
    const event = { id: '1', account: '123456789012', source: 'shop', time: '2026-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'OrderShipped', resources: [], detail: {} };
    const x = await h.request(s, 'bus/explain', { event: JSON.stringify(event) });
    assert.equal(x.eventId, undefined);
    assert.deepEqual(
      x.verdicts.map((v) => [v.rule, v.matched, v.scheduled ?? false, v.miss?.path]),
      [
        ['placed', false, false, 'detail-type'],
        ['tick', false, true, undefined],
      ],
    );
    await assert.rejects(h.request(s, 'bus/explain', { event: '{"source":"shop"}' }), /Parameter Event is not valid\./);
  });

  it('tests a pattern against the recent events, newest first, or against a pasted event', async () => {
    const s = h.open({ kind: 'bus', name: 'orders' });
    for (const total of [10, 200, 300]) await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: JSON.stringify({ total }) });
    const r = await h.request(s, 'bus/testPattern', { pattern: BIG_ORDERS, limit: 100 });
    assert.equal(r.matched, 2);
    assert.deepEqual(r.results.map((e) => e.matched), [true, true, false]);
    assert.equal(r.results[2].miss?.text, 'detail.total: 10 does not match [{"numeric":[">",100]}]');
    assert.equal((await h.request(s, 'bus/testPattern', { pattern: BIG_ORDERS, limit: 1 })).results.length, 1);
    const pasted = JSON.stringify({ id: '1', account: '1', source: 'shop', time: 't', region: 'r', 'detail-type': 'x', detail: { total: 101 } });
    const one = await h.request(s, 'bus/testPattern', { pattern: BIG_ORDERS, event: pasted, limit: 100 });
    assert.deepEqual(one.results.map((e) => [e.eventId, e.matched]), [[undefined, true]]);
  });

  it('refuses an invalid pattern in TestEventPattern\'s words', async () => {
    const s = h.open({ kind: 'bus', name: 'orders' });
    await assert.rejects(
      h.request(s, 'bus/testPattern', { pattern: '{"source":"shop"}', limit: 10 }),
      (e: Error & { code: string }) => e.code === 'InvalidEventPatternException' && e.message.startsWith('Event pattern is not valid. Reason: '),
    );
    await assert.rejects(h.request(s, 'bus/testPattern', { pattern: '{"source":', limit: 10 }), (e: Error & { code: string }) => e.code === 'InvalidEventPatternException');
  });

  it('forwards the bus\'s events with the event id, and not other buses\'', async () => {
    eb().CreateEventBus({ Name: 'other' });
    rule('placed', ORDER_PLACED, [{ Id: 'q', Arn: queueArn }]);
    const s = h.open({ kind: 'bus', name: 'orders' });
    await s.receive({ type: 'ready' });
    eb().PutEvents({ Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{}', EventBusName: 'other' }] });
    const { eventId } = await h.request(s, 'bus/putEvent', { source: 'shop', detailType: 'OrderPlaced', detail: '{}' });
    await h.broker.eventbridge.settled();
    h.flush();
    const changes = h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes);
    assert.deepEqual(
      changes.filter((c) => c.service === 'events').map((c) => [c.type, c.eventId]),
      [
        ['eventPut', eventId],
        ['delivery', eventId],
      ],
    );
  });
});
