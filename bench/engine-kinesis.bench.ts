/** Kinesis in-process: PutRecord, PutRecords of 500, and GetRecords reading everything back. */
import { Broker } from '../src/broker/broker';
import type { KinesisOperations } from '../src/broker/kinesis/api';
import { cpuStopwatch, emit, main, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const RECORDS = quick ? 50_000 : 200_000;
const SHARDS = 4;
const DATA = Buffer.alloc(100, 'k');

function freshStream(): { kinesis: KinesisOperations; broker: Broker } {
  const broker = new Broker();
  broker.kinesis.operations.CreateStream({ StreamName: 'bench', ShardCount: SHARDS });
  return { kinesis: broker.kinesis.operations, broker };
}

function putBatches(kinesis: KinesisOperations, count: number): void {
  for (let i = 0; i < count; i += 500) {
    const Records = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ Data: DATA, PartitionKey: `pk-${i + j}` }));
    const { FailedRecordCount } = kinesis.PutRecords({ StreamName: 'bench', Records });
    if (FailedRecordCount) throw new Error(`${FailedRecordCount} records failed`);
  }
}

function readAll(kinesis: KinesisOperations): number {
  let read = 0;
  const { Shards = [] } = kinesis.ListShards({ StreamName: 'bench' });
  for (const shard of Shards) {
    let iterator: string | undefined = kinesis.GetShardIterator({
      StreamName: 'bench',
      ShardId: shard.ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }).ShardIterator;
    while (iterator) {
      const out = kinesis.GetRecords({ ShardIterator: iterator, Limit: 10_000 });
      read += out.Records.length;
      iterator = out.Records.length && out.MillisBehindLatest > 0 ? out.NextShardIterator : undefined;
    }
  }
  return read;
}

main(async () => {
  const single = await repeat(RUNS, 'kinesis PutRecord', () => {
    const { kinesis, broker } = freshStream();
    const count = RECORDS / 4;
    const elapsed = cpuStopwatch();
    for (let i = 0; i < count; i++) kinesis.PutRecord({ StreamName: 'bench', Data: DATA, PartitionKey: `pk-${i}` });
    const value = count / elapsed();
    broker.dispose();
    return value;
  });
  const batch = await repeat(RUNS, 'kinesis PutRecords x500', () => {
    const { kinesis, broker } = freshStream();
    const elapsed = cpuStopwatch();
    putBatches(kinesis, RECORDS);
    const value = RECORDS / elapsed();
    broker.dispose();
    return value;
  });
  const get = await repeat(RUNS, 'kinesis GetRecords', () => {
    const { kinesis, broker } = freshStream();
    putBatches(kinesis, RECORDS);
    const elapsed = cpuStopwatch();
    const read = readAll(kinesis);
    const value = read / elapsed();
    if (read !== RECORDS) throw new Error(`read ${read} of ${RECORDS} records`);
    broker.dispose();
    return value;
  });
  emit('engine-kinesis', [
    row(`engine kinesis PutRecord, ${SHARDS} shards`, 'throughput per CPU-second', 'rec/s', single),
    row(`engine kinesis PutRecords x500, ${SHARDS} shards`, 'throughput per CPU-second', 'rec/s', batch),
    row(`engine kinesis GetRecords (Limit 10,000), ${SHARDS} shards`, 'throughput per CPU-second', 'rec/s', get),
  ]);
});
