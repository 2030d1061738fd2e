import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Broker, type BrokerOptions } from '../../../src/broker/broker';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { startServer, type RunningServer } from '../../../src/server/server';
import { fixture } from './helpers';

/** A port free right now, so the broker can hand its handlers the endpoint before the server listens. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A local function's AWS SDK reaches the broker over the wire, through the same entry as any client, so
 * with the limits full its sends get the wire's refusals and store nothing. Real child process, real
 * server, real SDK.
 */
describe('functions: a handler sending while the limits are full', function () {
  this.timeout(30_000);
  let broker: Broker;
  let server: RunningServer;
  let dir: string | undefined;

  const start = async (options: BrokerOptions) => {
    const port = await freePort();
    broker = new Broker({ ...options, endpoint: `http://127.0.0.1:${port}`, functionRunner: new NodeInvocationRunner() });
    server = await startServer(broker, { port, log: () => undefined });
    broker.sqs.operations.CreateQueue({ QueueName: 'out' });
    broker.functions.create({ name: 'sender', module: fixture('send-to-queue.cjs') });
  };
  const send = async (body: string) => {
    const record = await broker.functions.invoke('sender', { queue: 'out', body });
    assert.equal(record.status, 'succeeded', JSON.stringify(record.error));
    return record.output as { messageId?: string; name?: string; status?: number; message?: string };
  };

  afterEach(async () => {
    await server?.close();
    await broker?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('gets ServiceUnavailable (503) once the data folder is at its size limit, and nothing is stored', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-function-limits-'));
    const maxBytes = 16 * 1024;
    await start({ persistence: { dataDir: dir, maxBytes } });
    assert.ok((await send('while there is room')).messageId, 'the handler reaches the broker');
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'filler' });
    while (broker.store!.store.bytes < maxBytes) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(1000) });
    await broker.store!.durable();

    const answer = await send('too much');
    assert.equal(answer.name, 'ServiceUnavailable');
    assert.equal(answer.status, 503);
    assert.match(answer.message ?? '', /data folder reached its size limit of 16384 bytes/);
    assert.deepEqual(broker.sqs.peek('out').messages.map((m) => m.body), ['while there is room']);
  });

  it('gets OverLimit (403) once the memory budget is full, and nothing is stored', async () => {
    await start({ maxMemoryBytes: 1024 * 1024 });
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'filler' });
    for (let i = 0; i < 4; i++) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(256 * 1024 - 1) });

    const answer = await send('too much');
    assert.equal(answer.name, 'OverLimit');
    assert.equal(answer.status, 403);
    assert.match(answer.message ?? '', /memory budget is full/);
    assert.equal(broker.sqs.peek('out').total, 0);
  });
});
