import assert from 'node:assert/strict';
import { judgeRules } from '../../../src/extension/inspector/pattern-verdicts';

/** Rules as a connection lists them, judged here by the engine's compiler and matcher. */
describe('inspector: rule verdicts on a connection\'s rules', () => {
  const event = { version: '0', id: '1', source: 'shop', 'detail-type': 'OrderPlaced', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { total: 50 } };

  it('matches, misses with the first failing field, and tells a scheduled rule and a pattern it cannot read apart', () => {
    const verdicts = judgeRules(
      [
        { name: 'any-shop', state: 'ENABLED', pattern: '{"source":["shop"]}', targets: [] },
        { name: 'big', state: 'ENABLED', pattern: '{"detail":{"total":[{"numeric":[">",100]}]}}', targets: [] },
        { name: 'tick', state: 'ENABLED', schedule: 'rate(1 hour)', targets: [] },
        { name: 'newer', state: 'ENABLED', pattern: '{"source":[{"some-future-operator":"x"}]}', targets: [] },
      ],
      event,
    );
    assert.deepEqual(verdicts[0], { rule: 'any-shop', state: 'ENABLED', matched: true });
    assert.deepEqual([verdicts[1].matched, verdicts[1].miss?.path, verdicts[1].miss?.seen], [false, 'detail.total', ['50']]);
    assert.deepEqual(verdicts[2], { rule: 'tick', state: 'ENABLED', matched: false, scheduled: true });
    assert.equal(verdicts[3].matched, false);
    assert.match(verdicts[3].miss?.text ?? '', /^Eventyard's matcher cannot read this rule's pattern \(Event pattern is not valid\. Reason: Unrecognized match type some-future-operator.*\); the service routes by it all the same\.$/s);
  });
});
