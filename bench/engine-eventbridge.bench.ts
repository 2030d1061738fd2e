/**
 * EventBridge in-process: PutEvents with 100 rules on a bus (a tenth of them routing to an SQS queue), and
 * what matching costs per event as a bus grows from 1 to 100 to 10,000 rules with exact-value patterns. The
 * engine files such rules under their `source` / `detail-type` values (eventbridge/model.ts RuleIndex), so
 * the cost must not grow with the rule count; the last row says by how much it did.
 */
import { Broker } from '../src/broker/broker';
import { cpuStopwatch, emit, main, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const EVENTS = quick ? 5_000 : 20_000;
const DETAIL = JSON.stringify({ orderId: 'o-1', total: 42.5, items: [{ sku: 'a', qty: 2 }], note: 'x'.repeat(200) });
const BATCH = 10;

/** A bus with `rules` rules, rule i matching source `svc-i`; every `routeEvery`-th has an SQS target. */
function busWith(rules: number, routeEvery: number): { broker: Broker; queueUrl: string } {
  const broker = new Broker();
  const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'routed' });
  const queueArn = broker.sqs.queueArn('routed');
  const events = broker.eventbridge.operations;
  events.CreateEventBus({ Name: 'bench' });
  for (let i = 0; i < rules; i++) {
    events.PutRule({ Name: `r-${i}`, EventBusName: 'bench', EventPattern: JSON.stringify({ source: [`svc-${i}`], 'detail-type': ['OrderPlaced'] }) });
    if (i % routeEvery === 0) events.PutTargets({ Rule: `r-${i}`, EventBusName: 'bench', Targets: [{ Id: 'q', Arn: queueArn }] });
  }
  return { broker, queueUrl: QueueUrl };
}

/** PutEvents in batches of 10, each event for one rule chosen in turn; events per CPU-second. */
async function putEvents(rules: number, routeEvery: number): Promise<{ perSecond: number; routed: number }> {
  const { broker } = busWith(rules, routeEvery);
  const events = broker.eventbridge.operations;
  const elapsed = cpuStopwatch();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const Entries = [];
    for (let j = 0; j < BATCH; j++) {
      Entries.push({ EventBusName: 'bench', Source: `svc-${(i + j) % rules}`, DetailType: 'OrderPlaced', Detail: DETAIL });
    }
    const out = events.PutEvents({ Entries });
    if (out.FailedEntryCount) throw new Error(`PutEvents failed ${out.FailedEntryCount} entries`);
  }
  await broker.eventbridge.settled();
  const perSecond = EVENTS / elapsed();
  const routed = broker.sqs.listQueueSummaries()[0].visible;
  broker.dispose();
  return { perSecond, routed };
}

main(async () => {
  const rows = [];
  const routedCheck = async (rules: number, routeEvery: number) => {
    const r = await putEvents(rules, routeEvery);
    const expected = Array.from({ length: EVENTS }, (_, i) => i % rules).filter((rule) => rule % routeEvery === 0).length;
    if (r.routed !== expected) throw new Error(`${rules} rules: ${r.routed} events reached the queue, expected ${expected}`);
    return r.perSecond;
  };
  const hundred = await repeat(RUNS, 'PutEvents, 100 rules, 10 routed to SQS', () => routedCheck(100, 10));
  rows.push(row('engine events PutEvents x10, 100 rules on the bus (10 route to SQS)', 'events per CPU-second', 'events/s', hundred));

  // the first case measured would otherwise pay for the JIT warming up
  await putEvents(100, Number.MAX_SAFE_INTEGER);
  const perEvent: Record<number, number[]> = {};
  for (const rules of [1, 100, 10_000]) {
    // no targets: what is left is building the event and finding the rules it matches
    const runs = await repeat(RUNS, `matching with ${rules} exact-value rules`, async () => 1e6 / (await putEvents(rules, Number.MAX_SAFE_INTEGER)).perSecond);
    perEvent[rules] = runs;
    rows.push(row(`engine events PutEvents, ${rules.toLocaleString('en-US')} exact-value rule${rules === 1 ? '' : 's'} on the bus, no targets`, 'CPU per event', 'µs', runs));
  }
  const growth = perEvent[10_000].map((v, i) => v / perEvent[1][i]);
  rows.push(row('engine events matching cost, 10,000 rules vs 1 (exact values)', 'ratio', 'x', growth, { target: { value: 2, better: 'lower' } }));
  emit('engine-eventbridge', rows);
});
