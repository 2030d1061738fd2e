import assert from 'node:assert/strict';
import * as ka from '@aws-sdk/client-kinesis-analytics';
import * as kinesis from '@aws-sdk/client-kinesis';
import { awsCli, awsCliJson, credentials } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

const ROLE = 'arn:aws:iam::000000000000:role/analytics';
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/ticks';
const OUT_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/counts';
const FIREHOSE_ARN = 'arn:aws:firehose:us-east-1:000000000000:deliverystream/counts';

const input: ka.Input = {
  NamePrefix: 'SOURCE_SQL_STREAM',
  KinesisStreamsInput: { ResourceARN: STREAM_ARN, RoleARN: ROLE },
  InputSchema: {
    RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
    RecordEncoding: 'UTF-8',
    RecordColumns: [
      { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
      { Name: 'PRICE', Mapping: '$.PRICE', SqlType: 'REAL' },
    ],
  },
};
const output = (Name: string, ResourceARN = OUT_ARN): ka.Output => ({
  Name,
  KinesisStreamsOutput: { ResourceARN, RoleARN: ROLE },
  DestinationSchema: { RecordFormatType: 'JSON' },
});
const CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count FROM "SOURCE_SQL_STREAM_001"
GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

/** Kinesis Analytics (SQL applications) through the real @aws-sdk/client-kinesis-analytics. */
describe('Kinesis Analytics over JSON 1.1 with @aws-sdk/client-kinesis-analytics', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  let client: ka.KinesisAnalyticsClient;
  let streams: kinesis.KinesisClient;

  before(async () => {
    server = await startServe([]);
    client = new ka.KinesisAnalyticsClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    streams = new kinesis.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'ticks', ShardCount: 1 }));
  });
  after(async () => {
    client.destroy();
    streams.destroy();
    assert.equal(await server.stop(), 0);
  });

  const describeApp = async (ApplicationName: string) =>
    (await client.send(new ka.DescribeApplicationCommand({ ApplicationName }))).ApplicationDetail!;

  // Any command of the client: its send overloads take one command type each.
  async function rejects(command: object, name: string, message?: RegExp): Promise<void> {
    await assert.rejects(
      () => client.send(command as ka.DescribeApplicationCommand),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, name, e.message);
        assert.equal(e.$metadata?.httpStatusCode, 400);
        if (message) assert.match(e.message, message);
        return true;
      },
    );
  }

  it('creates, describes, lists and deletes an application with its input, output and code', async () => {
    const created = await client.send(
      new ka.CreateApplicationCommand({
        ApplicationName: 'ticks',
        ApplicationDescription: 'counts per ticker',
        Inputs: [input],
        Outputs: [output('DESTINATION_SQL_STREAM')],
        ApplicationCode: CODE,
        Tags: [{ Key: 'team', Value: 'data' }],
      }),
    );
    assert.deepEqual(created.ApplicationSummary, {
      ApplicationName: 'ticks',
      ApplicationARN: 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/ticks',
      ApplicationStatus: 'READY',
    });
    const detail = await describeApp('ticks');
    assert.equal(detail.ApplicationVersionId, 1);
    assert.equal(detail.ApplicationCode, CODE);
    assert.equal(detail.ApplicationDescription, 'counts per ticker');
    assert.ok(detail.CreateTimestamp instanceof Date);
    assert.equal(detail.InputDescriptions?.length, 1);
    assert.deepEqual(detail.InputDescriptions![0].InAppStreamNames, ['SOURCE_SQL_STREAM_001']);
    assert.equal(detail.InputDescriptions![0].InputId, '1.1');
    assert.deepEqual(detail.InputDescriptions![0].KinesisStreamsInputDescription, { ResourceARN: STREAM_ARN, RoleARN: ROLE });
    assert.deepEqual(detail.InputDescriptions![0].InputSchema, input.InputSchema);
    assert.deepEqual(detail.OutputDescriptions!.map((o) => [o.OutputId, o.Name]), [['1.1', 'DESTINATION_SQL_STREAM']]);

    await rejects(new ka.CreateApplicationCommand({ ApplicationName: 'ticks' }), 'ResourceInUseException', /ticks/);

    await client.send(new ka.CreateApplicationCommand({ ApplicationName: 'other' }));
    const page = await client.send(new ka.ListApplicationsCommand({ Limit: 1 }));
    assert.deepEqual(page.ApplicationSummaries!.map((s) => s.ApplicationName), ['other']);
    assert.equal(page.HasMoreApplications, true);
    const rest = await client.send(new ka.ListApplicationsCommand({ ExclusiveStartApplicationName: 'other' }));
    assert.deepEqual(rest.ApplicationSummaries!.map((s) => s.ApplicationName), ['ticks']);
    assert.equal(rest.HasMoreApplications, false);

    const tags = await client.send(new ka.ListTagsForResourceCommand({ ResourceARN: detail.ApplicationARN }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'data' }]);
    await client.send(new ka.TagResourceCommand({ ResourceARN: detail.ApplicationARN, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await client.send(new ka.UntagResourceCommand({ ResourceARN: detail.ApplicationARN, TagKeys: ['team'] }));
    assert.deepEqual((await client.send(new ka.ListTagsForResourceCommand({ ResourceARN: detail.ApplicationARN }))).Tags, [{ Key: 'env', Value: 'dev' }]);

    const other = await describeApp('other');
    await rejects(new ka.DeleteApplicationCommand({ ApplicationName: 'other', CreateTimestamp: new Date(0) }), 'InvalidArgumentException');
    await client.send(new ka.DeleteApplicationCommand({ ApplicationName: 'other', CreateTimestamp: other.CreateTimestamp }));
    await rejects(new ka.DescribeApplicationCommand({ ApplicationName: 'other' }), 'ResourceNotFoundException', /other/);
    await rejects(new ka.ListTagsForResourceCommand({ ResourceARN: other.ApplicationARN }), 'ResourceNotFoundException');
  });

  it('versions every change and refuses a change to a version that is not current', async () => {
    await client.send(new ka.CreateApplicationCommand({ ApplicationName: 'versions' }));
    await rejects(
      new ka.AddApplicationInputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 7, Input: input }),
      'ConcurrentModificationException',
      /version 7 .* 1/,
    );
    await client.send(new ka.AddApplicationInputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 1, Input: input }));
    await rejects(
      new ka.AddApplicationInputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 2, Input: input }),
      'LimitExceededException',
    );
    await client.send(new ka.AddApplicationOutputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 2, Output: output('A') }));
    await client.send(
      new ka.AddApplicationOutputCommand({
        ApplicationName: 'versions',
        CurrentApplicationVersionId: 3,
        Output: { Name: 'B', KinesisFirehoseOutput: { ResourceARN: FIREHOSE_ARN, RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'CSV' } },
      }),
    );
    await client.send(new ka.DeleteApplicationOutputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 4, OutputId: '1.1' }));
    await rejects(
      new ka.DeleteApplicationOutputCommand({ ApplicationName: 'versions', CurrentApplicationVersionId: 5, OutputId: '1.1' }),
      'ResourceNotFoundException',
    );
    await client.send(
      new ka.UpdateApplicationCommand({
        ApplicationName: 'versions',
        CurrentApplicationVersionId: 5,
        ApplicationUpdate: {
          ApplicationCodeUpdate: CODE,
          InputUpdates: [{ InputId: '1.1', NamePrefixUpdate: 'IN', InputParallelismUpdate: { CountUpdate: 2 } }],
          OutputUpdates: [{ OutputId: '1.2', NameUpdate: 'DESTINATION_SQL_STREAM' }],
        },
      }),
    );
    const detail = await describeApp('versions');
    assert.equal(detail.ApplicationVersionId, 6);
    assert.equal(detail.ApplicationCode, CODE);
    assert.deepEqual(detail.InputDescriptions![0].InAppStreamNames, ['IN_001', 'IN_002']);
    assert.deepEqual(detail.OutputDescriptions!.map((o) => [o.OutputId, o.Name, o.DestinationSchema?.RecordFormatType]), [['1.2', 'DESTINATION_SQL_STREAM', 'CSV']]);
    assert.deepEqual(detail.OutputDescriptions![0].KinesisFirehoseOutputDescription, { ResourceARN: FIREHOSE_ARN, RoleARN: ROLE });
    // An update that fails changes nothing, not even the parts before the failing one.
    await rejects(
      new ka.UpdateApplicationCommand({
        ApplicationName: 'versions',
        CurrentApplicationVersionId: 6,
        ApplicationUpdate: { ApplicationCodeUpdate: CODE.replace('"STREAM_PUMP"', '"OTHER_PUMP"'), OutputUpdates: [{ OutputId: '9.9', NameUpdate: 'N' }] },
      }),
      'InvalidArgumentException',
    );
    assert.equal((await describeApp('versions')).ApplicationVersionId, 6);
    assert.equal((await describeApp('versions')).ApplicationCode, CODE);
  });

  it('starts and stops an application from a chosen position', async () => {
    await client.send(new ka.CreateApplicationCommand({ ApplicationName: 'runs', Inputs: [input], ApplicationCode: CODE }));
    await rejects(
      new ka.StartApplicationCommand({ ApplicationName: 'runs', InputConfigurations: [{ Id: '2.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }),
      'InvalidArgumentException',
    );
    await client.send(
      new ka.StartApplicationCommand({ ApplicationName: 'runs', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] }),
    );
    const running = await describeApp('runs');
    assert.equal(running.ApplicationStatus, 'RUNNING');
    assert.deepEqual(running.InputDescriptions![0].InputStartingPositionConfiguration, { InputStartingPosition: 'TRIM_HORIZON' });
    await rejects(
      new ka.StartApplicationCommand({ ApplicationName: 'runs', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: {} }] }),
      'ResourceInUseException',
    );
    await client.send(new ka.StopApplicationCommand({ ApplicationName: 'runs' }));
    assert.equal((await describeApp('runs')).ApplicationStatus, 'READY');

    await client.send(new ka.CreateApplicationCommand({ ApplicationName: 'no-input' }));
    await rejects(new ka.StartApplicationCommand({ ApplicationName: 'no-input', InputConfigurations: [] }), 'InvalidApplicationConfigurationException');
    await rejects(new ka.StopApplicationCommand({ ApplicationName: 'nope' }), 'ResourceNotFoundException');
  });

  it('refuses code that does not parse with CodeValidationException naming the line and column', async () => {
    await rejects(
      new ka.CreateApplicationCommand({ ApplicationName: 'bad-code', ApplicationCode: CODE.replace('SELECT STREAM', 'SELECT') }),
      'CodeValidationException',
      /Expecting token of type --> STREAM <-- but found --> 'ticker_symbol' <-- at line 3, column 8$/,
    );
    await rejects(new ka.DescribeApplicationCommand({ ApplicationName: 'bad-code' }), 'ResourceNotFoundException');
    await client.send(new ka.CreateApplicationCommand({ ApplicationName: 'good-code', ApplicationCode: CODE }));
    await rejects(
      new ka.UpdateApplicationCommand({
        ApplicationName: 'good-code',
        CurrentApplicationVersionId: 1,
        ApplicationUpdate: { ApplicationCodeUpdate: 'CREATE OR REPLACE STREAM "S" (a INTEGER,);' },
      }),
      'CodeValidationException',
      /Unexpected '\)' at line 1, column 41$/,
    );
    const detail = await describeApp('good-code');
    assert.equal(detail.ApplicationCode, CODE, 'refused code is not kept');
    assert.equal(detail.ApplicationVersionId, 1);
  });

  it('refuses inputs and outputs that AWS refuses', async () => {
    await rejects(
      new ka.CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [{ ...input, KinesisFirehoseInput: { ResourceARN: FIREHOSE_ARN, RoleARN: ROLE } }] }),
      'InvalidArgumentException',
      /exactly one/,
    );
    await rejects(
      new ka.CreateApplicationCommand({
        ApplicationName: 'bad',
        Inputs: [{ ...input, InputSchema: { ...input.InputSchema!, RecordColumns: [{ Name: 'X', SqlType: 'WIBBLE' }] } }],
      }),
      'InvalidArgumentException',
      /WIBBLE/,
    );
    await rejects(new ka.CreateApplicationCommand({ ApplicationName: 'bad', Outputs: [output('A'), output('B'), output('C'), output('D')] }), 'LimitExceededException');
    await rejects(new ka.CreateApplicationCommand({ ApplicationName: 'bad name!' }), 'InvalidArgumentException');
    await rejects(new ka.DescribeApplicationCommand({ ApplicationName: 'bad' }), 'ResourceNotFoundException');
  });

  /** Every record of a stream's shards so far, as text. */
  async function records(StreamName: string): Promise<string[]> {
    const { Shards } = await streams.send(new kinesis.ListShardsCommand({ StreamName }));
    const out: string[] = [];
    for (const shard of Shards ?? []) {
      const { ShardIterator } = await streams.send(new kinesis.GetShardIteratorCommand({ StreamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records } = await streams.send(new kinesis.GetRecordsCommand({ ShardIterator }));
      out.push(...(Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8')));
    }
    return out;
  }

  it('runs: JSON records put into a Kinesis stream come out of the output stream as tumbling-window counts', async () => {
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'page-counts', ShardCount: 1 }));
    // The streams walkthrough's clicks per page, in one-second windows so the test waits one second.
    await client.send(
      new ka.CreateApplicationCommand({
        ApplicationName: 'clicks-per-page',
        Inputs: [
          {
            NamePrefix: 'SOURCE_SQL_STREAM',
            KinesisStreamsInput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks', RoleARN: ROLE },
            InputSchema: {
              RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
              RecordColumns: [
                { Name: 'PAGE', Mapping: '$.page', SqlType: 'VARCHAR(64)' },
                { Name: 'USER_ID', Mapping: '$.user.id', SqlType: 'INTEGER' },
              ],
            },
          },
        ],
        Outputs: [
          { Name: 'PAGE_COUNTS', KinesisStreamsOutput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/page-counts', RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } },
        ],
        ApplicationCode: `CREATE OR REPLACE STREAM page_counts (page VARCHAR(64), clicks INTEGER, users INTEGER);
CREATE OR REPLACE PUMP count_pump AS INSERT INTO page_counts
  SELECT STREAM page, COUNT(*) AS clicks, COUNT(user_id) AS users
  FROM SOURCE_SQL_STREAM_001
  WHERE page <> '/health'
  GROUP BY page, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '1' SECOND);`,
      }),
    );
    await client.send(
      new ka.StartApplicationCommand({ ApplicationName: 'clicks-per-page', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }),
    );
    const clicks = [
      { page: '/home', user: { id: 1 } },
      { page: '/cart', user: { id: 2 } },
      { page: '/home', user: { id: 3 } },
      { page: '/health' },
      { page: '/home' },
    ];
    await streams.send(
      new kinesis.PutRecordsCommand({ StreamName: 'clicks', Records: clicks.map((c, i) => ({ Data: Buffer.from(JSON.stringify(c)), PartitionKey: `p${i}` })) }),
    );
    let rows: { PAGE: string; CLICKS: number; USERS: number }[] = [];
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = (await records('page-counts')).map((r) => JSON.parse(r) as (typeof rows)[number]);
    }
    assert.deepEqual(
      rows.sort((a, b) => a.PAGE.localeCompare(b.PAGE)),
      [
        { PAGE: '/cart', CLICKS: 1, USERS: 1 },
        { PAGE: '/home', CLICKS: 3, USERS: 2 },
      ],
    );
    await client.send(new ka.StopApplicationCommand({ ApplicationName: 'clicks-per-page' }));
    await streams.send(new kinesis.PutRecordsCommand({ StreamName: 'clicks', Records: [{ Data: Buffer.from('{"page":"/cart"}'), PartitionKey: 'p' }] }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await records('page-counts')).length, 2, 'a stopped application reads nothing');
  });

  it('DiscoverInputSchema infers JSON columns from the records a stream holds, and refuses what it cannot read', async () => {
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'samples', ShardCount: 1 }));
    const ticks = [
      { TICKER_SYMBOL: 'QXZ', SECTOR: 'HEALTHCARE', CHANGE: -0.05, PRICE: 84.51 },
      { TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: 1.2, PRICE: 712.5 },
    ];
    await streams.send(new kinesis.PutRecordsCommand({ StreamName: 'samples', Records: ticks.map((t) => ({ Data: Buffer.from(JSON.stringify(t)), PartitionKey: t.TICKER_SYMBOL })) }));
    const SAMPLES = 'arn:aws:kinesis:us-east-1:000000000000:stream/samples';
    const out = await client.send(
      new ka.DiscoverInputSchemaCommand({ ResourceARN: SAMPLES, RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }),
    );
    assert.deepEqual(out.InputSchema, {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: [
        { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
        { Name: 'SECTOR', Mapping: '$.SECTOR', SqlType: 'VARCHAR(16)' },
        { Name: 'CHANGE', Mapping: '$.CHANGE', SqlType: 'REAL' },
        { Name: 'PRICE', Mapping: '$.PRICE', SqlType: 'REAL' },
      ],
    });
    assert.deepEqual(out.ParsedInputRecords, [
      ['QXZ', 'HEALTHCARE', '-0.05', '84.51'],
      ['AMZN', 'TECHNOLOGY', '1.2', '712.5'],
    ]);
    assert.deepEqual(out.RawInputRecords, ticks.map((t) => JSON.stringify(t)));

    await streams.send(new kinesis.PutRecordCommand({ StreamName: 'samples', Data: Buffer.from('not json at all'), PartitionKey: 'x' }));
    const undetectable = await client
      .send(new ka.DiscoverInputSchemaCommand({ ResourceARN: SAMPLES, RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }))
      .then(() => assert.fail('a schema was found'), (e: ka.UnableToDetectSchemaException) => e);
    assert.equal(undetectable.name, 'UnableToDetectSchemaException');
    assert.equal(undetectable.$metadata.httpStatusCode, 400);
    assert.deepEqual(undetectable.RawInputRecords, [...ticks.map((t) => JSON.stringify(t)), 'not json at all']);

    await rejects(
      new ka.DiscoverInputSchemaCommand({ ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/missing', RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }),
      'InvalidArgumentException',
      /missing/,
    );
    await rejects(new ka.DiscoverInputSchemaCommand({}), 'InvalidArgumentException');
  });

  it('the AWS CLI creates, starts and discovers: records put with `aws kinesis` come out filtered and projected', async () => {
    const url = server.url;
    await awsCliJson(url, ['kinesis', 'create-stream', '--stream-name', 'cli-in', '--shard-count', '1']);
    await awsCliJson(url, ['kinesis', 'create-stream', '--stream-name', 'cli-out', '--shard-count', '1']);
    const cliInput = {
      NamePrefix: 'SOURCE_SQL_STREAM',
      KinesisStreamsInput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/cli-in', RoleARN: ROLE },
      InputSchema: { RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } }, RecordColumns: [{ Name: 'LEVEL', SqlType: 'VARCHAR(8)' }, { Name: 'MSG', SqlType: 'VARCHAR(64)' }] },
    };
    const cliOutput = { Name: 'ALERTS', KinesisStreamsOutput: { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/cli-out', RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } };
    const created = await awsCliJson(url, [
      'kinesisanalytics', 'create-application', '--application-name', 'cli-app',
      '--inputs', JSON.stringify([cliInput]), '--outputs', JSON.stringify([cliOutput]),
      '--application-code', "CREATE STREAM alerts (msg VARCHAR(64)); CREATE PUMP alert_pump AS INSERT INTO alerts SELECT STREAM UPPER(msg) FROM SOURCE_SQL_STREAM_001 WHERE level = 'ERROR';",
    ]);
    assert.equal((created.ApplicationSummary as { ApplicationStatus: string }).ApplicationStatus, 'READY');
    await awsCliJson(url, ['kinesisanalytics', 'start-application', '--application-name', 'cli-app', '--input-configurations', JSON.stringify([{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }])]);
    for (const line of ['INFO,started', 'ERROR,disk full']) {
      await awsCliJson(url, ['kinesis', 'put-record', '--stream-name', 'cli-in', '--partition-key', 'k', '--data', Buffer.from(line).toString('base64')]);
    }
    assert.deepEqual(await records('cli-out'), ['{"MSG":"DISK FULL"}']);

    const discovered = await awsCliJson(url, [
      'kinesisanalytics', 'discover-input-schema', '--resource-arn', 'arn:aws:kinesis:us-east-1:000000000000:stream/cli-in', '--role-arn', ROLE,
      '--input-starting-position-configuration', 'InputStartingPosition=TRIM_HORIZON',
    ]);
    assert.deepEqual((discovered.InputSchema as { RecordColumns: unknown[] }).RecordColumns, [
      { Name: 'COL1', SqlType: 'VARCHAR(8)' },
      { Name: 'COL2', SqlType: 'VARCHAR(16)' },
    ]);
    const missing = await awsCli(url, ['kinesisanalytics', 'describe-application', '--application-name', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });
});
