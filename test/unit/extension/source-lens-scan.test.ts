import assert from 'node:assert/strict';
import { MAX_SCAN_CHARS, scanSource } from '../../../src/extension/source-lens/scan';

describe('CodeLens in source: finding the calls that send to a named resource', () => {
  it('finds AWS SDK v3 commands with a literal, a same-file constant or a shorthand member', () => {
    const text = [
      "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
      "const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/orders';",
      "const TOPIC: string = 'arn:aws:sns:us-east-1:000000000000:alerts';",
      'export async function go(QueueUrl: string) {',
      '  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: "x" }));',
      '  await sns.send(new PublishCommand({',
      '    TopicArn: TOPIC,',
      '    Message: JSON.stringify({ a: 1 }),',
      '  }));',
      "  await kinesis.send(new PutRecordCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks', Data, PartitionKey: 'p' }));",
      "  await events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));",
      "  await events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shop', Source: 's' }] }));",
      '  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "from a parameter: no lens" }));',
      '}',
    ].join('\n');
    assert.deepEqual(scanSource(text, 'js').map((c) => [c.line, c.service, c.resource]), [
      [4, 'sqs', 'orders'],
      [5, 'sns', 'alerts'],
      [9, 'kinesis', 'clicks'],
      [10, 'events', 'default'],
      [11, 'events', 'shop'],
    ]);
    assert.equal(scanSource(text, 'js')[0].character, text.split('\n')[4].indexOf('SendMessageCommand'));
  });

  it('finds boto3 calls with keyword arguments, literals and module constants', () => {
    const text = [
      'import boto3',
      "QUEUE_URL = 'http://localhost:4566/000000000000/orders.fifo'",
      'sqs = boto3.client("sqs")',
      'sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="x", MessageGroupId="g")',
      "sns.publish(TopicArn='arn:aws:sns:us-east-1:000000000000:alerts', Message='hi')",
      "kinesis.put_records(StreamName='clicks', Records=[])",
      "events.put_events(Entries=[{'EventBusName': 'shop'}])",
      'mqtt.publish("a/b", payload)',
    ].join('\n');
    assert.deepEqual(scanSource(text, 'python').map((c) => [c.line, c.service, c.resource]), [
      [3, 'sqs', 'orders.fifo'],
      [4, 'sns', 'alerts'],
      [5, 'kinesis', 'clicks'],
    ]);
  });

  it('stays quiet and fast on large files and files with no such call', () => {
    const big = 'new SendMessageCommand({ QueueUrl: "q" });\n' + 'x'.repeat(MAX_SCAN_CHARS);
    assert.deepEqual(scanSource(big, 'js'), []);
    const plain = 'const a = 1;\n'.repeat(30000);
    const started = performance.now();
    assert.deepEqual(scanSource(plain, 'js'), []);
    assert.ok(performance.now() - started < 50, `took ${performance.now() - started} ms`);
    const many = Array.from({ length: 2000 }, (_, i) => `await c.send(new SendMessageCommand({ QueueUrl: 'q${i}', MessageBody: 'b' }));`).join('\n');
    const t2 = performance.now();
    assert.equal(scanSource(many, 'js').length, 2000);
    assert.ok(performance.now() - t2 < 500, `2000 calls took ${performance.now() - t2} ms`);
  });
});
