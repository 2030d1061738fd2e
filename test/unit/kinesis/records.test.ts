import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { throughCodec } from '../support/codec';
import { harness, text, throwsAws } from './helpers';

const data = (s: string) => Buffer.from(s);

describe('kinesis records', () => {
  it('routes a record to the shard whose hash-key range holds the MD5 of its partition key', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 4 });
    const shards = ops.DescribeStream({ StreamName: 's' }).StreamDescription.Shards;
    for (const key of ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']) {
      const hash = BigInt('0x' + createHash('md5').update(key).digest('hex'));
      const expected = shards.find(
        (s) => hash >= BigInt(s.HashKeyRange.StartingHashKey) && hash <= BigInt(s.HashKeyRange.EndingHashKey),
      );
      assert.equal(ops.PutRecord({ StreamName: 's', PartitionKey: key, Data: data(key) }).ShardId, expected?.ShardId);
    }
  });

  it('lays four shards evenly over the 128-bit key space', () => {
    const { kinesis } = harness();
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 4 });
    const ranges = kinesis.operations.DescribeStream({ StreamName: 's' }).StreamDescription.Shards.map((s) => s.HashKeyRange);
    assert.equal(ranges[0].StartingHashKey, '0');
    assert.equal(ranges[1].StartingHashKey, (1n << 126n).toString());
    assert.equal(ranges[3].EndingHashKey, ((1n << 128n) - 1n).toString());
  });

  it('honours ExplicitHashKey over the partition key and refuses one outside [0, 2^128-1]', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 2 });
    const high = ((1n << 128n) - 1n).toString();
    assert.equal(ops.PutRecord({ StreamName: 's', PartitionKey: 'a', Data: data('x'), ExplicitHashKey: '0' }).ShardId, 'shardId-000000000000');
    assert.equal(ops.PutRecord({ StreamName: 's', PartitionKey: 'a', Data: data('x'), ExplicitHashKey: high }).ShardId, 'shardId-000000000001');
    const tooHigh = (1n << 128n).toString();
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: 'a', Data: data('x'), ExplicitHashKey: tooHigh }),
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${tooHigh}`,
    );
  });

  it('issues 56-digit sequence numbers that increase within a shard, in PutRecords order', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const first = ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: data('0') }).SequenceNumber;
    const batch = ops.PutRecords({
      StreamName: 's',
      Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `k${i}`, Data: data(String(i + 1)) })),
    });
    const seqs = [first, ...batch.Records.map((r) => r.SequenceNumber as string)];
    for (const s of seqs) assert.match(s, /^\d{56}$/);
    for (let i = 1; i < seqs.length; i++) assert.ok(BigInt(seqs[i]) > BigInt(seqs[i - 1]), `seq ${i} grows`);
    const it = ops.GetShardIterator({ StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const got = ops.GetRecords({ ShardIterator: it.ShardIterator });
    assert.deepEqual(got.Records.map((r) => text(r.Data)), Array.from({ length: 21 }, (_, i) => String(i)));
    assert.deepEqual(got.Records.map((r) => r.SequenceNumber), seqs);
  });

  it('accepts base64 text for Data as JSON clients send it, and refuses a malformed blob (through the codec)', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    const wire = throughCodec(kinesisBinding, ops);
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    wire.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('héllo').toString('base64') });
    const it = ops.GetShardIterator({ StreamName: 's', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' });
    assert.equal(text(ops.GetRecords({ ShardIterator: it.ShardIterator }).Records[0].Data), 'héllo');
    throwsAws(() => wire.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: 'not base64!' }), 'SerializationException');
  });

  it('validates partition keys, record size and batch size with the AWS wording', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: '', Data: data('x') }),
      'ValidationException',
      "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: 'k'.repeat(257), Data: data('x') }),
      'ValidationException',
      /at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256/,
    );
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.alloc(1048577) }),
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    );
    assert.ok(ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.alloc(1048576) }).SequenceNumber);
    throwsAws(
      () => ops.PutRecords({ StreamName: 's', Records: Array.from({ length: 501 }, () => ({ PartitionKey: 'k', Data: data('x') })) }),
      'ValidationException',
      /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500/,
    );
    throwsAws(
      () => ops.PutRecords({ StreamName: 's', Records: Array.from({ length: 6 }, () => ({ PartitionKey: 'k', Data: Buffer.alloc(1000000) })) }),
      'InvalidArgumentException',
      'Records size exceeds 5 MB limit',
    );
    throwsAws(
      () => ops.PutRecords({ StreamName: 's', Records: [{ PartitionKey: 'k', Data: data('x') }, { Data: data('y') } as never] }),
      'ValidationException',
      "1 validation error detected: Value null at 'records.2.member.partitionKey' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers a missing stream with the exact AWS message', () => {
    const { kinesis } = harness();
    throwsAws(
      () => kinesis.operations.PutRecord({ StreamName: 'wrong-stream-name', PartitionKey: 'k', Data: data('x') }),
      'ResourceNotFoundException',
      'Stream wrong-stream-name under account 000000000000 not found.',
    );
  });

  it('refuses a SequenceNumberForOrdering the stream could not have issued, and orders after one it did', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const a = ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: data('a') }).SequenceNumber;
    const b = ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: data('b'), SequenceNumberForOrdering: a }).SequenceNumber;
    assert.ok(BigInt(b) > BigInt(a));
    throwsAws(
      () => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: data('c'), SequenceNumberForOrdering: '12345' }),
      'InvalidArgumentException',
      'ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream s under account 000000000000 is invalid.',
    );
  });

  it('emits recordsPut with the records each shard took', () => {
    const { kinesis, events } = harness();
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
    const seq = kinesis.operations.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: data('a') }).SequenceNumber;
    const put = events.find((e) => e.service === 'kinesis' && e.type === 'recordsPut');
    const taken = put && 'records' in put ? Object.entries(put.records).map(([shardId, records]) => [shardId, records.map((r) => r.sequenceNumber)]) : [];
    assert.deepEqual(taken, [['shardId-000000000000', [seq]]]);
  });

  it('accepts the StreamARN in place of the stream name', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    const arn = ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.StreamARN;
    assert.equal(arn, 'arn:aws:kinesis:us-east-1:000000000000:stream/s');
    assert.equal(ops.PutRecord({ StreamARN: arn, PartitionKey: 'k', Data: data('x') }).ShardId, 'shardId-000000000000');
    const it = ops.GetShardIterator({ StreamARN: arn, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    assert.equal(ops.GetRecords({ ShardIterator: it.ShardIterator, StreamARN: arn }).Records.length, 1);
    throwsAws(
      () => ops.DescribeStream({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/nope' }),
      'ResourceNotFoundException',
      'Stream nope under account 000000000000 not found.',
    );
  });
});
