import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { generator, mutateBytes, type Rng } from './support/fuzz-mutations';
import { startServe, type ServeProcess } from './support/serve';

/**
 * S3's REST/XML surface fuzzed with requests built from its own parts: every method on bucket and object
 * paths, subresources (`?tagging`, `?uploads`, `?delete`, ...), the headers S3 reads (ranges, conditions,
 * copy sources, aws-chunked framing, metadata, tagging) and configuration bodies (notification, CORS,
 * lifecycle, tagging, versioning, Delete, CompleteMultipartUpload) mutated byte-wise, with keys and names
 * that try to leave the buckets folder. Every answer must be a success or an S3 XML error, never an
 * internal failure; the process stays up, the seeded bucket's object comes back untouched, and nothing is
 * written outside the buckets folder.
 *
 * Short by default (npm test); longer: EVENTYARD_S3_FUZZ_ROUNDS=50000 and EVENTYARD_FUZZ_SEED=n to replay.
 */
const SEED = Number(process.env.EVENTYARD_FUZZ_SEED ?? 20261204);
const ROUNDS = Number(process.env.EVENTYARD_S3_FUZZ_ROUNDS ?? 1500);
const CONCURRENCY = 8;
const KEPT = { bucket: 'fuzz-keep', key: 'keep/me.txt', body: 'untouched' };
const PLAY = 'fuzz-play';

interface S3Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}
interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

const BUCKETS = [PLAY, PLAY, PLAY, 'fuzz-new', 'fuzz-missing', '..', '%2e%2e', 'A_B', 'a', 'a'.repeat(64), '192.168.0.1', 'xn--x', '-x', 'x..y'];
const KEYS = [
  'a.txt', 'dir/b.json', 'dir/', 'deep/er/c', '../../escape.txt', '..%2F..%2Fescape.txt', '%2e%2e/%2e%2e/escape.txt', '/abs', '//double',
  'k%00y', '%ff%fe', 'é/ü', '💥', 'a'.repeat(1025), 'a'.repeat(1024), ' ', '.', '..', 'con', 'x?y', 'x#y', '%',
];
const SUBRESOURCES = [
  '', '', '', 'tagging', 'versioning', 'notification', 'cors', 'lifecycle', 'location', 'uploads', 'uploadId=nope',
  'partNumber=1&uploadId=nope', 'partNumber=0&uploadId=nope', 'partNumber=10001&uploadId=nope', 'delete', 'list-type=2&max-keys=-1',
  'list-type=2&max-keys=abc', 'list-type=2&prefix=%ff&delimiter=%00', 'list-type=2&continuation-token=garbage', 'versions',
  'versions&key-marker=%ff&version-id-marker=nope', 'versionId=garbage', 'versionId=null', 'acl', 'policy', 'x-id=GetObject',
  'encoding-type=bogus', 'max-keys=99999999999999999999', 'uploads&max-uploads=-5', 'list-type=3', 'tagging&versionId=',
];
const HEADERS: [string, string[]][] = [
  ['range', ['bytes=5-2', 'bytes=-', 'bytes=999999-', 'bytes=0-0,2-3', 'bytes=-0', 'items=0-1', 'bytes=abc', 'bytes=0-']],
  ['if-match', ['"0123"', '*', '', '"x", "y"']],
  ['if-none-match', ['*', '"abc"', '']],
  ['if-modified-since', ['yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT', '99999']],
  ['if-unmodified-since', ['Mon, 32 Foo 2099 99:99:99 GMT', '']],
  ['x-amz-copy-source', [`/${KEPT.bucket}/${KEPT.key}`, `${KEPT.bucket}/${encodeURIComponent(KEPT.key)}`, '/../../etc/passwd', '%%%', '/fuzz-missing/x', `/${KEPT.bucket}/${KEPT.key}?versionId=nope`, '']],
  ['x-amz-copy-source-range', ['bytes=0-1', 'bytes=9-1', 'x']],
  ['x-amz-metadata-directive', ['REPLACE', 'COPY', 'BOGUS']],
  ['content-md5', ['AAAAAAAAAAAAAAAAAAAAAA==', 'not-base64', '']],
  ['x-amz-content-sha256', ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'UNSIGNED-PAYLOAD', 'zz']],
  ['content-encoding', ['aws-chunked', 'gzip', 'aws-chunked,gzip']],
  ['x-amz-decoded-content-length', ['5', '-1', 'abc', '99999999999']],
  ['x-amz-trailer', ['x-amz-checksum-crc32', 'bogus']],
  ['x-amz-checksum-crc32', ['AAAAAA==', 'x']],
  ['x-amz-meta-owner', ['ana', 'é', 'a'.repeat(3000)]],
  ['x-amz-tagging', ['a=b', '=', '&&', 'k=' + 'v'.repeat(300), '%zz']],
  ['x-amz-server-side-encryption', ['AES256', 'bogus']],
  ['x-amz-storage-class', ['STANDARD', 'GLACIER', 'BOGUS']],
  ['x-amz-bucket-object-lock-enabled', ['true', 'maybe']],
  ['authorization', ['AWS4-HMAC-SHA256 Credential=garbage', 'AWS4-HMAC-SHA256 Credential=111111111111/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=00', 'AWS test:sig', 'Bearer x']],
  ['content-type', ['text/plain', 'application/xml', '', '\u00e9']],
  ['expect', ['100-continue']],
];
const XML_BODIES = [
  '<NotificationConfiguration><QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:000000000000:fuzz-q</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>in/</Value></FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration>',
  '<NotificationConfiguration><TopicConfiguration><Topic>arn:aws:sns:us-east-1:000000000000:nope</Topic><Event>s3:Bogus</Event></TopicConfiguration><EventBridgeConfiguration/></NotificationConfiguration>',
  '<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>-1</MaxAgeSeconds></CORSRule></CORSConfiguration>',
  '<LifecycleConfiguration><Rule><ID>r</ID><Filter><Prefix>dir/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule></LifecycleConfiguration>',
  '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag><Tag><Key>k</Key><Value>dup</Value></Tag></TagSet></Tagging>',
  '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
  '<VersioningConfiguration><Status>Maybe</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>',
  '<Delete><Quiet>false</Quiet><Object><Key>a.txt</Key></Object><Object><Key>../../escape.txt</Key><VersionId>nope</VersionId></Object></Delete>',
  '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
  '<CreateBucketConfiguration><LocationConstraint>mars-1</LocationConstraint></CreateBucketConfiguration>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Tagging><TagSet><Tag><Key>&e;</Key><Value>v</Value></Tag></TagSet></Tagging>',
  '<a>'.repeat(5000),
];

