/**
 * Resident memory of what the broker holds: 100,000 SQS messages of 1 KiB spread over 10 queues, and
 * 1,000,000 Kinesis records of 100 bytes in a 4-shard stream. Each figure comes from a child process of its
 * own: RSS after filling minus RSS of the same process with an empty broker, both after a full GC. The
 * sizes are the point, so --quick changes nothing here.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Broker } from '../src/broker/broker';
import { emit, main, progress, Row, row } from './lib/harness';

const RUNS = 2;
const MESSAGES = 100_000;
const RECORDS = 1_000_000;
const MiB = 1024 * 1024;

interface Measured {
  rss: number;
  heapUsed: number;
}

function settle(): Measured {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

function child(kind: 'sqs' | 'kinesis'): void {
  const broker = new Broker();
  const before = settle();
  if (kind === 'sqs') {
    const body = 'm'.repeat(1024);
    const urls = Array.from({ length: 10 }, (_, i) => broker.sqs.operations.CreateQueue({ QueueName: `mem-${i}` }).QueueUrl);
    for (let i = 0; i < MESSAGES; i += 10) {
      // Distinct bodies, as real messages are: one shared string would measure nothing.
      const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: `${i + j}:${body}`.slice(0, 1024) }));
      broker.sqs.operations.SendMessageBatch({ QueueUrl: urls[(i / 10) % urls.length], Entries });
    }
  } else {
    broker.kinesis.operations.CreateStream({ StreamName: 'mem', ShardCount: 4 });
    for (let i = 0; i < RECORDS; i += 500) {
      const Records = Array.from({ length: 500 }, (_, j) => {
        const data = Buffer.alloc(100, 'r');
        data.writeUInt32BE(i + j);
        return { Data: data, PartitionKey: `pk-${i + j}` };
      });
      broker.kinesis.operations.PutRecords({ StreamName: 'mem', Records });
    }
  }
  const after = settle();
  process.stdout.write(JSON.stringify({ rss: after.rss - before.rss, heapUsed: after.heapUsed - before.heapUsed }));
  broker.dispose();
}

function measure(kind: 'sqs' | 'kinesis'): Measured {
  // The same loader hook run.mjs gives every benchmark (chevrotain's import-only helpers, test/README.md).
  const hook = path.join(__dirname, '..', 'test', 'support', 'esm-only-exports.cjs');
  const out = execFileSync(process.execPath, ['--expose-gc', '--require', hook, '--import', 'tsx', __filename, `--child=${kind}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Measured;
}

const childKind = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
if (childKind === 'sqs' || childKind === 'kinesis') {
  child(childKind);
} else {
  main(async () => {
    const rows: Row[] = [];
    for (const [kind, label, count] of [
      ['sqs', `sqs ${MESSAGES.toLocaleString('en-US')} messages of 1 KiB in 10 queues`, MESSAGES],
      ['kinesis', `kinesis ${RECORDS.toLocaleString('en-US')} records of 100 B in 4 shards`, RECORDS],
    ] as const) {
      const runs: Measured[] = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(measure(kind));
        progress(`${kind} run ${run + 1}/${RUNS}: RSS +${(runs[run].rss / MiB).toFixed(1)} MiB`);
      }
      rows.push(
        row(`memory ${label}`, 'RSS over empty broker', 'MiB', runs.map((r) => r.rss / MiB)),
        row(`memory ${label}`, 'RSS per item', 'bytes', runs.map((r) => r.rss / count)),
        row(`memory ${label}`, 'JS heap per item', 'bytes', runs.map((r) => r.heapUsed / count)),
      );
    }
    emit('memory', rows);
  });
}
