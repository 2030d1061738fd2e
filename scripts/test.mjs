#!/usr/bin/env node
// `npm test`: lint, type-check, then every test runner in turn, one summary line each, and a total.
// Usage: node scripts/test.mjs [suite ...]   (suites: lint unit wire durability vscode e2e; default all)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const summaryFile = path.join(os.tmpdir(), `eventyard-test-summary-${process.pid}.jsonl`);
fs.rmSync(summaryFile, { force: true });

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const mocha = (suite, spec, extra = []) => ({
  name: suite,
  cmd: bin('mocha'),
  args: ['--require', 'tsx/cjs', '--reporter', path.join(root, 'test/support/summary-reporter.cjs'),
    '--recursive', '--extension', 'ts', ...extra, spec],
  counts: true,
});

const stages = {
  lint: [
    { name: 'typecheck', cmd: bin('tsc'), args: ['-p', '.', '--noEmit'] },
    // The webview has its own tsconfig (DOM library, browser modules); the root one leaves it out.
    { name: 'typecheck-webview', cmd: bin('tsc'), args: ['-p', 'webview', '--noEmit'] },
    { name: 'eslint', cmd: bin('eslint'), args: ['.'] },
  ],
  unit: [mocha('unit', 'test/unit', ['--timeout', '10000'])],
  wire: [{ name: 'wire', cmd: process.execPath, args: [path.join(root, 'scripts/test-wire.mjs')], counts: true }],
  // The short crash and load tests; their long forms: npm run test:crash / test:load (test/README.md).
  durability: [{ name: 'durability', cmd: process.execPath, args: [path.join(root, 'scripts/test-durability.mjs')], counts: true }],
  vscode: [{ name: 'vscode', cmd: process.execPath, args: [path.join(root, 'scripts/test-vscode.mjs')], counts: true }],
  e2e: [{ name: 'e2e', cmd: process.execPath, args: [path.join(root, 'scripts/test-e2e.mjs')], counts: true }],
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(stages);
let failedStages = [];
for (const stage of wanted) {
  for (const step of stages[stage] ?? []) {
    const script = step.args.find((a) => a.endsWith('.mjs'));
    if (script && !fs.existsSync(script)) continue;
    console.log(`\n=== ${step.name} ===`);
    const r = spawnSync(step.cmd, step.args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, EVENTYARD_SUITE: step.name, EVENTYARD_TEST_SUMMARY: summaryFile },
    });
    if (r.status !== 0) failedStages.push(step.name);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(summaryFile)) {
  for (const line of fs.readFileSync(summaryFile, 'utf8').split('\n').filter(Boolean)) {
    const s = JSON.parse(line);
    passed += s.passed;
    failed += s.failed;
    skipped += s.skipped;
  }
  fs.rmSync(summaryFile, { force: true });
}
if (failedStages.length) console.log(`\nfailed steps: ${failedStages.join(', ')}`);
console.log(`\ntotal: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStages.length || failed ? 1 : 0);