/** A body for the request: nothing, plain bytes, an aws-chunked frame (well or badly formed), or a configuration XML, often mutated. */
function bodyFor(rng: Rng): Buffer {
  return rng.pick<() => Buffer>([
    () => Buffer.alloc(0),
    () => Buffer.from('hello'),
    () => Buffer.alloc(rng.int(200_000), 0x61),
    () => Buffer.from('5;chunk-signature=00\r\nhello\r\n0;chunk-signature=00\r\n\r\n'),
    () => Buffer.from(rng.pick(['zz;chunk-signature=0\r\nx\r\n', 'ffffffff\r\n', '5\r\nhel', '0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n', '-1\r\n\r\n'])),
    () => Buffer.from(rng.pick(XML_BODIES)),
    () => mutateBytes(rng, Buffer.from(rng.pick(XML_BODIES))),
    () => mutateBytes(rng, Buffer.from(rng.pick(XML_BODIES))),
  ])();
}

function randomRequest(rng: Rng): S3Request {
  const method = rng.pick(['GET', 'GET', 'PUT', 'PUT', 'POST', 'DELETE', 'HEAD']);
  // writes go to the play buckets only, so the kept object must come through whatever is read
  const bucket = method === 'GET' || method === 'HEAD' ? rng.pick([...BUCKETS, KEPT.bucket]) : rng.pick(BUCKETS);
  const key = rng.chance(0.25) ? '' : rng.pick([...KEYS, ...(bucket === KEPT.bucket ? [KEPT.key] : [])]);
  const sub = rng.pick(SUBRESOURCES);
  const encodedKey = key.includes('%') ? key : key.split('/').map(encodeURIComponent).join('/');
  const headers: Record<string, string> = {};
  for (let i = rng.int(4); i > 0; i--) {
    const [name, values] = rng.pick(HEADERS);
    headers[name] = rng.pick(values);
  }
  const body = method === 'GET' || method === 'HEAD' || method === 'DELETE' ? (rng.chance(0.1) ? bodyFor(rng) : Buffer.alloc(0)) : bodyFor(rng);
  return { method, path: `/${bucket}${key ? `/${encodedKey}` : rng.chance(0.5) ? '/' : ''}${sub ? `?${sub}` : ''}`, headers, body };
}

const xml = new XMLParser({ ignoreAttributes: false });

