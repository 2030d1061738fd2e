/**
 * SQS and SNS over the wire with the real AWS SDK v3 against `eventyard serve`, at several concurrencies:
 * SendMessageBatch, ReceiveMessage + DeleteMessageBatch, and SNS Publish fanned out to 10 queues. The
 * SQS/SNS peers a user could pick from npm run beside it in the same run, same client, same messages, runs
 * alternating so the machine's load hits all alike: fauxqs (SQS and SNS; needs Node >= 22.5, skipped with
 * the reason when there is none) and local-aws-sqs (SQS only: its SNS rows say so).
 * Persistence is off (serve's default) except for one case: SendMessageBatch again with `--data-dir` and
 * `--persistence sync`, where every acknowledged batch is on disk first (Eventyard alone: neither peer
 * keeps an acknowledged message on disk before answering).
 */
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emit, main, median, Peer, progress, quick, round, Row, row } from './lib/harness';
import { clientOptions, inParallel, ServerProcess, startEventyard, startFauxqs, startLocalAwsSqs } from './lib/servers';

const RUNS = quick ? 2 : 3;
const CONCURRENCIES = quick ? [1, 8] : [1, 4, 16];
const BATCHES = quick ? 100 : 300;
const PUBLISHES = quick ? 200 : 500;
const FAN_OUT = 10;
const BODY = 'x'.repeat(256);
const ENTRIES = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: BODY }));

/** A server in the comparison: running, or not run and why. */
interface Contender {
  name: string;
  server?: ServerProcess;
  skipped?: string;
  sns: boolean;
}

let queueCount = 0;

async function sendBatches(sqs: SQSClient, QueueUrl: string, concurrency: number, batches: number): Promise<void> {
  await inParallel(concurrency, batches, async () => {
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: ENTRIES }));
    if (out.Failed?.length) throw new Error(`${out.Failed.length} entries failed`);
  });
}

interface SqsFigures {
  send: number;
  sendServerCpu: number;
  drain: number;
}

