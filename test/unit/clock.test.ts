import assert from 'node:assert/strict';
import { FakeClock, SystemClock } from '../../src/broker/clock';

describe('FakeClock', () => {
  it('starts at the given time and moves only when told', () => {
    const clock = new FakeClock(1000);
    assert.equal(clock.now(), 1000);
    clock.advance(250);
    assert.equal(clock.now(), 1250);
  });

  it('fires due timers in deadline order, each at its own time', () => {
    const clock = new FakeClock(0);
    const fired: [string, number][] = [];
    clock.setTimer(30, () => fired.push(['c', clock.now()]));
    clock.setTimer(10, () => fired.push(['a', clock.now()]));
    clock.setTimer(20, () => fired.push(['b', clock.now()]));
    clock.setTimer(100, () => fired.push(['late', clock.now()]));
    clock.advance(50);
    assert.deepEqual(fired, [
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ]);
    assert.equal(clock.now(), 50);
    assert.equal(clock.pendingTimers, 1);
  });

  it('fires timers of equal deadline in the order they were set', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.setTimer(10, () => fired.push(i));
    clock.advance(10);
    assert.deepEqual(fired, [0, 1, 2, 3, 4]);
  });

  it('fires a timer set during advance when it falls inside the advanced window', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    clock.setTimer(10, () => clock.setTimer(5, () => fired.push(clock.now())));
    clock.advance(20);
    assert.deepEqual(fired, [15]);
  });

  it('does not fire a cancelled timer and no longer counts it', () => {
    const clock = new FakeClock(0);
    let fired = false;
    const handle = clock.setTimer(10, () => (fired = true));
    assert.equal(clock.pendingTimers, 1);
    handle.cancel();
    assert.equal(clock.pendingTimers, 0);
    clock.advance(20);
    assert.equal(fired, false);
  });

  it('fires a zero or negative delay on advance(0)', () => {
    const clock = new FakeClock(0);
    let count = 0;
    clock.setTimer(0, () => count++);
    clock.setTimer(-5, () => count++);
    clock.advance(0);
    assert.equal(count, 2);
  });
});

describe('SystemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().now();
    assert.ok(now >= before && now <= Date.now());
  });

  it('fires a timer, and not one that was cancelled', async () => {
    const clock = new SystemClock();
    let cancelledFired = false;
    clock.setTimer(1, () => (cancelledFired = true)).cancel();
    await new Promise<void>((resolve) => clock.setTimer(5, resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cancelledFired, false);
  });
});
