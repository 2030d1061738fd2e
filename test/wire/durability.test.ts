import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as eb from '@aws-sdk/client-eventbridge';
import * as k from '@aws-sdk/client-kinesis';
import * as s from '@aws-sdk/client-sqs';
import { credentials, sqsClient } from './support/clients';
import { runCli, ServeProcess, startServe } from './support/serve';

/**
 * `eventyard serve --data-dir`: what the SDK saw acknowledged survives SIGKILL (no chance to flush),
 * the default `sync` persistence being on disk before each answer.
 */
describe('serve --data-dir: acknowledged writes survive SIGKILL', function () {
  this.timeout(60_000);
  let dir: string;
  let server: ServeProcess | undefined;
  const clients: { destroy(): void }[] = [];

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-wire-data-'))));
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    if (server) await server.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(args: string[] = []) {
    server = await startServe(['--data-dir', dir, ...args]);
    const sqs = sqsClient(server.url);
    const kinesis = new k.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    clients.push(sqs, kinesis);
    return { sqs, kinesis, url: server.url };
  }

  async function kill(): Promise<void> {
    const child = server!.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    server = undefined;
  }

  async function drain(sqs: s.SQSClient, QueueUrl: string): Promise<string[]> {
    const bodies: string[] = [];
    for (;;) {
      const got = await sqs.send(new s.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
      if (!got.Messages?.length) return bodies;
      for (const m of got.Messages) {
        bodies.push(m.Body!);
        await sqs.send(new s.DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
  }

  it('keeps SQS messages (standard, FIFO, in flight) and Kinesis records sent just before the kill', async () => {
    const first = await start();
    const queue = (await first.sqs.send(new s.CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
    const fifo = (await first.sqs.send(new s.CreateQueueCommand({ QueueName: 'steps.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }))).QueueUrl!;
    const sent: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, batch) => {
        const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m-${batch}-${i}` }));
        const out = await first.sqs.send(new s.SendMessageBatchCommand({ QueueUrl: queue, Entries }));
        assert.equal(out.Successful?.length, 10);
        sent.push(...Entries.map((e) => e.MessageBody));
      }),
    );
    for (let i = 0; i < 30; i++) await first.sqs.send(new s.SendMessageCommand({ QueueUrl: fifo, MessageBody: `step-${i}`, MessageGroupId: 'g' }));
    // Two messages in flight at the kill: they come back once their visibility timeout (2 s) has passed.
    const inFlight = await first.sqs.send(new s.ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 2, VisibilityTimeout: 2 }));
    assert.equal(inFlight.Messages?.length, 2);
    await first.kinesis.send(new k.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    const put = await first.kinesis.send(
      new k.PutRecordsCommand({
        StreamName: 'clicks',
        Records: Array.from({ length: 50 }, (_, i) => ({ PartitionKey: `user-${i}`, Data: Buffer.from(`click-${i}`) })),
      }),
    );
    assert.equal(put.FailedRecordCount, 0);
    await kill();

    const second = await start();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.deepEqual((await drain(second.sqs, queue)).sort(), sent.sort());
    assert.deepEqual(await drain(second.sqs, fifo), Array.from({ length: 30 }, (_, i) => `step-${i}`));
    const shards = (await second.kinesis.send(new k.ListShardsCommand({ StreamName: 'clicks' }))).Shards!;
    const records: { seq: string; data: string }[] = [];
    for (const shard of shards) {
      const { ShardIterator } = await second.kinesis.send(new k.GetShardIteratorCommand({ StreamName: 'clicks', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const got = await second.kinesis.send(new k.GetRecordsCommand({ ShardIterator }));
      records.push(...got.Records!.map((r) => ({ seq: r.SequenceNumber!, data: Buffer.from(r.Data!).toString() })));
    }
    const expected = put.Records!.map((r, i) => ({ seq: r.SequenceNumber!, data: `click-${i}` }));
    const bySeq = (a: { seq: string }, b: { seq: string }) => (a.seq < b.seq ? -1 : 1);
    assert.deepEqual(records.sort(bySeq), expected.sort(bySeq));
  });

  it('keeps what acknowledged PutEvents did just before the kill: the messages routed to SQS and the archived events', async () => {
    const first = await start();
    const events = new eb.EventBridgeClient({ endpoint: first.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    clients.push(events);
    const queue = (await first.sqs.send(new s.CreateQueueCommand({ QueueName: 'routed' }))).QueueUrl!;
    await events.send(new eb.PutRuleCommand({ Name: 'to-queue', EventPattern: '{"source":["crash"]}' }));
    await events.send(new eb.PutTargetsCommand({ Rule: 'to-queue', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:routed', InputPath: '$.detail.n' }] }));
    await events.send(new eb.CreateArchiveCommand({ ArchiveName: 'kept', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default' }));
    const sent: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, batch) => {
        const Entries = Array.from({ length: 10 }, (_, i) => ({ Source: 'crash', DetailType: 'd', Detail: JSON.stringify({ n: batch * 10 + i }) }));
        const out = await events.send(new eb.PutEventsCommand({ Entries }));
        assert.equal(out.FailedEntryCount, 0);
        sent.push(...Entries.map((e) => String(JSON.parse(e.Detail).n)));
      }),
    );
    await kill();

    const second = await start();
    const after = new eb.EventBridgeClient({ endpoint: second.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    clients.push(after);
    assert.equal((await after.send(new eb.DescribeArchiveCommand({ ArchiveName: 'kept' }))).EventCount, 100);
    assert.deepEqual((await drain(second.sqs, queue)).sort(), sent.sort());
  });

  it('answers ServiceUnavailable (503) to sends once the data folder reaches --max-data-mb, and keeps serving reads', async () => {
    const { sqs } = await start(['--max-data-mb', '0.01']);
    const QueueUrl = (await sqs.send(new s.CreateQueueCommand({ QueueName: 'q' }))).QueueUrl!;
    let refused: s.SQSServiceException | undefined;
    let accepted = 0;
    for (let i = 0; i < 100 && !refused; i++) {
      try {
        await sqs.send(new s.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1000) }));
        accepted++;
      } catch (e) {
        refused = e as s.SQSServiceException;
      }
    }
    assert.ok(refused, 'a send was refused');
    assert.equal(refused.name, 'ServiceUnavailable');
    assert.equal(refused.$metadata.httpStatusCode, 503);
    assert.match(refused.message, /data folder reached its size limit/);
    const attrs = await sqs.send(new s.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    assert.ok(accepted > 0);
    assert.equal(attrs.Attributes!.ApproximateNumberOfMessages, String(accepted), 'the refused send stored nothing');
  });

  it('with --persistence off keeps nothing across a restart', async () => {
    const first = await start(['--persistence', 'off']);
    await first.sqs.send(new s.CreateQueueCommand({ QueueName: 'q' }));
    await kill();
    const second = await start(['--persistence', 'off']);
    assert.equal((await second.sqs.send(new s.ListQueuesCommand({}))).QueueUrls, undefined);
  });

  it('refuses a data folder another serve is using, with a plain message and a non-zero exit', async () => {
    await start();
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^eventyard: The data folder .* is in use by another Eventyard \\(process ${server!.child.pid}\\)`));
  });

  it('refuses a damaged data folder with a plain message and a non-zero exit', async () => {
    fs.writeFileSync(path.join(dir, 'snapshot.eyd'), 'garbage');
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^eventyard: .*snapshot\.eyd is not a complete Eventyard snapshot/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
