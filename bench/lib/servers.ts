/**
 * The servers a wire benchmark talks to, each in a process of its own (as a user runs them), so the
 * client's work and the server's are not one event loop: `eventyard serve` from dist/cli.js (built by
 * `npm run bench`), and kinesalite, the Node Kinesis emulator, in memory.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

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

function launch(name: string, args: string[], ready: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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

function handle(name: string, url: string, child: ChildProcess): ServerProcess {
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name) are utime and stime.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
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
