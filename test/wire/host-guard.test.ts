import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import { raw, sqsJson } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/** What a web page in the user's browser can make the local broker do: nothing, by any route. */
describe('Host, Origin and Sec-Fetch-Site guard', function () {
  this.timeout(30_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  const listQueues = async () => JSON.parse((await raw(server.url, sqsJson('ListQueues', {}))).text).QueueUrls ?? [];
  const withHeaders = (headers: Record<string, string>) => {
    const request = sqsJson('ListQueues', {});
    return raw(server.url, { ...request, headers: { ...request.headers, ...headers } });
  };

  it('refuses a cross-site GET that carries no Origin (an <img> pointing at ?Action=CreateQueue), creating nothing', async () => {
    const res = await raw(server.url, {
      method: 'GET',
      path: '/?Action=CreateQueue&QueueName=from-a-web-page&Version=2012-11-05',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
    });
    assert.equal(res.status, 403);
    assert.match(res.text, /<Code>AccessDenied<\/Code>.*Sec-Fetch-Site: cross-site/s);
    for (const site of ['same-site', 'cross-site']) assert.equal((await withHeaders({ 'sec-fetch-site': site })).status, 403, site);
    assert.deepEqual(await listQueues(), []);
    assert.equal((await withHeaders({ 'sec-fetch-site': 'none' })).status, 200, 'a URL the user typed is no page');
    assert.equal((await withHeaders({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' })).status, 200, 'a local app is judged by its Origin');
  });

  it('refuses rebinding names that only look local, and accepts every loopback spelling', async () => {
    for (const host of ['evil.com', `evil.com:${server.port}`, 'localhost.evil.com', '127.0.0.1.nip.io', 'localhost.', '[::ffff:7f00:1]', '0.0.0.0']) {
      assert.equal((await withHeaders({ host })).status, 403, host);
    }
    for (const host of [`LOCALHOST:${server.port}`, `app.localhost:${server.port}`, `127.8.9.10:${server.port}`, `[::1]:${server.port}`]) {
      assert.equal((await withHeaders({ host })).status, 200, host);
    }
  });

  it('refuses foreign origins however they are spelled; accepts loopback ones, IPv6 included', async () => {
    for (const origin of ['https://evil.com', 'http://127.0.0.1@evil.com', 'http://localhost.evil.com:4566', 'null', 'not a url', 'file://']) {
      assert.equal((await withHeaders({ origin })).status, 403, origin);
    }
    for (const origin of ['http://[::1]:8080', 'http://127.0.0.1:5173', 'https://localhost']) {
      assert.equal((await withHeaders({ origin })).status, 200, origin);
    }
  });

  it('judges HTTP/2 requests by their :authority', async () => {
    const session = http2.connect(server.url);
    session.on('error', () => undefined);
    const status = (authority: string) =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({
          ':method': 'POST',
          ':path': '/',
          ':authority': authority,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.ListQueues',
        });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.end('{}');
        stream.resume();
      });
    try {
      assert.equal(await status(`evil.com:${server.port}`), 403);
      assert.equal(await status(`localhost:${server.port}`), 200);
    } finally {
      session.destroy();
    }
  });

  it('a server on the IPv6 loopback answers [::1] and still refuses foreign names', async () => {
    const v6 = await startServe(['--host', '::1']);
    try {
      assert.match(v6.url, /^http:\/\/\[::1\]:[0-9]+$/);
      const ask = (host?: string) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(
            { host: '::1', port: v6.port, method: 'POST', path: '/', headers: { ...sqsJson('ListQueues', {}).headers, ...(host ? { host } : {}) } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end('{}');
        });
      assert.equal(await ask(), 200);
      assert.equal(await ask('evil.com'), 403);
    } finally {
      await v6.stop();
    }
  });
});
