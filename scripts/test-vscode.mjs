#!/usr/bin/env node
// Extension-host tests (test/vscode/) inside a real VS Code: code-server with the smoke-test driver loads
// this repository as extensionDevelopmentPath and the compiled test/vscode/index.js as extensionTestsPath
// (the route @vscode/test-electron takes on desktop). Headless chromium opens the workbench that runs them.
//   EVENTYARD_VSCODE_GREP   run only tests whose title matches
//   EVENTYARD_KEEP=1        keep the scratch folder (profile, workspace) for a look afterwards
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureVscode } from './setup-vscode.mjs';
import { freePort, prepareProfile, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { compileHostSuites, hostTestWorkspace, reportHostResult } from './lib/host-tests.mjs';
import { reportSummary, resultsDir } from './lib/results.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SUITE = 'vscode';
const TIMEOUT_MS = Number(process.env.EVENTYARD_VSCODE_TIMEOUT_MS || 180000);
const t0 = Date.now();
const say = (m) => console.log(`[test-vscode +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function buildExtension() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build.mjs failed');
  if (!fs.existsSync(path.join(root, 'dist/extension.js'))) throw new Error('dist/extension.js was not built');
}

/** Opens the workbench with the test payload; resolves with run()'s exit code, or 'timeout'. */
async function runInWorkbench(server, folder, testsEntry, out) {
  const authority = new URL(server.url).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsEntry.replace(/\.js$/, '')}`]];
  const browser = await launchChromium();
  const consoleLog = fs.createWriteStream(path.join(out, 'browser-console.log'));
  browser.page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  browser.page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  try {
    // the smoke-test driver calls window.codeAutomationExit(code) when run() settles
    const exited = new Promise((resolve) => browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await browser.page.goto(workbenchUrl(server.url, folder, payload));
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code !== 0) await browser.page.screenshot({ path: path.join(out, 'workbench.png') }).catch(() => {});
    return code;
  } finally {
    consoleLog.end();
    await browser.close();
  }
}

async function main() {
  const paths = ensureVscode();
  say('building the extension and the extension-host suites');
  buildExtension();
  const testsEntry = await compileHostSuites();

  const out = resultsDir(SUITE);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-vscode-test-'));
  const { workspace, brokerPort } = await hostTestWorkspace(scratch);
  const resultFile = path.join(scratch, 'result.json');
  const profile = prepareProfile(scratch);
  let failure;
  let server;
  try {
    const port = await freePort();
    say(`starting code-server on 127.0.0.1:${port} (smoke-test driver; broker port ${brokerPort})`);
    server = await startCodeServer(paths, { stateDir: scratch, profile, port, logFile: path.join(out, 'code-server.log'),
      smokeTestDriver: true, env: { EVENTYARD_VSCODE_RESULT: resultFile } });
    say('running test/vscode inside the extension host');
    const code = await runInWorkbench(server, workspace, testsEntry, out);
    if (code === 'timeout') failure = `the extension-host tests did not finish within ${TIMEOUT_MS / 1000}s`;
    else if (code !== 0 && !fs.existsSync(resultFile)) failure = `the extension host ran no tests (exit code ${code})`;
  } catch (e) {
    failure = e.message;
  } finally {
    if (server) await server.stop();
  }
  const result = reportHostResult(SUITE, resultFile, failure);
  if (result.failed) console.log(`logs: ${out}`);
  if (process.env.EVENTYARD_KEEP === '1') console.log(`kept ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
  say('done');
  process.exit(result.failed || result.passed === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack ?? e.message);
  reportSummary(SUITE, { passed: 0, failed: 1 });
  process.exit(1);
});
