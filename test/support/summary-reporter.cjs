// A mocha reporter: mocha's spec output, then one closing line `<suite>: N passed, N failed` that CI reads,
// and the counts appended to the file named by EVENTYARD_TEST_SUMMARY so `npm test` can total its runners.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const label = process.env.EVENTYARD_SUITE || 'tests';
    runner.once('end', () => {
      const s = runner.stats || {};
      const passed = s.passes || 0;
      const failed = s.failures || 0;
      const skipped = s.pending || 0;
      console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (process.env.EVENTYARD_TEST_SUMMARY) {
        fs.appendFileSync(
          process.env.EVENTYARD_TEST_SUMMARY,
          JSON.stringify({ suite: label, passed, failed, skipped }) + '\n',
        );
      }
    });
  }
}
module.exports = SummaryReporter;
