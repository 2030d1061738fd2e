import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { checkConfiguration, destinations, wants } from '../../../src/broker/s3/notification-config';
import { eventKey } from '../../../src/broker/s3/notifications';

const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('S3 notifications in the engine', () => {
  it('URL-encodes keys in records as S3 does: space as +, slashes kept, everything else escaped', () => {
    assert.equal(eventKey('images/my photo.jpg'), 'images/my+photo.jpg');
    assert.equal(eventKey('year=2026/a+b (1).txt'), 'year%3D2026/a%2Bb+%281%29.txt');
    assert.equal(eventKey('ünï/ok-._*'), '%C3%BCn%C3%AF/ok-._*');
  });

  it('matches events by name or family wildcard, and keys by prefix and suffix', () => {
    const [d] = destinations({
      QueueConfigurations: [{ QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'in/' }, { Name: 'suffix', Value: '.png' }] } } }],
    });
    assert.ok(wants(d, 's3:ObjectCreated:Put', 'in/a.png'));
    assert.ok(wants(d, 's3:ObjectCreated:CompleteMultipartUpload', 'in/b.png'));
    assert.ok(wants(d, 's3:ObjectRemoved:Delete', 'in/a.png'));
    assert.ok(!wants(d, 's3:ObjectRemoved:DeleteMarkerCreated', 'in/a.png'));
    assert.ok(!wants(d, 's3:ObjectCreated:Put', 'out/a.png'));
    assert.ok(!wants(d, 's3:ObjectCreated:Put', 'in/a.jpg'));
  });

  it('refuses unknown events, bad filter rule names and overlapping configurations; names those without an Id', () => {
    const id = () => 'generated';
    assert.throws(() => checkConfiguration({ QueueConfigurations: [{ QueueArn: queueArn('q'), Events: ['s3:ObjectMunched'] }] }, id), /The event is not supported for notifications/);
    assert.throws(
      () => checkConfiguration({ QueueConfigurations: [{ QueueArn: queueArn('q'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'middle', Value: 'x' }] } } }] }, id),
      /filter rule name must be either prefix or suffix/,
    );
    assert.throws(
      () => checkConfiguration({
        QueueConfigurations: [{ QueueArn: queueArn('a'), Events: ['s3:ObjectCreated:*'] }],
        TopicConfigurations: [{ TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Events: ['s3:ObjectCreated:Put'] }],
      }, id),
      /Configurations overlap/,
    );
    const ok = checkConfiguration({
      QueueConfigurations: [
        { QueueArn: queueArn('a'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'a/' }] } } },
        { QueueArn: queueArn('b'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'b/' }] } } },
      ],
    }, id);
    assert.deepEqual(ok.QueueConfigurations?.map((c) => c.Id), ['generated', 'generated']);
  });

  it("Firehose's objects are S3 objects: listed, and announced to the bucket's queue", async () => {
    const broker = new Broker({ clock: new FakeClock(Date.parse('2026-01-01T00:00:00Z')) });
    try {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'landed' });
      await broker.s3.operations.CreateBucket({ Bucket: 'lake' });
      await broker.s3.operations.PutBucketNotificationConfiguration({
        Bucket: 'lake',
        NotificationConfiguration: { QueueConfigurations: [{ Id: 'all', QueueArn: queueArn('landed'), Events: ['s3:ObjectCreated:*'] }] },
      });
      broker.firehose.operations.CreateDeliveryStream({
        DeliveryStreamName: 'archive',
        ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::lake', Prefix: 'raw/' },
      });
      broker.firehose.operations.PutRecord({ DeliveryStreamName: 'archive', Record: { Data: Buffer.from('{"n":1}\n') } });
      await broker.firehose.flushAll();
      await broker.firehose.whenIdle();
      await broker.s3.whenDelivered();
      const listed = broker.s3.operations.ListObjectsV2({ Bucket: 'lake' });
      assert.equal(listed.Contents.length, 1);
      assert.match(listed.Contents[0].Key, /^raw\/2026\/01\/01\/00\/archive-1-/);
      const received = await broker.sqs.operations.ReceiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
      const bodies = (received.Messages ?? []).map((m) => JSON.parse(m.Body!));
      assert.equal(bodies[0].Event, 's3:TestEvent');
      assert.equal(bodies[1].Records[0].eventName, 'ObjectCreated:Put');
      assert.equal(bodies[1].Records[0].s3.object.key, listed.Contents[0].Key);
      assert.equal(bodies[1].Records[0].s3.object.size, 8);
    } finally {
      broker.dispose();
    }
  });
});

describe('S3 lifecycle expiration on the broker clock', () => {
  it('expires current objects under a rule at the midnight UTC after their days, with LifecycleExpiration events', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T10:00:00Z'));
    const broker = new Broker({ clock });
    try {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'expired' });
      const s3 = broker.s3.operations;
      await s3.CreateBucket({ Bucket: 'logs' });
      await s3.PutBucketNotificationConfiguration({
        Bucket: 'logs',
        NotificationConfiguration: { QueueConfigurations: [{ Id: 'x', QueueArn: queueArn('expired'), Events: ['s3:LifecycleExpiration:*'] }] },
      });
      await s3.PutObject({ Bucket: 'logs', Key: 'tmp/a.log', Body: Buffer.from('a') });
      await s3.PutObject({ Bucket: 'logs', Key: 'keep/b.log', Body: Buffer.from('b') });
      await s3.PutBucketLifecycleConfiguration({
        Bucket: 'logs',
        LifecycleConfiguration: { xml: '<LifecycleConfiguration/>', rules: [{ id: 'tmp', enabled: true, prefix: 'tmp/', days: 1 }] },
      });
      clock.advance(Date.parse('2026-01-02T23:59:00Z') - clock.now());
      assert.equal(s3.ListObjectsV2({ Bucket: 'logs' }).KeyCount, 2, 'not before the midnight after one day');
      clock.advance(2 * 60_000);
      await new Promise((r) => setImmediate(r));
      await broker.s3.whenDelivered();
      assert.deepEqual(s3.ListObjectsV2({ Bucket: 'logs' }).Contents.map((c) => c.Key), ['keep/b.log']);
      const received = await broker.sqs.operations.ReceiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
      const names = (received.Messages ?? []).map((m) => JSON.parse(m.Body!)).filter((b) => b.Records).map((b) => b.Records[0].eventName);
      assert.deepEqual(names, ['LifecycleExpiration:Delete']);
    } finally {
      broker.dispose();
    }
  });
});
