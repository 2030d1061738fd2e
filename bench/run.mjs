#!/usr/bin/env node
// Runs every bench/*.bench.{ts,mjs,js} (or those whose names contain an argument), one after another in
// child processes, and prints one table. Each benchmark prints one JSON document on stdout:
// { name, rows: [{ case, metric, unit, median, runs, peer?, peers?, target? }] }; progress goes to stderr.
// The table is also written to bench/results/latest.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

const files = fs
  .readdirSync(benchDir)
  .filter((f) => /\.bench\.(ts|mjs|js)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

const esmOnlyExports = path.join(root, 'test/support/esm-only-exports.cjs');

function run(file) {
  const script = path.join(benchDir, file);
  // The engine's sources load chevrotain, whose helpers export only an `import` condition: the hook the
  // unit tests use (test/README.md) makes tsx's CommonJS loading find them.
  const nodeArgs = file.endsWith('.ts') ? ['--require', esmOnlyExports, '--import', 'tsx', script] : [script];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...(quick ? ['--quick'] : [])], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code, signal) => {
      if (code !== 0) return resolve({ file, error: `exited with ${signal ?? code}` });
      try {
        const doc = JSON.parse(stdout);
        if (typeof doc.name !== 'string' || !Array.isArray(doc.rows)) throw new Error('not { name, rows }');
        resolve({ file, doc });
      } catch (e) {
        resolve({ file, error: `printed no benchmark JSON (${e.message})` });
      }
    });
  });
}

/** Units that count things per second are better higher; times and sizes are better lower. */
function better(row) {
  return row.target?.better ?? (/\/s$/.test(row.unit) ? 'higher' : 'lower');
}

function figure(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A row's peers as one list: `peer` (one) and `peers` (several; one may say what it cannot do). */
function peersOf(row) {
  return [...(row.peer ? [row.peer] : []), ...(row.peers ?? [])];
}

/** How many times better than the peer (> 1: we are ahead), whatever the metric's direction. */
function peerRatio(row, peer) {
  if (typeof peer.median !== 'number') return undefined;
  return better(row) === 'higher' ? row.median / peer.median : peer.median / row.median;
}

function targetVerdict(row) {
  if (!row.target) return '';
  const met = row.target.better === 'higher' ? row.median >= row.target.value : row.median <= row.target.value;
  if (met) return `met (${row.target.better === 'higher' ? '>=' : '<='} ${figure(row.target.value)})`;
  const factor = row.target.better === 'higher' ? row.target.value / row.median : row.median / row.target.value;
  return `MISSED x${figure(factor)} (${row.target.better === 'higher' ? '>=' : '<='} ${figure(row.target.value)})`;
}

const started = new Date();
const loadBefore = os.loadavg();
const results = [];
for (const file of files) {
  process.stderr.write(`[bench] ${file}${quick ? ' --quick' : ''}\n`);
  const t0 = Date.now();
  const result = await run(file);
  result.seconds = (Date.now() - t0) / 1000;
  if (result.error) process.stderr.write(`[bench] ${file}: ${result.error}\n`);
  results.push(result);
}

const table = results.flatMap(({ doc }) =>
  (doc?.rows ?? []).map((row) => {
    const peers = peersOf(row).map((peer) => {
      const ratio = peerRatio(row, peer);
      return ratio === undefined ? peer : { ...peer, ratio: Number(ratio.toFixed(2)) };
    });
    return {
      benchmark: doc.name,
      case: row.case,
      metric: row.metric,
      median: row.median,
      unit: row.unit,
      runs: row.runs,
      ...(peers.length ? { peers } : {}),
      ...(row.target ? { target: row.target, targetMet: !targetVerdict(row).startsWith('MISSED') } : {}),
    };
  }),
);

const columns = [
  ['case', (r) => r.case],
  ['metric', (r) => r.metric],
  ['median', (r) => figure(r.median)],
  ['unit', (r) => r.unit],
  ['runs', (r) => String(r.runs.length)],
  [
    'vs peers',
    (r) => (r.peers ?? []).map((p) => (p.cannot ? `${p.name}: ${p.cannot}` : `x${figure(p.ratio)} ${p.name} (${figure(p.median)})`)).join('; '),
  ],
  ['target', (r) => targetVerdict(r)],
];
const cells = table.map((r) => columns.map(([, get]) => get(r)));
const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
const line = (values) => values.map((v, i) => (i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
console.log(line(columns.map(([title]) => title)));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const c of cells) console.log(line(c));
const failures = results.filter((r) => r.error).map((r) => ({ file: r.file, error: r.error }));
for (const f of failures) console.log(`FAILED ${f.file}: ${f.error}`);
const loadAfter = os.loadavg();
console.log(
  `\n${quick ? 'quick run; ' : ''}peer ratio > 1 means Eventyard is ahead; medians over each row's runs; ` +
    `load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after on ${os.cpus().length} cores`,
);

const out = path.join(benchDir, 'results', 'latest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      started: started.toISOString(),
      finished: new Date().toISOString(),
      quick,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: { before: loadBefore, after: loadAfter },
      benchmarks: results.map((r) => ({ file: r.file, seconds: r.seconds, ...(r.doc ? { name: r.doc.name } : { error: r.error }) })),
      rows: table,
      failures,
    },
    null,
    2,
  )}\n`,
);
console.log(`written to ${path.relative(root, out)}`);
process.exit(failures.length ? 1 : 0);
