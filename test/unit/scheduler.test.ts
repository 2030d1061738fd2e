import assert from 'node:assert/strict';
import { FakeClock } from '../../src/broker/clock';
import { Scheduler } from '../../src/broker/scheduler';

function setup() {
  const clock = new FakeClock(0);
  return { clock, scheduler: new Scheduler(clock) };
}

describe('Scheduler', () => {
  it('runs deadlines in time order on one armed timer', () => {
    const { clock, scheduler } = setup();
    const ran: [string, number][] = [];
    scheduler.at(300, () => ran.push(['c', clock.now()]));
    scheduler.at(100, () => ran.push(['a', clock.now()]));
    scheduler.after(200, () => ran.push(['b', clock.now()]));
    assert.equal(clock.pendingTimers, 1);
    assert.equal(scheduler.size, 3);
    clock.advance(250);
    assert.deepEqual(ran, [
      ['a', 100],
      ['b', 200],
    ]);
    assert.equal(scheduler.size, 1);
    assert.equal(clock.pendingTimers, 1);
    clock.advance(50);
    assert.equal(ran.length, 3);
    assert.equal(clock.pendingTimers, 0);
  });

  it('keeps one timer for 100,000 deadlines', () => {
    const { clock, scheduler } = setup();
    let ran = 0;
    for (let i = 0; i < 100_000; i++) scheduler.at(1000 + (i % 997), () => ran++);
    assert.equal(clock.pendingTimers, 1);
    assert.equal(scheduler.size, 100_000);
    clock.advance(2000);
    assert.equal(ran, 100_000);
    assert.equal(clock.pendingTimers, 0);
  });

  it('re-arms for an earlier deadline added later', () => {
    const { clock, scheduler } = setup();
    const ran: number[] = [];
    scheduler.at(500, () => ran.push(clock.now()));
    scheduler.at(100, () => ran.push(clock.now()));
    assert.equal(clock.pendingTimers, 1);
    clock.advance(100);
    assert.deepEqual(ran, [100]);
  });

  it('skips cancelled deadlines and does not wake for a cancelled earliest one', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    const first = scheduler.at(100, () => ran.push('first'));
    scheduler.at(200, () => ran.push('second'));
    first.cancel();
    first.cancel();
    assert.equal(scheduler.size, 1);
    assert.equal(clock.pendingTimers, 1);
    clock.advance(150);
    assert.deepEqual(ran, []);
    clock.advance(50);
    assert.deepEqual(ran, ['second']);
  });

  it('disarms its timer when every deadline is cancelled', () => {
    const { clock, scheduler } = setup();
    const d = scheduler.at(100, () => assert.fail('cancelled deadline ran'));
    d.cancel();
    assert.equal(clock.pendingTimers, 0);
    assert.equal(scheduler.size, 0);
    clock.advance(200);
  });

  it('runs a deadline in the past on the next tick', () => {
    const { clock, scheduler } = setup();
    clock.advance(1000);
    let ran = false;
    scheduler.at(10, () => (ran = true));
    assert.equal(ran, false);
    clock.advance(0);
    assert.equal(ran, true);
  });

  it('runs deadlines added by a running deadline when they are already due', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    scheduler.at(100, () => {
      ran.push('outer');
      scheduler.at(100, () => ran.push('inner, same time'));
      scheduler.at(150, () => ran.push('inner, later'));
    });
    clock.advance(100);
    assert.deepEqual(ran, ['outer', 'inner, same time']);
    clock.advance(50);
    assert.deepEqual(ran, ['outer', 'inner, same time', 'inner, later']);
  });

  it('keeps running the others when one deadline throws', () => {
    const { clock, scheduler } = setup();
    const ran: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      scheduler.at(10, () => {
        throw new Error('boom');
      });
      scheduler.at(20, () => ran.push('after'));
      clock.advance(30);
    } finally {
      console.error = original;
    }
    assert.deepEqual(ran, ['after']);
    assert.equal(errors.length, 1);
  });

  it('runs nothing after dispose', () => {
    const { clock, scheduler } = setup();
    let ran = false;
    scheduler.at(10, () => (ran = true));
    scheduler.dispose();
    assert.equal(clock.pendingTimers, 0);
    assert.equal(scheduler.size, 0);
    clock.advance(100);
    assert.equal(ran, false);
  });

  it('reads time from its clock', () => {
    const { clock, scheduler } = setup();
    clock.advance(42);
    assert.equal(scheduler.now(), 42);
  });
});
