#!/usr/bin/env node
// Prints the heaviest frames of the newest .cpuprofile in a folder (node --cpu-prof --cpu-prof-dir=<dir>):
// self time says where the CPU is, inclusive time says which call path to shorten.
import fs from 'node:fs';
import path from 'node:path';

const [dir = '.', countArg = '25'] = process.argv.slice(2);
const count = Number(countArg);
const newest = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!newest) {
  console.error(`no .cpuprofile in ${dir}`);
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(newest, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const timeOf = new Map();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const label = (n) => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
};
const self = new Map();
const inclusive = new Map();
let total = 0;
for (const n of profile.nodes) {
  const t = timeOf.get(n.id) ?? 0;
  if (!t) continue;
  total += t;
  self.set(label(n), (self.get(label(n)) ?? 0) + t);
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parentOf.get(id)) {
    const key = label(nodes.get(id));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
const print = (title, table) => {
  console.log(`${title} (${newest})`);
  for (const [key, t] of [...table].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('self', self);
print('inclusive', inclusive);
