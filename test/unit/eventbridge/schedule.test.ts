import assert from 'node:assert/strict';
import { nextFireTime, parseScheduleExpression } from '../../../src/broker/eventbridge/schedule';
import { accountQueueArn, drain, makeQueue, newBroker, thrown } from './helpers';

const at = (iso: string) => Date.parse(iso);
const next = (expr: string, after: string) => {
  const t = nextFireTime(parseScheduleExpression(expr), at(after), at(after));
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe('EventBridge schedule expressions', () => {
  // Accepted and refused as recorded in test_events_schedule.snapshot.json.
  const accepted = [
    'rate(1 minute)', 'rate(5 minutes)', 'rate(1 hour)', 'rate(2 days)',
    'cron(0 10 * * ? *)', 'cron(15 12 * * ? *)', 'cron(0 18 ? * MON-FRI *)', 'cron(0 8 1 * ? *)', 'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)', 'cron(0/5 8-17 ? * MON-FRI *)', 'cron(0/30 20-23 ? * MON-FRI *)', 'cron(0/30 0-2 ? * MON-FRI *)',
    'cron(0 2 ? * SAT *)', 'cron(0 12 * * ? *)', 'cron(5,35 14 * * ? *)', 'cron(15 10 ? * 6L 2002-2005)', 'cron(0 2 ? * SAT#3 *)',
    'cron(* * ? * SAT#3 *)', 'cron(0/5 5 ? JAN 1-5 2022)',
  ];
  const refused = ['cron(INVALID)', 'cron(0 dummy ? * MON-FRI *)', 'cron(7 20 * * NOT *)', 'cron(71 8 1 * ? *)', 'cron(0 1 * * * *)', 'rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)', 'every minute'];

  for (const expr of accepted) it(`accepts ${expr}`, () => parseScheduleExpression(expr));
  for (const expr of refused) {
    it(`refuses ${expr} with "Parameter ScheduleExpression is not valid."`, () => {
      assert.deepEqual(thrown(() => parseScheduleExpression(expr)), { code: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.', status: 400 });
    });
  }

  it('computes the next firing in UTC', () => {
    assert.equal(next('cron(0 10 * * ? *)', '2026-01-01T10:00:00Z'), '2026-01-02T10:00:00.000Z');
    assert.equal(next('cron(0 10 * * ? *)', '2026-01-01T09:59:30Z'), '2026-01-01T10:00:00.000Z');
    assert.equal(next('cron(0/15 * * * ? *)', '2026-01-01T10:01:00Z'), '2026-01-01T10:15:00.000Z');
    assert.equal(next('cron(0 18 ? * MON-FRI *)', '2026-01-02T19:00:00Z'), '2026-01-05T18:00:00.000Z'); // Fri -> Mon
    assert.equal(next('cron(0 8 1 * ? *)', '2026-01-15T00:00:00Z'), '2026-02-01T08:00:00.000Z');
    assert.equal(next('cron(0 2 ? * SAT#3 *)', '2026-01-01T00:00:00Z'), '2026-01-17T02:00:00.000Z');
    assert.equal(next('cron(0 0 ? * 6L *)', '2026-01-01T00:00:00Z'), '2026-01-30T00:00:00.000Z'); // last Friday
    assert.equal(next('cron(0 0 L * ? *)', '2026-02-01T00:00:00Z'), '2026-02-28T00:00:00.000Z');
    assert.equal(next('cron(0 0 15W * ? *)', '2026-02-01T00:00:00Z'), '2026-02-16T00:00:00.000Z'); // the 15th is a Sunday
    assert.equal(next('cron(0/5 5 ? JAN 1-5 2022)', '2026-01-01T00:00:00Z'), undefined);
    assert.equal(next('cron(0 22-2 * * ? *)', '2026-01-01T23:30:00Z'), '2026-01-02T00:00:00.000Z');
    assert.equal(next('rate(5 minutes)', '2026-01-01T00:00:00Z'), '2026-01-01T00:05:00.000Z');
  });
});

describe('EventBridge scheduled rules', () => {
  it('sends a Scheduled Event to the targets every period, on the broker clock (tests_schedule_rate_target_sqs)', async () => {
    const ctx = newBroker();
    const { url } = makeQueue(ctx.broker, 'q');
    const { RuleArn } = ctx.ops.PutRule({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' });
    ctx.ops.PutTargets({ Rule: 'every-minute', Targets: [{ Id: 't', Arn: accountQueueArn('q') }] });
    assert.deepEqual(ctx.ops.ListRules({ NamePrefix: 'every' }).Rules, [
      { Arn: RuleArn, EventBusName: 'default', Name: 'every-minute', ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' },
    ]);
    ctx.clock.advance(59_999);
    assert.equal((await drain(ctx.broker, url)).length, 0);
    ctx.clock.advance(1);
    const [first] = await drain(ctx.broker, url);
    const body = JSON.parse(first.Body!);
    assert.deepEqual({ ...body, id: 'id' }, {
      version: '0',
      id: 'id',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111111111111',
      time: '2026-01-01T00:01:00Z',
      region: 'us-east-1',
      resources: [RuleArn],
      detail: {},
    });
    ctx.clock.advance(60_000);
    assert.equal((await drain(ctx.broker, url)).length, 1);
  });

  it('fires cron rules at their UTC times and stops when disabled or deleted', async () => {
    const ctx = newBroker();
    const { url } = makeQueue(ctx.broker, 'q');
    ctx.ops.PutRule({ Name: 'daily', ScheduleExpression: 'cron(0 10 * * ? *)' });
    ctx.ops.PutTargets({ Rule: 'daily', Targets: [{ Id: 't', Arn: accountQueueArn('q'), Input: '{"hello":"world"}' }] });
    ctx.clock.advance(10 * 3_600_000);
    const [m] = await drain(ctx.broker, url);
    assert.equal(m.Body, '{"hello":"world"}');
    ctx.ops.DisableRule({ Name: 'daily' });
    ctx.clock.advance(86_400_000);
    assert.equal((await drain(ctx.broker, url)).length, 0);
    ctx.ops.EnableRule({ Name: 'daily' });
    ctx.clock.advance(86_400_000);
    assert.equal((await drain(ctx.broker, url)).length, 1);
    ctx.ops.RemoveTargets({ Rule: 'daily', Ids: ['t'] });
    ctx.ops.DeleteRule({ Name: 'daily' });
    assert.equal(ctx.broker.scheduler.now(), ctx.clock.now());
    ctx.clock.advance(86_400_000 * 3);
    assert.equal((await drain(ctx.broker, url)).length, 0);
  });
});

describe('EventBridge rule index', () => {
  it('matches an event against exact-value rules without testing every rule', () => {
    const ctx = newBroker();
    for (let i = 0; i < 2000; i++) ctx.ops.PutRule({ Name: `r${i}`, EventPattern: JSON.stringify({ source: [`app.${i}`], detail: { n: [i] } }) });
    ctx.ops.PutRule({ Name: 'by-type', EventPattern: JSON.stringify({ 'detail-type': ['Order Placed'] }) });
    ctx.ops.PutRule({ Name: 'by-prefix', EventPattern: JSON.stringify({ source: [{ prefix: 'app.' }] }) });
    const bus = ctx.broker.eventbridge.state.bus('default');
    const candidates = bus.index.candidates({ source: 'app.7', 'detail-type': 'Order Placed' }).map((r) => r.name).sort();
    assert.deepEqual(candidates, ['by-prefix', 'by-type', 'r7']);
    ctx.ops.PutEvents({ Entries: [{ Source: 'app.7', DetailType: 'Order Placed', Detail: '{"n":7}' }] });
    const put = ctx.events.find((e) => e.type === 'eventPut');
    assert.deepEqual(put?.type === 'eventPut' && put.matchedRules, ['by-prefix', 'by-type', 'r7']);
    ctx.ops.DeleteRule({ Name: 'r7' });
    assert.deepEqual(bus.index.candidates({ source: 'app.7' }).map((r) => r.name), ['by-prefix']);
  });

  it('indexes a $or rule only when every alternative names the source', () => {
    const ctx = newBroker();
    ctx.ops.PutRule({ Name: 'both', EventPattern: JSON.stringify({ $or: [{ source: ['a'] }, { source: ['b'], detail: { x: [1] } }] }) });
    ctx.ops.PutRule({ Name: 'open', EventPattern: JSON.stringify({ $or: [{ source: ['a'] }, { detail: { x: [1] } }] }) });
    const bus = ctx.broker.eventbridge.state.bus('default');
    assert.deepEqual(bus.index.candidates({ source: 'b' }).map((r) => r.name).sort(), ['both', 'open']);
    assert.deepEqual(bus.index.candidates({ source: 'c' }).map((r) => r.name), ['open']);
  });
});
