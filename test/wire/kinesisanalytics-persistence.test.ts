import assert from 'node:assert/strict';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as ka from '@aws-sdk/client-kinesis-analytics';
import { credentials } from './support/clients';
import { dataDirDuringTests } from './support/serve';

const ROLE = 'arn:aws:iam::000000000000:role/analytics';
const arn = (stream: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`;
const CODE = `CREATE OR REPLACE STREAM out_stream (page VARCHAR(16));
CREATE OR REPLACE PUMP copy_pump AS INSERT INTO out_stream SELECT STREAM UPPER(page) FROM SOURCE_SQL_STREAM_001;`;

/** `serve --data-dir` keeps Kinesis Analytics applications, their code and where they read, through a SIGKILL. */
describe('Kinesis Analytics applications with serve --data-dir', function () {
  this.timeout(60_000);
  const data = dataDirDuringTests('eventyard-wire-analytics-');

  async function start() {
    const server = await data.start();
    const apps = data.track(new ka.KinesisAnalyticsClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    const streams = data.track(new kinesis.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    return { apps, streams };
  }

  async function setUp(apps: ka.KinesisAnalyticsClient, streams: kinesis.KinesisClient): Promise<void> {
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'pages', ShardCount: 1 }));
    await streams.send(new kinesis.CreateStreamCommand({ StreamName: 'out', ShardCount: 1 }));
    await apps.send(
      new ka.CreateApplicationCommand({
        ApplicationName: 'copier',
        Inputs: [
          {
            NamePrefix: 'SOURCE_SQL_STREAM',
            KinesisStreamsInput: { ResourceARN: arn('pages'), RoleARN: ROLE },
            InputSchema: { RecordFormat: { RecordFormatType: 'CSV' }, RecordColumns: [{ Name: 'PAGE', SqlType: 'VARCHAR(16)' }] },
          },
        ],
        Outputs: [{ Name: 'OUT_STREAM', KinesisStreamsOutput: { ResourceARN: arn('out'), RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'CSV' } }],
        ApplicationCode: CODE,
        Tags: [{ Key: 'team', Value: 'web' }],
      }),
    );
  }

  const put = (streams: kinesis.KinesisClient, page: string) =>
    streams.send(new kinesis.PutRecordCommand({ StreamName: 'pages', Data: Buffer.from(page), PartitionKey: page }));
  const startApp = (apps: ka.KinesisAnalyticsClient, InputStartingPosition: ka.InputStartingPosition) =>
    apps.send(new ka.StartApplicationCommand({ ApplicationName: 'copier', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition } }] }));

  /** The output stream's records as text, once it holds `count` of them (or what it holds after 5 s). */
  async function output(streams: kinesis.KinesisClient, count: number): Promise<string[]> {
    const { ShardIterator } = await streams.send(new kinesis.GetShardIteratorCommand({ StreamName: 'out', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    let records: string[] = [];
    for (let i = 0; i < 50 && records.length < count; i++) {
      const got = await streams.send(new kinesis.GetRecordsCommand({ ShardIterator }));
      records = (got.Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8').trim());
      if (records.length < count) await new Promise((r) => setTimeout(r, 100));
    }
    return records;
  }

  it('a stopped application keeps its code, tags and stopped position: LAST_STOPPED_POINT reads on after the restart', async () => {
    let { apps, streams } = await start();
    await setUp(apps, streams);
    await startApp(apps, 'NOW');
    await put(streams, 'home');
    assert.deepEqual(await output(streams, 1), ['HOME']);
    await apps.send(new ka.StopApplicationCommand({ ApplicationName: 'copier' }));
    await put(streams, 'cart');
    await data.kill();

    ({ apps, streams } = await start());
    const { ApplicationDetail: detail } = await apps.send(new ka.DescribeApplicationCommand({ ApplicationName: 'copier' }));
    assert.equal(detail!.ApplicationStatus, 'READY');
    assert.equal(detail!.ApplicationCode, CODE);
    assert.equal(detail!.ApplicationVersionId, 1);
    assert.equal(detail!.OutputDescriptions![0].Name, 'OUT_STREAM');
    assert.deepEqual((await apps.send(new ka.ListTagsForResourceCommand({ ResourceARN: detail!.ApplicationARN }))).Tags, [{ Key: 'team', Value: 'web' }]);
    await startApp(apps, 'LAST_STOPPED_POINT');
    await put(streams, 'checkout');
    assert.deepEqual(await output(streams, 3), ['HOME', 'CART', 'CHECKOUT'], 'the record put while stopped is read, the one before is not read again');
  });

  it('a running application comes back running and reads on from its checkpoint', async () => {
    let { apps, streams } = await start();
    await setUp(apps, streams);
    await startApp(apps, 'TRIM_HORIZON');
    await put(streams, 'home');
    assert.deepEqual(await output(streams, 1), ['HOME']);
    await new Promise((r) => setTimeout(r, 1300)); // the position is checkpointed within a second
    await data.kill();

    ({ apps, streams } = await start());
    const { ApplicationDetail: detail } = await apps.send(new ka.DescribeApplicationCommand({ ApplicationName: 'copier' }));
    assert.equal(detail!.ApplicationStatus, 'RUNNING');
    await put(streams, 'cart');
    assert.deepEqual(await output(streams, 2), ['HOME', 'CART']);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await output(streams, 2), ['HOME', 'CART'], 'nothing read twice');
  });
});
