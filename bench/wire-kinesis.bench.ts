/**
 * Kinesis over the wire with the real AWS SDK v3, Eventyard (`eventyard serve`) and kinesalite side by side
 * in the same run, same client, same records: PutRecords of 500 and GetRecords, at several concurrencies.
 * Each run alternates the two servers, so a change in the machine's load hits both alike.
 */
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { emit, main, median, quick, progress, Row, row } from './lib/harness';
import { clientOptions, inParallel, ServerProcess, startEventyard, startKinesalite } from './lib/servers';

const RUNS = quick ? 2 : 3;
const CONCURRENCIES = quick ? [1, 8] : [1, 4, 16];
const BATCHES = quick ? 20 : 40;
const BATCH = 500;
const SHARDS = 4;
const DATA = new Uint8Array(100).fill(107);

interface Figures {
  put: number[];
  putServerCpu: number[];
  get: number[];
}

let streamCount = 0;

async function putThenGet(server: ServerProcess, concurrency: number): Promise<{ put: number; putServerCpu: number; get: number }> {
  const client = new KinesisClient(clientOptions(server, concurrency));
  const StreamName = `bench-${streamCount++}`;
  await client.send(new CreateStreamCommand({ StreamName, ShardCount: SHARDS }));
  const Records = Array.from({ length: BATCH }, (_, i) => ({ Data: DATA, PartitionKey: `pk-${i}` }));
  const cpuBefore = server.cpuSeconds();
  let start = process.hrtime.bigint();
  await inParallel(concurrency, BATCHES, async () => {
    const out = await client.send(new PutRecordsCommand({ StreamName, Records }));
    if (out.FailedRecordCount) throw new Error(`${server.name}: ${out.FailedRecordCount} records failed`);
  });
  const putSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const putServerCpu = server.cpuSeconds() - cpuBefore;
  const total = BATCHES * BATCH;

  // `concurrency` consumers, each reading the whole stream from TRIM_HORIZON, as separate applications would.
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName }));
  let read = 0;
  start = process.hrtime.bigint();
  await inParallel(concurrency, concurrency * Shards.length, async (index) => {
    const ShardId = Shards[index % Shards.length].ShardId;
    let { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    while (ShardIterator) {
      const out = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
      const n = out.Records?.length ?? 0;
      read += n;
      ShardIterator = n > 0 ? out.NextShardIterator : undefined;
    }
  });
  const getSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (read !== total * concurrency) throw new Error(`${server.name}: read ${read} of ${total * concurrency} records`);
  client.destroy();
  return { put: total / putSeconds, putServerCpu: putServerCpu > 0 ? total / putServerCpu : NaN, get: read / getSeconds };
}

main(async () => {
  const eventyard = await startEventyard();
  const kinesalite = await startKinesalite();
  progress(`eventyard at ${eventyard.url}, kinesalite at ${kinesalite.url}`);
  const rows: Row[] = [];
  try {
    for (const concurrency of CONCURRENCIES) {
      const ours: Figures = { put: [], putServerCpu: [], get: [] };
      const peer: Figures = { put: [], putServerCpu: [], get: [] };
      for (let run = 0; run < RUNS; run++) {
        for (const [server, figures] of [
          [eventyard, ours],
          [kinesalite, peer],
        ] as const) {
          const r = await putThenGet(server, concurrency);
          figures.put.push(r.put);
          figures.putServerCpu.push(r.putServerCpu);
          figures.get.push(r.get);
          progress(`c=${concurrency} run ${run + 1}/${RUNS} ${server.name}: put ${Math.round(r.put)} rec/s, get ${Math.round(r.get)} rec/s`);
        }
      }
      const peerOf = (runs: number[]) => ({ name: 'kinesalite', median: Math.round(median(runs)) });
      const target = { value: 3 * median(peer.put), better: 'higher' as const };
      rows.push(
        row(`wire kinesis PutRecords x${BATCH}, c=${concurrency}`, 'throughput', 'rec/s', ours.put, { peer: peerOf(peer.put), target }),
        row(`wire kinesis PutRecords x${BATCH}, c=${concurrency}`, 'per server CPU-second', 'rec/s', ours.putServerCpu, {
          peer: peerOf(peer.putServerCpu),
        }),
        row(`wire kinesis GetRecords, ${concurrency} consumer(s)`, 'throughput', 'rec/s', ours.get, {
          peer: peerOf(peer.get),
          target: { value: 3 * median(peer.get), better: 'higher' },
        }),
      );
    }
  } finally {
    await Promise.all([eventyard.stop(), kinesalite.stop()]);
  }
  emit('wire-kinesis', rows);
});
