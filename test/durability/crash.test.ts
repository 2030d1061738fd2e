import assert from 'node:assert/strict';
import { runCrashTest } from './crash/crash-test';
import { formatFigures } from './support/figures';

/** The short form of the crash test; `npm run test:crash -- --cycles 50` is the long one. */
describe('crash test: serve --data-dir killed with SIGKILL under load', function () {
  this.timeout(240_000);

  it('keeps every acknowledged message, delete and record across random SIGKILLs and restarts', async () => {
    const seed = Date.now() % 1_000_000;
    const result = await runCrashTest({ cycles: 4, seed, minRunMs: 300, maxRunMs: 2500, log: () => undefined });
    console.log(formatFigures('    crash test figures', result.figures));
    assert.equal(result.problems.total, 0, `seed ${seed}, data dir ${result.dataDir}:\n${result.problems.describe()}`);
    for (const [what, n] of Object.entries(result.acknowledged)) assert.ok(n > 0, `no ${what} was acknowledged: the run tested nothing`);
  });
});
