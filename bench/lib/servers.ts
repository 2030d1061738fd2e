/**
 * The servers a wire benchmark talks to, each in a process of its own (as a user runs them), so the
 * client's work and the server's are not one event loop: `eventyard serve` from dist/cli.js (built by
 * `npm run bench`), and the peers a user could choose from npm instead, each in memory: kinesalite
 * (Kinesis), s3rver (S3), fauxqs (SQS, SNS, S3) and local-aws-sqs (SQS).
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');

export function startEventyard(extraArgs: string[] = []): Promise<ServerProcess> {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` (npm run bench does)');
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server while a benchmark drives it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return launch('eventyard', [...nodeArgs, cli, 'serve', '--port', '0', ...extraArgs], /listening on (http:\/\/\S+)/);
}

/** kinesalite with no path keeps its LevelDB in memory (memdown); stream changes take effect at once. */
export function startKinesalite(): Promise<ServerProcess> {
  const program = `
    const server = require('kinesalite')({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
    server.listen(0, '127.0.0.1', () => console.log('kinesalite listening on http://127.0.0.1:' + server.address().port));
  `;
  return launch('kinesalite', ['-e', program], /listening on (http:\/\/\S+)/);
}

/** s3rver, the Node S3 emulator, keeping objects in a fresh temporary folder (as Eventyard's buckets folder). */
export function startS3rver(directory: string): Promise<ServerProcess> {
  const program = `
    const S3rver = require('s3rver');
    new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(directory)} }).run()
      .then(({ port }) => console.log('s3rver listening on http://127.0.0.1:' + port));
  `;
  return launch('s3rver', ['-e', program], /listening on (http:\/\/\S+)/);
}

/** local-aws-sqs, SQS only, in memory; queue names are never reused here, so its 60 s rule on them does not bite. */
export function startLocalAwsSqs(): Promise<ServerProcess> {
  const program = `
    require('local-aws-sqs').createSqsServer({ port: 0, hostname: '127.0.0.1' })
      .then((server) => console.log('local-aws-sqs listening on http://127.0.0.1:' + server.address().port));
  `;
  return launch('local-aws-sqs', ['-e', program], /listening on (http:\/\/\S+)/);
}

/**
 * fauxqs, in memory, without its request log. It needs Node >= 22.5 (node:sqlite): this Node if it is new
 * enough, else the Node 24 that the VS Code setup installs (scripts/setup-vscode.mjs); without either the
 * answer says why, and the benchmark prints that instead of fauxqs's figures.
 */
export async function startFauxqs(): Promise<ServerProcess | { skipped: string }> {
  const node = await nodeForFauxqs();
  if (typeof node !== 'string') return node;
  const program = `
    const { startFauxqs } = await import('fauxqs');
    const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
    console.log('fauxqs listening on ' + server.address);
  `;
  return launch('fauxqs', ['--input-type=module', '-e', program], /listening on (http:\/\/\S+)/, node);
}

async function nodeForFauxqs(): Promise<string | { skipped: string }> {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 5)) return process.execPath;
  const setup = (await import(pathToFileURL(path.join(root, 'scripts', 'setup-vscode.mjs')).href)) as { vscodePaths(): { node24: string } };
  const node24 = setup.vscodePaths().node24;
  if (fs.existsSync(node24)) return node24;
  return { skipped: `needs Node >= 22.5, this is ${process.version} and ${node24} is absent (node scripts/setup-vscode.mjs installs it)` };
}

function launch(name: string, args: string[], ready: RegExp, node = process.execPath): Promise<ServerProcess> {
  const child = spawn(node, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // A benchmark that fails or is stopped must not leave its server running.
  process.once('exit', () => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk;
      const match = ready.exec(stdout);
      if (!match) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(handle(name, match[1], child));
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening: ${stderr}`)));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name) are utime and stime.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function handle(name: string, url: string, child: ChildProcess): ServerProcess {
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    cpuSeconds: () => processCpuSeconds(pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * HTTP/1.1 with keep-alive sockets, as many as the concurrency asks for. The Kinesis client would pick
 * HTTP/2, which kinesalite does not speak: both servers get the same protocol.
 */
export function clientOptions(server: ServerProcess, concurrency: number) {
  return {
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: Math.max(concurrency, 1) }) }),
  };
}

/** Runs `total` operations with `concurrency` of them in flight at a time; `op` gets the operation's index. */
export async function inParallel(concurrency: number, total: number, op: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await op(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
