import assert from 'node:assert/strict';
import http2 from 'node:http2';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import * as sqs from '@aws-sdk/client-sqs';
import { sqsClient } from './support/clients';
import { sqsJson } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/** Long enough for serve to have read the request and registered the long poll. */
const SETTLE_MS = 500;

/**
 * A long poll whose client went away must not take the next message: nobody would read the answer, and
 * the message would stay invisible for its whole visibility timeout (here 300 s).
 */
describe('SQS long polls of clients that went away', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: sqs.SQSClient;

  before(async () => {
    server = await startServe();
    client = sqsClient(server.url);
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  const createQueue = async (QueueName: string) =>
    (await client.send(new sqs.CreateQueueCommand({ QueueName, Attributes: { VisibilityTimeout: '300' } }))).QueueUrl!;

  /** Sends one message and expects a consumer arriving now to get it at once. */
  async function nextConsumerGetsTheMessage(url: string, body: string): Promise<void> {
    await client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    const got = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }));
    assert.deepEqual(got.Messages?.map((m) => m.Body), [body]);
  }

  it('the SDK aborting a ReceiveMessage (abortSignal) withdraws the long poll', async () => {
    const url = await createQueue('abort-sdk');
    const controller = new AbortController();
    const abandoned = client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), {
      abortSignal: controller.signal,
    });
    const failure = abandoned.then(
      () => assert.fail('the aborted call resolved'),
      (e: Error) => e,
    );
    await sleep(SETTLE_MS);
    controller.abort();
    assert.equal((await failure).name, 'AbortError');
    await nextConsumerGetsTheMessage(url, 'after-sdk-abort');
  });

  it('a long poll whose socket is cut takes nothing', async () => {
    const url = await createQueue('abort-socket');
    const request = sqsJson('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 20 });
    const body = Buffer.from(request.body);
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('') +
        `content-length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    await sleep(SETTLE_MS);
    socket.destroy();
    await sleep(100);
    await nextConsumerGetsTheMessage(url, 'after-socket-cut');
  });

  it('a long poll whose HTTP/2 stream is reset takes nothing, and its session serves on', async () => {
    const url = await createQueue('abort-h2');
    const session = http2.connect(server.url);
    try {
      const request = sqsJson('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 20 });
      const stream = session.request({ ':method': 'POST', ':path': '/', ...request.headers });
      stream.on('error', () => undefined);
      stream.end(request.body);
      await sleep(SETTLE_MS);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await sleep(100);
      await nextConsumerGetsTheMessage(url, 'after-stream-reset');

      // The same session's next long poll still receives what arrives.
      const next = session.request({ ':method': 'POST', ':path': '/', ...request.headers });
      next.end(request.body);
      const chunks: Buffer[] = [];
      next.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise<void>((resolve) => next.once('end', resolve));
      await sleep(SETTLE_MS);
      await client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: 'to-the-live-stream' }));
      await ended;
      const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Messages?: { Body: string }[] };
      assert.deepEqual(answer.Messages?.map((m) => m.Body), ['to-the-live-stream']);
    } finally {
      session.close();
    }
  });
});
