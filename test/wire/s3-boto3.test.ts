import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { boto3, hasBoto3, type BotoResult } from './support/clients';
import { startServe, type ServeProcess } from './support/serve';

const ok = (r: BotoResult): Record<string, unknown> => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.response;
};

/**
 * boto3 (Debian's python3-boto3 1.26) against the S3 service: its two addressing styles, its managed
 * transfer (multipart above 8 MiB), and the errors as boto3 parses them from AWS's XML bodies.
 */
(hasBoto3 ? describe : describe.skip)('S3 over the wire: boto3', function () {
  this.timeout(180_000);
  let dir: string;
  let server: ServeProcess;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-boto3-'));
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets')]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const addressing of ['path', 'virtual'] as const) {
    it(`${addressing}-style: a bucket, an object with metadata and tags, a listing by prefix and delimiter, a ranged get`, async () => {
      const bucket = `boto-${addressing}`;
      const url = addressing === 'virtual' ? server.url.replace('127.0.0.1', 'localhost') : server.url;
      const results = await boto3(url, [
        { op: 'create_bucket', params: { Bucket: bucket } },
        { op: 'put_object', params: { Bucket: bucket, Key: 'photos/2026/cat.txt', Body: 'meow & <purr>', ContentType: 'text/plain', Metadata: { owner: 'ana' }, Tagging: 'pet=cat' } },
        { op: 'put_object', params: { Bucket: bucket, Key: 'photos/dog.txt', Body: 'woof' } },
        { op: 'put_object', params: { Bucket: bucket, Key: 'readme.txt', Body: 'hi' } },
        { op: 'head_object', params: { Bucket: bucket, Key: 'photos/2026/cat.txt' } },
        { op: 'get_object', params: { Bucket: bucket, Key: 'photos/2026/cat.txt', Range: 'bytes=7-12' } },
        { op: 'list_objects_v2', params: { Bucket: bucket, Prefix: 'photos/', Delimiter: '/' } },
        { op: 'get_object_tagging', params: { Bucket: bucket, Key: 'photos/2026/cat.txt' } },
        { op: 'copy_object', params: { Bucket: bucket, Key: 'copy.txt', CopySource: { Bucket: bucket, Key: 'readme.txt' } } },
        { op: 'delete_objects', params: { Bucket: bucket, Delete: { Objects: [{ Key: 'readme.txt' }, { Key: 'copy.txt' }] } } },
        { op: 'list_objects_v2', params: { Bucket: bucket } },
      ], 's3', addressing);
      const [, put, , , head, ranged, listed, tags, , deleted, after] = results.map(ok);
      // AWS's ETag of a single-part object is the MD5 of its bytes, quoted
      assert.equal(put.ETag, `"${crypto.createHash('md5').update('meow & <purr>').digest('hex')}"`);
      assert.equal(head.ContentLength, 13);
      assert.equal(head.ContentType, 'text/plain');
      assert.deepEqual(head.Metadata, { owner: 'ana' });
      assert.equal(ranged.Body, '<purr>');
      assert.equal(ranged.ContentRange, 'bytes 7-12/13');
      assert.deepEqual((listed.Contents as { Key: string }[]).map((c) => c.Key), ['photos/dog.txt']);
      assert.deepEqual(listed.CommonPrefixes, [{ Prefix: 'photos/2026/' }]);
      assert.deepEqual(tags.TagSet, [{ Key: 'pet', Value: 'cat' }]);
      assert.deepEqual((deleted.Deleted as { Key: string }[]).map((d) => d.Key).sort(), ['copy.txt', 'readme.txt']);
      assert.deepEqual((after.Contents as { Key: string }[]).map((c) => c.Key), ['photos/2026/cat.txt', 'photos/dog.txt']);
      // the object is a file in the buckets folder, as Firehose's are
      assert.equal(fs.readFileSync(path.join(dir, 'buckets', bucket, 'photos', '2026', 'cat.txt'), 'utf8'), 'meow & <purr>');
    });
  }

  it('upload_file of 20 MiB goes multipart (three 8 MiB-threshold parts) and download_file brings the same bytes back', async () => {
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, crypto.randomBytes(20 * 1024 * 1024));
    const back = path.join(dir, 'back.bin');
    const results = await boto3(server.url, [
      { op: 'create_bucket', params: { Bucket: 'boto-big' } },
      { op: 'upload_file', params: { Filename: big, Bucket: 'boto-big', Key: 'big.bin' } },
      { op: 'head_object', params: { Bucket: 'boto-big', Key: 'big.bin' } },
      { op: 'download_file', params: { Bucket: 'boto-big', Key: 'big.bin', Filename: back } },
    ], 's3');
    const [, , head] = results.map(ok);
    assert.equal(head.ContentLength, 20 * 1024 * 1024);
    assert.match(String(head.ETag), /^"[0-9a-f]{32}-3"$/);
    assert.ok(fs.readFileSync(back).equals(fs.readFileSync(big)), 'downloaded bytes equal the uploaded ones');
  });

  it('errors as boto3 parses them: NoSuchBucket, NoSuchKey, BucketNotEmpty, InvalidBucketName, PreconditionFailed; the repeated create that us-east-1 answers with 200', async () => {
    const results = await boto3(server.url, [
      { op: 'create_bucket', params: { Bucket: 'boto-errors' } },
      { op: 'put_object', params: { Bucket: 'boto-errors', Key: 'k', Body: 'v' } },
      { op: 'list_objects_v2', params: { Bucket: 'boto-missing' } },
      { op: 'get_object', params: { Bucket: 'boto-errors', Key: 'nope' } },
      { op: 'delete_bucket', params: { Bucket: 'boto-errors' } },
      { op: 'create_bucket', params: { Bucket: 'boto-errors' } },
      { op: 'create_bucket', params: { Bucket: 'Bad_Name' } },
      { op: 'get_object', params: { Bucket: 'boto-errors', Key: 'k', IfMatch: '"0123456789abcdef0123456789abcdef"' } },
    ], 's3');
    const failure = (r: BotoResult) => {
      assert.ok(!r.ok, JSON.stringify(r));
      return { code: r.error.Code, message: r.error.Message, status: r.status };
    };
    const [, , noBucket, noKey, notEmpty, owned, badName, precondition] = results;
    assert.deepEqual(failure(noBucket), { code: 'NoSuchBucket', message: 'The specified bucket does not exist', status: 404 });
    assert.deepEqual(failure(noKey), { code: 'NoSuchKey', message: 'The specified key does not exist.', status: 404 });
    assert.deepEqual(failure(notEmpty), { code: 'BucketNotEmpty', message: 'The bucket you tried to delete is not empty', status: 409 });
    // us-east-1 answers its owner's repeated create with 200 (other regions: BucketAlreadyOwnedByYou, 409)
    assert.deepEqual(ok(owned), { Location: '/boto-errors' });
    assert.deepEqual(failure(badName), { code: 'InvalidBucketName', message: 'The specified bucket is not valid.', status: 400 });
    assert.deepEqual(failure(precondition), { code: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold', status: 412 });
  });
});
