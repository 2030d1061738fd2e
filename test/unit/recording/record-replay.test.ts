import assert from 'node:assert/strict';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Broker } from '../../../src/broker/broker';
import { Recorder } from '../../../src/recording/recorder';
import { decodeRecording, encodeLine, type RecordedRequest } from '../../../src/recording/recording';
import { replay } from '../../../src/recording/replayer';
import { compileTransform } from '../../../src/recording/transform';
import { startServer } from '../../../src/server/server';

type Running = { broker: Broker; url: string; close: () => Promise<void> };

async function running(): Promise<Running> {
  const broker = new Broker();
  const server = await startServer(broker, { port: 0, log: () => undefined });
  return { broker, url: server.url, close: async () => { await server.close(); broker.dispose(); } };
}

/** The same resources on each broker: a queue, a topic fanning out to a second queue, a stream. */
function provision(broker: Broker): void {
  broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
  broker.sqs.operations.CreateQueue({ QueueName: 'audit' });
  const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'alerts' });
  broker.sns.operations.Subscribe({ TopicArn: TopicArn!, Protocol: 'sqs', Endpoint: broker.sqs.queueArn('audit'), Attributes: { RawMessageDelivery: 'true' } });
  broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
}

const config = (url: string) => ({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function streamData(url: string): Promise<string[]> {
  const kinesis = new KinesisClient(config(url));
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'clicks' }));
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'clicks', ShardId: Shards[0].ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
  const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  kinesis.destroy();
  return Records.map((r) => Buffer.from(r.Data!).toString('utf8'));
}

