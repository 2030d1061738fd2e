import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { decode, encode } from 'cbor-x';
import { XMLParser } from 'fast-xml-parser';
import { ServeProcess, startServe } from './support/serve';

/**
 * Thousands of structure-aware mutations of real requests: JSON 1.0 and query/XML SQS requests and CBOR
 * Kinesis requests with members dropped, retyped, renamed, duplicated and re-indexed, bodies truncated,
 * bit-flipped and padded, headers swapped, bodies oversized and connections cut mid-request. Every answer
 * must be a success or an AWS error in the request's protocol; none may be an internal failure; the
 * process must stay up and a canary queue's messages must come through untouched.
 */
const SEED = Number(process.env.EVENTYARD_FUZZ_SEED ?? 20261129);
const ROUNDS = Number(process.env.EVENTYARD_FUZZ_ROUNDS ?? 4000);
const CONCURRENCY = 12;

/** mulberry32: a small seeded generator so a failing run can be replayed with EVENTYARD_FUZZ_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof generator>;

interface FuzzRequest {
  protocol: 'json' | 'query' | 'cbor';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  label: string;
}

const xml = new XMLParser({ ignoreAttributes: false });
const WEIRD_STRINGS = ['', ' ', 'é', '\u0000', '\ud800', '💥'.repeat(50), 'a'.repeat(70_000), '../../etc/passwd', '<x>&amp;', '%00', 'null', '__proto__', 'constructor', 'toString', '1e999', '-0'];
const WEIRD_NUMBERS = [0, -1, 21, 901, 2 ** 31, -(2 ** 53), 1.5, 1e308, Number.MAX_SAFE_INTEGER];
const weirdValue = (rng: Rng): unknown =>
  rng.pick<() => unknown>([
    () => rng.pick(WEIRD_STRINGS),
    () => rng.pick(WEIRD_NUMBERS),
    () => rng.chance(0.5),
    () => null,
    () => [],
    () => [rng.pick(WEIRD_STRINGS), rng.pick(WEIRD_NUMBERS)],
    () => ({}),
    () => ({ DataType: rng.pick(['String', 'Binary', 'Number', 'Bogus', '']), StringValue: rng.pick(WEIRD_STRINGS) }),
    () => JSON.parse('{"__proto__":{"polluted":true}}'),
    () => nested(rng.int(200)),
  ])();
const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { a: nested(depth - 1) });

function mutateObject(rng: Rng, value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return rng.chance(0.3) ? weirdValue(rng) : value;
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rng.chance(0.3) ? mutateObject(rng, v, depth + 1) : v));
    if (rng.chance(0.2)) copy.push(...Array.from({ length: rng.int(30) }, () => copy[0] ?? weirdValue(rng)));
    if (rng.chance(0.1)) copy.length = 0;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const op = rng.int(5);
  const key = keys.length ? rng.pick(keys) : 'X';
  if (op === 0) delete copy[key];
  else if (op === 1) copy[key] = weirdValue(rng);
  else if (op === 2) copy[rng.pick(['Unknown', '', 'queueurl', key.toLowerCase(), '__proto__'])] = weirdValue(rng);
  else if (op === 3 && depth < 4) copy[key] = mutateObject(rng, copy[key], depth + 1);
  else copy[key] = Array.isArray(copy[key]) ? {} : [copy[key]];
  return copy;
}

function mutateBytes(rng: Rng, body: Buffer): Buffer {
  const op = rng.int(4);
  if (op === 0) return body.subarray(0, rng.int(body.length + 1));
  const copy = Buffer.from(body);
  if (op === 1) {
    for (let i = 0; i < 1 + rng.int(8) && copy.length; i++) copy[rng.int(copy.length)] ^= 1 << rng.int(8);
    return copy;
  }
  if (op === 2) return Buffer.concat([copy, Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)))]);
  return Buffer.from(Array.from({ length: rng.int(128) }, () => rng.int(256)));
}

function mutateForm(rng: Rng, params: [string, string][]): [string, string][] {
  const copy = params.map(([k, v]) => [k, v] as [string, string]);
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const i = rng.int(copy.length);
    const op = rng.int(7);
    if (op === 0) copy.splice(i, 1);
    else if (op === 1 && copy[i]) copy.push([...copy[i]]);
    else if (op === 2 && copy[i]) copy[i][1] = String(rng.chance(0.5) ? rng.pick(WEIRD_STRINGS) : rng.pick(WEIRD_NUMBERS));
    else if (op === 3 && copy[i]) copy[i][0] = copy[i][0].replace(/\.[0-9]+/, `.${rng.pick(['0', '-1', 'x', '999999999', '', '1.1', '01'])}`);
    else if (op === 4) copy.push([rng.pick(['Attribute', 'MessageAttribute', 'Entries', 'A'.repeat(300), 'x.y.z.w.v.u'].map((p) => `${p}.${rng.int(3)}.Name`)), rng.pick(WEIRD_STRINGS)]);
    else if (op === 5) copy.push(['Action', rng.pick(['CreateQueue', 'Frobnicate', '', 'hasOwnProperty', 'SendMessage'])]);
    else if (copy[i]) copy[i][0] = copy[i][0].toLowerCase();
  }
  return copy;
}

function encodeForm(rng: Rng, params: [string, string][]): Buffer {
  let text = new URLSearchParams(params).toString();
  if (rng.chance(0.1)) text += rng.pick(['&%', '&a=%ZZ', '&&&', '&=', '&Action', '%E0%A4%A']);
  return Buffer.from(text);
}

interface Seed {
  protocol: FuzzRequest['protocol'];
  action: string;
  input: Record<string, unknown>;
  /** Query seeds written out as form parameters (SNS's non-flattened `member`/`entry` forms). */
  form?: [string, string][];
}

