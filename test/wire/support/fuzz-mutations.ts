import { encode } from 'cbor-x';
import { isQuery, PROTOCOLS, Protocol, queryForm, QueryProtocol, queryService, Seed } from './fuzz-corpus';

/** mulberry32: a small seeded generator so a failing run can be replayed with EVENTYARD_FUZZ_SEED. */
export function generator(seed: number) {
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
export type Rng = ReturnType<typeof generator>;

export interface FuzzRequest {
  protocol: Protocol;
  action: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** What was done to the seed, for failure messages and the histogram. */
  mutation: 'none' | 'structure' | 'bytes' | 'headers' | 'form';
}

const WEIRD_STRINGS = [
  '', ' ', 'é', '\u0000', '\ud800', '\uffff', '💥'.repeat(50), 'a'.repeat(70_000), 'b'.repeat(300_000), '../../etc/passwd',
  '/etc/passwd', 'a/../../b', '..\\..\\x', 'x\u0000y', '<x>&amp;', ']]>', '%00', '%', 'null', '__proto__', 'constructor',
  'toString', 'hasOwnProperty', '1e999', '-0', 'NaN', 'arn:aws:sqs:us-east-1:000000000000:', 'arn:::::', 'http://127.0.0.1:1/000000000000/x',
  'shardId-', 'shardId-999999999999', '-1', '99999999999999999999999999999999999999999', '\r\n\r\nHTTP/1.1 200 OK', '{"a":', '[]',
];
/** Longest string a mutation builds: past the server's 10 MiB body limit, short of stalling the test process. */
const MAX_STRING = 2 * 1024 * 1024;
const WEIRD_NUMBERS = [0, -1, 1, 21, 901, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

const nested = (depth: number): unknown => (depth === 0 ? 'deep' : depth % 2 ? { a: nested(depth - 1) } : [nested(depth - 1)]);

/** A replacement that keeps a value's type most of the time (to get past type checks into the engine) and breaks it otherwise. */
function mutateScalar(rng: Rng, value: unknown): unknown {
  if (rng.chance(0.6)) {
    if (typeof value === 'string') return rng.chance(0.8) ? rng.pick(WEIRD_STRINGS) : value.repeat(Math.min(1 + rng.int(5000), Math.ceil(MAX_STRING / (value.length + 1))));
    if (typeof value === 'number') return rng.pick(WEIRD_NUMBERS);
    if (typeof value === 'boolean') return !value;
    if (value instanceof Uint8Array) return rng.chance(0.5) ? Buffer.alloc(rng.int(1_100_000), 0x61) : Buffer.alloc(0);
    if (value instanceof Date) return new Date(rng.pick([0, -1e15, 8.64e15, Date.now() + 1e12]));
  }
  return weirdValue(rng);
}

function weirdValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => rng.pick(WEIRD_STRINGS),
    () => rng.pick(WEIRD_NUMBERS),
    () => rng.chance(0.5),
    () => null,
    () => [],
    () => [rng.pick(WEIRD_STRINGS), rng.pick(WEIRD_NUMBERS)],
    () => ({}),
    () => ({ DataType: rng.pick(['String', 'Binary', 'Number', 'String.x', 'Bogus', '']), StringValue: rng.pick(WEIRD_STRINGS) }),
    () => JSON.parse('{"__proto__":{"polluted":true}}'),
    () => nested(rng.int(300)),
    () => Buffer.from('bytes'),
    () => new Date(),
  ])();
}