/** Why an answer is not one S3 would give, or undefined. */
function problemWith(request: S3Request, answer: Answer): string | undefined {
  const text = answer.body.toString('utf8');
  if (/\n\s+at .*:[0-9]+:[0-9]+\)?$|\.[jt]s:[0-9]+:[0-9]+|TypeError|RangeError|ReferenceError|ERR_[A-Z_]+|node:internal/m.test(text)) return `internals leaked: ${text.slice(0, 300)}`;
  if (/root:x:0:0/.test(text)) return 'a file outside the buckets folder was read';
  if (answer.status >= 500 && answer.status !== 501 && answer.status !== 503) return `status ${answer.status}: ${text.slice(0, 300)}`;
  if (answer.status < 200 || (answer.status >= 300 && answer.status !== 301 && answer.status !== 304 && answer.status !== 307 && answer.status < 400)) return `status ${answer.status}`;
  // a HEAD or a 304 has no body; a failed one says its code in the status alone, as on AWS
  if (answer.status >= 300 && request.method !== 'HEAD' && answer.status !== 304) {
    try {
      const doc = xml.parse(text);
      // an unsigned POST that is none of S3's (?delete, ?uploads, ?uploadId) names no service on a shared
      // port: the query protocol's front end (SQS, SNS) answers it with its own error, as it would on AWS
      const s3Post = /[?&](delete|uploads|uploadId)(=|&|$)/.test(request.path);
      const code = request.method === 'POST' && !s3Post ? doc?.Error?.Code ?? doc?.ErrorResponse?.Error?.Code : doc?.Error?.Code;
      if (typeof code !== 'string' || !code) return `${answer.status} without an S3 <Error><Code>: ${text.slice(0, 200)}`;
    } catch (e) {
      return `unparseable error (${(e as Error).message}): ${text.slice(0, 200)}`;
    }
  }
  return undefined;
}

function send(url: string, agent: http.Agent, request: S3Request): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // framed as every real client frames a body, whatever the method
    const headers = { ...request.headers, 'content-length': String(request.body.length) };
    const req = http.request({ host: hostname, port, method: request.method, path: request.path, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

describe('fuzzing S3 with requests built from its parts', function () {
  this.timeout(Math.max(180_000, ROUNDS * 100));
  let dir: string;
  let server: ServeProcess;
  let agent: http.Agent;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-fuzz-'));
    server = await startServe(['--buckets-dir', path.join(dir, 'buckets'), '--data-dir', path.join(dir, 'data')]);
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    for (const r of <S3Request[]>[
      { method: 'PUT', path: `/${KEPT.bucket}`, headers: {}, body: Buffer.alloc(0) },
      { method: 'PUT', path: `/${KEPT.bucket}/${KEPT.key}`, headers: { 'content-type': 'text/plain' }, body: Buffer.from(KEPT.body) },
      { method: 'PUT', path: `/${PLAY}`, headers: {}, body: Buffer.alloc(0) },
    ]) {
      assert.equal((await send(server.url, agent, r)).status, 200);
    }
  });
  after(async () => {
    agent.destroy();
    assert.equal(await server.stop(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${ROUNDS} mutated requests with successes or S3 errors, keeps the seeded object and writes nothing outside the buckets folder`, async () => {
    const before = fs.readdirSync(dir).sort();
    const rng = generator(SEED);
    const requests = Array.from({ length: ROUNDS }, () => randomRequest(rng));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        try {
          const answer = await send(server.url, agent, request);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemWith(request, answer);
          if (problem) problems.push(`${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)}: ${problem}`);
        } catch (e) {
          // the server may close a connection on a body it cannot frame; it must not stop answering
          if (!/ECONNRESET|socket hang up/.test((e as Error).message)) problems.push(`${request.method} ${request.path.slice(0, 200)}: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const internal = server.output().split('\n').filter((l) => /InternalFailure/.test(l)).slice(0, 3).join('\n');
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} of ${ROUNDS} answers were wrong (seed ${SEED})\n${internal}`);
    // both successes and errors were reached: the requests got past the front door
    assert.ok([...statuses.keys()].some((s) => s === 200) && [...statuses.keys()].some((s) => s >= 400), JSON.stringify([...statuses]));

    const kept = await send(server.url, agent, { method: 'GET', path: `/${KEPT.bucket}/${KEPT.key}`, headers: {}, body: Buffer.alloc(0) });
    assert.equal(kept.status, 200);
    assert.equal(kept.body.toString(), KEPT.body);
    assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing new beside the buckets and data folders');
    // a key climbing out of its bucket's folder would land here (a bucket named escape.txt is a folder of buckets/)
    assert.ok(!fs.existsSync(path.join(dir, 'escape.txt')), 'a key left the buckets folder');
    assert.ok(!fs.existsSync(path.join(dir, 'buckets', 'escape.txt')) || fs.statSync(path.join(dir, 'buckets', 'escape.txt')).isDirectory());
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled|uncaught/i);
  });
});
