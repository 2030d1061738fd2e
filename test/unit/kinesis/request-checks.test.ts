import assert from 'node:assert/strict';
import { harness, throwsAws } from './helpers';

/** Issue 25: shard ids and tag characters read as AWS reads them. */
describe('kinesis request checks', () => {
  function setup() {
    const h = harness();
    h.kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 2 });
    return h.kinesis.operations;
  }

  it('reads any <text>-<digits> as shard number <digits>', () => {
    const ops = setup();
    for (const ShardId of ['shard-1', 'shardId-1', 'x-000001', '1', 'shardId-000000000001']) {
      assert.ok(ops.GetShardIterator({ StreamName: 's', ShardId, ShardIteratorType: 'LATEST' }).ShardIterator, ShardId);
    }
  });

  it('checks the shard id before the stream, and names the shard when the stream is missing', () => {
    const ops = setup();
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 'missing', ShardId: 'shard', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      'Could not find shard shard in stream missing under account 000000000000.',
    );
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 'missing', ShardId: 'shard-3', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      'Shard shardId-000000000003 in stream missing under account 000000000000 does not exist',
    );
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 's', ShardId: 'shard-3', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      'Shard shardId-000000000003 in stream s under account 000000000000 does not exist',
    );
    throwsAws(
      () => ops.GetShardIterator({ StreamName: 's', ShardId: 'shard-99999999999', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      'Could not find shard shard-99999999999 in stream s under account 000000000000.',
    );
  });

  it('words a SplitShard or MergeShards miss "Could not find shard ..."', () => {
    const ops = setup();
    throwsAws(
      () => ops.SplitShard({ StreamName: 'missing', ShardToSplit: 'abc', NewStartingHashKey: '5' }),
      'ResourceNotFoundException',
      'Could not find shard abc in stream missing under account 000000000000.',
    );
    throwsAws(
      () => ops.SplitShard({ StreamName: 's', ShardToSplit: 'shard-7', NewStartingHashKey: '5' }),
      'ResourceNotFoundException',
      'Could not find shard shardId-000000000007 in stream s under account 000000000000.',
    );
    throwsAws(
      () => ops.MergeShards({ StreamName: 's', ShardToMerge: 'shard-0', AdjacentShardToMerge: 'shard-9' }),
      'ResourceNotFoundException',
      'Could not find shard shardId-000000000009 in stream s under account 000000000000.',
    );
    ops.MergeShards({ StreamName: 's', ShardToMerge: 'shard-0', AdjacentShardToMerge: 'a-1' });
  });

  it('refuses tag keys and values with the characters AWS refuses, and takes % now', () => {
    const ops = setup();
    const refused = 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.';
    for (const bad of ['a;b', 'a,b', 'a\tb', 'a\nb']) {
      throwsAws(() => ops.AddTagsToStream({ StreamName: 's', Tags: { [bad]: 'v' } }), 'InvalidArgumentException', refused);
      throwsAws(() => ops.AddTagsToStream({ StreamName: 's', Tags: { k: bad } }), 'InvalidArgumentException', refused);
      throwsAws(() => ops.CreateStream({ StreamName: 't', ShardCount: 1, Tags: { k: bad } }), 'InvalidArgumentException', refused);
    }
    ops.AddTagsToStream({ StreamName: 's', Tags: { '50%': 'é ü @ :/=+-._', 'ключ': '値' } });
    assert.deepEqual(
      ops.ListTagsForStream({ StreamName: 's' }).Tags.map((t) => t.Key),
      ['50%', 'ключ'],
    );
  });
});
