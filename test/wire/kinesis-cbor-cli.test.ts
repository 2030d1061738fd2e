import assert from 'node:assert/strict';
import { Decoder, Encoder, Tag } from 'cbor-x';
import { awsCli, awsCliJson } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

const decoder = new Decoder({ mapsAsObjects: true, useRecords: false });
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true });

/** Kinesis in CBOR (as the Java SDK speaks it, cbor-x encoded here) and through Debian's /usr/bin/aws. */
describe('Kinesis over CBOR and with Debian awscli', function () {
  // Each Debian awscli call starts a Python interpreter (1-3 s on a busy 2-core machine); one test makes six.
  this.timeout(180_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  async function cbor(action: string, input: object): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-cbor-1.1',
        'x-amz-target': `Kinesis_20131202.${action}`,
      },
      body: encoder.encode(input),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: decoder.decode(bytes) };
  }

  it('answers an unknown stream with the CBOR error shape AWS recorded', async () => {
    const r = await cbor('DescribeStream', { StreamName: 'wrong-stream-name' });
    assert.equal(r.status, 400);
    assert.equal(r.type, 'application/x-amz-cbor-1.1');
    // Recorded (test/fixtures/aws-reference/test_kinesis.snapshot.json, test_cbor_exceptions) for account 111111111111.
    assert.deepEqual(r.body, {
      __type: 'ResourceNotFoundException',
      message: 'Stream wrong-stream-name under account 000000000000 not found.',
    });
  });

  it('puts and gets records with byte-string data and tag-1 timestamps', async () => {
    assert.equal((await cbor('CreateStream', { StreamName: 'cbor-s', ShardCount: 1 })).status, 200);
    const data = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]);
    const put = await cbor('PutRecord', { StreamName: 'cbor-s', PartitionKey: 'k', Data: data });
    assert.equal(put.status, 200);
    assert.equal(put.body.ShardId, 'shardId-000000000000');
    const it = await cbor('GetShardIterator', {
      StreamName: 'cbor-s',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: new Tag(Date.now() - 60_000, 1),
    });
    assert.equal(it.status, 200, JSON.stringify(it.body));
    const got = await cbor('GetRecords', { ShardIterator: it.body.ShardIterator });
    const records = got.body.Records as { Data: Uint8Array; SequenceNumber: string; ApproximateArrivalTimestamp: unknown }[];
    assert.equal(records.length, 1);
    assert.deepEqual(Buffer.from(records[0].Data), data);
    assert.equal(records[0].SequenceNumber, put.body.SequenceNumber);
    // Tag 1 carries epoch milliseconds, as the Java SDK reads it; cbor-x decodes it as seconds.
    const arrival = records[0].ApproximateArrivalTimestamp as Date;
    assert.ok(Math.abs(arrival.getTime() / 1000 - Date.now()) < 60_000, `arrival ${arrival.getTime()}`);
  });

  it('aws kinesis: create-stream, put-record, get-shard-iterator, get-records, list-shards', async () => {
    const aws = (...args: string[]) => awsCliJson(server.url, ['kinesis', ...args]);
    await aws('create-stream', '--stream-name', 'cli-s', '--shard-count', '2');
    const described = (await aws('describe-stream-summary', '--stream-name', 'cli-s')) as {
      StreamDescriptionSummary: { StreamStatus: string; OpenShardCount: number };
    };
    assert.deepEqual([described.StreamDescriptionSummary.StreamStatus, described.StreamDescriptionSummary.OpenShardCount], ['ACTIVE', 2]);
    const put = (await aws('put-record', '--stream-name', 'cli-s', '--partition-key', 'pk', '--data', Buffer.from('from the cli').toString('base64'))) as {
      ShardId: string;
      SequenceNumber: string;
    };
    const it = (await aws('get-shard-iterator', '--stream-name', 'cli-s', '--shard-id', put.ShardId, '--shard-iterator-type', 'TRIM_HORIZON')) as {
      ShardIterator: string;
    };
    const got = (await aws('get-records', '--shard-iterator', it.ShardIterator)) as { Records: { Data: string; SequenceNumber: string }[] };
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'from the cli');
    assert.equal(got.Records[0].SequenceNumber, put.SequenceNumber);
    const shards = (await aws('list-shards', '--stream-name', 'cli-s')) as { Shards: unknown[] };
    assert.equal(shards.Shards.length, 2);
    const missing = await awsCli(server.url, ['kinesis', 'describe-stream', '--stream-name', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException.*Stream nope under account 000000000000 not found\./);
  });
});
