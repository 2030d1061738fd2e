import assert from 'node:assert/strict';
import type { GetRecordsOutput } from '../../../src/broker/kinesis/api';
import { harness, text, throwsAws } from './helpers';

const MAX = (1n << 128n) - 1n;
const HALF = 1n << 127n;

function setup(shards = 1) {
  const h = harness();
  const ops = h.kinesis.operations;
  ops.CreateStream({ StreamName: 's', ShardCount: shards });
  const put = (body: string, hashKey: bigint) =>
    ops.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from(body), ExplicitHashKey: hashKey.toString() });
  const shards_ = () => ops.ListShards({ StreamName: 's' }).Shards;
  const readAll = (shardId: string): GetRecordsOutput => {
    const it = ops.GetShardIterator({ StreamName: 's', ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
    return ops.GetRecords({ ShardIterator: it });
  };
  return { ...h, ops, put, shards: shards_, readAll };
}

describe('kinesis resharding', () => {
  it('SplitShard closes the parent and opens two children that name it, splitting its key range', () => {
    const { ops, put, shards, readAll } = setup();
    put('before', 5n);
    ops.SplitShard({ StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF.toString() });
    const [parent, left, right] = shards();
    assert.ok(parent.SequenceNumberRange.EndingSequenceNumber, 'parent is closed');
    assert.deepEqual(
      [left.ShardId, left.ParentShardId, left.HashKeyRange.StartingHashKey, left.HashKeyRange.EndingHashKey],
      ['shardId-000000000001', 'shardId-000000000000', '0', (HALF - 1n).toString()],
    );
    assert.deepEqual(
      [right.ShardId, right.ParentShardId, right.HashKeyRange.StartingHashKey, right.HashKeyRange.EndingHashKey],
      ['shardId-000000000002', 'shardId-000000000000', HALF.toString(), MAX.toString()],
    );
    assert.equal(put('low', 5n).ShardId, 'shardId-000000000001');
    assert.equal(put('high', MAX).ShardId, 'shardId-000000000002');

    const end = readAll(parent.ShardId);
    assert.deepEqual(end.Records.map((r) => text(r.Data)), ['before'], 'the closed parent stays readable');
    assert.equal(end.NextShardIterator, undefined, 'no iterator past the end of a closed shard');
    assert.deepEqual(
      end.ChildShards?.map((c) => [c.ShardId, c.ParentShards]),
      [
        ['shardId-000000000001', ['shardId-000000000000']],
        ['shardId-000000000002', ['shardId-000000000000']],
      ],
    );
  });

  it('a reader part-way through a closed shard gets its remaining records before the child hand-off', () => {
    const { ops, put } = setup();
    put('a', 1n);
    put('b', 1n);
    const it = ops.GetShardIterator({ StreamName: 's', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
    const first = ops.GetRecords({ ShardIterator: it, Limit: 1 });
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: HALF.toString() });
    assert.ok(first.NextShardIterator);
    const rest = ops.GetRecords({ ShardIterator: first.NextShardIterator as string });
    assert.deepEqual(rest.Records.map((r) => text(r.Data)), ['b']);
    assert.equal(rest.NextShardIterator, undefined);
    assert.equal(rest.ChildShards?.length, 2);
  });

  it('refuses a split key at the edge of the shard with the AWS message', () => {
    const { ops } = setup();
    throwsAws(
      () => ops.SplitShard({ StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1' }),
      'InvalidArgumentException',
      'NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account 000000000000 ' +
        "is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey " +
        `${MAX}.`,
    );
  });

  it('MergeShards joins two adjacent shards into one child with a parent and an adjacent parent', () => {
    const { ops, put, shards } = setup(3);
    throwsAws(
      () => ops.MergeShards({ StreamName: 's', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000002' }),
      'InvalidArgumentException',
      'Shards shardId-000000000000 and shardId-000000000002 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging',
    );
    ops.MergeShards({ StreamName: 's', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' });
    const child = shards()[3];
    assert.equal(child.ParentShardId, 'shardId-000000000000');
    assert.equal(child.AdjacentParentShardId, 'shardId-000000000001');
    assert.equal(child.HashKeyRange.StartingHashKey, '0');
    assert.equal(child.HashKeyRange.EndingHashKey, shards()[1].HashKeyRange.EndingHashKey);
    assert.equal(put('x', 0n).ShardId, child.ShardId);
    throwsAws(
      () => ops.MergeShards({ StreamName: 's', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }),
      'InvalidArgumentException',
      'Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split, ' +
        'and thus is not eligible for merging or splitting.',
    );
  });

  it('SplitShard on a closed shard says the same words as MergeShards (issue 25)', () => {
    const { ops } = setup(1);
    ops.SplitShard({ StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF.toString() });
    throwsAws(
      () => ops.SplitShard({ StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (HALF / 2n).toString() }),
      'InvalidArgumentException',
      'Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split, ' +
        'and thus is not eligible for merging or splitting.',
    );
  });

  it('UpdateShardCount leaves as many shards in all as AWS: 10 -> 13 gives 37, 5 -> 3 gives 7 (issue 25)', () => {
    for (const [from, to, total] of [
      [10, 13, 37],
      [5, 3, 7],
      [4, 8, 12],
      [4, 2, 6],
    ]) {
      const { ops, shards } = setup(from);
      ops.UpdateShardCount({ StreamName: 's', TargetShardCount: to, ScalingType: 'UNIFORM_SCALING' });
      const all = shards();
      const open = all
        .filter((s) => !s.SequenceNumberRange.EndingSequenceNumber)
        .sort((a, b) => (BigInt(a.HashKeyRange.StartingHashKey) < BigInt(b.HashKeyRange.StartingHashKey) ? -1 : 1));
      assert.equal(all.length, total, `${from} -> ${to}`);
      assert.equal(open.length, to, `${from} -> ${to}`);
      // The open shards still cover every hash key once.
      assert.equal(open[0].HashKeyRange.StartingHashKey, '0');
      for (let i = 1; i < open.length; i++) {
        assert.equal(BigInt(open[i].HashKeyRange.StartingHashKey), BigInt(open[i - 1].HashKeyRange.EndingHashKey) + 1n);
      }
      assert.equal(open[open.length - 1].HashKeyRange.EndingHashKey, MAX.toString());
    }
  });

  it('UpdateShardCount on an ON_DEMAND stream is a ValidationException (issue 25)', () => {
    const { kinesis } = harness();
    const ops = kinesis.operations;
    ops.CreateStream({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    throwsAws(
      () => ops.UpdateShardCount({ StreamName: 'od', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }),
      'ValidationException',
      /ON_DEMAND/,
    );
  });

  it('UpdateShardCount scales uniformly, keeping every child to at most two parents', () => {
    const { ops, shards, put } = setup(2);
    const out = ops.UpdateShardCount({ StreamName: 's', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' });
    assert.deepEqual([out.CurrentShardCount, out.TargetShardCount], [2, 3]);
    const all = shards();
    const open = all
      .filter((s) => !s.SequenceNumberRange.EndingSequenceNumber)
      .sort((a, b) => (BigInt(a.HashKeyRange.StartingHashKey) < BigInt(b.HashKeyRange.StartingHashKey) ? -1 : 1));
    assert.equal(open.length, 3);
    const third = (1n << 128n) / 3n;
    assert.deepEqual(
      open.map((s) => s.HashKeyRange.StartingHashKey),
      ['0', third.toString(), (third * 2n).toString()],
    );
    const ids = new Set(all.map((s) => s.ShardId));
    for (const s of all) {
      for (const p of [s.ParentShardId, s.AdjacentParentShardId]) if (p) assert.ok(ids.has(p), `${p} is a known shard`);
    }
    assert.equal(put('x', MAX).ShardId, open[2].ShardId);
    throwsAws(
      () => ops.UpdateShardCount({ StreamName: 's', TargetShardCount: 7, ScalingType: 'UNIFORM_SCALING' }),
      'LimitExceededException',
      /cannot scale up over double/,
    );
    ops.UpdateShardCount({ StreamName: 's', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' });
    assert.equal(shards().filter((s) => !s.SequenceNumberRange.EndingSequenceNumber).length, 2);
  });

  it('emits streamResharded and reports open shards in the summary and the inspector view', () => {
    const { ops, kinesis, events } = setup(1);
    ops.SplitShard({ StreamName: 's', ShardToSplit: '0', NewStartingHashKey: HALF.toString() });
    assert.ok(events.some((e) => e.service === 'kinesis' && e.type === 'streamResharded'));
    assert.equal(ops.DescribeStreamSummary({ StreamName: 's' }).StreamDescriptionSummary.OpenShardCount, 2);
    const view = kinesis.listStreamSummaries()[0];
    assert.deepEqual(
      view.shards.map((s) => [s.shardId, s.open, s.parentShardId]),
      [
        ['shardId-000000000000', false, undefined],
        ['shardId-000000000001', true, 'shardId-000000000000'],
        ['shardId-000000000002', true, 'shardId-000000000000'],
      ],
    );
  });
});
