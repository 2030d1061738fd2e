import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { collect } from '../../../src/broker/s3/storage';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('S3 over the buckets folder', () => {
  let sandbox: string;
  let buckets: string;
  beforeEach(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-fs-'));
    buckets = path.join(sandbox, 'buckets');
  });
  afterEach(() => fs.rmSync(sandbox, { recursive: true, force: true }));
  const start = () => new Broker({ clock: new FakeClock(Date.parse('2026-01-01T00:00:00Z')), firehose: { bucketsRoot: buckets } });

  it('keeps objects, metadata and versions across a restart; takes files added and removed by hand as they are', async () => {
    let broker = start();
    const s3 = () => broker.s3.operations;
    await s3().CreateBucket({ Bucket: 'bkt' });
    await s3().PutBucketVersioning({ Bucket: 'bkt', VersioningConfiguration: { Status: 'Enabled' } });
    const v1 = await s3().PutObject({ Bucket: 'bkt', Key: 'docs/a.txt', Body: Buffer.from('one'), ContentType: 'text/plain', Metadata: { who: 'me' } });
    await s3().PutObject({ Bucket: 'bkt', Key: 'docs/a.txt', Body: Buffer.from('two'), ContentType: 'text/plain', Metadata: { who: 'me' } });
    await s3().PutObject({ Bucket: 'bkt', Key: 'gone.txt', Body: Buffer.from('x') });
    broker.dispose();

    fs.writeFileSync(path.join(buckets, 'bkt', 'by-hand.txt'), 'dropped in');
    fs.rmSync(path.join(buckets, 'bkt', 'gone.txt'));
    broker = start();
    try {
      const head = s3().HeadObject({ Bucket: 'bkt', Key: 'docs/a.txt' });
      assert.equal(head.version.contentType, 'text/plain');
      assert.deepEqual(head.version.metadata, { who: 'me' });
      const old = s3().GetObject({ Bucket: 'bkt', Key: 'docs/a.txt', VersionId: v1.VersionId });
      assert.equal((await collect(old.Body)).toString(), 'one');
      const keys = s3().ListObjectsV2({ Bucket: 'bkt' }).Contents.map((c) => c.Key);
      assert.deepEqual(keys, ['by-hand.txt', 'docs/a.txt']);
      // The folder shows current objects only; older versions and metadata are in .s3/.
      assert.deepEqual(filesUnder(path.join(buckets, 'bkt')), ['by-hand.txt', path.join('docs', 'a.txt')]);
    } finally {
      broker.dispose();
    }
  });

  it('keeps keys that cannot be a file in the bucket folder aside, inside the buckets folder', async () => {
    const broker = start();
    try {
      const s3 = broker.s3.operations;
      await s3.CreateBucket({ Bucket: 'odd' });
      // a 1,024-byte key is a valid S3 key but no valid file name (255 at most)
      const keys = ['../../escape', 'a', 'a/b', 'dir/', '/abs', 'k'.repeat(1024), `long/${'n'.repeat(300)}/x`];
      for (const Key of keys) await s3.PutObject({ Bucket: 'odd', Key, Body: Buffer.from(Key) });
      for (const Key of keys) {
        assert.equal((await collect(s3.GetObject({ Bucket: 'odd', Key }).Body)).toString(), Key);
      }
      assert.deepEqual(fs.readdirSync(sandbox), ['buckets']);
      assert.ok(filesUnder(buckets).every((f) => !f.startsWith('..')));
    } finally {
      broker.dispose();
    }
    // and they are still there after a restart
    const again = start();
    try {
      const listed = (await again.s3.operations.ListObjectsV2({ Bucket: 'odd' })).Contents?.map((c) => c.Key);
      assert.ok(listed?.includes('k'.repeat(1024)) && listed.includes(`long/${'n'.repeat(300)}/x`), JSON.stringify(listed?.map((k) => k.slice(0, 20))));
    } finally {
      again.dispose();
    }
  });

  it('refuses to delete a bucket while an object is being written into it, and keeps the object', async () => {
    const broker = start();
    try {
      const s3 = broker.s3.operations;
      await s3.CreateBucket({ Bucket: 'busy' });
      // the write of the object's file is under way when the delete is asked
      const put = s3.PutObject({ Bucket: 'busy', Key: 'k', Body: Buffer.alloc(4 * 1024 * 1024, 0x61) });
      await assert.rejects(s3.DeleteBucket({ Bucket: 'busy' }), (e: { code?: string }) => e.code === 'BucketNotEmpty');
      await put;
      assert.equal((await collect(s3.GetObject({ Bucket: 'busy', Key: 'k' }).Body)).length, 4 * 1024 * 1024);
    } finally {
      broker.dispose();
    }
  });
});