describe('recording: record a broker\'s traffic and replay it', function () {
  this.timeout(20000);
  let source: Running;
  let target: Running;
  let recorded: RecordedRequest[];

  before(async () => {
    source = await running();
    target = await running();
    provision(source.broker);
    provision(target.broker);
    const lines: string[] = [];
    const recorder = new Recorder(source.broker, (line) => lines.push(line));
    const sqs = new SQSClient(config(source.url));
    const sns = new SNSClient(config(source.url));
    const kinesis = new KinesisClient(config(source.url));
    const events = new EventBridgeClient(config(source.url));
    const queueUrl = source.broker.sqs.queueUrl('orders');
    for (let i = 0; i < 4; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `order-${i}`, MessageAttributes: { raw: { DataType: 'Binary', BinaryValue: new Uint8Array([i, 255]) } } }));
      await sleep(150);
    }
    // One entry of the batch is refused (an empty body): the recording keeps only the one the broker took.
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: 'a', MessageBody: 'order-4' }, { Id: 'b', MessageBody: '' }] }));
    await sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${source.broker.identity.accountId}:alerts`, Message: 'alert-1' }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'clicks', Records: [{ PartitionKey: 'p', Data: Buffer.from('click-1') }, { PartitionKey: 'p', Data: Buffer.from('click-2') }] }));
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order Placed', Detail: '{"id":1}' }] }));
    // Reads are not traffic.
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'order-5' }));
    recorder.stop();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'after-stop' }));
    for (const c of [sqs, sns, kinesis, events]) c.destroy();
    recorded = decodeRecording(lines.join(''));
  });

  after(async () => {
    await source?.close();
    await target?.close();
  });

  it('keeps each request that sent something, in order, with its time; not the fan-out, not after stop', () => {
    assert.deepEqual(recorded.map((r) => `${r.service}.${r.action} ${r.resource}`), [
      'sqs.SendMessage orders', 'sqs.SendMessage orders', 'sqs.SendMessage orders', 'sqs.SendMessage orders',
      'sqs.SendMessageBatch orders', 'sns.Publish alerts', 'kinesis.PutRecords clicks', 'events.PutEvents default', 'sqs.SendMessage orders',
    ]);
    assert.deepEqual((recorded[4].input.Entries as { Id: string }[]).map((e) => e.Id), ['a']);
    assert.ok(recorded.every((r, i) => i === 0 || r.t >= recorded[i - 1].t), 'times never go back');
    assert.ok(recorded[3].t - recorded[0].t >= 400, `the sends were 150 ms apart: ${recorded.map((r) => r.t).join(', ')}`);
    assert.deepEqual((recorded[1].input.MessageAttributes as Record<string, { BinaryValue: Uint8Array }>).raw.BinaryValue, new Uint8Array([1, 255]), 'bytes read back as bytes');
  });

  it('replays at 10x into another broker: the same bodies in the same order, at a tenth of the pace', async () => {
    const result = await replay(recorded, { ...config(target.url), speed: 10 });
    assert.deepEqual(result.failed, []);
    assert.equal(result.sent, recorded.length);
    const span = recorded.at(-1)!.t;
    assert.ok(result.elapsed >= span / 10 - 5, `took ${result.elapsed} ms for ${span} ms recorded`);
    assert.ok(result.elapsed < span / 10 + 3000, `took ${result.elapsed} ms for ${span} ms recorded`);
    const replayed = target.broker.sqs.peek('orders').messages;
    assert.deepEqual(replayed.map((m) => m.body), ['order-0', 'order-1', 'order-2', 'order-3', 'order-4', 'order-5']);
    assert.deepEqual(replayed.map((m) => m.body), source.broker.sqs.peek('orders').messages.filter((m) => m.body !== 'after-stop').map((m) => m.body));
    assert.deepEqual([...(replayed[2].messageAttributes?.raw.BinaryValue as Uint8Array)], [2, 255]);
    assert.deepEqual(target.broker.sqs.peek('audit').messages.map((m) => m.body), ['alert-1'], 'the topic fanned out again on the target');
    assert.deepEqual(await streamData(target.url), ['click-1', 'click-2']);
    assert.deepEqual(target.broker.eventbridge.recentEvents('default').map((e) => e.event['detail-type']), ['Order Placed']);
  });

  it('replays as fast as possible, and through a JSONata transform that retargets and drops requests', async () => {
    target.broker.sqs.operations.CreateQueue({ QueueName: 'orders-copy' });
    const transform = compileTransform('action = "SendMessage" and $not($contains(input.MessageBody, "5")) ? $merge([$, {"resource": "orders-copy", "input": $merge([input, {"MessageBody": $uppercase(input.MessageBody)}])}])');
    const result = await replay(recorded, { ...config(target.url), speed: Infinity, transform });
    assert.deepEqual(result.failed, []);
    assert.equal(result.sent, 4);
    assert.equal(result.skipped, recorded.length - 4);
    assert.ok(result.elapsed < 2000, `as fast as possible took ${result.elapsed} ms`);
    assert.deepEqual(target.broker.sqs.peek('orders-copy').messages.map((m) => m.body), ['ORDER-0', 'ORDER-1', 'ORDER-2', 'ORDER-3']);
  });

  it('records only the chosen resources', async () => {
    const lines: string[] = [];
    const recorder = new Recorder(source.broker, (line) => lines.push(line), { resources: ['clicks'] });
    const sqs = new SQSClient(config(source.url));
    const kinesis = new KinesisClient(config(source.url));
    await sqs.send(new SendMessageCommand({ QueueUrl: source.broker.sqs.queueUrl('orders'), MessageBody: 'not recorded' }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'clicks', Records: [{ PartitionKey: 'p', Data: Buffer.from('x') }] }));
    recorder.stop();
    sqs.destroy();
    kinesis.destroy();
    assert.deepEqual(decodeRecording(lines.join('')).map((r) => r.resource), ['clicks']);
  });

  it('says which line of a recording is wrong, and which part of a transform', () => {
    assert.throws(() => decodeRecording('{"t":0,"service":"sqs","action":"SendMessage","input":{}}\nnope\n'), /Line 2 is not JSON/);
    assert.throws(() => decodeRecording('{"t":0,"service":"sqs","action":"DeleteQueue","input":{}}'), /Line 1 is not a recorded request/);
    assert.throws(() => compileTransform('$merge([$'), /not a JSONata expression/);
    const line = encodeLine({ t: 1, at: '', service: 'events', action: 'PutEvents', resource: 'default', input: { Entries: [{ Time: new Date(0) }] } });
    assert.deepEqual(decodeRecording(line)[0].input, { Entries: [{ Time: new Date(0) }] });
  });
});
