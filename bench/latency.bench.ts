/**
 * Latency a consumer sees. Long-poll wake-up: a receive is waiting (WaitTimeSeconds 20) when a message is
 * sent; how long until the receive has it, in-process and over the wire with the real SDK against
 * `eventyard serve`, and with a bare node:http client speaking SQS's JSON 1.0 (the server's share without the
 * SDK's). Visibility expiry: a message received with VisibilityTimeout 1 s is long-polled for
 * again; how late after its deadline it is handed out.
 */
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Broker } from '../src/broker/broker';
import { emit, main, percentile, progress, quick, Row, row } from './lib/harness';
import { clientOptions, startEventyard } from './lib/servers';

const RUNS = 3;
const WAKE_SAMPLES = quick ? 200 : 400;
const EXPIRY_QUEUES = quick ? 10 : 20;
const WAKE_TARGET = { value: 1, better: 'lower' as const };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `sample` `count` times; returns [p50, p99] of its milliseconds. */
async function percentiles(count: number, sample: () => Promise<number>): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await sample());
  return [percentile(times, 50), percentile(times, 99)];
}

async function engineWakeUp(): Promise<[number, number]> {
  const broker = new Broker();
  const sqs = broker.sqs.operations;
  const { QueueUrl } = sqs.CreateQueue({ QueueName: 'wake' });
  const result = await percentiles(WAKE_SAMPLES, async () => {
    const receive = sqs.ReceiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
    // Let the receive start waiting before the send, as a consumer that is already polling would be.
    await pause(1);
    const sentAt = performance.now();
    sqs.SendMessage({ QueueUrl, MessageBody: 'wake up' });
    const { Messages = [] } = await receive;
    const took = performance.now() - sentAt;
    sqs.DeleteMessage({ QueueUrl, ReceiptHandle: Messages[0].ReceiptHandle as string });
    return took;
  });
  broker.dispose();
  return result;
}

async function wireWakeUp(client: SQSClient, QueueUrl: string): Promise<[number, number]> {
  return percentiles(WAKE_SAMPLES / 2, async () => {
    const receive = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await pause(5);
    const sentAt = performance.now();
    await Promise.all([client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' })), receive]);
    const took = performance.now() - sentAt;
    return took;
  });
}

/** One SQS JSON 1.0 request over a keep-alive agent, no SDK: what the wire costs without the client's work. */
function rawSqs(agent: http.Agent, url: string, action: string, input: object): Promise<Record<string, unknown>> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AmazonSQS.${action}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${action}: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function rawWakeUp(url: string, QueueUrl: string): Promise<[number, number]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  // Open both connections first, so the samples time requests rather than TCP handshakes.
  await Promise.all([rawSqs(agent, url, 'GetQueueUrl', { QueueName: 'wake' }), rawSqs(agent, url, 'GetQueueUrl', { QueueName: 'wake' })]);
  const result = await percentiles(WAKE_SAMPLES / 2, async () => {
    const receive = rawSqs(agent, url, 'ReceiveMessage', { QueueUrl, WaitTimeSeconds: 20 });
    await pause(5);
    const sentAt = performance.now();
    await Promise.all([rawSqs(agent, url, 'SendMessage', { QueueUrl, MessageBody: 'wake up' }), receive]);
    return performance.now() - sentAt;
  });
  agent.destroy();
  return result;
}

/** Every queue gets one message, received with a 1 s visibility timeout, then long-polled for again. */
async function visibilityLateness(): Promise<number[]> {
  // The broker's timers do not hold a process open (a server or the editor does): this stands in for them.
  const keepAlive = setInterval(() => undefined, 1000);
  const broker = new Broker();
  const sqs = broker.sqs.operations;
  const lateness = await Promise.all(
    Array.from({ length: EXPIRY_QUEUES }, async (_, i) => {
      const { QueueUrl } = sqs.CreateQueue({ QueueName: `expiry-${i}` });
      sqs.SendMessage({ QueueUrl, MessageBody: 'comes back' });
      // Spread the deadlines so they do not all fall due on one timer.
      await pause(i * 37);
      const receivedAt = performance.now();
      await sqs.ReceiveMessage({ QueueUrl, VisibilityTimeout: 1 });
      const { Messages = [] } = await sqs.ReceiveMessage({ QueueUrl, WaitTimeSeconds: 5 });
      if (Messages.length !== 1) throw new Error('the message did not come back');
      return performance.now() - (receivedAt + 1000);
    }),
  );
  broker.dispose();
  clearInterval(keepAlive);
  return lateness;
}

main(async () => {
  const rows: Row[] = [];
  const engine: [number, number][] = [];
  for (let run = 0; run < RUNS; run++) {
    engine.push(await engineWakeUp());
    progress(`engine wake-up run ${run + 1}: p50 ${engine[run][0].toFixed(3)} ms, p99 ${engine[run][1].toFixed(3)} ms`);
  }
  rows.push(
    row('engine sqs long-poll wake-up, send -> receive', 'p50', 'ms', engine.map((r) => r[0]), { target: WAKE_TARGET }),
    row('engine sqs long-poll wake-up, send -> receive', 'p99', 'ms', engine.map((r) => r[1])),
  );

  const server = await startEventyard();
  try {
    const client = new SQSClient(clientOptions(server, 4));
    const { QueueUrl = '' } = await client.send(new CreateQueueCommand({ QueueName: 'wake' }));
    const wire: [number, number][] = [];
    for (let run = 0; run < RUNS; run++) {
      wire.push(await wireWakeUp(client, QueueUrl));
      progress(`wire wake-up run ${run + 1}: p50 ${wire[run][0].toFixed(3)} ms, p99 ${wire[run][1].toFixed(3)} ms`);
    }
    client.destroy();
    const raw: [number, number][] = [];
    for (let run = 0; run < RUNS; run++) {
      raw.push(await rawWakeUp(server.url, QueueUrl));
      progress(`raw http wake-up run ${run + 1}: p50 ${raw[run][0].toFixed(3)} ms, p99 ${raw[run][1].toFixed(3)} ms`);
    }
    rows.push(
      row('wire sqs long-poll wake-up, node:http send -> receive', 'p50', 'ms', raw.map((r) => r[0]), { target: WAKE_TARGET }),
      row('wire sqs long-poll wake-up, node:http send -> receive', 'p99', 'ms', raw.map((r) => r[1])),
    );
    rows.push(
      row('wire sqs long-poll wake-up, SDK send -> SDK receive', 'p50', 'ms', wire.map((r) => r[0]), { target: WAKE_TARGET }),
      row('wire sqs long-poll wake-up, SDK send -> SDK receive', 'p99', 'ms', wire.map((r) => r[1])),
    );
  } finally {
    await server.stop();
  }

  const late: [number, number][] = [];
  for (let run = 0; run < RUNS; run++) {
    const samples = await visibilityLateness();
    late.push([percentile(samples, 50), Math.max(...samples)]);
    progress(`visibility expiry run ${run + 1}: p50 ${late[run][0].toFixed(2)} ms late, max ${late[run][1].toFixed(2)} ms`);
  }
  rows.push(
    row('engine sqs visibility expiry, lateness after deadline', 'p50', 'ms', late.map((r) => r[0])),
    row('engine sqs visibility expiry, lateness after deadline', 'max', 'ms', late.map((r) => r[1])),
  );
  emit('latency', rows);
});
