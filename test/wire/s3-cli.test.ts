import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awsCli, awsCliJson } from './support/clients';
import { startServe, type ServeProcess } from './support/serve';

/** The AWS CLI's high-level `s3` commands (multipart above 8 MB) and `s3api`, against the path-style IP endpoint. */
describe('S3 over the wire: the AWS CLI', function () {
  this.timeout(300_000);
  let dir: string;
  let server: ServeProcess;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-cli-'));
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets')]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('aws s3 mb, cp (a 10 MB multipart upload and back), sync, ls, rm, rb', async () => {
    const ok = async (args: string[]) => {
      const r = await awsCli(server.url, args);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    await ok(['s3', 'mb', 's3://cli-bucket']);
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(10 * 1024 * 1024, 7));
    await ok(['s3', 'cp', big, 's3://cli-bucket/big.bin']);
    const back = path.join(dir, 'back.bin');
    await ok(['s3', 'cp', 's3://cli-bucket/big.bin', back]);
    assert.ok(fs.readFileSync(back).equals(fs.readFileSync(big)));
    const src = path.join(dir, 'site');
    fs.mkdirSync(path.join(src, 'css'), { recursive: true });
    fs.writeFileSync(path.join(src, 'index.html'), '<h1>hi</h1>');
    fs.writeFileSync(path.join(src, 'css', 'site.css'), 'h1{}');
    await ok(['s3', 'sync', src, 's3://cli-bucket/site/']);
    const listed = await ok(['s3', 'ls', 's3://cli-bucket', '--recursive']);
    assert.deepEqual(listed.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(2)), [['10485760', 'big.bin'], ['4', 'site/css/site.css'], ['11', 'site/index.html']]);
    // A second sync finds nothing to do: sizes and times agree.
    assert.equal((await ok(['s3', 'sync', src, 's3://cli-bucket/site/'])).trim(), '');
    const head = await awsCliJson(server.url, ['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'big.bin']);
    assert.equal(head.ContentLength, 10 * 1024 * 1024);
    assert.match(String(head.ETag), /^"[0-9a-f]{32}-\d+"$/);
    await ok(['s3', 'rm', 's3://cli-bucket', '--recursive']);
    await ok(['s3', 'rb', 's3://cli-bucket']);
  });

  it('s3api: versioning, tagging, and the errors the CLI prints', async () => {
    await awsCliJson(server.url, ['s3api', 'create-bucket', '--bucket', 'api-bucket']);
    await awsCliJson(server.url, ['s3api', 'put-bucket-versioning', '--bucket', 'api-bucket', '--versioning-configuration', 'Status=Enabled']);
    fs.writeFileSync(path.join(dir, 'small.txt'), 'small');
    const put = await awsCliJson(server.url, ['s3api', 'put-object', '--bucket', 'api-bucket', '--key', 'k', '--body', path.join(dir, 'small.txt')]);
    assert.ok(put.VersionId);
    await awsCliJson(server.url, ['s3api', 'put-bucket-tagging', '--bucket', 'api-bucket', '--tagging', 'TagSet=[{Key=team,Value=blue}]']);
    assert.deepEqual((await awsCliJson(server.url, ['s3api', 'get-bucket-tagging', '--bucket', 'api-bucket'])).TagSet, [{ Key: 'team', Value: 'blue' }]);
    const missing = await awsCli(server.url, ['s3api', 'get-object', '--bucket', 'api-bucket', '--key', 'nope', path.join(dir, 'out')]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /An error occurred \(NoSuchKey\) when calling the GetObject operation( \(reached max retries: 0\))?: The specified key does not exist\./);
    const notEmpty = await awsCli(server.url, ['s3api', 'delete-bucket', '--bucket', 'api-bucket']);
    assert.match(notEmpty.stderr, /\(BucketNotEmpty\) when calling the DeleteBucket operation( \(reached max retries: 0\))?: The bucket you tried to delete is not empty/);
    const noBucket = await awsCli(server.url, ['s3api', 'head-bucket', '--bucket', 'no-such-bucket']);
    assert.match(noBucket.stderr, /\(404\) when calling the HeadBucket operation( \(reached max retries: 0\))?: Not Found/);
  });
});
