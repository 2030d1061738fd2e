// mocha root hooks for test/e2e: one workbench (browser page) for the run; a failing test leaves a
// screenshot and the code-server log in the run's results folder (EVENTYARD_E2E_RESULTS).
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'mocha';
import { workbench } from './workbench';

const results = process.env.EVENTYARD_E2E_RESULTS ?? path.resolve('.test-results', 'e2e');
let consoleLog: fs.WriteStream | undefined;

const fileName = (title: string) => title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 100);

export const mochaHooks = {
  async beforeAll(this: Context) {
    this.timeout(120000);
    fs.mkdirSync(results, { recursive: true });
    consoleLog = fs.createWriteStream(path.join(results, 'browser-console.log'));
    try {
      await workbench.open(consoleLog);
      await workbench.waitForEndpoint();
    } catch (e) {
      await workbench.screenshot(path.join(results, 'opening-the-workbench.png')).catch(() => undefined);
      throw e;
    }
  },
  async afterEach(this: Context) {
    const t = this.currentTest;
    if (!t || t.state !== 'failed') return;
    const base = path.join(results, fileName(t.fullTitle()));
    await workbench.screenshot(`${base}.png`).catch(() => undefined);
    const log = process.env.EVENTYARD_E2E_LOG;
    if (log && fs.existsSync(log)) fs.copyFileSync(log, path.join(results, 'code-server.log'));
    console.log(`    saved ${base}.png and code-server.log`);
  },
  async afterAll() {
    await workbench.close();
    consoleLog?.end();
  },
};
