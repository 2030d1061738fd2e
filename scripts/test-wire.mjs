#!/usr/bin/env node
// Wire tests: the real `eventyard serve` (dist/cli.js) driven by real AWS clients — the AWS SDK for
// JavaScript v3, Debian's awscli (/usr/bin/aws) and boto3 (python3-boto3). On a fresh machine, as root,
// the Debian packages are installed first; without them those suites cannot run and the run fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function ensureDebianPackages() {
  const missing = [];
  if (!fs.existsSync('/usr/bin/aws')) missing.push('awscli');
  if (spawnSync('/usr/bin/python3', ['-c', 'import boto3']).status !== 0) missing.push('python3-boto3');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`wire tests need the Debian packages ${missing.join(', ')}: apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`installing ${missing.join(', ')} for the wire tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (!run(['update']) || !run(['install', '-y', '--no-install-recommends', ...missing])) {
    console.error(`apt-get could not install ${missing.join(', ')}`);
    process.exit(1);
  }
}

ensureDebianPackages();
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const mocha = path.join(root, 'node_modules', '.bin', 'mocha');
const r = spawnSync(
  mocha,
  ['--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '60000',
    '--reporter', path.join(root, 'test/support/summary-reporter.cjs'), 'test/wire'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, EVENTYARD_SUITE: process.env.EVENTYARD_SUITE ?? 'wire' } },
);
process.exit(r.status ?? 1);
