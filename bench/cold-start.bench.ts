/**
 * Cold start: `node dist/cli.js serve --port 0` from spawn until its port accepts a connection, as a user
 * (or a test runner) waiting on `eventyard serve` sees it. Beside it, a bare `node` that listens on a port
 * and does nothing else: the floor no amount of lazy loading goes under on this machine.
 * EVENTYARD_CLI=<path to cli.js> times another build (e.g. one saved from before a change).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { emit, main, progress, quick, repeat, row } from './lib/harness';
import { processCpuSeconds } from './lib/servers';

const RUNS = quick ? 5 : 15;
const root = path.resolve(__dirname, '..');
const cli = process.env.EVENTYARD_CLI ?? path.join(root, 'dist', 'cli.js');
const BARE_NODE = `require('node:http').createServer().listen(0, '127.0.0.1', function () {
  console.log('listening on http://127.0.0.1:' + this.address().port);
});`;

interface Start {
  /** Milliseconds from spawn until a TCP connection to the announced port is accepted. */
  wallMs: number;
  /**
   * CPU milliseconds the process used until then (10 ms resolution): what the start itself costs, which
   * a shared machine's load stretches on the wall clock but not here.
   */
  cpuMs: number;
}

function timeToListening(args: string[]): Promise<Start> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<Start>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on http:\/\/([\d.]+):(\d+)/.exec(stdout);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      // The line is printed once `listen` called back; the connection proves the port really accepts.
      const socket = net.connect(Number(match[2]), match[1], () => {
        const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        socket.destroy();
        resolve({ wallMs, cpuMs: processCpuSeconds(child.pid as number) * 1000 });
      });
      socket.once('error', reject);
    });
  }).finally(() => {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
  });
}

main(async () => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` (npm run bench does)`);
  progress(`timing ${cli}`);
  // One start unmeasured: the first reads the bundle from disk, later ones from the page cache, as a user's
  // second start does.
  await timeToListening([cli, 'serve', '--port', '0']);
  const serveStarts: Start[] = [];
  const bareStarts: Start[] = [];
  const serve = await repeat(RUNS, 'eventyard serve', async () => {
    const started = await timeToListening([cli, 'serve', '--port', '0']);
    serveStarts.push(started);
    return started.wallMs;
  });
  const bare = await repeat(RUNS, 'bare node http server', async () => {
    const started = await timeToListening(['-e', BARE_NODE]);
    bareStarts.push(started);
    return started.wallMs;
  });
  emit('cold-start', [
    row('cold start: eventyard serve to listening', 'wall time', 'ms', serve, { target: { value: 150, better: 'lower' } }),
    row('cold start: bare node http server to listening (floor)', 'wall time', 'ms', bare),
    row('cold start: eventyard serve to listening', 'CPU time of the process', 'ms', serveStarts.map((s) => s.cpuMs)),
    row('cold start: bare node http server to listening (floor)', 'CPU time of the process', 'ms', bareStarts.map((s) => s.cpuMs)),
  ]);
});
