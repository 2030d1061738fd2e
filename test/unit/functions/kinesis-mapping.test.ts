import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { InvocationRecord } from '../../../src/broker/functions/invocations';
import type { KinesisStreamEvent } from '../../../src/broker/functions/kinesis-event';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture, realBroker, sleep, until } from './helpers';

const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;
const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

function batches(broker: Broker, functionName: string): { shardId: string; items: string[]; sequenceNumbers: string[]; status: InvocationRecord['status'] }[] {
  return broker.functions
    .listInvocations(functionName, 1000)
    .reverse()
    .map((inv) => {
      const records = (inv.input as KinesisStreamEvent).Records;
      return {
        shardId: inv.trigger.type === 'kinesis' ? inv.trigger.shardId : '',
        items: records.map((r) => decode(r.kinesis.data)),
        sequenceNumbers: records.map((r) => r.kinesis.sequenceNumber),
        status: inv.status,
      };
    });
}

function put(broker: Broker, stream: string, items: string[], partitionKey?: (i: number) => string): void {
  items.forEach((item, i) =>
    broker.kinesis.operations.PutRecord({ StreamName: stream, Data: Buffer.from(item), PartitionKey: partitionKey?.(i) ?? 'one-key' }),
  );
}

/** Waits for `check`, moving the fake clock a second at a time so backoffs pass; handlers run in real time. */
async function untilAdvancing(clock: FakeClock, check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
    clock.advance(1000);
  }
}

