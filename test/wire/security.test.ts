import assert from 'node:assert/strict';
import http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { Broker } from '../../src/broker/broker';
import { startServer } from '../../src/server/server';
import { form, raw, rawSocket, sqsJson } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

const xml = new XMLParser({ parseTagValue: false });

/** What a hostile web page, a huge upload or a broken client can do to the endpoint: nothing. */
describe('endpoint safety', function () {
  this.timeout(30_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  const health = async (url = server.url) => (await raw(url, { method: 'GET', path: '/_eventyard/health' })).status;

  it('accepts loopback Host names', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `127.1.2.3:${server.port}`, `[::1]:${server.port}`]) {
      const res = await raw(server.url, { ...sqsJson('ListQueues', {}), headers: { ...sqsJson('ListQueues', {}).headers, host } });
      assert.equal(res.status, 200, host);
    }
  });

  it('refuses a foreign Host (DNS rebinding) with 403 and says why, in the protocol of the request', async () => {
    const json = sqsJson('CreateQueue', { QueueName: 'rebound' });
    const res = await raw(server.url, { ...json, headers: { ...json.headers, host: 'attacker.example:4566' } });
    assert.equal(res.status, 403);
    const error = JSON.parse(res.text);
    assert.equal(error.__type, 'com.amazonaws.sqs#AccessDenied');
    assert.match(error.message, /refuses requests for host "attacker\.example:4566".*--allowed-host attacker\.example/);
    const query = await raw(server.url, {
      ...form({ Action: 'ListQueues' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'evil.test' },
    });
    assert.equal(query.status, 403);
    assert.equal(xml.parse(query.text).ErrorResponse.Error.Code, 'AccessDenied');
    assert.deepEqual(JSON.parse((await raw(server.url, sqsJson('ListQueues', {}))).text), {}, 'the refused request created nothing');
  });

  it('refuses requests carrying a web page Origin, but not a loopback one', async () => {
    const json = sqsJson('ListQueues', {});
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      const res = await raw(server.url, { ...json, headers: { ...json.headers, origin } });
      assert.equal(res.status, 403, origin);
      assert.match(JSON.parse(res.text).message, /web pages may not reach the local broker/);
    }
    const admin = await raw(server.url, { method: 'POST', path: '/_eventyard/reset', headers: { origin: 'https://evil.example' } });
    assert.equal(admin.status, 403);
    const local = await raw(server.url, { ...json, headers: { ...json.headers, origin: 'http://localhost:3000' } });
    assert.equal(local.status, 200);
  });

  it('--allowed-host lets a named host through', async () => {
    const other = await startServe(['--allowed-host', 'broker.internal']);
    try {
      const json = sqsJson('ListQueues', {});
      const res = await raw(other.url, { ...json, headers: { ...json.headers, host: 'broker.internal:4566' } });
      assert.equal(res.status, 200);
      const refused = await raw(other.url, { ...json, headers: { ...json.headers, host: 'other.internal' } });
      assert.equal(refused.status, 403);
    } finally {
      await other.stop();
    }
  });

  it('answers a body over 10 MiB with an AWS-shaped 413, declared or streamed, and keeps serving', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 'a');
    const declared = await raw(server.url, { ...sqsJson('SendMessage', ''), body: big });
    assert.equal(declared.status, 413);
    assert.deepEqual(JSON.parse(declared.text), {
      __type: 'com.amazonaws.sqs#RequestEntityTooLarge',
      message: 'Request body must be smaller than 10485760 bytes.',
    });
    const streamed = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const req = http.request(
        { host: hostname, port, method: 'POST', path: '/', headers: form({}).headers },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'b');
      let sent = 0;
      const pump = () => {
        while (sent < 12 && req.write(chunk)) sent++;
        if (sent < 12) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    assert.equal(streamed.status, 413);
    assert.equal(xml.parse(streamed.body).ErrorResponse.Error.Code, 'RequestEntityTooLarge');
    // A body far beyond the limit is not even read: the answer comes at once and the connection closes.
    const huge = await rawSocket(
      server.url,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.SendMessage\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{`,
      5000,
    );
    assert.match(huge, /^HTTP\/1\.1 413 /);
    assert.match(huge, /connection: close/i);
    assert.equal(await health(), 200);
  });

  it('survives cut connections, half requests, garbage bytes and silent sockets', async () => {
    await rawSocket(server.url, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"Queue', 200);
    await rawSocket(server.url, 'GET /_eventyard/hea', 200);
    await rawSocket(server.url, '', 200);
    await rawSocket(server.url, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00garbage', 500);
    await rawSocket(server.url, 'PRI * HT', 200, true);
    const garbage = await rawSocket(server.url, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01]), 1000);
    assert.match(garbage, /^HTTP\/1\.1 400/);
    await rawSocket(server.url, sqsJson('ReceiveMessage', {}).body + '\r\n', 100);
    assert.equal(await health(), 200);
  });

  it('a long poll whose client goes away does not disturb the server', async () => {
    await raw(server.url, sqsJson('CreateQueue', { QueueName: 'abandoned' }));
    const body = JSON.stringify({ QueueUrl: `${server.url}/000000000000/abandoned`, WaitTimeSeconds: 2 });
    await rawSocket(
      server.url,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      100,
    );
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await health(), 200);
    assert.match(server.output(), /listening on/);
    assert.doesNotMatch(server.output(), /Error|Unhandled/);
  });

  it('turns an unexpected engine failure into InternalFailure 500, logs it and keeps serving', async () => {
    const broker = new Broker();
    const logged: string[] = [];
    const running = await startServer(broker, { port: 0, log: (line) => logged.push(line) });
    try {
      (broker.sqs.operations as unknown as Record<string, () => never>).ListQueues = () => {
        throw new TypeError('engine bug');
      };
      const res = await raw(running.url, sqsJson('ListQueues', {}));
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(res.text), {
        __type: 'com.amazonaws.sqs#InternalFailure',
        message: 'We encountered an internal error. Please try again.',
      });
      assert.equal(res.headers['x-amzn-query-error'], 'InternalFailure;Receiver');
      assert.equal(logged.length, 1);
      assert.match(logged[0], /TypeError: engine bug/);
      const query = await raw(running.url, form({ Action: 'ListQueues' }));
      assert.equal(xml.parse(query.text).ErrorResponse.Error.Type, 'Receiver');
      assert.equal((await raw(running.url, sqsJson('CreateQueue', { QueueName: 'still-fine' }))).status, 200);
    } finally {
      await running.close();
      broker.dispose();
    }
  });
});
