/** SNS fan-out in-process: one topic, 10 SQS queues subscribed, every publish lands in all ten. */
import { Broker } from '../src/broker/broker';
import { cpuStopwatch, emit, main, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const PUBLISHES = quick ? 10_000 : 40_000;
const QUEUES = 10;
const MESSAGE = JSON.stringify({ orderId: 'o-1', total: 42.5, note: 'x'.repeat(200) });

async function fanOut(raw: boolean): Promise<number> {
  const broker = new Broker();
  const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'bench' });
  for (let i = 0; i < QUEUES; i++) {
    broker.sqs.operations.CreateQueue({ QueueName: `fan-${i}` });
    broker.sns.operations.Subscribe({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: broker.sqs.queueArn(`fan-${i}`),
      ...(raw ? { Attributes: { RawMessageDelivery: 'true' } } : {}),
    });
  }
  const elapsed = cpuStopwatch();
  for (let i = 0; i < PUBLISHES; i++) broker.sns.operations.Publish({ TopicArn, Message: MESSAGE });
  await broker.sns.settled();
  const value = PUBLISHES / elapsed();
  const delivered = broker.sqs.listQueueSummaries().reduce((sum, q) => sum + q.visible, 0);
  if (delivered !== PUBLISHES * QUEUES) throw new Error(`fan-out delivered ${delivered} of ${PUBLISHES * QUEUES}`);
  broker.dispose();
  return value;
}

main(async () => {
  const rows = [];
  for (const raw of [false, true]) {
    const runs = await repeat(RUNS, `sns fan-out${raw ? ' raw' : ''}`, () => fanOut(raw));
    const label = `engine sns Publish, fan-out to ${QUEUES} queues${raw ? ' (raw delivery)' : ''}`;
    rows.push(row(label, 'publishes per CPU-second', 'msg/s', runs));
    rows.push(row(label, 'deliveries per CPU-second', 'msg/s', runs.map((r) => r * QUEUES)));
  }
  emit('engine-sns', rows);
});
