// Starts Eventyard in a real VS Code workbench (code-server) for a benchmark, the way scripts/test-e2e.mjs
// does: `npm start`'s script with a fresh profile, a copy of demo/ as the workspace and free ports, every
// process in its own group so that stopping the benchmark (or its failure, or Ctrl-C) ends all of them.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface RunningWorkbench {
  url: string;
  brokerPort: number;
  workspace: string;
  /** code-server's log, which the extension host's output also reaches. */
  logFile: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(pgid: number): Promise<void> {
  if (!alive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (alive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pgid)) process.kill(-pgid, 'SIGKILL');
}

/** Builds and packages the extension (dist/eventyard.vsix); its output goes to stderr, stdout stays the report's. */
export function packageExtension(): void {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error('npm run package failed');
}

export async function startWorkbench(say: (m: string) => void): Promise<RunningWorkbench> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-bench-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'demo'), workspace, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const stateDir = path.join(scratch, 'code-server');
  const startLog = path.join(scratch, 'start.log');
  const brokerPort = await freePort();
  const port = await freePort();
  const out = fs.openSync(startLog, 'a');
  // detached: the child calls setsid(), so its pid is the group to end
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--no-build', '--port', String(port),
    '--broker-port', String(brokerPort), '--folder', workspace, '--state-dir', stateDir], { cwd: root, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const startPgid = child.pid!;
  const codeServerPgid = () => {
    const file = path.join(stateDir, 'code-server.pgid');
    return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const cs = codeServerPgid();
    await stopGroup(startPgid);
    // start.mjs ends code-server on SIGTERM; this covers it dying before it could
    if (cs) await stopGroup(cs);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  const onExit = () => {
    for (const g of [startPgid, codeServerPgid()]) {
      try {
        if (g) process.kill(-g, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', onExit);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop().finally(() => process.exit(130)));

  say(`starting code-server through scripts/start.mjs (port ${port}, broker port ${brokerPort})`);
  const deadline = Date.now() + 300000;
  while (Date.now() < deadline) {
    const log = fs.existsSync(startLog) ? fs.readFileSync(startLog, 'utf8') : '';
    const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(log);
    if (m) return { url: m[1], brokerPort, workspace, logFile: path.join(stateDir, 'code-server.log'), stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = fs.existsSync(startLog) ? fs.readFileSync(startLog, 'utf8').split('\n').slice(-30).join('\n') : '';
  await stop();
  throw new Error(`scripts/start.mjs printed no workbench URL; its output ends:\n${tail}`);
}
