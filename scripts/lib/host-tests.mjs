// What both extension-host runners share (code-server here, desktop VS Code through @vscode/test-electron):
// compiling test/vscode/, a scratch workspace whose settings give the broker a free port, and the result.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { freePort } from './code-server.mjs';
import { reportSummary } from './results.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Bundles test/vscode/index.ts and each *.test.ts to out/test/vscode/; returns the run() entry's path. */
export async function compileHostSuites() {
  const dir = path.join(root, 'test/vscode');
  const entryPoints = fs.readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(dir, f));
  const outdir = path.join(root, 'out/test/vscode');
  fs.rmSync(outdir, { recursive: true, force: true });
  // packages stay external: mocha and the AWS SDK resolve from the repository's node_modules at run time
  await esbuild.build({ entryPoints, outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], packages: 'external', sourcemap: 'inline', logLevel: 'warning' });
  return path.join(outdir, 'index.js');
}

/** A workspace folder in `scratch` whose settings put the extension's endpoint on a free port. */
export async function hostTestWorkspace(scratch) {
  const workspace = path.join(scratch, 'workspace');
  const brokerPort = await freePort();
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'eventyard.port': brokerPort }, null, 2));
  fs.writeFileSync(path.join(workspace, 'README.md'), '# extension-host test workspace\n');
  return { workspace, brokerPort };
}

/** Prints what test/vscode/index.ts wrote to resultFile (or why there is nothing) and the summary line. */
export function reportHostResult(suite, resultFile, failureReason) {
  let result = { passed: 0, failed: 0, skipped: 0, lines: [] };
  if (fs.existsSync(resultFile)) result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  if (failureReason && !(result.failed > 0)) {
    result.failed += 1;
    result.lines.push(`  FAILED  ${failureReason}`);
  }
  if (!fs.existsSync(resultFile) && !failureReason) {
    result.failed = 1;
    result.lines.push('  FAILED  the extension host wrote no test result');
  }
  console.log(result.lines.join('\n'));
  reportSummary(suite, result);
  return result;
}
