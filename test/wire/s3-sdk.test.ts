import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as s3 from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../src/server/auth/sha256';
import { credentials, sdkFailure } from './support/clients';
import { startServe, type ServeProcess } from './support/serve';

/**
 * `<bucket>.localhost` is loopback (RFC 6761), but glibc does not resolve it without systemd's resolver;
 * browsers and curl do. The SDK's virtual-hosted requests get the same answer from this lookup.
 */
const localhostLookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
  if (hostname.endsWith('.localhost')) {
    return options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  }
  return dns.lookup(hostname, options, callback as never);
}) as unknown as typeof dns.lookup;

function client(endpoint: string, forcePathStyle: boolean, sent?: string[]): s3.S3Client {
  const c = new s3.S3Client({
    endpoint,
    forcePathStyle,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ lookup: localhostLookup }) }),
  });
  if (sent) c.middlewareStack.add((next) => async (args) => {
    const r = args.request as { hostname: string; path: string };
    sent.push(`${r.hostname} ${r.path}`);
    return next(args);
  }, { step: 'finalizeRequest' });
  return c;
}

/** A presigned URL as the SDK's presigner makes it: SigV4 in the query, the payload unsigned. */
async function presign(endpoint: string, method: string, bucketAndKey: string, keys = credentials, expiresIn = 300, signingDate = new Date()): Promise<string> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ credentials: keys, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const signed = await signer.presign(
    { method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${bucketAndKey}`, headers: { host: url.host }, query: {} },
    { expiresIn, signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(['host']) },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${endpoint}${signed.path}?${query}`;
}

const text = async (o: s3.GetObjectCommandOutput) => o.Body!.transformToString();

describe('S3 over the wire: AWS SDK v3', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ServeProcess;
  let pathStyle: s3.S3Client;
  let virtual: s3.S3Client;
  const virtualSent: string[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-sdk-'));
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets')]);
    pathStyle = client(server.url, true);
    virtual = client(server.url.replace('127.0.0.1', 'localhost'), false, virtualSent);
  });
  after(async () => {
    pathStyle.destroy();
    virtual.destroy();
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('virtual-hosted style (the SDK default for localhost): buckets, objects, the file in the buckets folder', async () => {
    await virtual.send(new s3.CreateBucketCommand({ Bucket: 'photos' }));
    const put = await virtual.send(new s3.PutObjectCommand({ Bucket: 'photos', Key: 'cats/tom & jerry.txt', Body: 'meow', ContentType: 'text/plain', Metadata: { owner: 'ann' } }));
    assert.equal(put.ETag, `"${createHash('md5').update('meow').digest('hex')}"`);
    assert.ok(virtualSent.some((s) => s.startsWith('photos.localhost ')), virtualSent.join(', '));
    const got = await virtual.send(new s3.GetObjectCommand({ Bucket: 'photos', Key: 'cats/tom & jerry.txt' }));
    assert.equal(await text(got), 'meow');
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { owner: 'ann' });
    assert.equal(fs.readFileSync(path.join(dir, 'buckets', 'photos', 'cats', 'tom & jerry.txt'), 'utf8'), 'meow');
    const head = await virtual.send(new s3.HeadObjectCommand({ Bucket: 'photos', Key: 'cats/tom & jerry.txt' }));
    assert.equal(head.ContentLength, 4);
    const buckets = await virtual.send(new s3.ListBucketsCommand({}));
    assert.ok(buckets.Buckets?.some((b) => b.Name === 'photos'));
  });

  it('path style: ranges, conditional reads and writes, copy, tags, delete', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'docs' }));
    await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: '0123456789', Tagging: 'team=blue&env=dev' }));
    const range = await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', Range: 'bytes=2-5' }));
    assert.equal(await text(range), '2345');
    assert.equal(range.ContentRange, 'bytes 2-5/10');
    assert.equal(await text(await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', Range: 'bytes=-3' }))), '789');
    const e416 = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', Range: 'bytes=20-' })));
    assert.equal(e416.name, 'InvalidRange');
    assert.equal(e416.$metadata.httpStatusCode, 416);
    const etag = `"${createHash('md5').update('0123456789').digest('hex')}"`;
    const e412 = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', IfMatch: '"nope"' })));
    assert.equal(e412.name, 'PreconditionFailed');
    assert.equal(e412.message, 'At least one of the pre-conditions you specified did not hold');
    assert.equal(e412.$metadata.httpStatusCode, 412);
    const e304 = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', IfNoneMatch: etag })));
    assert.equal(e304.$metadata.httpStatusCode, 304);
    const noOverwrite = await sdkFailure(pathStyle.send(new s3.PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'x', IfNoneMatch: '*' })));
    assert.equal(noOverwrite.$metadata.httpStatusCode, 412);
    assert.deepEqual((await pathStyle.send(new s3.GetObjectTaggingCommand({ Bucket: 'docs', Key: 'a.txt' }))).TagSet, [
      { Key: 'team', Value: 'blue' },
      { Key: 'env', Value: 'dev' },
    ]);
    const copy = await pathStyle.send(new s3.CopyObjectCommand({ Bucket: 'docs', Key: 'b/copy.txt', CopySource: 'docs/a.txt' }));
    assert.equal(copy.CopyObjectResult?.ETag, etag);
    assert.equal(await text(await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'docs', Key: 'b/copy.txt' }))), '0123456789');
    const self = await sdkFailure(pathStyle.send(new s3.CopyObjectCommand({ Bucket: 'docs', Key: 'a.txt', CopySource: 'docs/a.txt' })));
    assert.equal(self.name, 'InvalidRequest');
    const deleted = await pathStyle.send(new s3.DeleteObjectsCommand({ Bucket: 'docs', Delete: { Objects: [{ Key: 'a.txt' }, { Key: 'b/copy.txt' }] } }));
    assert.deepEqual(deleted.Deleted?.map((d) => d.Key).sort(), ['a.txt', 'b/copy.txt']);
    assert.equal(fs.existsSync(path.join(dir, 'buckets', 'docs', 'b')), false, 'an emptied folder goes with its last object');
  });

  it('lists with prefix, delimiter and pagination (ListObjectsV2 and the paginator)', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'listing' }));
    const keys = ['a/1', 'a/2', 'b/1', 'c', 'd/e/f', 'z'];
    for (const Key of keys) await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
    const top = await pathStyle.send(new s3.ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(top.Contents?.map((c) => c.Key), ['c', 'z']);
    assert.deepEqual(top.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'b/', 'd/']);
    assert.equal(top.KeyCount, 5);
    const seen: string[] = [];
    for await (const page of s3.paginateListObjectsV2({ client: pathStyle, pageSize: 2 }, { Bucket: 'listing' })) {
      assert.ok((page.Contents?.length ?? 0) <= 2);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!));
    }
    assert.deepEqual(seen, keys);
    const prefixed = await pathStyle.send(new s3.ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a/' }));
    assert.deepEqual(prefixed.Contents?.map((c) => c.Key), ['a/1', 'a/2']);
  });

  it('versioning: version ids, delete markers, reading and deleting old versions, suspended', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'versions' }));
    await pathStyle.send(new s3.PutBucketVersioningCommand({ Bucket: 'versions', VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await pathStyle.send(new s3.GetBucketVersioningCommand({ Bucket: 'versions' }))).Status, 'Enabled');
    const v1 = await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'versions', Key: 'k', Body: 'one' }));
    const v2 = await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'versions', Key: 'k', Body: 'two' }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    assert.equal(fs.readFileSync(path.join(dir, 'buckets', 'versions', 'k'), 'utf8'), 'two', 'the folder holds the current version');
    assert.equal(await text(await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'versions', Key: 'k', VersionId: v1.VersionId }))), 'one');
    const del = await pathStyle.send(new s3.DeleteObjectCommand({ Bucket: 'versions', Key: 'k' }));
    assert.equal(del.DeleteMarker, true);
    const gone = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'versions', Key: 'k' })));
    assert.equal(gone.name, 'NoSuchKey');
    const listed = await pathStyle.send(new s3.ListObjectVersionsCommand({ Bucket: 'versions' }));
    assert.deepEqual(listed.Versions?.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false]]);
    assert.deepEqual(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest]), [[del.VersionId, true]]);
    // Deleting the marker brings v2 back, into the folder too.
    await pathStyle.send(new s3.DeleteObjectCommand({ Bucket: 'versions', Key: 'k', VersionId: del.VersionId }));
    assert.equal(await text(await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'versions', Key: 'k' }))), 'two');
    assert.equal(fs.readFileSync(path.join(dir, 'buckets', 'versions', 'k'), 'utf8'), 'two');
    await pathStyle.send(new s3.PutBucketVersioningCommand({ Bucket: 'versions', VersioningConfiguration: { Status: 'Suspended' } }));
    const v3 = await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'versions', Key: 'k', Body: 'three' }));
    assert.equal(v3.VersionId, 'null');
    const notEmpty = await sdkFailure(pathStyle.send(new s3.DeleteBucketCommand({ Bucket: 'versions' })));
    assert.equal(notEmpty.name, 'BucketNotEmpty');
    assert.equal(notEmpty.$metadata.httpStatusCode, 409);
  });

  it('multipart: lib-storage uploads a 100 MiB file in parts, with the multipart ETag AWS computes', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'big' }));
    const file = path.join(dir, 'big.bin');
    const chunk = Buffer.alloc(1024 * 1024);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 100; i++) {
      chunk.fill(i);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const partSize = 8 * 1024 * 1024;
    const upload = new Upload({ client: virtual, params: { Bucket: 'big', Key: 'data/big.bin', Body: fs.createReadStream(file) }, partSize, queueSize: 4 });
    const done = await upload.done();
    const bytes = fs.readFileSync(file);
    const partMd5s: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += partSize) partMd5s.push(createHash('md5').update(bytes.subarray(at, at + partSize)).digest());
    const expected = `"${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-${partMd5s.length}"`;
    assert.equal(done.ETag, expected);
    const head = await pathStyle.send(new s3.HeadObjectCommand({ Bucket: 'big', Key: 'data/big.bin' }));
    assert.equal(head.ContentLength, 100 * 1024 * 1024);
    assert.equal(head.ETag, expected);
    const onDisk = path.join(dir, 'buckets', 'big', 'data', 'big.bin');
    assert.equal(createHash('sha256').update(fs.readFileSync(onDisk)).digest('hex'), createHash('sha256').update(bytes).digest('hex'));
    const tail = await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'big', Key: 'data/big.bin', Range: `bytes=${100 * 1024 * 1024 - 3}-` }));
    assert.deepEqual([...(await tail.Body!.transformToByteArray())], [99, 99, 99]);
  });

  it('multipart by hand: list parts, abort, refuses parts out of order and too small', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'parts' }));
    const { UploadId } = await pathStyle.send(new s3.CreateMultipartUploadCommand({ Bucket: 'parts', Key: 'k' }));
    const p1 = await pathStyle.send(new s3.UploadPartCommand({ Bucket: 'parts', Key: 'k', UploadId, PartNumber: 1, Body: 'small' }));
    const p2 = await pathStyle.send(new s3.UploadPartCommand({ Bucket: 'parts', Key: 'k', UploadId, PartNumber: 2, Body: 'tail' }));
    const parts = await pathStyle.send(new s3.ListPartsCommand({ Bucket: 'parts', Key: 'k', UploadId }));
    assert.deepEqual(parts.Parts?.map((p) => [p.PartNumber, p.Size]), [[1, 5], [2, 4]]);
    const order = await sdkFailure(pathStyle.send(new s3.CompleteMultipartUploadCommand({ Bucket: 'parts', Key: 'k', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }] } })));
    assert.equal(order.name, 'InvalidPartOrder');
    const small = await sdkFailure(pathStyle.send(new s3.CompleteMultipartUploadCommand({ Bucket: 'parts', Key: 'k', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } })));
    assert.equal(small.name, 'EntityTooSmall');
    await pathStyle.send(new s3.AbortMultipartUploadCommand({ Bucket: 'parts', Key: 'k', UploadId }));
    const gone = await sdkFailure(pathStyle.send(new s3.ListPartsCommand({ Bucket: 'parts', Key: 'k', UploadId })));
    assert.equal(gone.name, 'NoSuchUpload');
    assert.equal(gone.$metadata.httpStatusCode, 404);
  });

  it('presigned URLs: a plain HTTP GET and PUT with the signature in the query', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'shared' }));
    const putUrl = await presign(server.url, 'PUT', 'shared/note.txt');
    assert.match(putUrl, /X-Amz-Credential=test%2F\d{8}%2Fus-east-1%2Fs3%2Faws4_request/);
    assert.equal((await fetch(putUrl, { method: 'PUT', body: 'by url' })).status, 200);
    const getUrl = await presign(server.url, 'GET', 'shared/note.txt');
    const answer = await fetch(getUrl);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'by url');
  });

  it("AWS's errors: NoSuchBucket, NoSuchKey, InvalidBucketName, IllegalLocationConstraintException, as XML with the status", async () => {
    const noBucket = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    assert.deepEqual([noBucket.name, noBucket.message, noBucket.$metadata.httpStatusCode], ['NoSuchBucket', 'The specified bucket does not exist', 404]);
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'errors' }));
    const noKey = await sdkFailure(pathStyle.send(new s3.GetObjectCommand({ Bucket: 'errors', Key: 'missing' })));
    assert.deepEqual([noKey.name, noKey.message, noKey.$metadata.httpStatusCode], ['NoSuchKey', 'The specified key does not exist.', 404]);
    const badName = await sdkFailure(pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'Bad_Name' })));
    assert.deepEqual([badName.name, badName.message, badName.$metadata.httpStatusCode], ['InvalidBucketName', 'The specified bucket is not valid.', 400]);
    const raw = await fetch(`${server.url}/no-such-bucket/k`);
    assert.equal(raw.status, 404);
    assert.match(await raw.text(), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>no-such-bucket<\/BucketName><RequestId>[0-9A-F]{16}<\/RequestId>/);
    // us-east-1 answers its owner's second create with 200; other regions refuse it.
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'errors' }));
    const elsewhere = new s3.S3Client({ endpoint: server.url, forcePathStyle: true, region: 'eu-west-1', credentials, maxAttempts: 1 });
    try {
      const located = await sdkFailure(elsewhere.send(new s3.CreateBucketCommand({ Bucket: 'errors', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
      assert.equal(located.name, 'IllegalLocationConstraintException');
    } finally {
      elsewhere.destroy();
    }
  });

  it('bucket tagging, CORS and lifecycle configurations are kept and returned; missing ones are 404s in S3\'s words', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'configured' }));
    const noLifecycle = await sdkFailure(pathStyle.send(new s3.GetBucketLifecycleConfigurationCommand({ Bucket: 'configured' })));
    assert.deepEqual([noLifecycle.name, noLifecycle.$metadata.httpStatusCode], ['NoSuchLifecycleConfiguration', 404]);
    const noTags = await sdkFailure(pathStyle.send(new s3.GetBucketTaggingCommand({ Bucket: 'configured' })));
    assert.deepEqual([noTags.name, noTags.$metadata.httpStatusCode], ['NoSuchTagSet', 404]);
    await pathStyle.send(new s3.PutBucketLifecycleConfigurationCommand({
      Bucket: 'configured',
      LifecycleConfiguration: { Rules: [{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }] },
    }));
    const lifecycle = await pathStyle.send(new s3.GetBucketLifecycleConfigurationCommand({ Bucket: 'configured' }));
    assert.deepEqual(lifecycle.Rules?.map((r) => [r.ID, r.Status, r.Filter?.Prefix, r.Expiration?.Days]), [['tmp', 'Enabled', 'tmp/', 7]]);
    await pathStyle.send(new s3.PutBucketCorsCommand({ Bucket: 'configured', CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } }));
    const cors = await pathStyle.send(new s3.GetBucketCorsCommand({ Bucket: 'configured' }));
    assert.deepEqual(cors.CORSRules?.map((r) => [r.AllowedMethods, r.AllowedOrigins]), [[['GET'], ['*']]]);
    assert.equal((await pathStyle.send(new s3.GetBucketLocationCommand({ Bucket: 'configured' }))).LocationConstraint, undefined);
  });

  it('objects and versions survive a restart, and files put into the folder by hand become objects', async () => {
    await pathStyle.send(new s3.CreateBucketCommand({ Bucket: 'kept' }));
    await pathStyle.send(new s3.PutObjectCommand({ Bucket: 'kept', Key: 'x.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { m: '1' } }));
    assert.equal(await server.stop(), 0);
    fs.writeFileSync(path.join(dir, 'buckets', 'kept', 'dropped.txt'), 'by hand');
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets')]);
    pathStyle.destroy();
    pathStyle = client(server.url, true);
    const got = await pathStyle.send(new s3.GetObjectCommand({ Bucket: 'kept', Key: 'x.json' }));
    assert.equal(await text(got), '{"a":1}');
    assert.equal(got.ContentType, 'application/json');
    assert.deepEqual(got.Metadata, { m: '1' });
    const listed = await pathStyle.send(new s3.ListObjectsV2Command({ Bucket: 'kept' }));
    assert.deepEqual(listed.Contents?.map((c) => [c.Key, c.ETag]), [
      ['dropped.txt', `"${createHash('md5').update('by hand').digest('hex')}"`],
      ['x.json', `"${createHash('md5').update('{"a":1}').digest('hex')}"`],
    ]);
  });
});

describe('S3 with signatures checked (serve --access-key)', function () {
  this.timeout(120_000);
  const key = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
  let server: ServeProcess;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-strict-'));
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets'), '--access-key', `${key.accessKeyId}:${key.secretAccessKey}`]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the SDK\'s signed streaming uploads and keys that need encoding, refuses a wrong secret with S3\'s words', async () => {
    const good = new s3.S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1', credentials: key, maxAttempts: 1 });
    const bad = new s3.S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1', credentials: { ...key, secretAccessKey: 'wrong' }, maxAttempts: 1 });
    try {
      await good.send(new s3.CreateBucketCommand({ Bucket: 'strict' }));
      const k = 'odd keys/a+b=c & d (1)*.txt';
      await good.send(new s3.PutObjectCommand({ Bucket: 'strict', Key: k, Body: 'signed' }));
      assert.equal(await text(await good.send(new s3.GetObjectCommand({ Bucket: 'strict', Key: k }))), 'signed');
      const refused = await sdkFailure(bad.send(new s3.GetObjectCommand({ Bucket: 'strict', Key: k })));
      assert.deepEqual([refused.name, refused.$metadata.httpStatusCode], ['SignatureDoesNotMatch', 403]);
      assert.equal(refused.message, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
      const anonymous = await fetch(`${server.url}/strict/x`);
      assert.equal(anonymous.status, 403);
      assert.match(await anonymous.text(), /<Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);

      const url = await presign(server.url, 'GET', `strict/${encodeURIComponent('odd keys')}/${encodeURIComponent('a+b=c & d (1)*.txt').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`, key);
      const answer = await fetch(url);
      assert.equal(answer.status, 200, await answer.clone().text());
      assert.equal(await answer.text(), 'signed');
      const wrong = await fetch(await presign(server.url, 'GET', 'strict/x', { ...key, secretAccessKey: 'wrong' }));
      assert.equal(wrong.status, 403);
      const expired = await fetch(await presign(server.url, 'GET', 'strict/x', key, 60, new Date(Date.now() - 3600_000)));
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /<Message>Request has expired<\/Message>/);
    } finally {
      good.destroy();
      bad.destroy();
    }
  });
});
