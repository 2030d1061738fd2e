/**
 * The SQS engine in-process, no sockets: what the broker itself costs per message. Each run uses a fresh
 * broker so one run's leftovers do not slow the next.
 */
import { Broker } from '../src/broker/broker';
import type { SqsOperations } from '../src/broker/sqs/api';
import { cpuStopwatch, emit, main, progress, quick, repeat, Row, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const COUNT = quick ? 50_000 : 200_000;
const BODY = 'x'.repeat(256);
const SEND_TARGET = { value: 1_000_000, better: 'higher' as const };

function freshQueue(attributes?: Record<string, string>, name = 'bench', traceBufferSize?: number): { sqs: SqsOperations; url: string; broker: Broker } {
  const broker = new Broker({ traceBufferSize });
  const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: name, Attributes: attributes });
  return { sqs: broker.sqs.operations, url: QueueUrl, broker };
}

function fill(sqs: SqsOperations, url: string, count: number, groups = 0): void {
  for (let i = 0; i < count; i += 10) {
    const Entries = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({
      Id: String(j),
      MessageBody: BODY,
      ...(groups ? { MessageGroupId: `g${(i + j) % groups}`, MessageDeduplicationId: String(i + j) } : {}),
    }));
    sqs.SendMessageBatch({ QueueUrl: url, Entries });
  }
}

async function drain(sqs: SqsOperations, url: string, count: number, batch: boolean): Promise<number> {
  let done = 0;
  while (done < count) {
    const { Messages = [] } = await sqs.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: batch ? 10 : 1 });
    if (Messages.length === 0) throw new Error(`queue ran dry after ${done} of ${count}`);
    if (batch) {
      sqs.DeleteMessageBatch({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) });
    } else {
      sqs.DeleteMessage({ QueueUrl: url, ReceiptHandle: Messages[0].ReceiptHandle });
    }
    done += Messages.length;
  }
  return done;
}

async function throughputRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const send = await repeat(RUNS, 'sqs send', () => {
    const { sqs, url, broker } = freshQueue();
    const elapsed = cpuStopwatch();
    for (let i = 0; i < COUNT; i++) sqs.SendMessage({ QueueUrl: url, MessageBody: BODY });
    const value = COUNT / elapsed();
    broker.dispose();
    return value;
  });
  rows.push(row('engine sqs SendMessage', 'throughput per CPU-second', 'msg/s', send, { target: SEND_TARGET }));
  // The same sends with message tracing off (the rows above have it on, as the broker does by default): what traces cost.
  const untraced = await repeat(RUNS, 'sqs send, tracing off', () => {
    const { sqs, url, broker } = freshQueue(undefined, 'bench', 0);
    const elapsed = cpuStopwatch();
    for (let i = 0; i < COUNT; i++) sqs.SendMessage({ QueueUrl: url, MessageBody: BODY });
    const value = COUNT / elapsed();
    broker.dispose();
    return value;
  });
  rows.push(row('engine sqs SendMessage, tracing off', 'throughput per CPU-second', 'msg/s', untraced, { target: SEND_TARGET }));

  const sendBatch = await repeat(RUNS, 'sqs send batch', () => {
    const { sqs, url, broker } = freshQueue();
    const elapsed = cpuStopwatch();
    fill(sqs, url, COUNT);
    const value = COUNT / elapsed();
    broker.dispose();
    return value;
  });
  rows.push(row('engine sqs SendMessageBatch x10', 'throughput per CPU-second', 'msg/s', sendBatch, { target: SEND_TARGET }));

  for (const batch of [false, true]) {
    const runs = await repeat(RUNS, `sqs receive+delete${batch ? ' batch' : ''}`, async () => {
      const { sqs, url, broker } = freshQueue();
      fill(sqs, url, COUNT);
      const elapsed = cpuStopwatch();
      const value = (await drain(sqs, url, COUNT, batch)) / elapsed();
      broker.dispose();
      return value;
    });
    rows.push(row(`engine sqs Receive+Delete${batch ? 'Batch x10' : 'Message x1'}`, 'throughput per CPU-second', 'msg/s', runs));
  }

  const GROUPS = 1000;
  const fifoAttributes = { FifoQueue: 'true' };
  const fifoSend = await repeat(RUNS, `fifo send ${GROUPS} groups`, () => {
    const { sqs, url, broker } = freshQueue(fifoAttributes, 'bench.fifo');
    const elapsed = cpuStopwatch();
    fill(sqs, url, COUNT, GROUPS);
    const value = COUNT / elapsed();
    broker.dispose();
    return value;
  });
  rows.push(row(`engine fifo SendMessageBatch x10, ${GROUPS} groups`, 'throughput per CPU-second', 'msg/s', fifoSend));
  const fifoDrain = await repeat(RUNS, `fifo receive+delete ${GROUPS} groups`, async () => {
    const { sqs, url, broker } = freshQueue(fifoAttributes, 'bench.fifo');
    fill(sqs, url, COUNT, GROUPS);
    const elapsed = cpuStopwatch();
    const value = (await drain(sqs, url, COUNT, true)) / elapsed();
    broker.dispose();
    return value;
  });
  rows.push(row(`engine fifo Receive+DeleteBatch x10, ${GROUPS} groups`, 'throughput per CPU-second', 'msg/s', fifoDrain));
  return rows;
}

/**
 * Cost per operation with 1,000 ... 1,000,000 messages already waiting: a steady state where each step
 * sends and then receives and deletes the same number, so the depth stays put while it is measured.
 */
async function growthRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const depths = [1_000, 10_000, 100_000, 1_000_000];
  const STEP = quick ? 10_000 : 20_000;
  const { sqs, url, broker } = freshQueue();
  let depth = 0;
  for (const target of depths) {
    const fillTime = cpuStopwatch();
    fill(sqs, url, target - depth);
    depth = target;
    progress(`growth: ${target} messages waiting (filled in ${fillTime().toFixed(1)} s of CPU)`);
    const sendCost: number[] = [];
    const drainCost: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let elapsed = cpuStopwatch();
      fill(sqs, url, STEP);
      sendCost.push((elapsed() * 1e6) / STEP);
      elapsed = cpuStopwatch();
      await drain(sqs, url, STEP, true);
      drainCost.push((elapsed() * 1e6) / STEP);
    }
    const label = target.toLocaleString('en-US');
    rows.push(row(`engine sqs growth @${label} waiting: SendMessageBatch`, 'cost per message', 'µs/msg', sendCost));
    rows.push(row(`engine sqs growth @${label} waiting: Receive+DeleteBatch`, 'cost per message', 'µs/msg', drainCost));
  }
  broker.dispose();
  return rows;
}

main(async () => {
  const rows = [...(await throughputRows()), ...(await growthRows())];
  emit('engine-sqs', rows);
});
