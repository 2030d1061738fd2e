#!/usr/bin/env node
// `npm start`: builds and packages Eventyard, installs (once, cached) a real VS Code (code-server), installs
// the .vsix into it and serves it on 127.0.0.1 with the demo workspace open. Ctrl-C stops all of it.
//   --port N          code-server port (default 8080, or a free one if 8080 is taken)
//   --broker-port N   eventyard.port for this profile (default: the extension's own default, 4566)
//   --folder DIR      workspace to open (default demo/)
//   --state-dir DIR   code-server profile + logs (default <cache>/start)
//   --no-build        use dist/eventyard.vsix as it is
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureVscode } from './setup-vscode.mjs';
import { freePort, installExtension, prepareProfile, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { stopAllGroups } from './lib/process-group.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values: opt } = parseArgs({
  options: {
    port: { type: 'string' },
    'broker-port': { type: 'string' },
    folder: { type: 'string', default: path.join(root, 'demo') },
    'state-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const t0 = Date.now();
const say = (m) => console.log(`[start +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function packageExtension() {
  say('building and packaging the extension (npm run package -> dist/eventyard.vsix)');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run package failed');
}

async function main() {
  const vsix = path.join(root, 'dist/eventyard.vsix');
  if (!opt['no-build']) packageExtension();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist (run without --no-build)`);
  const paths = ensureVscode();

  const stateDir = path.resolve(opt['state-dir'] ?? path.join(paths.cache, 'start'));
  const folder = path.resolve(opt.folder);
  const settings = opt['broker-port'] ? { 'eventyard.port': Number(opt['broker-port']) } : {};
  const profile = prepareProfile(stateDir, settings);
  say(`installing ${path.relative(root, vsix)} into the code-server profile ${stateDir}`);
  installExtension(paths, stateDir, profile, vsix);

  let port = opt.port ? Number(opt.port) : 8080;
  if (!opt.port && !(await portIsFree(port))) port = await freePort();
  const logFile = path.join(stateDir, 'code-server.log');
  fs.rmSync(logFile, { force: true });
  say(`starting code-server on 127.0.0.1:${port}; log ${logFile}`);
  const server = await startCodeServer(paths, { stateDir, profile, port, logFile });
  // scripts that start us (test-e2e) read this to end the server group even if we die abruptly
  fs.writeFileSync(path.join(stateDir, 'code-server.pgid'), String(server.pgid));
  console.log(`\nEventyard is running in VS Code. Open:\n  ${workbenchUrl(server.url, folder)}\n`);
  const brokerPort = opt['broker-port'] ?? '4566';
  console.log(`Apps reach Eventyard's AWS endpoint with AWS_ENDPOINT_URL=http://127.0.0.1:${brokerPort}`);
  if (folder === path.join(root, 'demo')) console.log('(the demo\'s producer and consumer: see demo/README.md)');
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      // lib/process-group.mjs ends code-server's process group and exits
      stopping = true;
      say(`${sig}: stopping code-server`);
    });
  }
  await new Promise((resolve) => {
    const check = setInterval(async () => {
      try {
        await fetch(`${server.url}/healthz`);
      } catch {
        if (stopping) return;
        clearInterval(check);
        resolve();
      }
    }, 2000);
  });
  say('code-server stopped answering; stopping');
  await stopAllGroups();
  process.exit(1);
}

main().catch(async (e) => {
  console.error(`[start] ${e.message}`);
  await stopAllGroups();
  process.exit(1);
});
