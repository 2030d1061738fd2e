import assert from 'node:assert/strict';
import { constraintValue } from '../../../src/broker/constraint-value';
import { constraintError } from '../../../src/broker/eventbridge/errors';
import { isAwsError } from '../../../src/broker/errors';
import { harness, throwsAws } from './helpers';

/** Issue 25: every validation message that quotes a value renders it as AWS's Java front end does. */
describe('kinesis validation messages', () => {
  function messageOf(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      assert.ok(isAwsError(e));
      return e.message;
    }
    assert.fail('expected an AWS error');
  }

  it('quotes the 501 entries of a PutRecords as Java object names, never [object Object], and stops at ten', () => {
    const { kinesis } = harness();
    const Records = Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: Buffer.alloc(0) }));
    const message = messageOf(() => kinesis.operations.PutRecords({ StreamName: '', Records }));
    assert.doesNotMatch(message, /object Object/);
    assert.match(message, /^10 validation errors detected: Value '\[com\.amazonaws\.kinesis\.v20131202\.PutRecordsRequestEntry@[0-9a-f]+, /);
    assert.match(message, /\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; /);
    assert.match(message, /; Value '' at 'records\.1\.member\.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; /);
    assert.equal(message.split('; Value ').length, 10);
  });

  it('lists every failing member of a request in one ValidationException, in AWS order', () => {
    const { kinesis } = harness();
    throwsAws(
      () =>
        kinesis.operations.GetShardIterator({
          StreamName: 'a b',
          ShardId: 'shard 1',
          ShardIteratorType: 'SOON' as 'LATEST',
          StartingSequenceNumber: 'x',
        }),
      'ValidationException',
      "4 validation errors detected: Value 'shard 1' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value 'SOON' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]; " +
        "Value 'x' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); " +
        "Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });

  it('quotes maps as Java does and a tag map too large in full', () => {
    const { kinesis } = harness();
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
    const message = messageOf(() => kinesis.operations.AddTagsToStream({ StreamName: 's', Tags: {} }));
    assert.equal(message, "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('renders values by their Java toString', () => {
    assert.equal(constraintValue(undefined), 'null');
    assert.equal(constraintValue('x'), "'x'");
    assert.equal(constraintValue(Buffer.from('abc')), "'java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]'");
    assert.equal(constraintValue(['a', 'b']), "'[a, b]'");
    assert.equal(constraintValue({ a: '1', b: ['x'] }), "'{a=1, b=[x]}'");
    assert.match(constraintValue([{ A: 1 }], { structureClass: 'com.example.E' }), /^'\[com\.example\.E@[0-9a-f]+\]'$/);
    assert.equal(
      constraintValue([{ A: 1 }], { structureClass: 'com.example.E' }),
      constraintValue([{ A: 1 }], { structureClass: 'com.example.E' }),
      'the same content gives the same name',
    );
  });

  it('EventBridge constraint errors never print [object Object]', () => {
    const message = constraintError([{ value: { Key: 'k' }, path: 'tags', constraint: 'Member must not be null' }]).message;
    assert.equal(message, "1 validation error detected: Value '{Key=k}' at 'tags' failed to satisfy constraint: Member must not be null");
  });
});
