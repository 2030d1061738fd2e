import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { junitXml } from '../../../src/event-files/junit';

describe('event files: JUnit XML', () => {
  it('one testsuite per file, one testcase per step, failures with their words and escaped', () => {
    const xml = junitXml([{
      path: 'a.events.yaml',
      result: {
        name: 'orders <flow>',
        durationMs: 1500,
        passed: false,
        steps: [
          { index: 0, label: 'send', status: 'passed', durationMs: 20 },
          { index: 1, label: 'paid', status: 'failed', durationMs: 1000, message: 'body.status is "placed" & not <paid>' },
          { index: 2, label: 'later', status: 'skipped', durationMs: 0, message: 'Skipped' },
        ],
      },
    }]);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    assert.equal(doc.testsuites.tests, '3');
    assert.equal(doc.testsuites.failures, '1');
    const suite = doc.testsuites.testsuite;
    assert.equal(suite.name, 'orders <flow>');
    assert.equal(suite.skipped, '1');
    assert.equal(suite.testcase[1].failure.message, 'body.status is "placed" & not <paid>');
    assert.equal(suite.testcase[0].time, '0.020');
    assert.ok('skipped' in suite.testcase[2]);
  });
});