function seeds(url: string): Seed[] {
  const q = (n: number) => `${url}/000000000000/fuzz-${n}`;
  const sqs = (action: string, input: Record<string, unknown>): Seed[] => [
    { protocol: 'json', action, input },
    { protocol: 'query', action, input },
  ];
  return [
    ...sqs('CreateQueue', { QueueName: 'fuzz-1', Attributes: { VisibilityTimeout: '0', DelaySeconds: '0' }, tags: { a: 'b' } }),
    ...sqs('CreateQueue', { QueueName: 'fuzz-2.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }),
    ...sqs('SendMessage', {
      QueueUrl: q(1),
      MessageBody: 'hello',
      MessageAttributes: { k: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AAE=' } },
    }),
    ...sqs('SendMessageBatch', { QueueUrl: q(1), Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'b', MessageBody: 'y', DelaySeconds: 0 }] }),
    ...sqs('ReceiveMessage', { QueueUrl: q(1), MaxNumberOfMessages: 10, VisibilityTimeout: 0, AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    ...sqs('DeleteMessage', { QueueUrl: q(1), ReceiptHandle: 'abc' }),
    ...sqs('DeleteMessageBatch', { QueueUrl: q(1), Entries: [{ Id: 'a', ReceiptHandle: 'abc' }] }),
    ...sqs('ChangeMessageVisibility', { QueueUrl: q(1), ReceiptHandle: 'abc', VisibilityTimeout: 0 }),
    ...sqs('ChangeMessageVisibilityBatch', { QueueUrl: q(1), Entries: [{ Id: 'a', ReceiptHandle: 'abc', VisibilityTimeout: 0 }] }),
    ...sqs('GetQueueAttributes', { QueueUrl: q(1), AttributeNames: ['All'] }),
    ...sqs('SetQueueAttributes', { QueueUrl: q(1), Attributes: { MaximumMessageSize: '2048', RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:fuzz-2.fifo","maxReceiveCount":"2"}' } }),
    ...sqs('TagQueue', { QueueUrl: q(1), Tags: { t: 'v' } }),
    ...sqs('UntagQueue', { QueueUrl: q(1), TagKeys: ['t'] }),
    ...sqs('ListQueues', { QueueNamePrefix: 'fuzz', MaxResults: 5 }),
    ...sqs('GetQueueUrl', { QueueName: 'fuzz-1' }),
    ...sqs('AddPermission', { QueueUrl: q(1), Label: 'l', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }),
    ...sqs('ListDeadLetterSourceQueues', { QueueUrl: q(2) }),
    ...sqs('StartMessageMoveTask', { SourceArn: 'arn:aws:sqs:us-east-1:000000000000:fuzz-2.fifo' }),
    ...sqs('PurgeQueue', { QueueUrl: q(3) }),
    ...sqs('DeleteQueue', { QueueUrl: q(3) }),
    ...snsSeeds(),
    { protocol: 'cbor', action: 'CreateStream', input: { StreamName: 'fuzz-stream', ShardCount: 1 } },
    { protocol: 'cbor', action: 'PutRecord', input: { StreamName: 'fuzz-stream', PartitionKey: 'p', Data: Buffer.from('data') } },
    { protocol: 'cbor', action: 'PutRecords', input: { StreamName: 'fuzz-stream', Records: [{ PartitionKey: 'p', Data: Buffer.from('d') }] } },
    { protocol: 'cbor', action: 'GetShardIterator', input: { StreamName: 'fuzz-stream', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date() } },
    { protocol: 'cbor', action: 'DescribeStream', input: { StreamName: 'fuzz-stream' } },
  ];
}

function snsSeeds(): Seed[] {
  const topic = 'arn:aws:sns:us-east-1:000000000000:fuzz-topic';
  const seed = (action: string, params: [string, string][]): Seed => ({
    protocol: 'query',
    action,
    input: {},
    form: [['Action', action], ['Version', '2010-03-31'], ...params],
  });
  return [
    seed('CreateTopic', [['Name', 'fuzz-topic'], ['Attributes.entry.1.key', 'DisplayName'], ['Attributes.entry.1.value', 'Fuzz'], ['Tags.member.1.Key', 'k'], ['Tags.member.1.Value', 'v']]),
    seed('Subscribe', [['TopicArn', topic], ['Protocol', 'sqs'], ['Endpoint', 'arn:aws:sqs:us-east-1:000000000000:fuzz-1'], ['Attributes.entry.1.key', 'RawMessageDelivery'], ['Attributes.entry.1.value', 'true']]),
    seed('Publish', [['TopicArn', topic], ['Message', 'hello'], ['MessageAttributes.entry.1.Name', 'a'], ['MessageAttributes.entry.1.Value.DataType', 'String'], ['MessageAttributes.entry.1.Value.StringValue', 'v']]),
    seed('PublishBatch', [['TopicArn', topic], ['PublishBatchRequestEntries.member.1.Id', 'x'], ['PublishBatchRequestEntries.member.1.Message', 'm']]),
    seed('ListSubscriptionsByTopic', [['TopicArn', topic]]),
    seed('GetTopicAttributes', [['TopicArn', topic]]),
  ];
}

/** The query protocol's flattened form of a JSON-shaped input, as botocore would write it for these members. */
function toForm(action: string, input: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [['Action', action], ['Version', '2012-11-05']];
  const names: Record<string, string> = {
    Attributes: 'Attribute', tags: 'Tag', Tags: 'Tag', MessageAttributes: 'MessageAttribute', AttributeNames: 'AttributeName',
    MessageAttributeNames: 'MessageAttributeName', TagKeys: 'TagKey', AWSAccountIds: 'AWSAccountId', Actions: 'ActionName',
  };
  const entryNames: Record<string, string> = {
    SendMessageBatch: 'SendMessageBatchRequestEntry', DeleteMessageBatch: 'DeleteMessageBatchRequestEntry',
    ChangeMessageVisibilityBatch: 'ChangeMessageVisibilityBatchRequestEntry',
  };
  const write = (prefix: string, key: string, value: unknown) => {
    const name = key === 'Entries' ? entryNames[action] : (names[key] ?? key);
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (typeof v === 'object' && v) for (const [k, vv] of Object.entries(v)) write(`${prefix}${name}.${i + 1}.`, k, vv);
        else out.push([`${prefix}${name}.${i + 1}`, String(v)]);
      });
    } else if (typeof value === 'object' && value !== null) {
      const isTag = key === 'tags' || key === 'Tags';
      Object.entries(value).forEach(([k, v], i) => {
        out.push([`${prefix}${name}.${i + 1}.${isTag ? 'Key' : 'Name'}`, k]);
        if (typeof v === 'object' && v) for (const [vk, vv] of Object.entries(v)) out.push([`${prefix}${name}.${i + 1}.Value.${vk}`, String(vv)]);
        else out.push([`${prefix}${name}.${i + 1}.Value`, String(v)]);
      });
    } else {
      out.push([`${prefix}${name}`, String(value)]);
    }
  };
  for (const [k, v] of Object.entries(input)) write('', k, v);
  return out;
}

function mutate(rng: Rng, seed: Seed): FuzzRequest {
  const level = rng.int(4); // 0: valid, 1: structure, 2: bytes, 3: headers
  const label = `${seed.protocol} ${seed.action} mutation ${level}`;
  if (seed.protocol === 'query') {
    const form = seed.form ?? toForm(seed.action, seed.input);
    const params = level === 1 || level === 3 ? mutateForm(rng, form) : form;
    let body = encodeForm(rng, params);
    if (level === 2) body = mutateBytes(rng, body);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (level === 3) headers['content-type'] = rng.pick(['text/plain', 'application/x-www-form-urlencoded; charset=latin1', '']);
    return { protocol: 'query', path: rng.chance(0.2) ? '/000000000000/fuzz-1' : '/', headers, body, label };
  }
  const structured = level === 1 ? (mutateObject(rng, seed.input) as Record<string, unknown>) : seed.input;
  const json = seed.protocol === 'json';
  let body: Buffer = json ? Buffer.from(JSON.stringify(structured)) : Buffer.from(encode(structured));
  if (level === 2) body = mutateBytes(rng, body);
  const prefix = json ? 'AmazonSQS' : 'Kinesis_20131202';
  const headers: Record<string, string> = {
    'content-type': json ? 'application/x-amz-json-1.0' : 'application/x-amz-cbor-1.1',
    'x-amz-target': `${prefix}.${seed.action}`,
  };
  if (level === 3) {
    headers['x-amz-target'] = rng.pick([`${prefix}.${seed.action}x`, `${prefix}.`, prefix, `.${seed.action}`, `${prefix}.__proto__`, 'Kinesis_20131202.ListStreams', 'AmazonSQS.ListQueues']);
  }
  return { protocol: seed.protocol, path: '/', headers, body, label };
}

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

function send(url: string, agent: http.Agent, request: FuzzRequest): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method: 'POST', path: request.path, headers: request.headers, agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** What makes an answer acceptable: a well-formed success or AWS error in the protocol the client will parse. */
function checkAnswer(request: FuzzRequest, answer: Answer): string | undefined {
  if (answer.status === 500) return `internal failure: ${answer.body.toString().slice(0, 300)}`;
  if (answer.status !== 200 && (answer.status < 400 || answer.status > 499)) return `status ${answer.status}`;
  try {
    if (answer.contentType === 'application/x-amz-cbor-1.1') {
      const value = decode(answer.body);
      if (answer.status !== 200 && typeof value?.__type !== 'string') return 'CBOR error without __type';
    } else if (answer.contentType.startsWith('application/x-amz-json-1.')) {
      const value = JSON.parse(answer.body.toString());
      if (answer.status !== 200 && typeof value.__type !== 'string') return 'JSON error without __type';
    } else if (answer.contentType === 'text/xml') {
      const doc = xml.parse(answer.body.toString(), true);
      const root = Object.keys(doc).find((k) => k !== '?xml') ?? '';
      if (answer.status === 200 ? !root.endsWith('Response') : typeof doc.ErrorResponse?.Error?.Code !== 'string') {
        return `unexpected XML ${answer.body.toString().slice(0, 200)}`;
      }
    } else {
      return `content type ${answer.contentType}`;
    }
  } catch (e) {
    return `unparseable answer (${(e as Error).message}): ${answer.body.toString().slice(0, 200)}`;
  }
  if (request.protocol === 'cbor' && answer.contentType !== 'application/x-amz-cbor-1.1' && request.headers['x-amz-target'].startsWith('Kinesis')) {
    return `CBOR request answered as ${answer.contentType}`;
  }
  return undefined;
}

function cutConnection(url: string, rng: Rng, bytes: Buffer): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    // Reading keeps the socket flowing, so the server's closing of the connection is seen.
    socket.resume();
    const destroy = rng.chance(0.5);
    socket.write(bytes.subarray(0, rng.int(bytes.length)), () => (destroy ? socket.destroy() : socket.end()));
  });
}

