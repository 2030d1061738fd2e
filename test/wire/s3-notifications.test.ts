import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as s3 from '@aws-sdk/client-s3';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { credentials, sdkFailure, sqsClient } from './support/clients';
import { startServe, type ServeProcess } from './support/serve';

const ACCOUNT = '000000000000';
const arn = (service: string, name: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${name}`;

/**
 * The record AWS documents (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html),
 * member for member, with what varies per event left as a pattern.
 */
function assertDocumentedRecord(record: Record<string, unknown>, expected: { eventName: string; key: string; size?: number; etag?: string; configurationId: string; bucket: string }) {
  assert.deepEqual(Object.keys(record).sort(), ['awsRegion', 'eventName', 'eventSource', 'eventTime', 'eventVersion', 'requestParameters', 'responseElements', 's3', 'userIdentity']);
  assert.equal(record.eventVersion, '2.1');
  assert.equal(record.eventSource, 'aws:s3');
  assert.equal(record.awsRegion, 'us-east-1');
  assert.match(String(record.eventTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(record.eventName, expected.eventName);
  assert.deepEqual(Object.keys(record.userIdentity as object), ['principalId']);
  assert.deepEqual(record.requestParameters, { sourceIPAddress: '127.0.0.1' });
  assert.deepEqual(Object.keys(record.responseElements as object), ['x-amz-request-id', 'x-amz-id-2']);
  const s = record.s3 as Record<string, Record<string, unknown>>;
  assert.equal(s.s3SchemaVersion as unknown, '1.0');
  assert.equal(s.configurationId as unknown, expected.configurationId);
  assert.deepEqual(s.bucket, { name: expected.bucket, ownerIdentity: { principalId: ACCOUNT }, arn: `arn:aws:s3:::${expected.bucket}` });
  const object = s.object;
  assert.equal(object.key, expected.key);
  if (expected.size !== undefined) {
    assert.deepEqual(Object.keys(object), ['key', 'size', 'eTag', 'sequencer']);
    assert.equal(object.size, expected.size);
    assert.equal(object.eTag, expected.etag);
  } else {
    assert.deepEqual(Object.keys(object), ['key', 'sequencer']);
  }
  assert.match(String(object.sequencer), /^[0-9A-F]{18}$/);
}

async function receiveAll(sqs: SQSClient, QueueUrl: string, count: number, waitMs = 20_000): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + waitMs;
  while (bodies.length < count && Date.now() < deadline) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of r.Messages ?? []) {
      bodies.push(m.Body!);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return bodies;
}

describe('S3 event notifications over the wire', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ServeProcess;
  let client: s3.S3Client;
  let sqs: SQSClient;
  const seen = () => path.join(dir, 'seen.jsonl');
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-s3-notify-'));
    fs.writeFileSync(
      path.join(dir, 'thumbnail.cjs'),
      `const fs = require('node:fs');
exports.handler = async (event) => { fs.appendFileSync(${JSON.stringify(path.join(dir, 'seen.jsonl'))}, JSON.stringify(event) + '\\n'); };`,
    );
    fs.writeFileSync(path.join(dir, 'eventyard.yaml'), ['functions:', '  - name: thumbnail', '    module: thumbnail.cjs', ''].join('\n'));
    server = await startServe(['--config', path.join(dir, 'eventyard.yaml'), '--buckets-dir', path.join(dir, 'buckets')]);
    client = new s3.S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1', credentials, maxAttempts: 1 });
    sqs = sqsClient(server.url);
  });
  after(async () => {
    client.destroy();
    sqs.destroy();
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a queue: the test event on configuration, then the documented record for a put and a delete, filtered by prefix and suffix', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 's3-events' }));
    await client.send(new s3.CreateBucketCommand({ Bucket: 'uploads' }));
    await client.send(new s3.PutBucketNotificationConfigurationCommand({
      Bucket: 'uploads',
      NotificationConfiguration: {
        QueueConfigurations: [{
          Id: 'images',
          QueueArn: arn('sqs', 's3-events'),
          Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.jpg' }] } },
        }],
      },
    }));
    const [test] = await receiveAll(sqs, QueueUrl!, 1);
    const t = JSON.parse(test);
    assert.deepEqual(Object.keys(t), ['Service', 'Event', 'Time', 'Bucket', 'RequestId', 'HostId']);
    assert.deepEqual([t.Service, t.Event, t.Bucket], ['Amazon S3', 's3:TestEvent', 'uploads']);
    const config = await client.send(new s3.GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
    assert.deepEqual(config.QueueConfigurations?.map((c) => [c.Id, c.QueueArn, c.Events, c.Filter?.Key?.FilterRules]), [
      ['images', arn('sqs', 's3-events'), ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.jpg' }]],
    ]);

    await client.send(new s3.PutObjectCommand({ Bucket: 'uploads', Key: 'images/my cat=1.jpg', Body: 'jpeg bytes' }));
    await client.send(new s3.PutObjectCommand({ Bucket: 'uploads', Key: 'images/notes.txt', Body: 'skipped: suffix' }));
    await client.send(new s3.PutObjectCommand({ Bucket: 'uploads', Key: 'other/x.jpg', Body: 'skipped: prefix' }));
    await client.send(new s3.DeleteObjectCommand({ Bucket: 'uploads', Key: 'images/my cat=1.jpg' }));
    const bodies = await receiveAll(sqs, QueueUrl!, 2);
    assert.equal(bodies.length, 2);
    const [created, removed] = bodies.map((b) => JSON.parse(b).Records);
    assert.equal(created.length, 1);
    assertDocumentedRecord(created[0], {
      eventName: 'ObjectCreated:Put',
      key: 'images/my+cat%3D1.jpg',
      size: 10,
      etag: createHash('md5').update('jpeg bytes').digest('hex'),
      configurationId: 'images',
      bucket: 'uploads',
    });
    assertDocumentedRecord(removed[0], { eventName: 'ObjectRemoved:Delete', key: 'images/my+cat%3D1.jpg', configurationId: 'images', bucket: 'uploads' });
    assert.ok(removed[0].s3.object.sequencer > created[0].s3.object.sequencer, 'the sequencer grows');
    assert.deepEqual(await receiveAll(sqs, QueueUrl!, 1, 2_000).then((r) => r.length), 0, 'filtered keys sent nothing');
  });

  it('refuses a configuration naming a queue that does not exist, and one with an unknown event', async () => {
    await client.send(new s3.CreateBucketCommand({ Bucket: 'refusals' }));
    const missing = await sdkFailure(client.send(new s3.PutBucketNotificationConfigurationCommand({
      Bucket: 'refusals',
      NotificationConfiguration: { QueueConfigurations: [{ QueueArn: arn('sqs', 'nowhere'), Events: ['s3:ObjectCreated:*'] }] },
    })));
    assert.deepEqual([missing.name, missing.message, missing.$metadata.httpStatusCode], ['InvalidArgument', 'Unable to validate the following destination configurations', 400]);
    const unknown = await sdkFailure(client.send(new s3.PutBucketNotificationConfigurationCommand({
      Bucket: 'refusals',
      NotificationConfiguration: { QueueConfigurations: [{ QueueArn: arn('sqs', 's3-events'), Events: ['s3:ObjectEaten' as never] }] },
    })));
    assert.equal(unknown.name, 'InvalidArgument');
  });

  it('a topic: the record reaches a subscribed queue inside the SNS envelope, with the subject S3 uses', async () => {
    const sns = new SNSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'bucket-events' }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'topic-sink' }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: arn('sqs', 'topic-sink') }));
      await client.send(new s3.CreateBucketCommand({ Bucket: 'via-topic' }));
      await client.send(new s3.PutBucketNotificationConfigurationCommand({
        Bucket: 'via-topic',
        NotificationConfiguration: { TopicConfigurations: [{ Id: 'all', TopicArn, Events: ['s3:ObjectCreated:Put'] }] },
      }));
      await client.send(new s3.PutObjectCommand({ Bucket: 'via-topic', Key: 'report.csv', Body: 'a,b' }));
      const envelopes = (await receiveAll(sqs, QueueUrl!, 2)).map((b) => JSON.parse(b));
      assert.deepEqual(envelopes.map((e) => e.Subject), ['Amazon S3 Notification', 'Amazon S3 Notification']);
      assert.equal(JSON.parse(envelopes[0].Message).Event, 's3:TestEvent');
      assertDocumentedRecord(JSON.parse(envelopes[1].Message).Records[0], {
        eventName: 'ObjectCreated:Put', key: 'report.csv', size: 3, etag: createHash('md5').update('a,b').digest('hex'), configurationId: 'all', bucket: 'via-topic',
      });
    } finally {
      sns.destroy();
    }
  });

  it('a local function: invoked with the event for a multipart upload completed (an image placed into a bucket)', async () => {
    await client.send(new s3.CreateBucketCommand({ Bucket: 'images' }));
    await client.send(new s3.PutBucketNotificationConfigurationCommand({
      Bucket: 'images',
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [{ Id: 'thumbs', LambdaFunctionArn: arn('lambda', 'function:thumbnail'), Events: ['s3:ObjectCreated:*'] }],
      },
    }));
    const { UploadId } = await client.send(new s3.CreateMultipartUploadCommand({ Bucket: 'images', Key: 'cat.png' }));
    const part = await client.send(new s3.UploadPartCommand({ Bucket: 'images', Key: 'cat.png', UploadId, PartNumber: 1, Body: 'png' }));
    const done = await client.send(new s3.CompleteMultipartUploadCommand({ Bucket: 'images', Key: 'cat.png', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(seen()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const events = fs.readFileSync(seen(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(events.length, 1, 'functions get no test event');
    assertDocumentedRecord(events[0].Records[0], {
      eventName: 'ObjectCreated:CompleteMultipartUpload', key: 'cat.png', size: 3, etag: done.ETag!.replace(/"/g, ''), configurationId: 'thumbs', bucket: 'images',
    });
  });

  it('EventBridge: "Object Created" on the default bus, matched by a rule and delivered to its queue', async () => {
    const events = new EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bridge-sink' }));
      await events.send(new PutRuleCommand({ Name: 's3-created', EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['bridged'] } } }) }));
      await events.send(new PutTargetsCommand({ Rule: 's3-created', Targets: [{ Id: 'q', Arn: arn('sqs', 'bridge-sink') }] }));
      await client.send(new s3.CreateBucketCommand({ Bucket: 'bridged' }));
      await client.send(new s3.PutBucketNotificationConfigurationCommand({ Bucket: 'bridged', NotificationConfiguration: { EventBridgeConfiguration: {} } }));
      await client.send(new s3.PutObjectCommand({ Bucket: 'bridged', Key: 'a b.txt', Body: 'hello' }));
      const [body] = await receiveAll(sqs, QueueUrl!, 1);
      const e = JSON.parse(body);
      assert.deepEqual([e.source, e['detail-type'], e.resources], ['aws.s3', 'Object Created', ['arn:aws:s3:::bridged']]);
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html: the key is not URL-encoded here.
      assert.deepEqual(Object.keys(e.detail), ['version', 'bucket', 'object', 'request-id', 'requester', 'source-ip-address', 'reason']);
      assert.deepEqual(e.detail.bucket, { name: 'bridged' });
      assert.deepEqual(Object.keys(e.detail.object), ['key', 'size', 'etag', 'sequencer']);
      assert.deepEqual([e.detail.object.key, e.detail.object.size, e.detail.object.etag, e.detail.reason], ['a b.txt', 5, createHash('md5').update('hello').digest('hex'), 'PutObject']);
    } finally {
      events.destroy();
    }
  });
});
