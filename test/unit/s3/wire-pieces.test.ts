import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { decodeBody } from '../../../src/server/s3/chunked';
import { actionOf } from '../../../src/server/s3/operations';
import { bucketFromHost, s3Address } from '../../../src/server/s3/routing';
import type { WireRequest } from '../../../src/server/wire';

function request(init: Partial<WireRequest> & { url?: string }): WireRequest {
  const url = new URL(init.url ?? '/', 'http://127.0.0.1:4566');
  return {
    method: init.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers: init.headers ?? {},
    body: init.body ?? Buffer.alloc(0),
    endpoint: 'http://127.0.0.1:4566',
    requestId: 'r',
  };
}

const s3Auth = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64);

describe('S3 on the shared port', () => {
  it('tells S3 requests from SQS, SNS, JSON services and the admin routes', () => {
    assert.deepEqual(s3Address(request({ url: '/photos/a/b.jpg', headers: { authorization: s3Auth } })), { bucket: 'photos', key: 'a/b.jpg', virtualHost: false });
    assert.deepEqual(s3Address(request({ url: '/', headers: { host: 'photos.localhost:4566' } })), { bucket: 'photos', virtualHost: true });
    assert.deepEqual(s3Address(request({ url: '/' })), { virtualHost: false }, 'an unsigned GET / is ListBuckets');
    assert.equal(s3Address(request({ url: '/?Action=ListQueues' })), undefined);
    assert.equal(s3Address(request({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' } })), undefined);
    assert.equal(s3Address(request({ method: 'POST', url: '/', headers: { 'x-amz-target': 'AmazonSQS.ListQueues', host: 'app.localhost' } })), undefined);
    assert.equal(s3Address(request({ url: '/_eventyard/health' })), undefined);
    assert.equal(s3Address(request({ method: 'POST', url: '/', headers: { authorization: s3Auth.replace('/s3/', '/sqs/') } })), undefined);
    assert.deepEqual(s3Address(request({ method: 'POST', url: '/b?delete' })), { bucket: 'b', virtualHost: false });
  });

  it('refuses a sub-resource it does not implement (501 NotImplemented) instead of running the action without it', () => {
    const action = (method: string, url: string) => {
      const r = request({ method, url, headers: { authorization: s3Auth } });
      return actionOf(r, s3Address(r)!);
    };
    // DELETE ?policy is not DeleteBucket, PUT ?acl is not PutObject: either would destroy data
    for (const [method, url] of [['DELETE', '/b?policy'], ['PUT', '/b/k?acl'], ['GET', '/b/k?acl'], ['PUT', '/b?website'], ['POST', '/b/k?restore'], ['GET', '/b/k?attributes']]) {
      assert.throws(() => action(method, url), (e: { code?: string; status?: number }) => e.code === 'NotImplemented' && e.status === 501, `${method} ${url}`);
    }
    // what S3 does not know it ignores, as the SDKs' own x-id
    assert.equal(action('GET', '/b/k?x-id=GetObject'), 'GetObject');
    assert.equal(action('DELETE', '/b'), 'DeleteBucket');
    assert.equal(action('PUT', '/b/k?tagging'), 'PutObjectTagging');
  });

  it('reads bucket names from localhost host names only', () => {
    assert.equal(bucketFromHost('my.bucket.localhost:4566'), 'my.bucket');
    assert.equal(bucketFromHost('photos.s3.localhost'), 'photos');
    assert.equal(bucketFromHost('localhost:4566'), undefined);
    assert.equal(bucketFromHost('127.0.0.1:4566'), undefined);
    assert.equal(bucketFromHost('s3.localhost'), undefined);
  });

  it('takes aws-chunked framing off and checks the trailing CRC32; a wrong one is BadDigest', () => {
    const data = Buffer.from('hello chunked world');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(data) >>> 0);
    const framed = (checksum: string) =>
      Buffer.concat([Buffer.from(`b\r\n`), data.subarray(0, 11), Buffer.from(`\r\n8\r\n`), data.subarray(11), Buffer.from(`\r\n0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`)]);
    const headers = { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32' };
    const decoded = decodeBody(request({ method: 'PUT', headers, body: framed(crc.toString('base64')) }));
    assert.equal(decoded.body.toString(), 'hello chunked world');
    assert.deepEqual(decoded.checksums, { CRC32: crc.toString('base64') });
    assert.throws(() => decodeBody(request({ method: 'PUT', headers, body: framed('AAAAAA==') })), { code: 'BadDigest' });
  });
});
