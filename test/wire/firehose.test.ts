import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as f from '@aws-sdk/client-firehose';
import * as k from '@aws-sdk/client-kinesis';
import { awsCli, awsCliJson, credentials } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';

/** Firehose through @aws-sdk/client-firehose and Debian awscli, landing objects in `serve --buckets-dir`. */
describe('Firehose over JSON 1.1 with @aws-sdk/client-firehose and awscli', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  let client: f.FirehoseClient;
  let buckets: string;

  before(async () => {
    buckets = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-wire-buckets-'));
    server = await startServe(['--buckets-dir', buckets]);
    client = new f.FirehoseClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
    fs.rmSync(buckets, { recursive: true, force: true });
  });

  function objects(bucket: string): string[] {
    const dir = path.join(buckets, bucket);
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((p) => fs.statSync(path.join(dir, p)).isFile())
      .map((p) => p.split(path.sep).join('/'))
      .sort();
  }

  /** Delivery happens on the broker's scheduler, moments after the buffering interval (0 s here). */
  async function eventually(bucket: string, count: number): Promise<string[]> {
    for (let i = 0; i < 100; i++) {
      const found = objects(bucket);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    return objects(bucket);
  }

  const createDirect = (DeliveryStreamName: string, bucket: string, Prefix?: string) =>
    client.send(
      new f.CreateDeliveryStreamCommand({
        DeliveryStreamName,
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN: `arn:aws:s3:::${bucket}`,
          Prefix,
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        },
      }),
    );

  it('PutRecord and PutRecordBatch land as one object under the prefix and the UTC time folders', async () => {
    const created = await createDirect('wire-direct', 'wire-bucket', 'logs/');
    assert.equal(created.DeliveryStreamARN, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/wire-direct');
    const put = await client.send(new f.PutRecordCommand({ DeliveryStreamName: 'wire-direct', Record: { Data: Buffer.from('a\n') } }));
    assert.ok(put.RecordId);
    const found = await eventually('wire-bucket', 1);
    assert.equal(found.length, 1);
    const now = new Date();
    const hour = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
    assert.ok(found[0].startsWith(`logs/${hour}/`), found[0]);
    assert.match(found[0], /\/wire-direct-1-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9a-f-]{36}$/);
    assert.equal(fs.readFileSync(path.join(buckets, 'wire-bucket', found[0]), 'utf8'), 'a\n');

    const batch = await client.send(
      new f.PutRecordBatchCommand({
        DeliveryStreamName: 'wire-direct',
        Records: [Buffer.from('b\n'), Buffer.from([0xff, 0x00, 0x0a])].map((Data) => ({ Data })),
      }),
    );
    assert.equal(batch.FailedPutCount, 0);
    assert.equal(batch.RequestResponses!.length, 2);
    const after = await eventually('wire-bucket', 2);
    const second = after.find((o) => o !== found[0])!;
    assert.deepEqual(fs.readFileSync(path.join(buckets, 'wire-bucket', second)), Buffer.from([0x62, 0x0a, 0xff, 0x00, 0x0a]));
  });

  it('describes, lists, tags and deletes; an unknown name gets the AWS error', async () => {
    await createDirect('wire-admin', 'admin-bucket');
    const d = (await client.send(new f.DescribeDeliveryStreamCommand({ DeliveryStreamName: 'wire-admin' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamStatus, 'ACTIVE');
    assert.ok(d.CreateTimestamp instanceof Date);
    assert.equal(d.Destinations![0].ExtendedS3DestinationDescription!.BucketARN, 'arn:aws:s3:::admin-bucket');
    const listed = await client.send(new f.ListDeliveryStreamsCommand({}));
    assert.ok(listed.DeliveryStreamNames!.includes('wire-admin'));
    await client.send(new f.TagDeliveryStreamCommand({ DeliveryStreamName: 'wire-admin', Tags: [{ Key: 'subject', Value: 'taboo' }] }));
    const tags = await client.send(new f.ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'wire-admin' }));
    assert.deepEqual([tags.Tags, tags.HasMoreTags], [[{ Key: 'subject', Value: 'taboo' }], false]);
    await client.send(new f.DeleteDeliveryStreamCommand({ DeliveryStreamName: 'wire-admin' }));
    try {
      await client.send(new f.DescribeDeliveryStreamCommand({ DeliveryStreamName: 'wire-admin' }));
      assert.fail('expected ResourceNotFoundException');
    } catch (e) {
      const err = e as f.FirehoseServiceException;
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'Firehose wire-admin under account 000000000000 not found.');
    }
  });

  it('delivers what a Kinesis stream receives when the stream is the source', async () => {
    const kinesis = new k.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      await kinesis.send(new k.CreateStreamCommand({ StreamName: 'wire-src', ShardCount: 1 }));
      const arn = (await kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'wire-src' }))).StreamDescriptionSummary!.StreamARN!;
      await client.send(
        new f.CreateDeliveryStreamCommand({
          DeliveryStreamName: 'wire-from-kinesis',
          DeliveryStreamType: 'KinesisStreamAsSource',
          KinesisStreamSourceConfiguration: { KinesisStreamARN: arn, RoleARN: ROLE },
          S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::from-kinesis', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
        }),
      );
      await kinesis.send(new k.PutRecordCommand({ StreamName: 'wire-src', PartitionKey: 'p', Data: Buffer.from('via kinesis') }));
      const found = await eventually('from-kinesis', 1);
      assert.equal(fs.readFileSync(path.join(buckets, 'from-kinesis', found[0]), 'utf8'), 'via kinesis');
    } finally {
      kinesis.destroy();
    }
  });

  it('POSTs records to an HTTP endpoint destination and expects its acknowledgement', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: { requestId: string; records: { data: string }[] } }[] = [];
    const endpoint = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw);
        received.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now() }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const port = (endpoint.address() as { port: number }).port;
    try {
      await client.send(
        new f.CreateDeliveryStreamCommand({
          DeliveryStreamName: 'wire-http',
          HttpEndpointDestinationConfiguration: {
            EndpointConfiguration: { Url: `http://127.0.0.1:${port}/ingest`, AccessKey: 'k3y' },
            BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
            S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::http-backup' },
          },
        }),
      );
      await client.send(new f.PutRecordCommand({ DeliveryStreamName: 'wire-http', Record: { Data: Buffer.from('to the hook') } }));
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(received.length, 1);
      assert.equal(received[0].headers['x-amz-firehose-access-key'], 'k3y');
      assert.equal(received[0].headers['x-amz-firehose-request-id'], received[0].body.requestId);
      assert.equal(Buffer.from(received[0].body.records[0].data, 'base64').toString(), 'to the hook');
      assert.deepEqual(objects('http-backup'), [], 'delivered data is not backed up in FailedDataOnly mode');
    } finally {
      endpoint.close();
    }
  });

  it('aws firehose: create-delivery-stream, put-record-batch past the size hint, describe-delivery-stream', async () => {
    const aws = (...args: string[]) => awsCliJson(server.url, ['firehose', ...args]);
    // awscli 2.9's model still bounds IntervalInSeconds to 60..900, so this delivery is made by size.
    await aws(
      'create-delivery-stream',
      '--delivery-stream-name',
      'cli-ds',
      '--extended-s3-destination-configuration',
      JSON.stringify({ RoleARN: ROLE, BucketARN: 'arn:aws:s3:::cli-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }),
    );
    const chunk = Buffer.alloc(600_000, 'z');
    const recordsFile = path.join(buckets, 'records.json');
    fs.writeFileSync(recordsFile, JSON.stringify([{ Data: chunk.toString('base64') }, { Data: chunk.toString('base64') }]));
    const put = (await aws('put-record-batch', '--delivery-stream-name', 'cli-ds', '--records', `file://${recordsFile}`)) as {
      FailedPutCount: number;
      RequestResponses: unknown[];
    };
    assert.deepEqual([put.FailedPutCount, put.RequestResponses.length], [0, 2]);
    const found = await eventually('cli-bucket', 1);
    assert.equal(fs.readFileSync(path.join(buckets, 'cli-bucket', found[0])).length, 1_200_000);
    const described = (await aws('describe-delivery-stream', '--delivery-stream-name', 'cli-ds')) as {
      DeliveryStreamDescription: { DeliveryStreamStatus: string };
    };
    assert.equal(described.DeliveryStreamDescription.DeliveryStreamStatus, 'ACTIVE');
    const missing = await awsCli(server.url, ['firehose', 'describe-delivery-stream', '--delivery-stream-name', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException.*Firehose nope under account 000000000000 not found\./);
  });
});
