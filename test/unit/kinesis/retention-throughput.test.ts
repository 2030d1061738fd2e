import assert from 'node:assert/strict';
import { harness, shardRecords, text, throwsAws } from './helpers';

const HOUR = 3600 * 1000;

describe('kinesis retention', () => {
  it('trims records once they are older than the retention period, on the scheduler', () => {
    const { kinesis, clock, events } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('old') });
    clock.advance(12 * HOUR);
    ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('young') });
    clock.advance(12 * HOUR - 1);
    assert.equal(shardRecords(kinesis, 's', 'shardId-000000000000').length, 2);
    clock.advance(1);
    assert.deepEqual(shardRecords(kinesis, 's', 'shardId-000000000000').map((r) => text(r.Data)), ['young']);
    assert.ok(events.some((e) => e.service === 'kinesis' && e.type === 'recordsExpired' && e.count === 1));
    clock.advance(12 * HOUR);
    assert.equal(shardRecords(kinesis, 's', 'shardId-000000000000').length, 0);
  });

  it('keeps a closed shard readable until retention ends, then removes it', () => {
    const { kinesis, clock } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('a') });
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: (1n << 127n).toString() });
    clock.advance(23 * HOUR);
    const it = ops.GetShardIterator({ StreamName: 's', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
    assert.equal(ops.GetRecords({ ShardIterator: it }).Records.length, 1);
    clock.advance(HOUR);
    assert.deepEqual(ops.ListShards({ StreamName: 's' }).Shards.map((s) => s.ShardId), ['shardId-000000000001', 'shardId-000000000002']);
  });

  it('a shorter retention period trims at once; the bounds are 24 and 8760 hours', () => {
    const { kinesis, clock } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    ops.IncreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 48 });
    ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('a') });
    clock.advance(30 * HOUR);
    assert.equal(shardRecords(kinesis, 's', '0').length, 1);
    ops.DecreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 24 });
    assert.equal(shardRecords(kinesis, 's', '0').length, 0);
    assert.equal(ops.DescribeStream({ StreamName: 's' }).StreamDescription.RetentionPeriodHours, 24);
    throwsAws(
      () => ops.DecreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 12 }),
      'InvalidArgumentException',
      'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.',
    );
    throwsAws(
      () => ops.IncreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 9000 }),
      'InvalidArgumentException',
      'Maximum allowed retention period is 8760 hours. Requested retention period (9000 hours) is too long.',
    );
    throwsAws(
      () => ops.DecreaseStreamRetentionPeriod({ StreamName: 's', RetentionPeriodHours: 48 }),
      'InvalidArgumentException',
      'Requested retention period (48 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.',
    );
  });

  it('keeps one scheduler deadline per stream, not one per record', () => {
    const { kinesis, clock } = harness();
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
    for (let i = 0; i < 100; i++) kinesis.operations.PutRecord({ StreamName: 's', PartitionKey: `k${i}`, Data: Buffer.from('x') });
    assert.equal(clock.pendingTimers, 1);
  });
});

describe('kinesis throughput limits', () => {
  it('are off by default', () => {
    const { kinesis } = harness();
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
    const out = kinesis.operations.PutRecords({
      StreamName: 's',
      Records: Array.from({ length: 500 }, () => ({ PartitionKey: 'k', Data: Buffer.alloc(4000) })),
    });
    assert.equal(out.FailedRecordCount, 0);
  });

  it('fail writes past 1 MiB per shard per second, per record in PutRecords, and recover the next second', () => {
    const { kinesis, clock } = harness({ enforceThroughputLimits: true });
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const out = ops.PutRecords({
      StreamName: 's',
      Records: Array.from({ length: 300 }, () => ({ PartitionKey: 'k', Data: Buffer.alloc(4000) })),
    });
    // 4001 bytes each: 262 fit in 1 MiB.
    assert.equal(out.FailedRecordCount, 38);
    assert.ok(out.Records[261].SequenceNumber);
    assert.deepEqual(out.Records[262], {
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: 'Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000.',
    });
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.alloc(10000) }),
      'ProvisionedThroughputExceededException',
    );
    clock.advance(1000);
    assert.ok(ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.alloc(10000) }).SequenceNumber);
    assert.equal(shardRecords(kinesis, 's', '0').length, 263);
  });

  it('fail writes past 1,000 records per shard per second', () => {
    const { kinesis } = harness({ enforceThroughputLimits: true });
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const batch = () => ops.PutRecords({ StreamName: 's', Records: Array.from({ length: 400 }, () => ({ PartitionKey: 'k', Data: Buffer.from('x') })) });
    assert.equal(batch().FailedRecordCount, 0);
    assert.equal(batch().FailedRecordCount, 0);
    assert.equal(batch().FailedRecordCount, 200);
  });

  it('fail the sixth GetRecords call on a shard within a second', () => {
    const { kinesis, clock } = harness({ enforceThroughputLimits: true });
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    let it = ops.GetShardIterator({ StreamName: 's', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
    for (let i = 0; i < 5; i++) it = ops.GetRecords({ ShardIterator: it }).NextShardIterator as string;
    throwsAws(() => ops.GetRecords({ ShardIterator: it }), 'ProvisionedThroughputExceededException');
    clock.advance(1000);
    assert.ok(ops.GetRecords({ ShardIterator: it }).NextShardIterator);
  });
});
