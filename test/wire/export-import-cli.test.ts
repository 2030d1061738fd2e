import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { credentials, sqsClient } from './support/clients';
import { runCli, serveDuringSuite } from './support/serve';

/**
 * `eventyard export` and `eventyard import` as a user runs them: a real spawned CLI against a real serve,
 * what it wrote checked as a file and what it sent checked with the AWS SDK v3 clients.
 */
describe('export and import from the command line', function () {
  this.timeout(60_000);
  const server = serveDuringSuite();
  let dir = '';
  let sqs: SQSClient;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-export-'));
    sqs = sqsClient(server.url);
  });
  after(() => {
    sqs.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const tricky = ['{"n":1,"note":"a, b"}', 'line one\nline "two"', 'plain'];

  async function fifoQueue(name: string): Promise<string> {
    return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: 'true' } }))).QueueUrl!;
  }

  async function receiveAll(QueueUrl: string) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    return Messages;
  }

  for (const format of ['json', 'csv'] as const) {
    it(`round-trips a FIFO queue through ${format} without consuming it: bodies, attributes, group and deduplication ids`, async () => {
      const source = await fifoQueue(`orders-${format}.fifo`);
      for (const [i, body] of tricky.entries()) {
        await sqs.send(new SendMessageCommand({
          QueueUrl: source, MessageBody: body, MessageGroupId: `g${i % 2}`, MessageDeduplicationId: `d${i}`,
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'order, "big"' }, n: { DataType: 'Number', StringValue: String(i) }, raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, i, 255]) } },
        }));
      }
      const file = path.join(dir, `orders.${format === 'json' ? 'ndjson' : 'csv'}`);
      const exported = await runCli(['export', `queue:orders-${format}.fifo`, '--format', format, '--out', file, '--endpoint', server.url]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stderr, new RegExp(`Exported 3 messages of queue orders-${format}\\.fifo to `));
      const text = fs.readFileSync(file, 'utf8');
      if (format === 'csv') {
        assert.match(text, /^messageId,timestamp,messageGroupId,messageDeduplicationId,partitionKey,shardId,sequenceNumber,subject,messageAttributes,encoding,body\r\n/);
        assert.ok(text.includes('"line one\nline ""two"""'), 'a body with a line end and quotes is one quoted field');
      } else {
        assert.equal(text.trim().split('\n').length, 3);
      }
      // A peek: the three are still there and were never received.
      const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      assert.deepEqual([left.Attributes?.ApproximateNumberOfMessages, left.Attributes?.ApproximateNumberOfMessagesNotVisible], ['3', '0']);

      const target = await fifoQueue(`copy-${format}.fifo`);
      const imported = await runCli(['import', file, '--into', target, '--endpoint', server.url]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, new RegExp(`Sent 3 messages to queue copy-${format}\\.fifo\\.`));
      const got = [...(await receiveAll(target)), ...(await receiveAll(target))];
      const seen = got.map((m) => ({
        body: m.Body, group: m.Attributes?.MessageGroupId, dedup: m.Attributes?.MessageDeduplicationId,
        kind: m.MessageAttributes?.kind.StringValue, n: m.MessageAttributes?.n.DataType, raw: Buffer.from(m.MessageAttributes!.raw.BinaryValue!).toString('hex'),
      })).sort((a, b) => a.dedup!.localeCompare(b.dedup!));
      assert.deepEqual(seen, tricky.map((body, i) => ({ body, group: `g${i % 2}`, dedup: `d${i}`, kind: 'order, "big"', n: 'Number', raw: `00${i.toString(16).padStart(2, '0')}ff` })));
    });
  }

  it('imports messages too large to go ten to a batch, in batches SendMessageBatch takes', async () => {
    const big = { MaximumMessageSize: '1048576' };
    const { QueueUrl: source } = await sqs.send(new CreateQueueCommand({ QueueName: 'big', Attributes: big }));
    const { QueueUrl: copy } = await sqs.send(new CreateQueueCommand({ QueueName: 'big-copy', Attributes: big }));
    for (const c of 'abc') await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: c.repeat(400_000) }));
    const file = path.join(dir, 'big.ndjson');
    assert.equal((await runCli(['export', 'queue:big', '--out', file, '--endpoint', server.url])).code, 0);
    const imported = await runCli(['import', file, '--into', 'queue:big-copy', '--endpoint', server.url]);
    assert.equal(imported.code, 0, imported.stderr);
    const got = [...(await receiveAll(copy!)), ...(await receiveAll(copy!)), ...(await receiveAll(copy!))];
    assert.deepEqual(got.map((m) => `${m.Body![0]}${m.Body!.length}`).sort(), ['a400000', 'b400000', 'c400000']);
  });

  it('round-trips a stream through csv, text and binary records with their partition keys', async () => {
    const kinesis = new KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      for (const name of ['clicks', 'clicks-copy']) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'user-1', Data: Buffer.from('{"page":"/a, /b"}') }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'user-2', Data: Buffer.from([0xff, 0xfe, 0]) }));
      const file = path.join(dir, 'clicks.csv');
      assert.equal((await runCli(['export', 'stream:clicks', '--format', 'csv', '--out', file, '--endpoint', server.url])).code, 0);
      assert.match(fs.readFileSync(file, 'utf8'), /,user-2,shardId-000000000000,[0-9]+,,,base64,\//);
      const imported = await runCli(['import', file, '--into', 'stream:clicks-copy', '--endpoint', server.url]);
      assert.equal(imported.code, 0, imported.stderr);
      const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'clicks-copy' }));
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'clicks-copy', ShardId: Shards[0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      assert.deepEqual(Records.map((r) => [r.PartitionKey, Buffer.from(r.Data!).toString('hex')]), [
        ['user-1', Buffer.from('{"page":"/a, /b"}').toString('hex')],
        ['user-2', 'fffe00'],
      ]);
    } finally {
      kinesis.destroy();
    }
  });

  it('exports a topic outbox to standard output and publishes each message once into another topic', async () => {
    const sns = new SNSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15550002222' }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15550001111' }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'disk full', Subject: 'Disk' }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'cpu hot' }));
      const exported = await runCli(['export', TopicArn!, '--endpoint', server.url]);
      assert.equal(exported.code, 0, exported.stderr);
      const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { body: string; subject?: string; messageId: string });
      assert.equal(lines.length, 4, 'one line per subscriber that got it');
      assert.deepEqual([...new Set(lines.map((l) => l.body))].sort(), ['cpu hot', 'disk full']);
      const file = path.join(dir, 'alerts.ndjson');
      fs.writeFileSync(file, exported.stdout);

      const { TopicArn: copy } = await sns.send(new CreateTopicCommand({ Name: 'alerts-copy' }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-copy-inbox' }));
      await sns.send(new SubscribeCommand({ TopicArn: copy, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:alerts-copy-inbox', Attributes: { RawMessageDelivery: 'true' } }));
      const imported = await runCli(['import', file, '--into', 'topic:alerts-copy', '--endpoint', server.url]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /Sent 2 messages to topic alerts-copy \(2 lines repeating a message id were left out: an outbox has one per subscriber\)/);
      assert.deepEqual((await receiveAll(QueueUrl!)).map((m) => m.Body).sort(), ['cpu hot', 'disk full']);
    } finally {
      sns.destroy();
    }
  });

  it('says what is wrong without a stack trace: a bare name, a bad file, a missing queue', async () => {
    const bare = await runCli(['export', 'orders', '--endpoint', server.url]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /"orders" names no queue, topic or stream: write queue:NAME/);
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, '{"body":"ok"}\n{"nobody":1}\n');
    const badFile = await runCli(['import', bad, '--into', 'queue:x', '--endpoint', server.url]);
    assert.equal(badFile.code, 2);
    assert.match(badFile.stderr, /Message 2 has no "body" string/);
    const missing = await runCli(['export', 'queue:no-such-queue', '--endpoint', server.url]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot export queue no-such-queue: .*(does not exist|NonExistentQueue)/);
    const refused = await runCli(['import', bad.replace('bad', 'none'), '--into', 'queue:x', '--endpoint', server.url]);
    assert.equal(refused.code, 2);
    for (const r of [bare, badFile, missing, refused]) assert.doesNotMatch(r.stderr, /\n\s+at /);
    const toMissing = path.join(dir, 'one.ndjson');
    fs.writeFileSync(toMissing, '{"body":"ok"}\n');
    const gone = await runCli(['import', toMissing, '--into', 'queue:no-such-queue', '--endpoint', server.url]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /cannot import into queue no-such-queue: .*(QueueDoesNotExist|NonExistentQueue)/);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const nobody = await runCli(['export', 'queue:x', '--endpoint', closed]);
    assert.equal(nobody.code, 1);
    assert.equal(nobody.stderr, `eventyard: cannot export queue x: nothing answers at ${closed} (is the broker running?)\n`);
    const nobodyImport = await runCli(['import', toMissing, '--into', 'stream:s', '--endpoint', closed]);
    assert.equal(nobodyImport.stderr, `eventyard: cannot import into stream s: nothing answers at ${closed} (is the broker running?)\n`);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
