import assert from 'node:assert/strict';
import http2 from 'node:http2';
import * as kinesis from '@aws-sdk/client-kinesis';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { decode, encode } from 'cbor-x';
import { credentials } from './support/clients';
import { raw } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/**
 * The latest Kinesis SDK speaks cleartext HTTP/2 with prior knowledge by default; the Java SDK speaks CBOR.
 * Both must work on the same port as HTTP/1.1 clients, with no special configuration.
 */
describe('HTTP/2 and CBOR on the shared port (Kinesis)', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: kinesis.KinesisClient;

  before(async () => {
    server = await startServe();
    client = new kinesis.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('the Kinesis SDK with its default NodeHttp2Handler creates a stream, puts and gets a record', async () => {
    assert.ok(client.config.requestHandler instanceof NodeHttp2Handler, 'the SDK default is the HTTP/2 handler');
    await client.send(new kinesis.CreateStreamCommand({ StreamName: 'h2-stream', ShardCount: 1 }));
    const put = await client.send(
      new kinesis.PutRecordCommand({ StreamName: 'h2-stream', PartitionKey: 'k', Data: new Uint8Array([1, 2, 3]) }),
    );
    const { ShardIterator } = await client.send(
      new kinesis.GetShardIteratorCommand({ StreamName: 'h2-stream', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await client.send(new kinesis.GetRecordsCommand({ ShardIterator }));
    assert.equal(Records?.length, 1);
    assert.deepEqual([...Records![0].Data!], [1, 2, 3]);
    assert.ok(Records![0].ApproximateArrivalTimestamp instanceof Date);
    assert.ok(Math.abs(Records![0].ApproximateArrivalTimestamp!.getTime() - Date.now()) < 60_000);
  });

  it('an AWS error reaches the SDK over HTTP/2 with its name and message', async () => {
    try {
      await client.send(new kinesis.DescribeStreamCommand({ StreamName: 'wrong-stream-name' }));
      assert.fail('expected ResourceNotFoundException');
    } catch (e) {
      assert.ok(e instanceof kinesis.ResourceNotFoundException, String(e));
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.match(e.message, /Stream wrong-stream-name under account 000000000000 not found\./);
    }
  });

  it('a raw prior-knowledge HTTP/2 session serves SQS JSON and the admin surface too', async () => {
    const session = http2.connect(server.url);
    try {
      const request = (headers: http2.OutgoingHttpHeaders, body?: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const stream = session.request(headers);
          let data = '';
          let status = 0;
          stream.on('response', (h) => (status = Number(h[':status'])));
          stream.setEncoding('utf8');
          stream.on('data', (d) => (data += d));
          stream.on('end', () => resolve({ status, body: data }));
          stream.on('error', reject);
          stream.end(body);
        });
      const created = await request(
        { ':method': 'POST', ':path': '/', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.CreateQueue' },
        JSON.stringify({ QueueName: 'over-h2' }),
      );
      assert.equal(created.status, 200);
      assert.equal(JSON.parse(created.body).QueueUrl, `${server.url}/000000000000/over-h2`);
      const health = await request({ ':method': 'GET', ':path': '/_eventyard/health' });
      assert.equal(JSON.parse(health.body).status, 'ok');
      const refused = await request({ ':method': 'GET', ':path': '/_eventyard/health', ':authority': 'evil.example' });
      assert.equal(refused.status, 403);
    } finally {
      session.close();
    }
  });

  describe('CBOR (application/x-amz-cbor-1.1)', () => {
    const cbor = (action: string, input: unknown) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': `Kinesis_20131202.${action}` },
      body: Buffer.from(encode(input)),
    });

    it('answers errors in CBOR with the shape AWS recorded', async () => {
      const res = await raw(server.url, cbor('DescribeStream', { StreamName: 'wrong-stream-name' }));
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], 'application/x-amz-cbor-1.1');
      assert.deepEqual(decode(res.body), {
        __type: 'ResourceNotFoundException',
        message: 'Stream wrong-stream-name under account 000000000000 not found.',
      });
    });

    it('takes byte strings and answers records with byte strings and epoch-millisecond timestamps', async () => {
      await raw(server.url, cbor('CreateStream', { StreamName: 'cbor-stream', ShardCount: 1 }));
      const put = decode((await raw(server.url, cbor('PutRecord', { StreamName: 'cbor-stream', PartitionKey: 'p', Data: Buffer.from('hello') }))).body);
      assert.match(put.SequenceNumber, /^[0-9]+$/);
      const iterator = decode(
        (await raw(server.url, cbor('GetShardIterator', { StreamName: 'cbor-stream', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).body,
      );
      const records = decode((await raw(server.url, cbor('GetRecords', { ShardIterator: iterator.ShardIterator }))).body);
      assert.equal(Buffer.from(records.Records[0].Data).toString(), 'hello');
      // cbor-x reads tag 1 as seconds; the value on the wire is milliseconds, as the Java SDK expects.
      const arrival = records.Records[0].ApproximateArrivalTimestamp as Date;
      assert.ok(Math.abs(arrival.getTime() / 1000 - Date.now()) < 60_000, String(arrival));
    });

    it('answers garbage CBOR with SerializationException', async () => {
      for (const body of [Buffer.from([0xff, 0x00, 0x13]), Buffer.from([0x9f]), Buffer.from(encode([1, 2])), Buffer.from(encode('text'))]) {
        const res = await raw(server.url, { ...cbor('ListStreams', {}), body });
        assert.equal(res.status, 400);
        assert.equal(decode(res.body).__type, 'SerializationException');
      }
    });
  });
});