// Real child processes: generous limits, because a busy machine starts them slowly.
describe('functions: Kinesis event source mapping (real handlers)', function () {
  this.timeout(30_000);
  it('hands each shard’s records in order, once each, in the AWS event shape', async () => {
    const { broker } = realBroker();
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 2 });
      const items = Array.from({ length: 24 }, (_, i) => `click-${i}`);
      put(broker, 'clicks', items, (i) => `user-${i % 4}`);
      broker.functions.create({
        name: 'consumer',
        module: fixture('kinesis.cjs'),
        events: [{ type: 'kinesis', stream: 'clicks', startingPosition: 'TRIM_HORIZON', batchSize: 5 }],
      });
      await until(() => batches(broker, 'consumer').flatMap((b) => b.items).length >= 24, 20000, 'all records');
      await sleep(100);
      const all = batches(broker, 'consumer');
      assert.deepEqual(all.flatMap((b) => b.items).sort(), [...items].sort(), 'every record exactly once');
      assert.ok(all.every((b) => b.items.length <= 5 && b.status === 'succeeded'));
      assert.equal(new Set(all.map((b) => b.shardId)).size, 2, 'both shards consumed');
      for (const shardId of new Set(all.map((b) => b.shardId))) {
        const seqs = all.filter((b) => b.shardId === shardId).flatMap((b) => b.sequenceNumbers).map(BigInt);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), `${shardId} in sequence order`);
      }
      const record = (broker.functions.listInvocations('consumer', 100).at(-1)?.input as KinesisStreamEvent).Records[0];
      assert.equal(record.eventSource, 'aws:kinesis');
      assert.equal(record.eventName, 'aws:kinesis:record');
      assert.equal(record.eventVersion, '1.0');
      assert.equal(record.eventSourceARN, streamArn('clicks'));
      assert.equal(record.awsRegion, 'us-east-1');
      assert.equal(record.kinesis.kinesisSchemaVersion, '1.0');
      assert.match(record.kinesis.partitionKey, /^user-\d$/);
      assert.equal(record.eventID, `${all[0].shardId}:${record.kinesis.sequenceNumber}`);
      assert.ok(Math.abs(record.kinesis.approximateArrivalTimestamp - Date.now() / 1000) < 60, 'arrival in epoch seconds');
    } finally {
      broker.dispose();
    }
  });

  it('LATEST starts with the records put after the mapping was created', async () => {
    const { broker } = realBroker();
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'events', ShardCount: 1 });
      put(broker, 'events', ['old-1', 'old-2']);
      await sleep(5);
      broker.functions.create({ name: 'consumer', module: fixture('kinesis.cjs'), events: [{ type: 'kinesis', stream: 'events', startingPosition: 'LATEST' }] });
      await sleep(50);
      put(broker, 'events', ['new-1', 'new-2']);
      await until(() => batches(broker, 'consumer').flatMap((b) => b.items).length >= 2, 20000, 'new records');
      await sleep(100);
      assert.deepEqual(batches(broker, 'consumer').flatMap((b) => b.items), ['new-1', 'new-2']);
    } finally {
      broker.dispose();
    }
  });

  it('bisects a failing batch to isolate the bad record, gives it up after its retries, and keeps the rest', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'orders', ShardCount: 1 });
      put(broker, 'orders', ['r0', 'r1', 'poison', 'r3']);
      broker.functions.create({
        name: 'consumer',
        module: fixture('kinesis.cjs'),
        events: [{ type: 'kinesis', stream: 'orders', startingPosition: 'TRIM_HORIZON', bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 }],
      });
      await untilAdvancing(clock, () => batches(broker, 'consumer').some((b) => b.items.join() === 'r3'), 'the record after the poison');
      assert.deepEqual(
        batches(broker, 'consumer').map((b) => `${b.items.join('+')}:${b.status}`),
        ['r0+r1+poison+r3:failed', 'r0+r1:succeeded', 'poison+r3:failed', 'poison:failed', 'poison:failed', 'r3:succeeded'],
      );
      put(broker, 'orders', ['r4']);
      await untilAdvancing(clock, () => batches(broker, 'consumer').some((b) => b.items.join() === 'r4'), 'a later record');
      assert.equal(batches(broker, 'consumer').filter((b) => b.items.includes('r0')).length, 2, 'a processed record is not handed over again');
    } finally {
      broker.dispose();
    }
  });

  it('with ReportBatchItemFailures resumes at the first failed record, never repeating the ones before it', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'orders', ShardCount: 1 });
      put(broker, 'orders', ['a', 'b', 'poison', 'd']);
      broker.functions.create({
        name: 'consumer',
        module: fixture('kinesis.cjs'),
        handler: 'partial',
        events: [{ type: 'kinesis', stream: 'orders', startingPosition: 'TRIM_HORIZON', functionResponseTypes: ['ReportBatchItemFailures'], maximumRetryAttempts: 2 }],
      });
      await untilAdvancing(clock, () => batches(broker, 'consumer').length >= 3, 'the retries');
      put(broker, 'orders', ['e']);
      await untilAdvancing(clock, () => batches(broker, 'consumer').some((b) => b.items.includes('e')), 'the next record');
      assert.deepEqual(
        batches(broker, 'consumer').map((b) => b.items.join('+')),
        ['a+b+poison+d', 'poison+d', 'poison+d', 'e'],
        'retried from the failed record, twice, then given up',
      );
    } finally {
      broker.dispose();
    }
  });

  it('a handler that times out is retried, and the stream moves on after the retries', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'slow', ShardCount: 1 });
      put(broker, 'slow', ['x']);
      broker.functions.create({
        name: 'slow',
        module: fixture('slow.cjs'),
        timeout: 1,
        events: [{ type: 'kinesis', stream: 'slow', startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 1 }],
      });
      await untilAdvancing(clock, () => broker.functions.listInvocations('slow').length >= 2, 'the retry');
      const statuses = broker.functions.listInvocations('slow').map((i) => i.status);
      assert.deepEqual(statuses, ['timedOut', 'timedOut']);
      const mapping = broker.functions.listEventSourceMappings({ functionName: 'slow' })[0];
      assert.equal(mapping.lastProcessingResult, 'PROBLEM: Function call failed');
    } finally {
      broker.dispose();
    }
  });

  it('reads a parent shard to its end before its children after a reshard, keeping a key’s records in order', async () => {
    const { broker } = realBroker();
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'resharded', ShardCount: 1 });
      put(broker, 'resharded', ['k-0', 'k-1', 'k-2']);
      broker.kinesis.operations.UpdateShardCount({ StreamName: 'resharded', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' });
      put(broker, 'resharded', ['k-3', 'k-4']);
      broker.functions.create({
        name: 'consumer',
        module: fixture('kinesis.cjs'),
        events: [{ type: 'kinesis', stream: 'resharded', startingPosition: 'TRIM_HORIZON', batchSize: 2 }],
      });
      await until(() => batches(broker, 'consumer').flatMap((b) => b.items).length >= 5, 20000, 'all records');
      assert.deepEqual(batches(broker, 'consumer').flatMap((b) => b.items), ['k-0', 'k-1', 'k-2', 'k-3', 'k-4']);
    } finally {
      broker.dispose();
    }
  });

  it('survives its stream being deleted, and reads the stream created again under the name', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 'again', ShardCount: 1 });
      broker.functions.create({ name: 'consumer', module: fixture('kinesis.cjs'), events: [{ type: 'kinesis', stream: 'again', startingPosition: 'TRIM_HORIZON' }] });
      put(broker, 'again', ['first-life']);
      await untilAdvancing(clock, () => batches(broker, 'consumer').length === 1, 'the first record');
      broker.kinesis.operations.DeleteStream({ StreamName: 'again' });
      await untilAdvancing(clock, () => !broker.kinesis.listStreamSummaries().some((s) => s.name === 'again'), 'the deletion');
      broker.kinesis.operations.CreateStream({ StreamName: 'again', ShardCount: 1 });
      await untilAdvancing(clock, () => broker.kinesis.listStreamSummaries().some((s) => s.name === 'again' && s.status === 'ACTIVE'), 'the new stream');
      put(broker, 'again', ['second-life']);
      await untilAdvancing(clock, () => batches(broker, 'consumer').length === 2, 'the record of the new stream');
      assert.deepEqual(batches(broker, 'consumer').map((b) => b.items.join()), ['first-life', 'second-life']);
    } finally {
      broker.dispose();
    }
  });

  it('refuses a stream that does not exist and names the limits it breaks', () => {
    const { broker } = realBroker();
    try {
      broker.functions.create({ name: 'consumer', module: fixture('kinesis.cjs') });
      assert.throws(() => broker.functions.createEventSourceMapping({ functionName: 'consumer', eventSourceArn: streamArn('nope') }), {
        code: 'ResourceNotFoundException',
      });
      broker.kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
      assert.throws(
        () => broker.functions.createEventSourceMapping({ functionName: 'consumer', eventSourceArn: streamArn('s'), batchSize: 10001 }),
        { code: 'InvalidParameterValueException' },
      );
    } finally {
      broker.dispose();
    }
  });
});
