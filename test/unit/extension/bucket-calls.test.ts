import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { Broker } from '../../../src/broker/broker';
import type { BrokerEvent } from '../../../src/broker/events';
import type { BrokerClient } from '../../../src/extension/client/broker-client';
import { localClient } from '../../../src/extension/client/local-client';
import { remoteClient } from '../../../src/extension/client/remote-client';
import { listingNodes } from '../../../src/extension/tree/nodes';
import { startServer, type RunningServer } from '../../../src/server/server';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The editor's bucket calls (the tree's listings, open, upload, delete, presign) give the same answers
 * in-process and through the SDK over the wire, and what they write raises S3's change events.
 */
describe("the editor's bucket calls", () => {
  before(async function () {
    this.timeout(60_000);
    await import('@aws-sdk/client-s3');
  });

  let broker: Broker;
  let server: RunningServer;
  let local: BrokerClient;
  let remote: BrokerClient;
  const keys = { accessKeyId: 'AKIDEDITOR', secretAccessKey: 'editor-secret', region: 'us-east-1' };

  beforeEach(async () => {
    const port = await freePort();
    broker = new Broker({ endpoint: `http://127.0.0.1:${port}` });
    // strict: the presigned URLs must carry a signature the broker accepts
    server = await startServer(broker, { port, log: () => undefined, accessKeys: [{ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }] });
    local = localClient(broker, server.url, keys);
    remote = remoteClient(server.url, keys);
  });
  afterEach(async () => {
    remote.dispose();
    await server.close();
    broker.dispose();
  });

  for (const which of ['local', 'remote'] as const) {
    it(`${which}: create, upload, list one level, read, presign, delete`, async () => {
      const client = which === 'local' ? local : remote;
      await client.buckets.createBucket('photos');
      await client.buckets.put('photos', 'cats/tom.txt', Buffer.from('meow'), 'text/plain');
      await client.buckets.put('photos', 'cats/kittens/a.txt', Buffer.from('mew'));
      await client.buckets.put('photos', 'odd key+ü (1).txt', Buffer.from('odd'));
      const top = await client.buckets.list('photos', '');
      assert.deepEqual(top.folders, ['cats/']);
      assert.deepEqual(top.objects.map((o) => [o.key, o.size, o.etag]), [['odd key+ü (1).txt', 3, `"${createHash('md5').update('odd').digest('hex')}"`]]);
      const cats = await client.buckets.list('photos', 'cats/');
      assert.deepEqual(cats.folders, ['cats/kittens/']);
      assert.deepEqual(cats.objects.map((o) => o.key), ['cats/tom.txt']);
      assert.equal(cats.truncated, false);
      const got = await client.buckets.get('photos', 'cats/tom.txt');
      assert.equal(Buffer.from(got.body).toString(), 'meow');
      assert.equal(got.contentType, 'text/plain');
      assert.deepEqual((await client.buckets.keys('photos')).sort(), ['cats/kittens/a.txt', 'cats/tom.txt', 'odd key+ü (1).txt']);

      const url = await client.buckets.presign('photos', 'odd key+ü (1).txt', 60);
      assert.match(url, /X-Amz-Credential=AKIDEDITOR%2F\d{8}%2Fus-east-1%2Fs3%2Faws4_request/);
      const answer = await fetch(url);
      assert.equal(answer.status, 200, await answer.clone().text());
      assert.equal(await answer.text(), 'odd');
      const tampered = await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=61'));
      assert.equal(tampered.status, 403);

      await assert.rejects(client.buckets.deleteBucket('photos'), (e: { code?: string }) => e.code === 'BucketNotEmpty');
      for (const key of await client.buckets.keys('photos')) await client.buckets.deleteObject('photos', key);
      await client.buckets.deleteBucket('photos');
      assert.deepEqual((await client.snapshot()).buckets, []);
      await assert.rejects(client.buckets.get('photos', 'cats/tom.txt'), (e: { code?: string }) => e.code === 'NoSuchBucket');
    });
  }

  it('the snapshot lists buckets alike through both clients', async () => {
    await local.buckets.createBucket('b-one');
    await remote.buckets.createBucket('a-two');
    const [fromLocal, fromRemote] = [(await local.snapshot()).buckets, (await remote.snapshot()).buckets];
    assert.deepEqual(fromLocal?.map((b) => b.name), ['a-two', 'b-one']);
    // the wire carries whole seconds
    assert.deepEqual(fromRemote?.map((b) => [b.name, Math.floor(b.createdAt / 1000)]), fromLocal?.map((b) => [b.name, Math.floor(b.createdAt / 1000)]));
  });

  it('writes raise s3 change events, which the tree and the change feed follow', async () => {
    const seen: BrokerEvent[] = [];
    const off = broker.events.on((e) => seen.push(e));
    let told = 0;
    const unfollow = local.follow(() => told++);
    await remote.buckets.createBucket('watched');
    await remote.buckets.put('watched', 'a.txt', Buffer.from('x'));
    await remote.buckets.deleteObject('watched', 'a.txt');
    await remote.buckets.deleteBucket('watched');
    off();
    unfollow();
    assert.deepEqual(
      seen.filter((e) => e.service === 's3').map((e) => [e.type, 'key' in e ? e.key : '', 'eventName' in e ? e.eventName : '']),
      [['bucketCreated', '', ''], ['objectChanged', 'a.txt', 'ObjectCreated:Put'], ['objectChanged', 'a.txt', 'ObjectRemoved:Delete'], ['bucketDeleted', '', '']],
    );
    assert.equal(told, 4);
  });

  it("the tree's rows for one level: folders, then objects, then a row when the listing was cut", () => {
    const rows = listingNodes('b', 'x/', { folders: ['x/y/'], objects: [{ key: 'x/z', size: 1, lastModified: 0, etag: '"e"' }], truncated: true });
    assert.deepEqual(rows.map((r) => [r.kind, r.name]), [['folder', 'x/y/'], ['object', 'x/z'], ['moreObjects', 'b/x/']]);
    assert.equal(listingNodes('b', '', { folders: [], objects: [], truncated: false }).length, 0);
  });

  it('the object a file of the buckets folder is: its path in-process, none over the wire', async () => {
    await local.buckets.createBucket('memory');
    await local.buckets.put('memory', 'k', Buffer.from('v'));
    // this broker keeps S3 in memory: no file to open, so the editor reads through GetObject
    assert.equal(local.buckets.fileOf('memory', 'k'), undefined);
    assert.equal(remote.buckets.fileOf('memory', 'k'), undefined);
    const root = mkdtempSync(join(tmpdir(), 'ey-buckets-'));
    const folder = new Broker({ firehose: { bucketsRoot: root } });
    try {
      const client = localClient(folder, 'http://127.0.0.1:4566');
      await client.buckets.createBucket('files');
      await client.buckets.put('files', 'notes/today.md', Buffer.from('# hi'));
      await client.buckets.put('files', '../climbs', Buffer.from('kept aside'));
      const file = client.buckets.fileOf('files', 'notes/today.md');
      assert.equal(file, join(root, 'files', 'notes', 'today.md'));
      assert.equal(readFileSync(file!, 'utf8'), '# hi');
      // a key that cannot be a file inside the bucket's folder is opened through GetObject
      assert.equal(client.buckets.fileOf('files', '../climbs'), undefined);
      assert.equal(Buffer.from((await client.buckets.get('files', '../climbs')).body).toString(), 'kept aside');
    } finally {
      folder.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