export function mutateObject(rng: Rng, value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || value instanceof Date) {
    return rng.chance(0.5) ? mutateScalar(rng, value) : value;
  }
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rng.chance(0.4) ? mutateObject(rng, v, depth + 1) : v));
    if (rng.chance(0.2)) {
      const first = copy[0] ?? weirdValue(rng);
      // Hundreds of copies of a small item; a few of a big one, so bodies stay near the 10 MiB limit, not far past it.
      const big = typeof first === 'string' ? first.length > 1000 : typeof first === 'object' && first !== null;
      copy.push(...Array.from({ length: rng.int(big ? 8 : 600) }, () => first));
    }
    if (rng.chance(0.1)) copy.length = 0;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length ? rng.pick(keys) : 'X';
  switch (rng.int(6)) {
    case 0: // a required member missing
      delete copy[key];
      break;
    case 1: // the member's value broken by type
      copy[key] = mutateScalar(rng, copy[key]);
      break;
    case 2: // an extra member
      // defineProperty: a plain assignment to `__proto__` would change the prototype instead of adding a member.
      Object.defineProperty(copy, rng.pick(['Unknown', '', 'queueurl', key.toLowerCase(), '__proto__', 'constructor', 'x'.repeat(300)]), {
        value: weirdValue(rng),
        enumerable: true,
        writable: true,
      });
      break;
    case 3:
      if (depth < 5) copy[key] = mutateObject(rng, copy[key], depth + 1);
      break;
    case 4: // every member mutated
      for (const k of keys) if (rng.chance(0.5)) copy[k] = mutateObject(rng, copy[k], depth + 1);
      break;
    default: // list where a structure is expected and the reverse
      copy[key] = Array.isArray(copy[key]) ? {} : [copy[key]];
  }
  return copy;
}

export function mutateBytes(rng: Rng, body: Buffer): Buffer {
  const op = rng.int(5);
  if (op === 0) return body.subarray(0, rng.int(body.length + 1));
  const copy = Buffer.from(body);
  if (op === 1) {
    for (let i = 0; i < 1 + rng.int(8) && copy.length; i++) copy[rng.int(copy.length)] ^= 1 << rng.int(8);
    return copy;
  }
  if (op === 2) return Buffer.concat([copy, Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)))]);
  if (op === 3) return Buffer.concat([copy.subarray(0, rng.int(copy.length + 1)), copy]);
  return Buffer.from(Array.from({ length: rng.int(128) }, () => rng.int(256)));
}

function mutateForm(rng: Rng, params: [string, string][]): [string, string][] {
  const copy = params.map(([k, v]) => [k, v] as [string, string]);
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const i = rng.int(copy.length);
    const op = rng.int(8);
    if (op === 0) copy.splice(i, 1);
    else if (op === 1 && copy[i]) copy.push([...copy[i]]);
    else if (op === 2 && copy[i]) copy[i][1] = String(rng.chance(0.5) ? rng.pick(WEIRD_STRINGS) : rng.pick(WEIRD_NUMBERS));
    else if (op === 3 && copy[i]) copy[i][0] = copy[i][0].replace(/\.[0-9]+/, `.${rng.pick(['0', '-1', 'x', '999999999', '', '1.1', '01', '1000000'])}`);
    else if (op === 4) copy.push([`${rng.pick(['Attribute', 'MessageAttribute', 'Entries', 'Attributes.entry', 'Tags.member', 'A'.repeat(300), 'x.y.z.w.v.u', '__proto__', 'constructor.prototype'])}.${rng.int(3)}.${rng.pick(['Name', 'Value', 'key', 'value', 'Key', '__proto__'])}`, rng.pick(WEIRD_STRINGS)]);
    else if (op === 5) copy.push(['Action', rng.pick(['CreateQueue', 'Frobnicate', '', 'hasOwnProperty', 'SendMessage', 'Publish', 'toString'])]);
    else if (op === 6) copy.push(...Array.from({ length: rng.int(2000) }, (_, j) => [`Attribute.${j + 1}.Name`, `n${j}`] as [string, string]));
    else if (copy[i]) copy[i][0] = copy[i][0].toLowerCase();
  }
  return copy;
}

function encodeForm(rng: Rng, params: [string, string][]): Buffer {
  let text = new URLSearchParams(params).toString();
  if (rng.chance(0.1)) text += rng.pick(['&%', '&a=%ZZ', '&&&', '&=', '&Action', '%E0%A4%A', '&Version=2099-01-01']);
  return Buffer.from(text);
}

/** JSON wants blobs as base64 and timestamps as epoch seconds; CBOR takes them natively. */
function toJsonReady(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonReady);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: toJsonReady(v), enumerable: true, writable: true });
    return out;
  }
  return value;
}

