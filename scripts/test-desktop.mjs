#!/usr/bin/env node
// The extension-host suites (test/vscode/) in desktop VS Code, for machines that can download it:
// @vscode/test-electron fetches VS Code from Microsoft's update server on first use (not reachable on the
// CI machines, which run the same suites in code-server: scripts/test-vscode.mjs).
//   VSCODE_VERSION   which VS Code to download (default: stable)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { compileHostSuites, hostTestWorkspace, reportHostResult } from './lib/host-tests.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-desktop-test-'));
const resultFile = path.join(scratch, 'result.json');
let failure;
try {
  const extensionTestsPath = await compileHostSuites();
  const { workspace } = await hostTestWorkspace(scratch);
  await runTests({
    version: process.env.VSCODE_VERSION,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: { EVENTYARD_VSCODE_RESULT: resultFile },
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch, 'user-data')}`],
  });
} catch (e) {
  failure = e.message;
}
const result = reportHostResult('vscode-desktop', resultFile, failure);
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(result.failed || result.passed === 0 ? 1 : 0);
