/**
 * SQS and SNS over the wire with the real AWS SDK v3 against `eventyard serve`, at several concurrencies:
 * SendMessageBatch, ReceiveMessage + DeleteMessageBatch, and SNS Publish fanned out to 10 queues.
 * Persistence is off (serve's default) except for one case: SendMessageBatch again with `--data-dir` and
 * `--persistence sync`, where every acknowledged batch is on disk first.
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
import { emit, main, progress, quick, repeat, Row, row } from './lib/harness';
import { clientOptions, inParallel, ServerProcess, startEventyard } from './lib/servers';

const RUNS = quick ? 2 : 3;
const CONCURRENCIES = quick ? [1, 8] : [1, 4, 16];
const BATCHES = quick ? 100 : 300;
const PUBLISHES = quick ? 200 : 500;
const FAN_OUT = 10;
const BODY = 'x'.repeat(256);
const ENTRIES = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: BODY }));

let queueCount = 0;

async function sendBatches(sqs: SQSClient, QueueUrl: string, concurrency: number, batches: number): Promise<void> {
  await inParallel(concurrency, batches, async () => {
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: ENTRIES }));
    if (out.Failed?.length) throw new Error(`${out.Failed.length} entries failed`);
  });
}

async function sqsRows(server: ServerProcess, label = ''): Promise<Row[]> {
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCIES) {
    const sqs = new SQSClient(clientOptions(server, concurrency));
    const send: number[] = [];
    const sendServerCpu: number[] = [];
    const drain: number[] = [];
    await repeat(RUNS, `sqs c=${concurrency}${label}`, async () => {
      const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${queueCount++}` }));
      const cpuBefore = server.cpuSeconds();
      let start = process.hrtime.bigint();
      await sendBatches(sqs, QueueUrl, concurrency, BATCHES);
      send.push((BATCHES * 10) / (Number(process.hrtime.bigint() - start) / 1e9));
      sendServerCpu.push((BATCHES * 10) / Math.max(server.cpuSeconds() - cpuBefore, 0.01));
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
      if (received !== total) throw new Error(`received ${received} of ${total}`);
      drain.push(received / (Number(process.hrtime.bigint() - start) / 1e9));
      return send[send.length - 1];
    });
    sqs.destroy();
    rows.push(row(`wire sqs SendMessageBatch x10, c=${concurrency}${label}`, 'throughput', 'msg/s', send));
    rows.push(row(`wire sqs SendMessageBatch x10, c=${concurrency}${label}`, 'per server CPU-second', 'msg/s', sendServerCpu));
    if (!label) rows.push(row(`wire sqs Receive x10 + DeleteMessageBatch, c=${concurrency}`, 'throughput', 'msg/s', drain));
  }
  return rows;
}

async function snsRows(server: ServerProcess): Promise<Row[]> {
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCIES) {
    const options = clientOptions(server, concurrency);
    const sns = new SNSClient(options);
    const sqs = new SQSClient(options);
    const runs = await repeat(RUNS, `sns c=${concurrency}`, async () => {
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
      const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queues[FAN_OUT - 1], AttributeNames: ['ApproximateNumberOfMessages'] }));
      if (Number(Attributes.ApproximateNumberOfMessages) !== PUBLISHES) throw new Error(`last queue holds ${Attributes.ApproximateNumberOfMessages} of ${PUBLISHES}`);
      return value;
    });
    sns.destroy();
    sqs.destroy();
    rows.push(row(`wire sns Publish, fan-out to ${FAN_OUT} queues, c=${concurrency}`, 'publishes', 'msg/s', runs));
  }
  return rows;
}

main(async () => {
  const server = await startEventyard();
  progress(`eventyard at ${server.url}`);
  const rows: Row[] = [];
  try {
    rows.push(...(await sqsRows(server)), ...(await snsRows(server)));
  } finally {
    await server.stop();
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-bench-'));
  const durable = await startEventyard(['--data-dir', dataDir, '--persistence', 'sync']);
  try {
    rows.push(...(await sqsRows(durable, ', persistence sync')));
  } finally {
    await durable.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  emit('wire-sqs-sns', rows);
});
