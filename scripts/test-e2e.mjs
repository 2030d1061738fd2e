#!/usr/bin/env node
// End-to-end tests (test/e2e/): starts Eventyard in code-server through the README's own `npm start` (a fresh
// profile, a copy of demo/ as the workspace, free ports), runs the Playwright suites with mocha against it,
// then presses Ctrl-C as a user would (SIGINT to npm's process group) and checks that everything it started
// stops and frees its port: so every run smoke-tests `npm start` from install to stop.
//   EVENTYARD_E2E_GREP=<text>  run only the tests whose title matches
//   EVENTYARD_E2E_NO_BUILD=1   test the dist/eventyard.vsix that is there instead of building and packaging
// Screenshots of failing steps, the code-server log and the browser console land in .test-results/<run>/e2e/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureVscode } from './setup-vscode.mjs';
import { freePort } from './lib/code-server.mjs';
import { cleanNpmEnv } from './lib/npm-env.mjs';
import { startGroup, stopGroup } from './lib/process-group.mjs';
import { reportSummary, resultsDir } from './lib/results.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SUITE = process.env.EVENTYARD_SUITE || 'e2e';
const t0 = Date.now();
const say = (m) => console.log(`[test-e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function waitForUrl(start, logFile, timeoutMs = 300000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(log);
    if (m) return m[1];
    if (start.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
  throw new Error(`npm start's script did not print a workbench URL; its output ends:\n${tail}`);
}

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ctrl-C in the terminal: SIGINT to npm start's process group; npm, start.mjs and code-server must all end. */
async function ctrlC(start, codeServerPgid, port) {
  try {
    process.kill(-start.pgid, 'SIGINT');
  } catch {
    say('npm start had already exited before Ctrl-C');
    return false;
  }
  const deadline = Date.now() + 20000;
  while ((groupAlive(start.pgid) || groupAlive(codeServerPgid)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const left = [groupAlive(start.pgid) && 'npm start', groupAlive(codeServerPgid) && 'code-server'].filter(Boolean);
  const answering = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
  if (answering) left.push(`a server on port ${port}`);
  say(left.length ? `after Ctrl-C, still running 20 s later: ${left.join(', ')}` : 'Ctrl-C stopped npm start and code-server');
  return left.length === 0;
}

async function main() {
  ensureVscode();
  const out = resultsDir('e2e');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'demo'), workspace, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const stateDir = path.join(scratch, 'code-server');
  const brokerPort = await freePort();
  const port = await freePort();
  const startLog = path.join(out, 'start.log');

  say(`starting Eventyard in code-server with npm start (port ${port}, broker port ${brokerPort}); its output: ${startLog}`);
  // A user's shell, not this npm's: npm start must work without variables an outer npm exported.
  const start = startGroup('npm', ['start', '--', '--port', String(port),
    '--broker-port', String(brokerPort), '--folder', workspace, '--state-dir', stateDir,
    ...(process.env.EVENTYARD_E2E_NO_BUILD === '1' ? ['--no-build'] : [])], { logFile: startLog, cwd: root, env: cleanNpmEnv() });
  let status = 1;
  try {
    const url = await waitForUrl(start, startLog);
    say(`workbench at ${url}; running test/e2e`);
    const files = fs.readdirSync(path.join(root, 'test/e2e')).filter((f) => f.endsWith('.test.ts')).sort()
      .map((f) => path.join('test/e2e', f));
    const r = spawnSync(path.join(root, 'node_modules/.bin/mocha'), ['--require', 'tsx/cjs', '--require', 'test/e2e/support/hooks.ts',
      '--reporter', path.join(root, 'test/support/summary-reporter.cjs'), '--timeout', '60000', '--exit',
      ...(process.env.EVENTYARD_E2E_GREP ? ['--grep', process.env.EVENTYARD_E2E_GREP] : []), ...files], {
      cwd: root, stdio: 'inherit',
      env: { ...process.env, EVENTYARD_SUITE: SUITE, EVENTYARD_E2E_URL: url, EVENTYARD_E2E_BROKER_PORT: String(brokerPort),
        EVENTYARD_E2E_WORKSPACE: workspace, EVENTYARD_E2E_RESULTS: out, EVENTYARD_E2E_LOG: path.join(stateDir, 'code-server.log') },
    });
    status = r.status ?? 1;
  } catch (e) {
    console.error(e.message);
    reportSummary(SUITE, { passed: 0, failed: 1 });
  } finally {
    const csLog = path.join(stateDir, 'code-server.log');
    if (fs.existsSync(csLog)) fs.copyFileSync(csLog, path.join(out, 'code-server.log'));
    const pgidFile = path.join(stateDir, 'code-server.pgid');
    const csPgid = fs.existsSync(pgidFile) ? Number(fs.readFileSync(pgidFile, 'utf8')) : 0;
    if (csPgid) {
      const stopped = await ctrlC(start, csPgid, port);
      reportSummary('start', stopped ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
      if (!stopped) status = 1;
    }
    await start.stop();
    // start.mjs ends code-server on SIGTERM; this covers it dying before it could
    if (csPgid) await stopGroup(csPgid);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (status !== 0) console.log(`logs and screenshots: ${out}`);
  say('done');
  process.exit(status);
}

main().catch((e) => {
  console.error(e.stack ?? e.message);
  reportSummary(SUITE, { passed: 0, failed: 1 });
  process.exit(1);
});
