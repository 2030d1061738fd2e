import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAccountId, isRegionName } from '../broker/identity';

export interface ServeOptions {
  port: number;
  host: string;
  allowedHosts: string[];
  dataDir?: string;
  /** With dataDir: `sync` (default) answers a change once it is on disk, `fast` fsyncs every 200 ms, `off` keeps nothing. */
  persistence: 'sync' | 'fast' | 'off';
  /** Most bytes the data folder may hold; beyond it, changes that add data get ServiceUnavailable. */
  maxDataBytes?: number;
  config?: string;
  /** The folder standing for S3 where Firehose lands objects (`<dir>/<bucket>/<key>`). */
  bucketsDir?: string;
  /** Most payload bytes (messages, records) held at once; beyond it writes get AWS-style "no room" errors. */
  maxMemoryBytes?: number;
  /** Hops each queue, topic, stream or bus keeps for message traces; 0 turns tracing off (default 1,000). */
  traceBufferSize?: number;
  /** Strict mode: requests must be SigV4-signed with one of these keys (`--access-key KEY:SECRET`). */
  accessKeys: { accessKeyId: string; secretAccessKey: string }[];
  /** How long a Kinesis stream stays CREATING (UPDATING after a reshard) before ACTIVE; default 0. */
  streamCreateDelayMs?: number;
  /** The account and region of requests whose key and signature name none (default 000000000000 / us-east-1). */
  accountId?: string;
  region?: string;
  /** Records the traffic (sends, publishes, puts) to this NDJSON file until serve stops. */
  record?: string;
  /** With record: only these queues, topics, streams, delivery streams or buses (by name). */
  recordResources: string[];
}

/** A mistake in the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  /**
   * `run` and `replay` are bundles of their own (scripts/build.mjs), each with its own copy of this class,
   * so the CLI's entry recognises a usage error by this mark rather than by `instanceof`.
   */
  readonly usageError = true;

  static is(e: unknown): e is UsageError {
    return e instanceof Error && (e as Partial<UsageError>).usageError === true;
  }
}

export const serveHelp = `Usage: eventyard serve [options]

Runs the Eventyard broker headless: SQS, SNS, Kinesis and Firehose (and local functions) on the AWS wire
protocols, HTTP/1.1 and HTTP/2 on one port. Point an unchanged AWS SDK or CLI at it with AWS_ENDPOINT_URL.

Options:
  --port <n>           port to listen on (default 4566; 0 picks any free port)
  --host <address>     address to listen on (default 127.0.0.1, reachable only from this machine); with
                       0.0.0.0, list the names other machines use with --allowed-host
  --allowed-host <h>   also accept requests whose Host/Origin names <h> (repeatable); by default only
                       loopback names are accepted so that web pages cannot reach the broker
  --data-dir <dir>     keep queues, topics, streams and their messages in <dir> across restarts
                       (created if missing; one serve per folder)
  --persistence <m>    with --data-dir: sync (default: a change is on disk before it is acknowledged),
                       fast (fsync every 200 ms; a machine crash may lose that much) or off (memory only)
  --max-data-mb <n>    most the data folder may hold; when full, sends and puts get ServiceUnavailable
                       (HTTP 503) while reads, receives and deletes still work (default: no limit)
  --config <file>      resources to create at start: an eventyard.yaml/.json definitions file (queues,
                       topics and subscriptions, streams, delivery streams, functions), as in the editor
  --buckets-dir <dir>  S3's folder: each object is the file <dir>/<bucket>/<key> (Firehose writes
                       through S3); default: <data-dir>/buckets with --data-dir, else kept in memory
  --max-memory-mb <n>  memory budget for stored messages and records; when full, sends and puts get an
                       AWS-style error (SQS OverLimit, Kinesis ProvisionedThroughputExceeded, ...) while
                       receives and deletes still work (default: no limit)
  --trace-buffer <n>   hops of message traces each queue, topic, stream or bus keeps (GET
                       /_eventyard/traces/<message id>); 0 turns tracing off (default 1000)
  --access-key <k:s>   strict mode: accept only requests signed (SigV4) with access key id <k> and
                       secret <s> (repeatable); others get AWS's InvalidClientTokenId or
                       SignatureDoesNotMatch (default: signatures are not checked)
  --stream-create-delay-ms <n>
                       Kinesis streams stay CREATING (and UPDATING after a reshard) for <n> ms before
                       ACTIVE, as on AWS, so code that waits for ACTIVE is exercised (default 0: at once)
  --account-id <id>    the account requests act in unless signed with a 12-digit access key id
                       (that account) or keys from STS AssumeRole (default 000000000000)
  --region <name>      the region of unsigned requests; signed ones act in their signature's region
                       (default us-east-1)
  --record <file>      record every send, publish and put to <file> (NDJSON, one request a line with its
                       time) until serve stops; replay it with eventyard replay
  --record-resource <name>
                       with --record: only this queue, topic, stream, delivery stream or bus (repeatable)
  -h, --help           show this help
`;

