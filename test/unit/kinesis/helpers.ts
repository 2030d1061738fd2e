import assert from 'node:assert/strict';
import { FakeClock } from '../../../src/broker/clock';
import { isAwsError } from '../../../src/broker/errors';
import { BrokerEvent, EventBus } from '../../../src/broker/events';
import { defaultIdentity } from '../../../src/broker/identity';
import type { KinesisRecord } from '../../../src/broker/kinesis/api';
import { KinesisOptions, KinesisService } from '../../../src/broker/kinesis/service';
import { Scheduler } from '../../../src/broker/scheduler';
import type { ServiceContext } from '../../../src/broker/service-context';

export interface Harness {
  clock: FakeClock;
  ctx: ServiceContext;
  kinesis: KinesisService;
  events: BrokerEvent[];
}

export function harness(options: KinesisOptions = {}): Harness {
  const clock = new FakeClock();
  const bus = new EventBus();
  const events: BrokerEvent[] = [];
  bus.on((e) => events.push(e));
  const ctx = { scheduler: new Scheduler(clock), events: bus, identity: defaultIdentity, endpoint: 'http://127.0.0.1:4566' };
  const kinesis = new KinesisService(ctx, options);
  return { clock, ctx, kinesis, events };
}

/** Asserts `fn` throws the AWS error `code`, and (when given) exactly `message`. */
export function throwsAws(fn: () => unknown, code: string, message?: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isAwsError(e), `expected an AwsError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

export function text(data: Uint8Array): string {
  return Buffer.from(data).toString('utf8');
}

/** Every record a shard holds, read from TRIM_HORIZON as a consumer would. */
export function shardRecords(kinesis: KinesisService, streamName: string, shardId: string): KinesisRecord[] {
  const ops = kinesis.operations;
  const iterator = ops.GetShardIterator({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
  return ops.GetRecords({ ShardIterator: iterator, Limit: 10000 }).Records;
}
