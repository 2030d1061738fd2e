// The extension-host test entry, the shape @vscode/test-electron and the smoke-test driver both load:
// extensionTestsPath points at the compiled form of this file, VS Code calls run() once the host is up.
// mocha's output stays inside the extension host, so the summary also goes to the file named by
// EVENTYARD_VSCODE_RESULT, which the runner (scripts/test-vscode.mjs) reads and prints.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export interface HostTestResult {
  passed: number;
  failed: number;
  skipped: number;
  lines: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: 'spec' });
  const only = process.env.EVENTYARD_VSCODE_GREP;
  if (only) mocha.grep(only);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));

  const result: HostTestResult = { passed: 0, failed: 0, skipped: 0, lines: [] };
  const write = () => {
    const file = process.env.EVENTYARD_VSCODE_RESULT;
    if (file) fs.writeFileSync(file, JSON.stringify(result));
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write();
        if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
        else resolve();
      });
      runner.on('pass', (t) => {
        result.passed++;
        result.lines.push(`  ok      ${t.fullTitle()} (${t.duration ?? 0} ms)`);
      });
      runner.on('pending', (t) => {
        result.skipped++;
        result.lines.push(`  skipped ${t.fullTitle()}`);
      });
      runner.on('fail', (t, err: Error) => {
        result.failed++;
        result.lines.push(`  FAILED  ${t.fullTitle()}\n          ${(err.stack ?? err.message).split('\n').slice(0, 6).join('\n          ')}`);
      });
    } catch (e) {
      result.failed++;
      result.lines.push(`  FAILED  loading the suites: ${(e as Error).stack}`);
      write();
      reject(e);
    }
  });
}
