import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { importTemplate } from '../../../src/broker/definitions/cloudformation';
import { mergeDefinitions } from '../../../src/broker/definitions/merge';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

const SAM = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Globals:
  Function:
    Timeout: 10
    CodeUri: src/
Resources:
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub 'orders-dlq-\${Stage}'
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ['-', [orders, !Ref Stage]]
      VisibilityTimeout: 60
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 5
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
  Events:
    Type: AWS::SNS::Topic
  EventsToOrders:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Events
      Protocol: sqs
      Endpoint: !GetAtt [OrdersQueue, Arn]
      RawMessageDelivery: 'true'
      FilterPolicy:
        type: [order]
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: clicks
      ShardCount: 2
  Landing:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: landing
  ClicksToS3:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: KinesisStreamAsSource
      KinesisStreamSourceConfiguration:
        KinesisStreamARN: !GetAtt Clicks.Arn
        RoleARN: arn:aws:iam::000000000000:role/x
      ExtendedS3DestinationConfiguration:
        BucketARN: !GetAtt Landing.Arn
        Prefix: clicks/
        BufferingHints: { IntervalInSeconds: 30, SizeInMBs: 2 }
  OrderWorker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
            BatchSize: 5
        FromTopic:
          Type: SNS
          Properties:
            Topic: !Ref Events
            FilterPolicy: { type: [refund] }
        FromClicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: TRIM_HORIZON
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
  Table:
    Type: AWS::DynamoDB::Table
`;

describe('CloudFormation/SAM template import', () => {
  it('turns queues, redrive policies, topics, subscriptions, streams, Firehose and SAM event sources into definitions', () => {
    const { definitions, notes } = importTemplate(SAM);
    assert.deepEqual(definitions.queues, [
      { name: 'orders-dlq-dev' },
      { name: 'orders-dev', visibilityTimeout: 60, deadLetter: { queue: 'orders-dlq-dev', maxReceiveCount: 5 } },
      { name: 'JobsQueue.fifo', fifo: true },
    ]);
    assert.deepEqual(definitions.topics, [{
      name: 'Events',
      subscriptions: [
        { protocol: 'sqs', queue: 'orders-dev', filterPolicy: { type: ['order'] }, rawMessageDelivery: true },
        { protocol: 'lambda', function: 'OrderWorker', filterPolicy: { type: ['refund'] } },
      ],
    }]);
    assert.deepEqual(definitions.streams, [{ name: 'clicks', shards: 2 }]);
    assert.deepEqual(definitions.deliveryStreams, [{ name: 'ClicksToS3', bucket: 'landing', prefix: 'clicks/', stream: 'clicks', bufferIntervalSeconds: 30, bufferSizeMBs: 2 }]);
    assert.deepEqual(definitions.functions, [{
      name: 'OrderWorker',
      module: 'src/app.js',
      handler: 'handler',
      timeout: 10,
      events: [{ type: 'sqs', queue: 'orders-dev', batchSize: 5 }, { type: 'kinesis', stream: 'clicks', startingPosition: 'TRIM_HORIZON' }],
    }]);
    // a Schedule event is an EventBridge rule on the default bus targeting the function (cloudformation-eventbridge.test.ts)
    assert.deepEqual(definitions.rules, [{ name: 'OrderWorkerNightly', schedule: 'rate(1 day)', targets: [{ function: 'OrderWorker' }] }]);
    assert.ok(notes.some((n) => /Table: AWS::DynamoDB::Table is not a messaging resource/.test(n)), notes.join('\n'));
  });

  it('reads JSON templates with long-form intrinsics', () => {
    const json = JSON.stringify({
      Resources: {
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'dlq' } },
        Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq', maxReceiveCount: 2 }) } },
        T: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't', Subscription: [{ Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] } }] } },
      },
    });
    const { definitions } = importTemplate(json);
    assert.deepEqual(definitions.queues?.[1], { name: 'q', deadLetter: { queue: 'dlq', maxReceiveCount: 2 } });
    assert.deepEqual(definitions.topics, [{ name: 't', subscriptions: [{ protocol: 'sqs', queue: 'q' }] }]);
  });

  it('produces definitions the schema accepts and the broker provisions', async () => {
    const { definitions } = importTemplate(SAM);
    delete definitions.functions;
    for (const t of definitions.topics ?? []) t.subscriptions = t.subscriptions?.filter((s) => s.protocol !== 'lambda');
    const text = mergeDefinitions('', definitions).text;
    const parsed = parseDefinitions(text);
    assert.deepEqual(parsed.issues, []);
    const broker = new Broker();
    try {
      const { issues } = await applyDefinitions(broker, parsed.definitions!, { baseDir: '/tmp' });
      assert.deepEqual(issues, []);
      assert.equal(broker.sqs.listQueueSummaries().find((q) => q.name === 'orders-dev')?.deadLetterTargetName, 'orders-dlq-dev');
      assert.equal(broker.firehose.listDeliveryStreamSummaries()[0].name, 'ClicksToS3');
    } finally {
      broker.dispose();
    }
  });

  it('merges into an existing file keeping its comments and the entries it already has', () => {
    const existing = '# my queues\nqueues:\n  - name: orders-dev # hand-tuned\n    visibilityTimeout: 5\n';
    const { text, added, kept } = mergeDefinitions(existing, importTemplate(SAM).definitions);
    assert.match(text, /^# my queues/);
    assert.match(text, /- name: orders-dev # hand-tuned\n {4}visibilityTimeout: 5/);
    assert.deepEqual(kept, ['queues: orders-dev']);
    assert.ok(added.includes('queues: orders-dlq-dev') && added.includes('streams: clicks'), added.join(', '));
    assert.deepEqual(parseDefinitions(text).issues, []);
  });
});
