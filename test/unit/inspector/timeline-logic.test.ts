import assert from 'node:assert/strict';
import { countUpTo, formatOffset, indexRange, laneBins, stepTime } from '../../../webview/logic/timeline';

describe('inspector: timeline logic', () => {
  const times = [0, 100, 100, 250, 900];

  it('counts the requests at or before a time (the scrubber includes the request it stands on)', () => {
    assert.equal(countUpTo(times, -1), 0);
    assert.equal(countUpTo(times, 0), 1);
    assert.equal(countUpTo(times, 99), 1);
    assert.equal(countUpTo(times, 100), 3);
    assert.equal(countUpTo(times, 10_000), 5);
    assert.equal(countUpTo([], 5), 0);
  });

  it('finds the requests of a stretch of time, both ends included, in either direction', () => {
    assert.deepEqual(indexRange(times, 100, 250), { from: 1, to: 4 });
    assert.deepEqual(indexRange(times, 250, 100), { from: 1, to: 4 });
    assert.deepEqual(indexRange(times, 101, 249), { from: 3, to: 3 });
    assert.deepEqual(indexRange(times, 900, 900), { from: 4, to: 5 });
  });

  it('bins each lane over the duration, the last request in the last bin', () => {
    assert.deepEqual(laneBins(times, [0, 1, 0, 0, 1], 2, 900, 3), [[3, 0, 0], [1, 0, 1]]);
    assert.deepEqual(laneBins([0, 0], [0, 0], 1, 0, 2), [[2, 0]]);
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    const bins = laneBins(big, big.map((i) => i % 3), 3, 99_999, 240);
    assert.equal(bins.flat().reduce((a, b) => a + b, 0), 100_000);
  });

  it('steps from request to request', () => {
    assert.equal(stepTime(times, 0, 1), 100);
    assert.equal(stepTime(times, 100, 1), 250);
    assert.equal(stepTime(times, 900, 1), 900);
    assert.equal(stepTime(times, 250, -1), 100);
    assert.equal(stepTime(times, 200, -1), 100);
    assert.equal(stepTime(times, 0, -1), 0);
    assert.equal(stepTime([], 10, 1), 0);
  });

  it('words times on the axis', () => {
    assert.equal(formatOffset(250), '0.250 s');
    assert.equal(formatOffset(12_500), '12.5 s');
    assert.equal(formatOffset(184_200), '3:04.2');
  });
});