export function parseServeOptions(argv: string[]): ServeOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        persistence: { type: 'string' },
        'max-data-mb': { type: 'string' },
        config: { type: 'string' },
        'buckets-dir': { type: 'string' },
        'max-memory-mb': { type: 'string' },
        'trace-buffer': { type: 'string' },
        'access-key': { type: 'string', multiple: true },
        'stream-create-delay-ms': { type: 'string' },
        'account-id': { type: 'string' },
        region: { type: 'string' },
        record: { type: 'string' },
        'record-resource': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  return {
    port: parsePort(values.port),
    host: parseHost(values.host),
    allowedHosts: values['allowed-host'] ?? [],
    dataDir: values['data-dir'] === undefined ? undefined : checkDataDir(values['data-dir']),
    persistence: parsePersistence(values.persistence, values['data-dir']),
    maxDataBytes: values['max-data-mb'] === undefined ? undefined : parseMb(values['max-data-mb'], '--max-data-mb'),
    config: values.config === undefined ? undefined : checkConfig(values.config),
    bucketsDir: values['buckets-dir'] === undefined ? undefined : checkDataDir(values['buckets-dir'], '--buckets-dir'),
    maxMemoryBytes: values['max-memory-mb'] === undefined ? undefined : parseMb(values['max-memory-mb'], '--max-memory-mb'),
    traceBufferSize: parseTraceBuffer(values['trace-buffer']),
    accessKeys: (values['access-key'] ?? []).map(parseAccessKey),
    streamCreateDelayMs: parseDelay(values['stream-create-delay-ms']),
    accountId: values['account-id'] === undefined ? undefined : checked(values['account-id'], isAccountId, '--account-id must be 12 digits'),
    region: values.region === undefined ? undefined : checked(values.region, isRegionName, '--region must be a region name such as us-east-1'),
    record: values.record === undefined ? undefined : checkRecordFile(values.record),
    recordResources: recordResources(values['record-resource'], values.record),
  };
}

function checked(raw: string, valid: (value: string) => boolean, rule: string): string {
  if (!valid(raw)) throw new UsageError(`${rule}, not "${raw}".`);
  return raw;
}

function checkRecordFile(raw: string): string {
  const file = path.resolve(raw);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--record ${raw} is a directory; name a file.`);
  if (!fs.existsSync(path.dirname(file))) throw new UsageError(`--record ${raw}: its directory ${path.dirname(file)} does not exist.`);
  return file;
}

function recordResources(names: string[] | undefined, record: string | undefined): string[] {
  if (names?.length && record === undefined) throw new UsageError('--record-resource needs --record <file>.');
  return names ?? [];
}

function parseAccessKey(raw: string): { accessKeyId: string; secretAccessKey: string } {
  const colon = raw.indexOf(':');
  if (colon <= 0 || colon === raw.length - 1) {
    throw new UsageError(`--access-key must be <access key id>:<secret access key>, not "${raw}".`);
  }
  return { accessKeyId: raw.slice(0, colon), secretAccessKey: raw.slice(colon + 1) };
}

function parseDelay(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(raw)) {
    throw new UsageError(`--stream-create-delay-ms must be a whole number of milliseconds, not "${raw}".`);
  }
  return Number(raw);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 4566;
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
  }
  return Number(raw);
}

function parsePersistence(raw: string | undefined, dataDir: string | undefined): ServeOptions['persistence'] {
  if (raw === undefined) return dataDir === undefined ? 'off' : 'sync';
  if (raw !== 'sync' && raw !== 'fast' && raw !== 'off') {
    throw new UsageError(`--persistence must be sync, fast or off, not "${raw}".`);
  }
  if (raw !== 'off' && dataDir === undefined) throw new UsageError(`--persistence ${raw} needs --data-dir <dir>.`);
  return raw;
}

function parseMb(raw: string, flag: string): number {
  if (!/^[0-9]{1,7}(\.[0-9]+)?$/.test(raw) || Number(raw) <= 0) {
    throw new UsageError(`${flag} must be a positive number of MiB, not "${raw}".`);
  }
  return Math.floor(Number(raw) * 1024 * 1024);
}

function parseHost(raw: string | undefined): string {
  if (raw === undefined) return '127.0.0.1';
  if (raw.trim() === '') throw new UsageError('--host must not be empty.');
  return raw.trim();
}

function checkDataDir(raw: string, flag = '--data-dir'): string {
  const dir = path.resolve(raw);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`${flag} ${raw} exists and is not a directory.`);
  }
  if (!fs.existsSync(dir) && !fs.existsSync(path.dirname(dir))) {
    throw new UsageError(`${flag} ${raw}: its parent directory ${path.dirname(dir)} does not exist.`);
  }
  return dir;
}

function checkConfig(raw: string): string {
  const file = path.resolve(raw);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new UsageError(`--config ${raw}: no such file.`);
  }
  return file;
}

function parseTraceBuffer(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,7}$/.test(raw)) throw new UsageError('--trace-buffer must be a whole number from 0 to 9999999');
  return Number(raw);
}
