import assert from 'node:assert/strict';
import { isAwsError } from '../../../src/broker/errors';
import { FirehoseService } from '../../../src/broker/firehose/service';
import { firehoseBinding } from '../../../src/server/firehose/binding';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { throughCodec } from '../support/codec';
import { harness } from './helpers';

/** mulberry32, seeded so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick };
}

const ODD: unknown[] = [undefined, null, '', 'x', 's', '0', '-1', 'shardId-000000000000', 'arn:aws:kinesis:us-east-1:000000000000:stream/s', 5, -1, 1e308, 0.5, true, [], [null], {}, { Type: 'LATEST' }, Buffer.from('b'), 'AAAA', new Date(0)];

/** Every member a Kinesis or Firehose request may carry, so mutations hit the fields each action reads. */
const MEMBERS = ['StreamName', 'StreamARN', 'ShardCount', 'StreamModeDetails', 'Tags', 'TagKeys', 'Limit', 'ExclusiveStartShardId', 'NextToken', 'MaxResults', 'ShardFilter', 'RetentionPeriodHours', 'PartitionKey', 'Data', 'ExplicitHashKey', 'SequenceNumberForOrdering', 'Records', 'ShardId', 'ShardIteratorType', 'StartingSequenceNumber', 'Timestamp', 'ShardIterator', 'ShardToSplit', 'NewStartingHashKey', 'ShardToMerge', 'AdjacentShardToMerge', 'TargetShardCount', 'ScalingType', 'ConsumerName', 'ConsumerARN', 'StartingPosition', 'DeliveryStreamName', 'DeliveryStreamType', 'Record', 'S3DestinationConfiguration', 'ExtendedS3DestinationConfiguration', 'HttpEndpointDestinationConfiguration', 'KinesisStreamSourceConfiguration'];

describe('kinesis and firehose under malformed input', () => {
  // As requests reach them: read by the server's codec against AWS's model, then handed to the engine.
  it('answer thousands of malformed requests with AWS errors only, never a crash', function () {
    // A fixed, seeded amount of work (0.8 s on an idle machine): only a starved CPU makes it slow, and it
    // asserts what the broker answers, not how fast, so the suite's 10 s default is no limit to hold it to.
    this.timeout(120_000);
    const { kinesis, clock, ctx } = harness();
    const firehose = new FirehoseService(ctx, { kinesis });
    kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 2 });
    const rng = generator(20261129);
    const tables: [string, Record<string, (input: unknown) => unknown>][] = [
      ['kinesis', throughCodec(kinesisBinding, kinesis.operations)],
      ['firehose', throughCodec(firehoseBinding, firehose.operations)],
    ];
    for (let round = 0; round < 5000; round++) {
      const [service, table] = rng.pick(tables);
      const action = rng.pick(Object.keys(table));
      const input: Record<string, unknown> = {};
      for (let n = Math.floor(rng.next() * 5); n >= 0; n--) input[rng.pick(MEMBERS)] = rng.pick(ODD);
      if (rng.next() < 0.3) input.StreamName = 's';
      try {
        table[action](rng.next() < 0.05 ? undefined : input);
      } catch (e) {
        assert.ok(isAwsError(e), `${service}.${action}(${JSON.stringify(input)}) threw ${e instanceof Error ? e.stack : String(e)}`);
      }
      if (round % 500 === 0) clock.advance(1000);
    }
    firehose.dispose();
  });
});
