// Where a test run keeps what explains a failure (logs, screenshots): .test-results/<run id>/<suite>/.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** One id per `npm test` (inherited through EVENTYARD_TEST_RUN), else per script run. */
export function runId() {
  if (!process.env.EVENTYARD_TEST_RUN) process.env.EVENTYARD_TEST_RUN = new Date().toISOString().replace(/[:.]/g, '-');
  return process.env.EVENTYARD_TEST_RUN;
}

export function resultsDir(suite) {
  const dir = path.join(root, '.test-results', runId(), suite);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Appends {suite,passed,failed,skipped} for scripts/test.mjs to total, and prints the summary line. */
export function reportSummary(suite, { passed, failed, skipped = 0 }) {
  console.log(`${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (process.env.EVENTYARD_TEST_SUMMARY) {
    fs.appendFileSync(process.env.EVENTYARD_TEST_SUMMARY, JSON.stringify({ suite, passed, failed, skipped }) + '\n');
  }
}
