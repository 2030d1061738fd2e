/**
 * Kinesis Analytics in-process: rows per CPU-second through a tumbling-window GROUP BY with 1,000 keys
 * (JSON records put in batches of 500, parsed by the input schema, grouped, and the window's 1,000 rows
 * written to an output stream when it closes), and how late after its window's end a row reaches the
 * output stream on the real clock.
 */
import { Broker } from '../src/broker/broker';
import { FakeClock } from '../src/broker/clock';
import type * as api from '../src/broker/kinesisanalytics/api';
import { cpuStopwatch, emit, main, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const RECORDS = quick ? 50_000 : 200_000;
const KEYS = 1000;
const ROLE = 'arn:aws:iam::000000000000:role/bench';

const input: api.Input = {
  NamePrefix: 'SOURCE_SQL_STREAM',
  KinesisStreamsInput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks', RoleARN: ROLE },
  InputSchema: {
    RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
    RecordColumns: [
      { Name: 'PAGE', Mapping: '$.page', SqlType: 'VARCHAR(16)' },
      { Name: 'MS', Mapping: '$.ms', SqlType: 'INTEGER' },
    ],
  },
};
const code = (seconds: number) => `CREATE STREAM per_page (page VARCHAR(16), clicks INTEGER, total_ms BIGINT);
CREATE PUMP p AS INSERT INTO per_page
  SELECT STREAM page, COUNT(*) AS clicks, SUM(ms) AS total_ms FROM SOURCE_SQL_STREAM_001
  GROUP BY page, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '${seconds}' SECOND);`;

function application(broker: Broker, seconds: number): void {
  broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 4 });
  broker.kinesis.operations.CreateStream({ StreamName: 'per-page', ShardCount: 1 });
  broker.kinesisanalytics.operations.CreateApplication({
    ApplicationName: 'bench',
    Inputs: [input],
    Outputs: [{ Name: 'PER_PAGE', KinesisStreamsOutput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/per-page', RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } }],
    ApplicationCode: code(seconds),
  });
  broker.kinesisanalytics.operations.StartApplication({ ApplicationName: 'bench', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] });
}

/** Batches of 500 JSON records, every key in turn, made before the stopwatch starts. */
function batches(count: number): { Data: Buffer; PartitionKey: string }[][] {
  const out: { Data: Buffer; PartitionKey: string }[][] = [];
  for (let i = 0; i < count; i += 500) {
    out.push(Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ Data: Buffer.from(JSON.stringify({ page: `/p/${(i + j) % KEYS}`, ms: 5 })), PartitionKey: `k${i + j}` })));
  }
  return out;
}

main(async () => {
  const data = batches(RECORDS);
  const throughput = await repeat(RUNS, `tumbling GROUP BY, ${KEYS} keys`, () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    application(broker, 60);
    let outputRows = 0;
    broker.kinesis.subscribeToRecords('per-page', (records) => (outputRows += records.length));
    const elapsed = cpuStopwatch();
    for (const Records of data) broker.kinesis.operations.PutRecords({ StreamName: 'clicks', Records });
    clock.advance(60_000);
    const value = RECORDS / elapsed();
    const view = broker.kinesisanalytics.runView('bench')!;
    const errors = view.streams.find((s) => s.name === 'error_stream')!.rowCount;
    broker.dispose();
    if (outputRows !== KEYS || errors) throw new Error(`${outputRows} window rows (${KEYS} expected), ${errors} errors`);
    return value;
  });

  const lateness = await repeat(RUNS, 'window row after its close, real clock', async () => {
    const broker = new Broker();
    application(broker, 1);
    const arrived = new Promise<number>((resolve) => broker.kinesis.subscribeToRecords('per-page', () => resolve(Date.now())));
    for (const Records of data.slice(0, 2)) broker.kinesis.operations.PutRecords({ StreamName: 'clicks', Records });
    const windowEnd = Math.floor(Date.now() / 1000) * 1000 + 1000;
    // The broker's timers do not keep a process alive (the server does, in `serve`): this one does, meanwhile.
    const alive = setInterval(() => undefined, 1000);
    const at = await arrived;
    clearInterval(alive);
    broker.dispose();
    return at - windowEnd;
  });

  emit('engine-kinesisanalytics', [
    row(`engine kinesis analytics tumbling GROUP BY, ${KEYS} keys, JSON in and out`, 'throughput per CPU-second', 'rows/s', throughput),
    row('engine kinesis analytics window row in the output stream after the window ends', 'latency', 'ms', lateness, { target: { value: 100, better: 'lower' } }),
  ]);
});
