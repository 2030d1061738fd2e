import assert from 'node:assert/strict';
import { runLoadTest } from './load/load-test';
import { formatFigures } from './support/figures';

/** The short form of the load test; `npm run test:load -- --minutes 3` is the long one. */
describe('load test: concurrent producers and consumers on SQS, SNS and Kinesis', function () {
  this.timeout(300_000);

  it('delivers at least once, FIFO in order and once, streams in order, with memory that comes back down', async () => {
    const seed = Date.now() % 1_000_000;
    const result = await runLoadTest({ durationMs: 0, minRounds: 2, scale: 0.25, seed, log: () => undefined });
    console.log(formatFigures('    load test figures', result.figures));
    assert.equal(result.problems.total, 0, `seed ${seed}:\n${result.problems.describe()}`);
    for (const [what, n] of Object.entries(result.completed)) assert.ok(n > 0, `no ${what} message went through: the run tested nothing`);
  });
});
