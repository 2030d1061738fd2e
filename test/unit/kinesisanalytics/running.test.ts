import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { isAwsError } from '../../../src/broker/errors';
import type { InvocationRunner } from '../../../src/broker/functions/runner';
import type * as api from '../../../src/broker/kinesisanalytics/api';
import { fixture, until } from '../functions/helpers';

const ROLE = 'arn:aws:iam::000000000000:role/analytics';
const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;

/** The AWS developer guide's stock ticker input: JSON records with these four columns. */
const tickerInput = (source: Partial<api.Input> = { KinesisStreamsInput: { ResourceARN: streamArn('ticks'), RoleARN: ROLE } }): api.Input => ({
  NamePrefix: 'SOURCE_SQL_STREAM',
  ...source,
  InputSchema: {
    RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
    RecordEncoding: 'UTF-8',
    RecordColumns: [
      { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
      { Name: 'SECTOR', Mapping: '$.SECTOR', SqlType: 'VARCHAR(16)' },
      { Name: 'CHANGE', Mapping: '$.CHANGE', SqlType: 'REAL' },
      { Name: 'PRICE', Mapping: '$.PRICE', SqlType: 'REAL' },
    ],
  },
});

const toStream = (Name: string, stream: string, format = 'JSON'): api.Output => ({
  Name,
  KinesisStreamsOutput: { ResourceARN: streamArn(stream), RoleARN: ROLE },
  DestinationSchema: { RecordFormatType: format },
});

/** The developer guide's tumbling window: a count per ticker per window. */
const COUNT_PER_TICKER = (seconds: number) => `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '${seconds}' SECOND);`;

describe('Kinesis Analytics applications running on the broker', () => {
  let clock: FakeClock;
  let broker: Broker;

  beforeEach(() => {
    clock = new FakeClock(Date.UTC(2026, 0, 1, 10, 0, 0));
    broker = new Broker({ clock });
    for (const name of ['ticks', 'counts', 'errors']) broker.kinesis.operations.CreateStream({ StreamName: name, ShardCount: 1 });
  });
  afterEach(() => broker.dispose());

  const ka = () => broker.kinesisanalytics.operations;
  const put = (stream: string, ...records: (object | string)[]) =>
    broker.kinesis.operations.PutRecords({
      StreamName: stream,
      Records: records.map((r, i) => ({ Data: Buffer.from(typeof r === 'string' ? r : JSON.stringify(r)), PartitionKey: `k${i}` })),
    });
  /** Every record the stream holds, as text. */
  function read(stream: string): string[] {
    const k = broker.kinesis.operations;
    const shards = k.ListShards({ StreamName: stream }).Shards ?? [];
    return shards.flatMap((s) => {
      const it = k.GetShardIterator({ StreamName: stream, ShardId: s.ShardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator!;
      return k.GetRecords({ ShardIterator: it }).Records.map((r) => Buffer.from(r.Data).toString('utf8'));
    });
  }
  const tick = (TICKER_SYMBOL: string, PRICE = 10) => ({ TICKER_SYMBOL, SECTOR: 'TECHNOLOGY', CHANGE: 0.5, PRICE });
  function create(code: string, outputs: api.Output[], input = tickerInput()): void {
    ka().CreateApplication({ ApplicationName: 'app', Inputs: [input], Outputs: outputs, ApplicationCode: code });
  }
  const start = (position: api.InputStartingPosition = 'NOW') =>
    ka().StartApplication({ ApplicationName: 'app', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: position } }] });

  it("emits the developer guide's tumbling-window counts to the output stream when the window closes on the clock", () => {
    create(COUNT_PER_TICKER(60), [toStream('DESTINATION_SQL_STREAM', 'counts')]);
    start();
    clock.advance(5_000);
    put('ticks', tick('QXZ'), tick('AMZN'), tick('QXZ'));
    clock.advance(20_000);
    put('ticks', tick('QXZ'));
    assert.deepEqual(read('counts'), [], 'nothing before the window closes');
    clock.advance(35_000); // 10:01:00, the end of the first minute
    assert.deepEqual(
      read('counts').map((r) => JSON.parse(r)),
      [
        { TICKER_SYMBOL: 'QXZ', TICKER_COUNT: 3 },
        { TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 1 },
      ],
    );
    put('ticks', tick('AMZN'));
    clock.advance(60_000);
    assert.deepEqual(JSON.parse(read('counts')[2]), { TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 1 });
    const view = broker.kinesisanalytics.runView('app')!;
    const destination = view.streams.find((s) => s.name === 'DESTINATION_SQL_STREAM')!;
    assert.equal(destination.rowCount, 3);
    assert.deepEqual(destination.recent[0].ROWTIME, new Date(Date.UTC(2026, 0, 1, 10, 1, 0)), 'a window row is stamped with its end');
    assert.deepEqual(view.outputs, [{ written: 3, failed: 0 }]);
  });

  it('filters and projects continuously, with ROWTIME and APPROXIMATE_ARRIVAL_TIME, into CSV', () => {
    create(
      `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE, arrived TIMESTAMP);
       CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
         SELECT STREAM ticker_symbol, sector, change, price, APPROXIMATE_ARRIVAL_TIME
         FROM "SOURCE_SQL_STREAM_001"
         WHERE sector LIKE '%TECH%' AND price > 50`,
      [toStream('DESTINATION_SQL_STREAM', 'counts', 'CSV')],
    );
    start();
    put('ticks', tick('QXZ', 80), tick('AMZN', 20), { TICKER_SYMBOL: 'ASD', SECTOR: 'ENERGY', CHANGE: -1, PRICE: 90 }, tick('MJN', 51.5));
    assert.deepEqual(read('counts'), ['QXZ,TECHNOLOGY,0.5,80,2026-01-01 10:00:00.000\n', 'MJN,TECHNOLOGY,0.5,51.5,2026-01-01 10:00:00.000\n']);
  });

  it('feeds error_stream with the records that do not fit the schema, and outputs it like any stream', () => {
    create(COUNT_PER_TICKER(10), [toStream('DESTINATION_SQL_STREAM', 'counts'), toStream('error_stream', 'errors')]);
    start();
    put('ticks', tick('QXZ'), 'not json', { TICKER_SYMBOL: 'TOOLONG', PRICE: 1 }, { TICKER_SYMBOL: 'AB', PRICE: 'cheap' });
    const errors = read('errors').map((r) => JSON.parse(r) as Record<string, unknown>);
    assert.equal(errors.length, 3);
    assert.deepEqual(
      errors.map((e) => [e.ERROR_LEVEL, e.ERROR_NAME, e.DATA_ROWTIME, e.PUMP_NAME]),
      Array(3).fill(['ERROR', 'Record_Format_Error', '2026-01-01 10:00:00.000', null]),
    );
    assert.equal(errors[0].DATA_ROW, 'not json');
    assert.match(String(errors[1].MESSAGE), /TOOLONG.*VARCHAR\(4\)/);
    assert.match(String(errors[2].MESSAGE), /cheap.*REAL/);
    clock.advance(10_000);
    assert.deepEqual(read('counts').map((r) => JSON.parse(r)), [{ TICKER_SYMBOL: 'QXZ', TICKER_COUNT: 1 }], 'the records that fit are counted');
  });

  it('reports a row a pump cannot compute (division by zero) on error_stream with the pump name', () => {
    create(
      `CREATE STREAM out_stream (ticker VARCHAR(4), ratio DOUBLE);
       CREATE PUMP ratio_pump AS INSERT INTO out_stream SELECT STREAM ticker_symbol, price / change FROM SOURCE_SQL_STREAM_001;`,
      [toStream('OUT_STREAM', 'counts'), toStream('error_stream', 'errors')],
    );
    start();
    put('ticks', { TICKER_SYMBOL: 'A', CHANGE: 2, PRICE: 10 }, { TICKER_SYMBOL: 'B', CHANGE: 0, PRICE: 10 });
    assert.deepEqual(read('counts').map((r) => JSON.parse(r)), [{ TICKER: 'A', RATIO: 5 }]);
    const [error] = read('errors').map((r) => JSON.parse(r) as Record<string, unknown>);
    assert.equal(error.ERROR_NAME, 'SQL_Evaluation_Error');
    assert.equal(error.MESSAGE, 'Division by zero');
    assert.equal(error.PUMP_NAME, 'RATIO_PUMP');
    assert.deepEqual(JSON.parse(String(error.DATA_ROW)), { TICKER_SYMBOL: 'B', SECTOR: null, CHANGE: 0, PRICE: 10, APPROXIMATE_ARRIVAL_TIME: '2026-01-01 10:00:00.000' });
  });

  it('chains pumps through intermediate in-application streams, with a sliding window', () => {
    create(
      `CREATE OR REPLACE STREAM tech (ticker_symbol VARCHAR(4), price REAL);
       CREATE OR REPLACE PUMP p1 AS INSERT INTO tech SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 WHERE sector = 'TECHNOLOGY';
       CREATE OR REPLACE STREAM averages (ticker_symbol VARCHAR(4), avg_price DOUBLE);
       CREATE OR REPLACE PUMP p2 AS INSERT INTO averages
         SELECT STREAM ticker_symbol, AVG(price) OVER (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING) AS avg_price FROM tech;`,
      [toStream('AVERAGES', 'counts')],
    );
    start();
    put('ticks', tick('QXZ', 10));
    clock.advance(30_000);
    put('ticks', tick('QXZ', 20), { TICKER_SYMBOL: 'ASD', SECTOR: 'ENERGY', CHANGE: 0, PRICE: 100 });
    clock.advance(40_000);
    put('ticks', tick('QXZ', 60));
    assert.deepEqual(read('counts').map((r) => JSON.parse(r)), [
      { TICKER_SYMBOL: 'QXZ', AVG_PRICE: 10 },
      { TICKER_SYMBOL: 'QXZ', AVG_PRICE: 15 },
      { TICKER_SYMBOL: 'QXZ', AVG_PRICE: 40 },
    ]);
  });

  it('starts from NOW, TRIM_HORIZON or LAST_STOPPED_POINT, remembering where StopApplication stopped', () => {
    const passThrough = `CREATE STREAM d (t VARCHAR(4)); CREATE PUMP p AS INSERT INTO d SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`;
    create(passThrough, [toStream('D', 'counts')]);
    put('ticks', tick('A'), tick('B'));
    start('NOW');
    put('ticks', tick('C'));
    ka().StopApplication({ ApplicationName: 'app' });
    put('ticks', tick('D'));
    start('LAST_STOPPED_POINT');
    put('ticks', tick('E'));
    ka().StopApplication({ ApplicationName: 'app' });
    start('TRIM_HORIZON');
    assert.deepEqual(
      read('counts').map((r) => JSON.parse(r).T),
      ['C', 'D', 'E', 'A', 'B', 'C', 'D', 'E'],
    );
    assert.equal(ka().DescribeApplication({ ApplicationName: 'app' }).ApplicationDetail.InputDescriptions[0].InputStartingPositionConfiguration.InputStartingPosition, 'TRIM_HORIZON');
  });

  it('reads a Firehose delivery stream as its input and writes to a delivery stream', () => {
    broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'clicks',
      S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::landing', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    create(
      COUNT_PER_TICKER(60),
      [toStream('DESTINATION_SQL_STREAM', 'counts')],
      tickerInput({ KinesisFirehoseInput: { ResourceARN: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks', RoleARN: ROLE } }),
    );
    start();
    broker.firehose.operations.PutRecordBatch({ DeliveryStreamName: 'clicks', Records: [tick('QXZ'), tick('QXZ')].map((t) => ({ Data: Buffer.from(JSON.stringify(t)) })) });
    clock.advance(60_000);
    assert.deepEqual(read('counts').map((r) => JSON.parse(r)), [{ TICKER_SYMBOL: 'QXZ', TICKER_COUNT: 2 }]);
  });

  it('refuses to start code that names a column its stream does not have, pointing at it', () => {
    create(`CREATE STREAM d (t VARCHAR(4));\nCREATE PUMP p AS INSERT INTO d\n  SELECT STREAM tickr FROM SOURCE_SQL_STREAM_001;`, [toStream('D', 'counts')]);
    assert.throws(
      () => start(),
      (e: unknown) => isAwsError(e) && e.code === 'CodeValidationException' && /Column 'TICKR' not found in any table at line 3, column 17/.test(e.message),
    );
    assert.equal(ka().DescribeApplication({ ApplicationName: 'app' }).ApplicationDetail.ApplicationStatus, 'READY');
  });

  it('refuses to start when its input stream does not exist', () => {
    create(COUNT_PER_TICKER(60), [], tickerInput({ KinesisStreamsInput: { ResourceARN: streamArn('nowhere'), RoleARN: ROLE } }));
    assert.throws(() => start(), (e: unknown) => isAwsError(e) && e.code === 'InvalidApplicationConfigurationException' && /nowhere/.test(e.message));
  });

  it('takes new code while running and goes on from where the old code stopped', () => {
    create(`CREATE STREAM d (t VARCHAR(4)); CREATE PUMP p AS INSERT INTO d SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`, [toStream('D', 'counts')]);
    start();
    put('ticks', tick('A'));
    ka().UpdateApplication({
      ApplicationName: 'app',
      CurrentApplicationVersionId: 1,
      ApplicationUpdate: { ApplicationCodeUpdate: `CREATE STREAM d (t VARCHAR(8)); CREATE PUMP p AS INSERT INTO d SELECT STREAM LOWER(ticker_symbol) FROM SOURCE_SQL_STREAM_001;` },
    });
    put('ticks', tick('B'));
    assert.deepEqual(read('counts').map((r) => JSON.parse(r).T), ['A', 'b']);
  });

  it("closes the developer guide's stagger windows a range after each partition's first row", () => {
    const input = tickerInput();
    input.InputSchema.RecordColumns = [
      { Name: 'EVENT_TIME', Mapping: '$.EVENT_TIME', SqlType: 'TIMESTAMP' },
      { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
    ];
    create(
      `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), event_time TIMESTAMP, ticker_count DOUBLE);
       CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
         SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL) AS ticker_count
         FROM "SOURCE_SQL_STREAM_001"
         WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE);`,
      [toStream('DESTINATION_SQL_STREAM', 'counts')],
      input,
    );
    start();
    const event = (TICKER_SYMBOL: string, second: number) => ({ TICKER_SYMBOL, EVENT_TIME: `2026-01-01 09:59:${String(second).padStart(2, '0')}` });
    put('ticks', event('QXZ', 5)); // 10:00:00, opens QXZ's window until 10:01:00
    clock.advance(20_000);
    put('ticks', event('AMZN', 10)); // opens AMZN's until 10:01:20
    clock.advance(10_000);
    put('ticks', event('QXZ', 40));
    clock.advance(30_000); // 10:01:00
    assert.deepEqual(read('counts').map((r) => JSON.parse(r)), [{ TICKER_SYMBOL: 'QXZ', EVENT_TIME: '2026-01-01 09:59:00.000', TICKER_COUNT: 2 }]);
    put('ticks', event('QXZ', 50)); // a new QXZ window, until 10:02:00
    clock.advance(20_000); // 10:01:20
    assert.deepEqual(JSON.parse(read('counts')[1]), { TICKER_SYMBOL: 'AMZN', EVENT_TIME: '2026-01-01 09:59:00.000', TICKER_COUNT: 1 });
    clock.advance(40_000);
    assert.deepEqual(JSON.parse(read('counts')[2]), { TICKER_SYMBOL: 'QXZ', EVENT_TIME: '2026-01-01 09:59:00.000', TICKER_COUNT: 1 });
    assert.equal(read('counts').length, 3);
  });

  it('an output added or deleted while running takes effect at once', () => {
    create(`CREATE STREAM d (t VARCHAR(4)); CREATE PUMP p AS INSERT INTO d SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`, []);
    start();
    put('ticks', tick('A'));
    ka().AddApplicationOutput({ ApplicationName: 'app', CurrentApplicationVersionId: 1, Output: toStream('D', 'counts') });
    put('ticks', tick('B'));
    ka().DeleteApplicationOutput({ ApplicationName: 'app', CurrentApplicationVersionId: 2, OutputId: '1.1' });
    put('ticks', tick('C'));
    assert.deepEqual(read('counts').map((r) => JSON.parse(r).T), ['B']);
    assert.equal(ka().DescribeApplication({ ApplicationName: 'app' }).ApplicationDetail.ApplicationStatus, 'RUNNING');
  });

  it("writes an output to a local function with AWS's LambdaOutput event, counting the records it did not answer Ok", async () => {
    broker.dispose();
    const events: { invocationId: string; applicationArn: string; records: { recordId: string; lambdaDeliveryRecordMetadata: { retryHint: number }; data: string }[] }[] = [];
    const runner: InvocationRunner = {
      async run(request) {
        const event = request.payload as (typeof events)[number];
        events.push(event);
        // The first record is delivered, the others are not.
        return { result: { records: event.records.map((r, i) => ({ recordId: r.recordId, result: i === 0 ? 'Ok' : 'DeliveryFailed' })) }, logs: '', durationMs: 1 };
      },
      retire: () => undefined,
      dispose: () => undefined,
    };
    broker = new Broker({ clock, functionRunner: runner });
    broker.kinesis.operations.CreateStream({ StreamName: 'ticks', ShardCount: 1 });
    broker.functions.create({ name: 'sink', module: fixture('ok.cjs') });
    create(`CREATE STREAM d (t VARCHAR(4)); CREATE PUMP p AS INSERT INTO d SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;`, [
      { Name: 'D', LambdaOutput: { ResourceARN: 'arn:aws:lambda:us-east-1:000000000000:function:sink', RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'CSV' } },
    ]);
    start();
    put('ticks', tick('A'), tick('B'));
    await until(() => broker.kinesisanalytics.runView('app')!.outputs[0].failed === 1, 5000, 'the function to answer');
    assert.equal(events.length, 1);
    assert.equal(events[0].applicationArn, 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/app');
    assert.deepEqual(events[0].records.map((r) => [Buffer.from(r.data, 'base64').toString(), r.lambdaDeliveryRecordMetadata.retryHint]), [['A\n', 0], ['B\n', 0]]);
    assert.deepEqual(broker.kinesisanalytics.runView('app')!.outputs, [{ written: 1, failed: 1, lastError: 'The function did not answer Ok for every record' }]);
    assert.deepEqual(broker.functions.listInvocations('sink', 10)[0].trigger, { type: 'kinesisanalytics', applicationArn: 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/app' });
  });
});
