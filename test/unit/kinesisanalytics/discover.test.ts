import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { isAwsError } from '../../../src/broker/errors';
import { inferSchema } from '../../../src/broker/kinesisanalytics/schema-inference';

const ROLE = 'arn:aws:iam::000000000000:role/analytics';

describe('Kinesis Analytics schema inference', () => {
  it("infers the developer guide's stock ticker columns from its JSON records", () => {
    const records = [
      { TICKER_SYMBOL: 'QXZ', SECTOR: 'HEALTHCARE', CHANGE: -0.05, PRICE: 84.51 },
      { TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: 1.2, PRICE: 712.5 },
      { TICKER_SYMBOL: 'ASD', SECTOR: 'ENERGY', CHANGE: 0, PRICE: 62 },
    ].map((r) => JSON.stringify(r));
    const inferred = inferSchema(records)!;
    assert.deepEqual(inferred.schema, {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: [
        { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
        { Name: 'SECTOR', Mapping: '$.SECTOR', SqlType: 'VARCHAR(16)' },
        { Name: 'CHANGE', Mapping: '$.CHANGE', SqlType: 'REAL' },
        { Name: 'PRICE', Mapping: '$.PRICE', SqlType: 'REAL' },
      ],
    });
    assert.deepEqual(inferred.parsed[1], ['AMZN', 'TECHNOLOGY', '1.2', '712.5']);
  });

  it('maps nested fields by their path, integers, booleans, big numbers, and fields some records lack', () => {
    const inferred = inferSchema([
      JSON.stringify({ page: '/home', user: { id: 7, 'first name': 'Ann' }, ok: true, at: 1767261600000, tags: ['x'] }),
      JSON.stringify({ page: '/a-much-longer-page', user: { id: 8 }, ok: false, at: 1767261600001, extra: null }),
    ])!;
    assert.deepEqual(inferred.schema.RecordColumns, [
      { Name: 'page', Mapping: '$.page', SqlType: 'VARCHAR(32)' },
      { Name: 'id', Mapping: '$.user.id', SqlType: 'INTEGER' },
      { Name: 'first_name', Mapping: "$.user['first name']", SqlType: 'VARCHAR(4)' },
      { Name: 'ok', Mapping: '$.ok', SqlType: 'BOOLEAN' },
      { Name: 'at', Mapping: '$.at', SqlType: 'BIGINT' },
      { Name: 'extra', Mapping: '$.extra', SqlType: 'VARCHAR(1)' },
    ]);
    assert.deepEqual(inferred.parsed[1], ['/a-much-longer-page', '8', '', 'false', '1767261600001', '']);
  });

  it('reads arrays of objects as one row per element', () => {
    const inferred = inferSchema([JSON.stringify([{ a: 1 }, { a: 2 }])])!;
    assert.deepEqual(inferred.schema.RecordFormat.MappingParameters, { JSONMappingParameters: { RecordRowPath: '$[0:]' } });
    assert.deepEqual(inferred.parsed, [['1'], ['2']]);
  });

  it('infers CSV columns COL1... with the delimiter every line shares', () => {
    const inferred = inferSchema(['QXZ|HEALTHCARE|-0.05|84\nAMZN|TECHNOLOGY|1.2|712', 'ASD|ENERGY|0|62'])!;
    assert.deepEqual(inferred.schema, {
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '|' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: [
        { Name: 'COL1', SqlType: 'VARCHAR(4)' },
        { Name: 'COL2', SqlType: 'VARCHAR(16)' },
        { Name: 'COL3', SqlType: 'REAL' },
        { Name: 'COL4', SqlType: 'INTEGER' },
      ],
    });
    assert.deepEqual(inferred.parsed, [['QXZ', 'HEALTHCARE', '-0.05', '84'], ['AMZN', 'TECHNOLOGY', '1.2', '712'], ['ASD', 'ENERGY', '0', '62']]);
  });
});

describe('Kinesis Analytics schema inference (no schema)', () => {
  it('finds none for binary records or JSON mixed with plain text', () => {
    assert.equal(inferSchema(['\u0000\u0001\u0002']), undefined);
    assert.equal(inferSchema(['{"a":1}', 'plain text']), undefined);
    assert.equal(inferSchema(['{"a":']), undefined);
  });
});

describe('DiscoverInputSchema on the broker', () => {
  let clock: FakeClock;
  let broker: Broker;
  beforeEach(() => {
    clock = new FakeClock();
    broker = new Broker({ clock });
    broker.kinesis.operations.CreateStream({ StreamName: 'ticks', ShardCount: 2 });
  });
  afterEach(() => broker.dispose());
  function discover(input: Parameters<Broker['kinesisanalytics']['operations']['DiscoverInputSchema']>[0]) {
    return broker.kinesisanalytics.operations.DiscoverInputSchema(input);
  }
  const put = (...data: string[]) =>
    broker.kinesis.operations.PutRecords({ StreamName: 'ticks', Records: data.map((d, i) => ({ Data: Buffer.from(d), PartitionKey: `k${i}` })) });
  const STREAM = 'arn:aws:kinesis:us-east-1:000000000000:stream/ticks';

  it('samples what a stream holds from TRIM_HORIZON, oldest first', async () => {
    put('{"a":1}', '{"a":2}');
    const out = await discover({ ResourceARN: STREAM, RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } });
    assert.deepEqual(out.RawInputRecords, ['{"a":1}', '{"a":2}']);
    assert.deepEqual(out.InputSchema.RecordColumns, [{ Name: 'a', Mapping: '$.a', SqlType: 'INTEGER' }]);
  });

  it('from NOW waits for new records on the broker clock, and without any is UnableToDetectSchemaException', async () => {
    put('{"old":true}');
    const pending = discover({ ResourceARN: STREAM, RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } });
    put('a,1', 'b,2');
    clock.advance(3000);
    const out = await pending;
    assert.deepEqual(out.RawInputRecords, ['a,1', 'b,2']);
    assert.equal(out.InputSchema.RecordFormat.RecordFormatType, 'CSV');

    const none = discover({ ResourceARN: STREAM, RoleARN: ROLE });
    clock.advance(3000);
    await assert.rejects(none, (e: unknown) => isAwsError(e) && e.code === 'UnableToDetectSchemaException' && /No data/.test(e.message));
  });

  it('reads an S3 object line by line', async () => {
    await broker.s3.operations.CreateBucket({ Bucket: 'samples' });
    await broker.s3.operations.PutObject({ Bucket: 'samples', Key: 'ticks.json', Body: Buffer.from('{"t":"QXZ"}\n{"t":"AMZN"}\n') });
    const out = await discover({ S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::samples', FileKey: 'ticks.json' } });
    assert.deepEqual(out.InputSchema.RecordColumns, [{ Name: 't', Mapping: '$.t', SqlType: 'VARCHAR(4)' }]);
    await assert.rejects(
      discover({ S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::samples', FileKey: 'missing' } }),
      (e: unknown) => isAwsError(e) && e.code === 'InvalidArgumentException',
    );
  });

  it('refuses a missing stream, a bad ARN and no source with InvalidArgumentException', async () => {
    for (const input of [
      { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/nope', RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } },
      { ResourceARN: 'arn:aws:sqs:us-east-1:000000000000:q', RoleARN: ROLE },
      {},
      { ResourceARN: STREAM, RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'LAST_STOPPED_POINT' } },
    ]) {
      await assert.rejects(discover(input), (e: unknown) => isAwsError(e) && e.code === 'InvalidArgumentException', JSON.stringify(input));
    }
  });
});