const TARGETS: Record<Exclude<Protocol, QueryProtocol>, { prefix: string; contentType: string }> = {
  'sqs-json': { prefix: 'AmazonSQS', contentType: 'application/x-amz-json-1.0' },
  'kinesis-json': { prefix: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' },
  'kinesis-cbor': { prefix: 'Kinesis_20131202', contentType: 'application/x-amz-cbor-1.1' },
  'firehose-json': { prefix: 'Firehose_20150804', contentType: 'application/x-amz-json-1.1' },
  'events-json': { prefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1' },
  'states-json': { prefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0' },
};

/** The seed written in one of its service's protocols, unchanged. */
export function encodeSeed(seed: Seed, protocol: Protocol, input = seed.input): FuzzRequest {
  if (isQuery(protocol)) {
    const service = queryService(protocol);
    return {
      protocol,
      action: seed.action,
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: authorization(service) },
      body: encodeBody(() => Buffer.from(new URLSearchParams(queryForm(service, seed.action, input)).toString())),
      mutation: 'none',
    };
  }
  const { prefix, contentType } = TARGETS[protocol];
  const body = encodeBody(() =>
    protocol === 'kinesis-cbor' ? Buffer.from(encode(input)) : Buffer.from(JSON.stringify(toJsonReady(input))),
  );
  return {
    protocol,
    action: seed.action,
    path: '/',
    headers: { 'content-type': contentType, 'x-amz-target': `${prefix}.${seed.action}`, authorization: authorization(seed.service) },
    body,
    mutation: 'none',
  };
}

/** A structure too big to encode at all is sent as what it would have been: a body over the 10 MiB limit. */
function encodeBody(write: () => Buffer): Buffer {
  try {
    return write();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return Buffer.alloc(11 * 1024 * 1024, 0x20);
  }
}

/** An unverified SigV4 header as the SDKs send it; query routing reads the service from its scope. */
function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20261129/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

export function mutate(rng: Rng, seed: Seed): FuzzRequest {
  const protocol = rng.pick(PROTOCOLS[seed.service]);
  const level = rng.int(5);
  if (level === 0) return encodeSeed(seed, protocol);
  if (level === 1) return { ...encodeSeed(seed, protocol, mutateObject(rng, seed.input) as Record<string, unknown>), mutation: 'structure' };
  const request = encodeSeed(seed, protocol);
  if (level === 2) return { ...request, body: mutateBytes(rng, request.body), mutation: 'bytes' };
  if (level === 3 && isQuery(protocol)) {
    const service = queryService(protocol);
    const params = mutateForm(rng, queryForm(service, seed.action, seed.input));
    return { ...request, body: encodeForm(rng, params), path: rng.chance(0.2) ? '/000000000000/fuzz-1' : '/', mutation: 'form' };
  }
  const headers = { ...request.headers };
  const target = headers['x-amz-target'] ?? 'AmazonSQS.ListQueues';
  const prefix = target.slice(0, target.indexOf('.'));
  switch (rng.int(5)) {
    case 0:
      headers['x-amz-target'] = rng.pick([`${target}x`, `${prefix}.`, prefix, `.${seed.action}`, `${prefix}.__proto__`, `${prefix}.constructor`, 'Kinesis_20131202.ListStreams', 'AmazonSQS.ListQueues', 'Firehose_20150804.ListDeliveryStreams', 'AWSEvents.ListEventBuses', 'Logs_20140328.PutLogEvents']);
      break;
    case 1:
      headers['content-type'] = rng.pick(['text/plain', 'application/x-amz-json-1.0', 'application/x-amz-json-1.1', 'application/x-amz-cbor-1.1', 'application/json', 'application/x-www-form-urlencoded', '', 'multipart/form-data; boundary=x']);
      break;
    case 2:
      headers.authorization = rng.pick(['', 'AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 Credential=a/b/c/kinesis/aws4_request', 'AWS4-HMAC-SHA256 Credential=////', 'Basic Zm9vOmJhcg==', 'x'.repeat(8000)]);
      break;
    case 3:
      headers['content-encoding'] = rng.pick(['gzip', 'br', 'identity', 'x']);
      break;
    default:
      headers['x-amz-target'] = target.toLowerCase();
  }
  return { ...request, headers, mutation: 'headers' };
}
