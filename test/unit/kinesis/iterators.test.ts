import assert from 'node:assert/strict';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { throughCodec } from '../support/codec';
import { harness, text, throwsAws } from './helpers';

const SHARD = 'shardId-000000000000';

function setup() {
  const h = harness();
  const ops = h.kinesis.operations;
  ops.CreateStream({ StreamName: 's', ShardCount: 1 });
  const put = (body: string) => ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from(body) }).SequenceNumber;
  const read = (iterator: string, limit?: number) => ops.GetRecords({ ShardIterator: iterator, Limit: limit });
  const iterator = (type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP', extra = {}) =>
    ops.GetShardIterator({ StreamName: 's', ShardId: SHARD, ShardIteratorType: type, ...extra }).ShardIterator;
  return { ...h, ops, put, read, iterator };
}

describe('kinesis shard iterators', () => {
  it('TRIM_HORIZON reads from the oldest record', () => {
    const { put, read, iterator } = setup();
    put('a');
    put('b');
    assert.deepEqual(read(iterator('TRIM_HORIZON')).Records.map((r) => text(r.Data)), ['a', 'b']);
  });

  it('LATEST reads only what is put after the iterator was made', () => {
    const { put, read, iterator } = setup();
    put('old');
    const it = iterator('LATEST');
    const empty = read(it);
    assert.equal(empty.Records.length, 0);
    put('new');
    assert.deepEqual(read(empty.NextShardIterator as string).Records.map((r) => text(r.Data)), ['new']);
  });

  it('AT_SEQUENCE_NUMBER includes the record and AFTER_SEQUENCE_NUMBER skips it', () => {
    const { put, read, iterator } = setup();
    put('a');
    const b = put('b');
    put('c');
    assert.deepEqual(read(iterator('AT_SEQUENCE_NUMBER', { StartingSequenceNumber: b })).Records.map((r) => text(r.Data)), ['b', 'c']);
    assert.deepEqual(read(iterator('AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: b })).Records.map((r) => text(r.Data)), ['c']);
  });

  it('AT_TIMESTAMP starts at the first record that arrived at or after the time', () => {
    const { put, read, iterator, clock, kinesis } = setup();
    put('a');
    clock.advance(10_000);
    const t = new Date(clock.now());
    put('b');
    clock.advance(10_000);
    put('c');
    assert.deepEqual(read(iterator('AT_TIMESTAMP', { Timestamp: t })).Records.map((r) => text(r.Data)), ['b', 'c']);
    // Epoch seconds, as JSON clients send a timestamp, read by the server's codec into a Date.
    const fromJson = throughCodec(kinesisBinding, kinesis.operations).GetShardIterator({
      StreamName: 's', ShardId: SHARD, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: t.getTime() / 1000,
    }) as { ShardIterator: string };
    assert.deepEqual(read(fromJson.ShardIterator).Records.map((r) => text(r.Data)), ['b', 'c']);
    throwsAws(
      () => iterator('AT_TIMESTAMP'),
      'InvalidArgumentException',
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    );
  });

  it('refuses a sequence number with the wrong iterator type, from another shard, or malformed', () => {
    const { ops, put, iterator } = setup();
    const a = put('a');
    throwsAws(
      () => iterator('TRIM_HORIZON', { StartingSequenceNumber: a }),
      'InvalidArgumentException',
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified TRIM_HORIZON and also a StartingSequenceNumber.',
    );
    throwsAws(() => iterator('AT_SEQUENCE_NUMBER'), 'InvalidArgumentException', /Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber\.$/);
    throwsAws(
      () => iterator('AT_SEQUENCE_NUMBER', { StartingSequenceNumber: '42' }),
      'InvalidArgumentException',
      `StartingSequenceNumber 42 used in GetShardIterator on shard ${SHARD} in stream s under account 000000000000 is invalid.`,
    );
    ops.CreateStream({ StreamName: 'two', ShardCount: 2 });
    const other = ops.PutRecord({ StreamName: 'two', PartitionKey: 'x', Data: Buffer.from('x'), ExplicitHashKey: ((1n << 128n) - 1n).toString() });
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 'two', ShardId: SHARD, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: other.SequenceNumber }),
      'InvalidArgumentException',
      `Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with ${SHARD}`,
    );
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 's', ShardId: 'shardId-000000000007', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      'Shard shardId-000000000007 in stream s under account 000000000000 does not exist',
    );
  });

  it('GetRecords honours Limit and hands on a NextShardIterator, with MillisBehindLatest', () => {
    const { put, read, iterator, clock } = setup();
    for (let i = 0; i < 5; i++) {
      put(String(i));
      clock.advance(1000);
    }
    const first = read(iterator('TRIM_HORIZON'), 2);
    assert.deepEqual(first.Records.map((r) => text(r.Data)), ['0', '1']);
    assert.equal(first.MillisBehindLatest, 3000, 'the next unread record arrived 3 s ago');
    const second = read(first.NextShardIterator as string, 10);
    assert.deepEqual(second.Records.map((r) => text(r.Data)), ['2', '3', '4']);
    assert.equal(second.MillisBehindLatest, 0);
    assert.ok(second.NextShardIterator);
    assert.ok(second.Records[0].ApproximateArrivalTimestamp instanceof Date);
  });

  it('expires an iterator five minutes after it was made', () => {
    const { read, iterator, clock } = setup();
    const it = iterator('TRIM_HORIZON');
    clock.advance(300_000);
    assert.ok(read(it).NextShardIterator, 'still valid at exactly five minutes');
    clock.advance(1);
    throwsAws(
      () => read(it),
      'ExpiredIteratorException',
      'Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 2026 while right now it is ' +
        'Thu Jan 01 00:05:00 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.',
    );
  });

  it('refuses a forged or mangled iterator', () => {
    const { read, iterator } = setup();
    const it = iterator('TRIM_HORIZON');
    throwsAws(() => read('AAAAAAAAAAFnarbage'), 'InvalidArgumentException', 'Invalid ShardIterator.');
    const bytes = Buffer.from(it, 'base64');
    bytes[12] ^= 1;
    throwsAws(() => read(bytes.toString('base64')), 'InvalidArgumentException', 'Invalid ShardIterator.');
  });

  it('refuses an iterator of a stream that was deleted and created again', () => {
    const { ops, read, iterator } = setup();
    const it = iterator('TRIM_HORIZON');
    ops.DeleteStream({ StreamName: 's' });
    ops.CreateStream({ StreamName: 's', ShardCount: 1 });
    throwsAws(() => read(it), 'ResourceNotFoundException', `Shard ${SHARD} in stream s under account 000000000000 does not exist`);
  });
});
