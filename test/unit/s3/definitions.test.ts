import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { importTemplate } from '../../../src/broker/definitions/cloudformation';
import { applyText } from '../support/apply-definitions';

describe('S3 buckets in definitions and CloudFormation/SAM templates', () => {
  it('eventyard.yaml: creates the bucket, turns versioning on and configures its notifications', async () => {
    const broker = new Broker({ clock: new FakeClock() });
    try {
      const text = [
        'queues:', '  - name: uploads',
        'topics:', '  - name: audit',
        'buckets:',
        '  - name: photos',
        '    versioning: true',
        '    eventBridge: true',
        '    notifications:',
        '      - { id: jpgs, queue: uploads, events: ["s3:ObjectCreated:*"], prefix: in/, suffix: .jpg }',
        '      - { topic: audit, events: ["s3:ObjectRemoved:*"] }',
        '',
      ].join('\n');
      const { issues } = await applyText(broker, text);
      assert.deepEqual(issues, []);
      assert.equal(broker.s3.operations.GetBucketVersioning({ Bucket: 'photos' }).Status, 'Enabled');
      const config = broker.s3.operations.GetBucketNotificationConfiguration({ Bucket: 'photos' });
      assert.deepEqual(config.QueueConfigurations, [{
        Id: 'jpgs',
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }, { Name: 'suffix', Value: '.jpg' }] } },
        QueueArn: 'arn:aws:sqs:us-east-1:000000000000:uploads',
      }]);
      assert.equal(config.TopicConfigurations?.[0].TopicArn, 'arn:aws:sns:us-east-1:000000000000:audit');
      assert.deepEqual(config.EventBridgeConfiguration, {});
      // Applying again keeps the bucket and its objects.
      await broker.s3.operations.PutObject({ Bucket: 'photos', Key: 'in/a.jpg', Body: Buffer.from('x') });
      assert.deepEqual((await applyText(broker, text)).issues, []);
      assert.equal(broker.s3.operations.ListObjectsV2({ Bucket: 'photos' }).KeyCount, 1);
    } finally {
      broker.dispose();
    }
  });

  it('reports a notification whose destination does not exist on the bucket', async () => {
    const broker = new Broker({ clock: new FakeClock() });
    try {
      const { located } = await applyText(broker, ['buckets:', '  - name: lonely', '    notifications:', '      - { queue: nowhere, events: ["s3:ObjectCreated:*"] }', ''].join('\n'));
      assert.equal(located.length, 1);
      assert.match(located[0].message, /Unable to validate the following destination configurations/);
    } finally {
      broker.dispose();
    }
  });

  it('imports AWS::S3::Bucket NotificationConfiguration and SAM functions with S3 events', () => {
    const template = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Images:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-images
      VersioningConfiguration: { Status: Enabled }
      NotificationConfiguration:
        QueueConfigurations:
          - Event: s3:ObjectCreated:*
            Queue: !GetAtt Inbox.Arn
            Filter: { S3Key: { Rules: [{ Name: suffix, Value: .png }] } }
        EventBridgeConfiguration: { EventBridgeEnabled: true }
  Inbox:
    Type: AWS::SQS::Queue
  Thumbnail:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Images
            Events: [s3:ObjectCreated:Put]
            Filter: { S3Key: { Rules: [{ Name: prefix, Value: raw/ }] } }
`;
    const { definitions, notes } = importTemplate(template);
    assert.deepEqual(notes, []);
    assert.deepEqual(definitions.buckets, [{
      name: 'my-images',
      versioning: true,
      eventBridge: true,
      notifications: [
        { events: ['s3:ObjectCreated:*'], queue: 'Inbox', suffix: '.png' },
        { events: ['s3:ObjectCreated:Put'], function: 'Thumbnail', prefix: 'raw/' },
      ],
    }]);
  });
});