describe('fuzzing the endpoint with mutated real requests', function () {
  this.timeout(120_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0, 'the server exits cleanly after the fuzzing');
  });

  it(`answers ${ROUNDS} mutated requests with success or an AWS error and keeps the canary queue intact`, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const canary = `${server.url}/000000000000/canary`;
    const json = (action: string, input: unknown) =>
      send(server.url, agent, {
        protocol: 'json',
        path: '/',
        label: action,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
        body: Buffer.from(JSON.stringify(input)),
      });
    await json('CreateQueue', { QueueName: 'canary' });
    const canaryBodies = Array.from({ length: 25 }, (_, i) => `canary message ${i} \u00e9\r\n<&>`);
    for (const MessageBody of canaryBodies) assert.equal((await json('SendMessage', { QueueUrl: canary, MessageBody })).status, 200);

    const rng = generator(SEED);
    const corpus = seeds(server.url);
    const failures: string[] = [];
    const tally = { success: 0, error: 0, cut: 0 };
    let next = 0;
    const worker = async () => {
      while (next < ROUNDS) {
        const round = next++;
        const request = mutate(rng, rng.pick(corpus));
        if (rng.chance(0.04)) {
          const head = `POST ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${request.body.length + 50}\r\n${Object.entries(request.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
          await cutConnection(server.url, rng, Buffer.concat([Buffer.from(head), request.body]));
          tally.cut++;
          continue;
        }
        if (round % 1000 === 999) request.body = Buffer.alloc(10 * 1024 * 1024 + 1 + rng.int(1000), 0x41);
        try {
          const answer = await send(server.url, agent, request);
          const problem = checkAnswer(request, answer);
          if (problem) failures.push(`round ${round} (${request.label}): ${problem}\n  request: ${request.body.toString('latin1').slice(0, 300)}`);
          if (answer.status === 200) tally.success++;
          else tally.error++;
        } catch (e) {
          failures.push(`round ${round} (${request.label}): no answer: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} bad answers (seed ${SEED})`);
    assert.ok(tally.success > ROUNDS / 20, `some mutations still succeed: ${JSON.stringify(tally)}`);
    assert.ok(tally.error > ROUNDS / 4, `most mutations are refused: ${JSON.stringify(tally)}`);
    assert.equal(server.child.exitCode, null, 'the server is still running');

    const health = await fetch(`${server.url}/_eventyard/health`);
    assert.equal(health.status, 200);
    const peek = (await (await fetch(`${server.url}/_eventyard/sqs/queues/canary/messages?limit=100`)).json()) as {
      messages: { body: string }[];
    };
    assert.deepEqual(
      peek.messages.map((m) => m.body),
      canaryBodies,
      'the canary queue kept every message, in order, byte for byte',
    );
    const attrs = await (await json('GetQueueAttributes', { QueueUrl: canary, AttributeNames: ['All'] })).body.toString();
    assert.equal(JSON.parse(attrs).Attributes.ApproximateNumberOfMessages, '25');
    const listed = JSON.parse((await json('ListQueues', { MaxResults: 1000 })).body.toString()).QueueUrls as string[];
    for (const url of listed) {
      const name = url.split('/').pop()!;
      const counts = JSON.parse((await json('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] })).body.toString()).Attributes;
      const peekUrl = `${server.url}/_eventyard/sqs/queues/${encodeURIComponent(name)}/messages?limit=0`;
      const peeked = (await (await fetch(peekUrl)).json()) as { total: number };
      const total = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']
        .map((k) => Number(counts[k]))
        .reduce((a, b) => a + b, 0);
      assert.equal(peeked.total, total, `queue ${name}: the counters agree with the stored messages`);
    }
    assert.doesNotMatch(server.output(), /Unhandled|InternalFailure/);
  });
});
