/**
 * The long forms of the crash and load tests, with figures:
 *   npm run test:crash -- --cycles 50 [--persistence sync|fast|off] [--seed N]
 *   npm run test:load -- --minutes 3 [--persistence sync|fast] [--seed N]
 * Exits 1 when a promise was broken (a loss, a duplicate, an order violation, unbounded memory...).
 */
import { parseArgs } from 'node:util';
import { runCrashTest } from './crash/crash-test';
import { formatFigures } from './support/figures';
import { runLoadTest } from './load/load-test';

async function main(): Promise<number> {
  const [kind, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      cycles: { type: 'string', default: '50' },
      minutes: { type: 'string', default: '3' },
      persistence: { type: 'string' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    },
  });
  const seed = Number(values.seed);
  const log = (line: string) => console.log(line);
  if (kind === 'crash') {
    const result = await runCrashTest({ cycles: Number(values.cycles), persistence: values.persistence, seed, minRunMs: 300, maxRunMs: 4000, log });
    console.log(`\n${formatFigures('crash test', result.figures)}\n\n${result.problems.describe()}`);
    if (result.problems.total) console.log(`data dir kept for inspection: ${result.dataDir}`);
    return result.problems.total ? 1 : 0;
  }
  if (kind === 'load') {
    const result = await runLoadTest({ durationMs: Number(values.minutes) * 60_000, minRounds: 3, scale: 1, persistence: values.persistence, seed, log });
    console.log(`\n${formatFigures('load test', result.figures)}\n\n${result.problems.describe()}`);
    return result.problems.total ? 1 : 0;
  }
  console.error('usage: run.ts crash [--cycles N] [--persistence MODE] [--seed N] | load [--minutes M] [--persistence MODE] [--seed N]');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