/** One run on a fresh queue: BATCHES batches sent, then drained by `concurrency` consumers. */
async function sqsRun(server: ServerProcess, sqs: SQSClient, concurrency: number): Promise<SqsFigures> {
  const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${queueCount++}` }));
  const cpuBefore = server.cpuSeconds();
  let start = process.hrtime.bigint();
  await sendBatches(sqs, QueueUrl, concurrency, BATCHES);
  const send = (BATCHES * 10) / (Number(process.hrtime.bigint() - start) / 1e9);
  const sendServerCpu = (BATCHES * 10) / Math.max(server.cpuSeconds() - cpuBefore, 0.01);
  const total = BATCHES * 10;
  let received = 0;
  start = process.hrtime.bigint();
  const consumer = async () => {
    while (received < total) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      // Another consumer may hold the last messages in flight: this one is done.
      if (Messages.length === 0) return;
      received += Messages.length;
      const Entries = Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle }));
      const out = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
      if (out.Failed?.length) throw new Error(`${out.Failed.length} deletes failed`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, consumer));
  if (received !== total) throw new Error(`${server.name}: received ${received} of ${total}`);
  return { send, sendServerCpu, drain: received / (Number(process.hrtime.bigint() - start) / 1e9) };
}

/** One run: a topic fanned out to FAN_OUT fresh queues, PUBLISHES publishes, the last queue checked. */
async function snsRun(server: ServerProcess, sns: SNSClient, sqs: SQSClient, concurrency: number): Promise<number> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `bench-${queueCount++}` }));
  const queues: string[] = [];
  for (let i = 0; i < FAN_OUT; i++) {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: `fan-${queueCount++}` }));
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn }));
    queues.push(QueueUrl);
  }
  const start = process.hrtime.bigint();
  await inParallel(concurrency, PUBLISHES, () => sns.send(new PublishCommand({ TopicArn, Message: BODY })));
  const value = PUBLISHES / (Number(process.hrtime.bigint() - start) / 1e9);
  const last = queues[FAN_OUT - 1];
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: last, AttributeNames: ['ApproximateNumberOfMessages'] }));
  const held = Number(Attributes.ApproximateNumberOfMessages);
  if (held !== PUBLISHES) throw new Error(`${server.name}: the last queue holds ${held} of ${PUBLISHES}`);
  return value;
}

/** Every contender's runs of one figure, by name. */
type Runs = Map<string, number[]>;

function collect(runs: Runs, name: string, value: number): void {
  runs.set(name, [...(runs.get(name) ?? []), value]);
}

/** The peers column of a row: each peer's median, or what kept it out of the row. */
function peersOf(contenders: Contender[], runs: Runs, needsSns = false): Peer[] | undefined {
  if (contenders.length < 2) return undefined;
  return contenders.slice(1).map((c): Peer => {
    if (c.skipped) return { name: c.name, cannot: `not run: ${c.skipped}` };
    if (needsSns && !c.sns) return { name: c.name, cannot: 'has no SNS' };
    return { name: c.name, median: round(median(runs.get(c.name) ?? [])) };
  });
}

async function sqsRows(contenders: Contender[], label = ''): Promise<Row[]> {
  const rows: Row[] = [];
  const running = contenders.filter((c) => c.server);
  for (const concurrency of CONCURRENCIES) {
    const send: Runs = new Map();
    const sendServerCpu: Runs = new Map();
    const drain: Runs = new Map();
    const clients = running.map((c) => new SQSClient(clientOptions(c.server as ServerProcess, concurrency)));
    for (let run = 0; run < RUNS; run++) {
      for (const [i, c] of running.entries()) {
        const r = await sqsRun(c.server as ServerProcess, clients[i], concurrency);
        collect(send, c.name, r.send);
        collect(sendServerCpu, c.name, r.sendServerCpu);
        collect(drain, c.name, r.drain);
        progress(`sqs c=${concurrency}${label} run ${run + 1}/${RUNS} ${c.name}: send ${Math.round(r.send)} msg/s, drain ${Math.round(r.drain)} msg/s`);
      }
    }
    for (const client of clients) client.destroy();
    const ours = contenders[0].name;
    const sendCase = `wire sqs SendMessageBatch x10, c=${concurrency}${label}`;
    rows.push(row(sendCase, 'throughput', 'msg/s', send.get(ours) ?? [], { peers: peersOf(contenders, send) }));
    rows.push(row(sendCase, 'per server CPU-second', 'msg/s', sendServerCpu.get(ours) ?? [], { peers: peersOf(contenders, sendServerCpu) }));
    if (!label) {
      rows.push(row(`wire sqs Receive x10 + DeleteMessageBatch, c=${concurrency}`, 'throughput', 'msg/s', drain.get(ours) ?? [], { peers: peersOf(contenders, drain) }));
    }
  }
  return rows;
}

async function snsRows(contenders: Contender[]): Promise<Row[]> {
  const rows: Row[] = [];
  const running = contenders.filter((c) => c.server && c.sns);
  for (const concurrency of CONCURRENCIES) {
    const publishes: Runs = new Map();
    const clients = running.map((c) => {
      const options = clientOptions(c.server as ServerProcess, concurrency);
      return { sns: new SNSClient(options), sqs: new SQSClient(options) };
    });
    for (let run = 0; run < RUNS; run++) {
      for (const [i, c] of running.entries()) {
        const value = await snsRun(c.server as ServerProcess, clients[i].sns, clients[i].sqs, concurrency);
        collect(publishes, c.name, value);
        progress(`sns c=${concurrency} run ${run + 1}/${RUNS} ${c.name}: ${Math.round(value)} publishes/s`);
      }
    }
    for (const { sns, sqs } of clients) {
      sns.destroy();
      sqs.destroy();
    }
    const ours = contenders[0].name;
    rows.push(
      row(`wire sns Publish, fan-out to ${FAN_OUT} queues, c=${concurrency}`, 'publishes', 'msg/s', publishes.get(ours) ?? [], {
        peers: peersOf(contenders, publishes, true),
      }),
    );
  }
  return rows;
}

main(async () => {
  const fauxqs = await startFauxqs();
  const contenders: Contender[] = [
    { name: 'eventyard', server: await startEventyard(), sns: true },
    'skipped' in fauxqs ? { name: 'fauxqs', skipped: fauxqs.skipped, sns: true } : { name: 'fauxqs', server: fauxqs, sns: true },
    { name: 'local-aws-sqs', server: await startLocalAwsSqs(), sns: false },
  ];
  for (const c of contenders) progress(c.server ? `${c.name} at ${c.server.url}` : `${c.name} not run: ${c.skipped}`);
  const rows: Row[] = [];
  try {
    rows.push(...(await sqsRows(contenders)), ...(await snsRows(contenders)));
  } finally {
    await Promise.all(contenders.map((c) => c.server?.stop()));
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-bench-'));
  const durable = await startEventyard(['--data-dir', dataDir, '--persistence', 'sync']);
  try {
    rows.push(...(await sqsRows([{ name: 'eventyard', server: durable, sns: true }], ', persistence sync')));
  } finally {
    await durable.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  emit('wire-sqs-sns', rows);
});
