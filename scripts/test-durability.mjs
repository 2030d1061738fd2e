#!/usr/bin/env node
// The crash and load tests against the real `eventyard serve` (dist/cli.js, built first).
//   node scripts/test-durability.mjs                         short forms, in mocha (a stage of `npm test`)
//   node scripts/test-durability.mjs crash --cycles 50       long crash test, with figures
//   node scripts/test-durability.mjs load --minutes 3        long load test, with figures
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const [kind, ...rest] = process.argv.slice(2);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, EVENTYARD_SUITE: process.env.EVENTYARD_SUITE ?? 'durability' };
const r = kind
  ? spawnSync(bin('tsx'), [path.join(root, 'test/durability/run.ts'), kind, ...rest], { cwd: root, stdio: 'inherit', env })
  : spawnSync(
      bin('mocha'),
      ['--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '300000',
        '--reporter', path.join(root, 'test/support/summary-reporter.cjs'), 'test/durability/*.test.ts'],
      { cwd: root, stdio: 'inherit', env },
    );
process.exit(r.status ?? 1);
