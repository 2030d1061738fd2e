/**
 * The search (src/broker/search) over one queue of 100,000 messages: messages scanned per second with a
 * JSONPath predicate, a JSONata predicate and free text. Issue 20 asks for this figure.
 */
import { Broker } from '../src/broker/broker';
import type { MessageQuery } from '../src/broker/search/query';
import { searchMessages } from '../src/broker/search/search';
import { cpuStopwatch, emit, main, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const MESSAGES = quick ? 20_000 : 100_000;

function filledQueue(): Broker {
  const broker = new Broker();
  const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'bench' });
  for (let i = 0; i < MESSAGES; i += 10) {
    broker.sqs.operations.SendMessageBatch({
      QueueUrl,
      Entries: Array.from({ length: 10 }, (_, j) => ({
        Id: `m${j}`,
        MessageBody: JSON.stringify({ order: i + j, total: (i + j) % 1000, customer: { id: `c-${(i + j) % 97}`, vip: (i + j) % 13 === 0 }, items: [{ sku: 'A-1', qty: 2 }] }),
      })),
    });
  }
  return broker;
}

async function scanRate(broker: Broker, query: MessageQuery, expected: number): Promise<number> {
  const elapsed = cpuStopwatch();
  let last = { scanned: 0, matched: 0 };
  for await (const batch of searchMessages(broker, [{ kind: 'queue', name: 'bench' }], query)) last = batch;
  const value = last.scanned / elapsed();
  if (last.scanned !== MESSAGES || last.matched !== expected) throw new Error(`scanned ${last.scanned}, matched ${last.matched} (expected ${expected})`);
  return value;
}

main(async () => {
  const broker = filledQueue();
  const vip = Math.ceil(MESSAGES / 13);
  const jsonPath = await repeat(RUNS, 'search JSONPath', () => scanRate(broker, { json: { language: 'jsonpath', expression: '$[?(@.customer.vip == true)]' } }, vip));
  const jsonata = await repeat(RUNS, 'search JSONata', () => scanRate(broker, { json: { language: 'jsonata', expression: 'customer.vip = true' } }, vip));
  const text = await repeat(RUNS, 'search text', () => scanRate(broker, { text: '"c-5"' }, Math.ceil(MESSAGES / 97)));
  broker.dispose();
  const n = MESSAGES.toLocaleString('en');
  emit('search', [
    row(`search ${n} queue messages, JSONPath predicate`, 'messages scanned per CPU-second', 'msg/s', jsonPath),
    row(`search ${n} queue messages, JSONata predicate`, 'messages scanned per CPU-second', 'msg/s', jsonata),
    row(`search ${n} queue messages, free text`, 'messages scanned per CPU-second', 'msg/s', text),
  ]);
});
