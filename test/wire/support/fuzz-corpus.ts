import { sqsShapes } from '../../../src/server/sqs/shapes';
import { snsShapes } from '../../../src/server/sns/shapes';
import { stsBinding } from '../../../src/server/sts/binding';
import type { Shape, StructureShape } from '../../../src/server/shapes';

/**
 * One valid request per action of every service the endpoint serves, as JSON-shaped inputs (blobs as
 * Buffers, timestamps as Dates). The fuzz test writes each in every protocol its service speaks and
 * mutates it. The order matters only for the first, unmutated pass: creates come before their users.
 */
export type Protocol = 'sqs-json' | 'sqs-query' | 'sns-query' | 'sts-query' | 'kinesis-json' | 'kinesis-cbor' | 'firehose-json' | 'events-json' | 'states-json';

/** The services spoken only in the query protocol, and the protocol's name for each. */
export type QueryProtocol = 'sqs-query' | 'sns-query' | 'sts-query';
export const queryService = (protocol: QueryProtocol) => protocol.slice(0, 3) as 'sqs' | 'sns' | 'sts';
export const isQuery = (protocol: Protocol): protocol is QueryProtocol => protocol.endsWith('-query');

export interface Seed {
  service: 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'states' | 'sts';
  action: string;
  input: Record<string, unknown>;
}

export const PROTOCOLS: Record<Seed['service'], Protocol[]> = {
  sqs: ['sqs-json', 'sqs-query'],
  sns: ['sns-query'],
  kinesis: ['kinesis-json', 'kinesis-cbor'],
  firehose: ['firehose-json'],
  events: ['events-json'],
  states: ['states-json'],
  sts: ['sts-query'],
};

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

export function corpus(url: string): Seed[] {
  const queue = (name: string) => `${url}/${ACCOUNT}/${name}`;
  const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:fuzz-topic`;
  const stream = 'fuzz-stream';
  const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`;
  const sqs = (action: string, input: Record<string, unknown>): Seed => ({ service: 'sqs', action, input });
  const sns = (action: string, input: Record<string, unknown>): Seed => ({ service: 'sns', action, input });
  const kinesis = (action: string, input: Record<string, unknown>): Seed => ({ service: 'kinesis', action, input });
  const firehose = (action: string, input: Record<string, unknown>): Seed => ({ service: 'firehose', action, input });
  const events = (action: string, input: Record<string, unknown>): Seed => ({ service: 'events', action, input });
  const states = (action: string, input: Record<string, unknown>): Seed => ({ service: 'states', action, input });
  const machineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:fuzz-machine`;
  const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:fuzz-machine:fuzz-execution`;
  const machine = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, Next: 'P' }, P: { Type: 'Pass', Result: { ok: true }, End: true } } });
  const bus = 'fuzz-bus';
  const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${bus}`;
  const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus}/fuzz-rule`;
  const pattern = '{"source":["fuzz"],"detail":{"n":[{"numeric":[">",1]}],"k":[{"prefix":"v"}]}}';
  const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'fuzz', time: '2026-01-01T00:00:00Z', region: REGION, 'detail-type': 'd', resources: [], detail: { n: 2, k: 'v1' } });
  const attributes = { k: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) }, n: { DataType: 'Number', StringValue: '1.5' } };
  return [
    sqs('CreateQueue', { QueueName: 'fuzz-1', Attributes: { VisibilityTimeout: '0', DelaySeconds: '0' }, tags: { a: 'b' } }),
    sqs('CreateQueue', { QueueName: 'fuzz-2.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }),
    sqs('CreateQueue', { QueueName: 'fuzz-3' }),
    sqs('GetQueueUrl', { QueueName: 'fuzz-1', QueueOwnerAWSAccountId: ACCOUNT }),
    sqs('ListQueues', { QueueNamePrefix: 'fuzz', MaxResults: 5, NextToken: 'x' }),
    sqs('SendMessage', { QueueUrl: queue('fuzz-1'), MessageBody: 'hello', DelaySeconds: 0, MessageAttributes: attributes }),
    sqs('SendMessage', { QueueUrl: queue('fuzz-2.fifo'), MessageBody: 'fifo', MessageGroupId: 'g', MessageDeduplicationId: 'd', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } } }),
    sqs('SendMessageBatch', { QueueUrl: queue('fuzz-1'), Entries: [{ Id: 'a', MessageBody: 'x', MessageAttributes: attributes }, { Id: 'b', MessageBody: 'y', DelaySeconds: 0 }] }),
    sqs('ReceiveMessage', { QueueUrl: queue('fuzz-1'), MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0, AttributeNames: ['All'], MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'], ReceiveRequestAttemptId: 'r' }),
    sqs('DeleteMessage', { QueueUrl: queue('fuzz-1'), ReceiptHandle: 'abc' }),
    sqs('DeleteMessageBatch', { QueueUrl: queue('fuzz-1'), Entries: [{ Id: 'a', ReceiptHandle: 'abc' }] }),
    sqs('ChangeMessageVisibility', { QueueUrl: queue('fuzz-1'), ReceiptHandle: 'abc', VisibilityTimeout: 0 }),
    sqs('ChangeMessageVisibilityBatch', { QueueUrl: queue('fuzz-1'), Entries: [{ Id: 'a', ReceiptHandle: 'abc', VisibilityTimeout: 0 }] }),
    sqs('GetQueueAttributes', { QueueUrl: queue('fuzz-1'), AttributeNames: ['All'] }),
    sqs('SetQueueAttributes', { QueueUrl: queue('fuzz-1'), Attributes: { MaximumMessageSize: '2048', RedrivePolicy: `{"deadLetterTargetArn":"${queueArn('fuzz-3')}","maxReceiveCount":"2"}` } }),
    sqs('TagQueue', { QueueUrl: queue('fuzz-1'), Tags: { t: 'v' } }),
    sqs('ListQueueTags', { QueueUrl: queue('fuzz-1') }),
    sqs('UntagQueue', { QueueUrl: queue('fuzz-1'), TagKeys: ['t'] }),
    sqs('AddPermission', { QueueUrl: queue('fuzz-1'), Label: 'l', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }),
    sqs('RemovePermission', { QueueUrl: queue('fuzz-1'), Label: 'l' }),
    sqs('ListDeadLetterSourceQueues', { QueueUrl: queue('fuzz-3'), MaxResults: 10 }),
    sqs('StartMessageMoveTask', { SourceArn: queueArn('fuzz-3'), DestinationArn: queueArn('fuzz-1'), MaxNumberOfMessagesPerSecond: 10 }),
    sqs('ListMessageMoveTasks', { SourceArn: queueArn('fuzz-3'), MaxResults: 10 }),
    sqs('CancelMessageMoveTask', { TaskHandle: 'eyJ0YXNrSWQiOiJ4In0=' }),
    sqs('PurgeQueue', { QueueUrl: queue('fuzz-gone') }),
    sqs('DeleteQueue', { QueueUrl: queue('fuzz-gone') }),

    sns('CreateTopic', { Name: 'fuzz-topic', Attributes: { DisplayName: 'Fuzz' }, Tags: [{ Key: 'k', Value: 'v' }] }),
    sns('ListTopics', { NextToken: 'x' }),
    sns('GetTopicAttributes', { TopicArn: topic }),
    sns('SetTopicAttributes', { TopicArn: topic, AttributeName: 'DisplayName', AttributeValue: 'Fuzzed' }),
    sns('Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: queueArn('fuzz-1'), Attributes: { RawMessageDelivery: 'true', FilterPolicy: '{"k":["v"]}' }, ReturnSubscriptionArn: true }),
    sns('ConfirmSubscription', { TopicArn: topic, Token: 'token', AuthenticateOnUnsubscribe: 'true' }),
    sns('ListSubscriptions', {}),
    sns('ListSubscriptionsByTopic', { TopicArn: topic }),
    sns('GetSubscriptionAttributes', { SubscriptionArn: `${topic}:00000000-0000-4000-8000-000000000000` }),
    sns('SetSubscriptionAttributes', { SubscriptionArn: `${topic}:00000000-0000-4000-8000-000000000000`, AttributeName: 'RawMessageDelivery', AttributeValue: 'false' }),
    sns('Publish', { TopicArn: topic, Message: 'hello', Subject: 's', MessageAttributes: attributes }),
    sns('PublishBatch', { TopicArn: topic, PublishBatchRequestEntries: [{ Id: 'x', Message: 'm', MessageAttributes: attributes }, { Id: 'y', Message: '{"default":"d"}', MessageStructure: 'json' }] }),
    sns('AddPermission', { TopicArn: topic, Label: 'l', AWSAccountId: ['111122223333'], ActionName: ['Publish'] }),
    sns('RemovePermission', { TopicArn: topic, Label: 'l' }),
    sns('TagResource', { ResourceArn: topic, Tags: [{ Key: 't', Value: 'v' }] }),
    sns('ListTagsForResource', { ResourceArn: topic }),
    sns('UntagResource', { ResourceArn: topic, TagKeys: ['t'] }),
    sns('Unsubscribe', { SubscriptionArn: `${topic}:00000000-0000-4000-8000-000000000001` }),
    sns('DeleteTopic', { TopicArn: `${topic}-gone` }),
    sns('CreatePlatformApplication', { Name: 'fuzz-app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } }),
    sns('GetPlatformApplicationAttributes', { PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/fuzz-app` }),
    sns('SetPlatformApplicationAttributes', { PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/fuzz-app`, Attributes: { SuccessFeedbackSampleRate: '5' } }),
    sns('ListPlatformApplications', {}),
    sns('CreatePlatformEndpoint', { PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/fuzz-app`, Token: 'device', CustomUserData: 'u', Attributes: { Enabled: 'true' } }),
    sns('ListEndpointsByPlatformApplication', { PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/fuzz-app` }),
    sns('GetEndpointAttributes', { EndpointArn: `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/fuzz-app/00000000-0000-4000-8000-000000000000` }),
    sns('SetEndpointAttributes', { EndpointArn: `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/fuzz-app/00000000-0000-4000-8000-000000000000`, Attributes: { Enabled: 'false' } }),
    sns('DeleteEndpoint', { EndpointArn: `arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/fuzz-app/00000000-0000-4000-8000-000000000001` }),
    sns('DeletePlatformApplication', { PlatformApplicationArn: `arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/fuzz-gone` }),
    sns('SetSMSAttributes', { attributes: { DefaultSMSType: 'Transactional' } }),
    sns('GetSMSAttributes', { attributes: ['DefaultSMSType'] }),
    sns('CheckIfPhoneNumberIsOptedOut', { phoneNumber: '+15550001111' }),
    sns('ListPhoneNumbersOptedOut', {}),
    sns('OptInPhoneNumber', { phoneNumber: '+15550001111' }),

    kinesis('CreateStream', { StreamName: stream, ShardCount: 2 }),
    kinesis('ListStreams', { Limit: 10, ExclusiveStartStreamName: 'a' }),
    kinesis('DescribeStream', { StreamName: stream, Limit: 10 }),
    kinesis('DescribeStreamSummary', { StreamARN: streamArn }),
    kinesis('ListShards', { StreamName: stream, MaxResults: 10, ShardFilter: { Type: 'AT_LATEST' } }),
    kinesis('PutRecord', { StreamName: stream, PartitionKey: 'p', Data: Buffer.from('data'), ExplicitHashKey: '1', SequenceNumberForOrdering: '1' }),
    kinesis('PutRecords', { StreamARN: streamArn, Records: [{ PartitionKey: 'p', Data: Buffer.from('d') }, { PartitionKey: 'q', Data: Buffer.alloc(0) }] }),
    kinesis('GetShardIterator', { StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date() }),
    kinesis('GetShardIterator', { StreamName: stream, ShardId: 'shardId-000000000001', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: '49590338271490256608559692538361571095921575989136588898' }),
    kinesis('GetRecords', { ShardIterator: 'AAAAAAAAAAFHJejL6/AjDShV3pIXsxYZT7Xj2G6EHxokHqT2D1stIOVYUEyprlUGWUepKqUDaR0+hB6qTlKvZa+fsBRqgHGp', Limit: 10 }),
    kinesis('IncreaseStreamRetentionPeriod', { StreamName: stream, RetentionPeriodHours: 48 }),
    kinesis('DecreaseStreamRetentionPeriod', { StreamName: stream, RetentionPeriodHours: 24 }),
    kinesis('AddTagsToStream', { StreamName: stream, Tags: { a: 'b' } }),
    kinesis('ListTagsForStream', { StreamName: stream, Limit: 10 }),
    kinesis('RemoveTagsFromStream', { StreamName: stream, TagKeys: ['a'] }),
    kinesis('SplitShard', { StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '85070591730234615865843651857942052864' }),
    kinesis('MergeShards', { StreamName: stream, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }),
    kinesis('UpdateShardCount', { StreamName: stream, TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }),
    kinesis('RegisterStreamConsumer', { StreamARN: streamArn, ConsumerName: 'fuzz-consumer' }),
    kinesis('DescribeStreamConsumer', { StreamARN: streamArn, ConsumerName: 'fuzz-consumer' }),
    kinesis('ListStreamConsumers', { StreamARN: streamArn, MaxResults: 10 }),
    kinesis('DeregisterStreamConsumer', { StreamARN: streamArn, ConsumerName: 'fuzz-gone' }),
    // A consumer ARN that exists nowhere: a subscription that succeeded would hold the stream open for minutes.
    kinesis('SubscribeToShard', { ConsumerARN: `${streamArn}/consumer/fuzz-gone:1`, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'AT_TIMESTAMP', Timestamp: new Date() } }),
    kinesis('DescribeLimits', {}),
    kinesis('UpdateStreamMode', { StreamARN: streamArn, StreamModeDetails: { StreamMode: 'PROVISIONED' } }),
    kinesis('EnableEnhancedMonitoring', { StreamName: stream, ShardLevelMetrics: ['IncomingBytes', 'ALL'] }),
    kinesis('DisableEnhancedMonitoring', { StreamName: stream, ShardLevelMetrics: ['IncomingBytes'] }),
    kinesis('StartStreamEncryption', { StreamName: stream, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
    kinesis('StopStreamEncryption', { StreamName: stream, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
    kinesis('TagResource', { ResourceARN: streamArn, Tags: { t: 'v' } }),
    kinesis('ListTagsForResource', { ResourceARN: streamArn }),
    kinesis('UntagResource', { ResourceARN: streamArn, TagKeys: ['t'] }),
    kinesis('PutResourcePolicy', { ResourceARN: streamArn, Policy: '{"Version":"2012-10-17","Statement":[]}' }),
    kinesis('GetResourcePolicy', { ResourceARN: streamArn }),
    kinesis('DeleteResourcePolicy', { ResourceARN: streamArn }),
    kinesis('DeleteStream', { StreamName: 'fuzz-gone', EnforceConsumerDeletion: true }),

    firehose('CreateDeliveryStream', {
      DeliveryStreamName: 'fuzz-firehose',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose`,
        BucketARN: 'arn:aws:s3:::fuzz-bucket',
        Prefix: 'data/',
        ErrorOutputPrefix: 'errors/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        CompressionFormat: 'UNCOMPRESSED',
      },
      Tags: [{ Key: 'k', Value: 'v' }],
    }),
    firehose('DescribeDeliveryStream', { DeliveryStreamName: 'fuzz-firehose', Limit: 10 }),
    firehose('ListDeliveryStreams', { Limit: 10, DeliveryStreamType: 'DirectPut' }),
    firehose('PutRecord', { DeliveryStreamName: 'fuzz-firehose', Record: { Data: Buffer.from('record\n') } }),
    firehose('PutRecordBatch', { DeliveryStreamName: 'fuzz-firehose', Records: [{ Data: Buffer.from('a\n') }, { Data: Buffer.from('b\n') }] }),
    firehose('TagDeliveryStream', { DeliveryStreamName: 'fuzz-firehose', Tags: [{ Key: 't', Value: 'v' }] }),
    firehose('ListTagsForDeliveryStream', { DeliveryStreamName: 'fuzz-firehose', Limit: 10 }),
    firehose('UntagDeliveryStream', { DeliveryStreamName: 'fuzz-firehose', TagKeys: ['t'] }),
    firehose('DeleteDeliveryStream', { DeliveryStreamName: 'fuzz-gone', AllowForceDelete: true }),

    events('CreateEventBus', { Name: bus, Description: 'fuzz', Tags: [{ Key: 'k', Value: 'v' }] }),
    events('UpdateEventBus', { Name: bus, Description: 'fuzzed' }),
    events('DescribeEventBus', { Name: busArn }),
    events('ListEventBuses', { NamePrefix: 'fuzz', Limit: 10, NextToken: 'MA==' }),
    events('PutPermission', { EventBusName: bus, Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'fuzz-sid', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1' } }),
    events('PutPermission', { EventBusName: bus, Policy: '{"Version":"2012-10-17","Statement":[{"Sid":"p","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}' }),
    events('RemovePermission', { EventBusName: bus, StatementId: 'fuzz-sid', RemoveAllPermissions: false }),
    events('PutRule', { Name: 'fuzz-rule', EventBusName: bus, EventPattern: pattern, State: 'ENABLED', Description: 'd', RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, Tags: [{ Key: 'k', Value: 'v' }] }),
    events('PutRule', { Name: 'fuzz-schedule', ScheduleExpression: 'rate(1 hour)', State: 'DISABLED' }),
    events('DescribeRule', { Name: 'fuzz-rule', EventBusName: bus }),
    events('ListRules', { NamePrefix: 'fuzz', EventBusName: busArn, Limit: 5 }),
    events('DisableRule', { Name: 'fuzz-rule', EventBusName: bus }),
    events('EnableRule', { Name: 'fuzz-rule', EventBusName: bus }),
    events('PutTargets', {
      Rule: 'fuzz-rule',
      EventBusName: bus,
      Targets: [
        { Id: 'q', Arn: queueArn('fuzz-1'), InputTransformer: { InputPathsMap: { n: '$.detail.n' }, InputTemplate: '{"n": <n>}' }, RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 60 } },
        { Id: 'fifo', Arn: queueArn('fuzz-2.fifo'), SqsParameters: { MessageGroupId: 'g' }, InputPath: '$.detail' },
        { Id: 'topic', Arn: topic, Input: '{"x":1}', DeadLetterConfig: { Arn: queueArn('fuzz-3') } },
        { Id: 'stream', Arn: streamArn, KinesisParameters: { PartitionKeyPath: '$.id' } },
      ],
    }),
    events('ListTargetsByRule', { Rule: 'fuzz-rule', EventBusName: bus, Limit: 2 }),
    events('ListRuleNamesByTarget', { TargetArn: queueArn('fuzz-1'), EventBusName: bus, Limit: 5 }),
    events('CreateArchive', { ArchiveName: 'fuzz-archive', EventSourceArn: busArn, Description: 'd', EventPattern: pattern, RetentionDays: 1 }),
    events('UpdateArchive', { ArchiveName: 'fuzz-archive', Description: 'd2', RetentionDays: 2 }),
    events('DescribeArchive', { ArchiveName: 'fuzz-archive' }),
    events('ListArchives', { NamePrefix: 'fuzz', Limit: 5 }),
    events('PutEvents', {
      Entries: [
        { EventBusName: bus, Source: 'fuzz', DetailType: 'd', Detail: '{"n":2,"k":"v1"}', Time: new Date(), Resources: ['arn:aws:s3:::b'], TraceHeader: 't' },
        { Source: 'fuzz', DetailType: 'd', Detail: '{"n":0}' },
        { EventBusName: busArn, Source: 'fuzz', DetailType: 'd', Detail: '[1]' },
      ],
    }),
    events('TestEventPattern', { EventPattern: pattern, Event: event }),
    events('StartReplay', {
      ReplayName: 'fuzz-replay',
      Description: 'd',
      EventSourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:archive/fuzz-archive`,
      EventStartTime: new Date(Date.now() - 60_000),
      EventEndTime: new Date(Date.now() + 60_000),
      Destination: { Arn: busArn, FilterArns: [ruleArn] },
    }),
    events('DescribeReplay', { ReplayName: 'fuzz-replay' }),
    events('ListReplays', { NamePrefix: 'fuzz', Limit: 5 }),
    events('CancelReplay', { ReplayName: 'fuzz-replay' }),
    events('DeleteArchive', { ArchiveName: 'fuzz-archive-gone' }),
    events('TagResource', { ResourceARN: ruleArn, Tags: [{ Key: 't', Value: 'v' }] }),
    events('ListTagsForResource', { ResourceARN: busArn }),
    events('UntagResource', { ResourceARN: ruleArn, TagKeys: ['t'] }),
    events('RemoveTargets', { Rule: 'fuzz-rule', EventBusName: bus, Ids: ['gone'], Force: true }),
    events('DeleteRule', { Name: 'fuzz-gone', EventBusName: bus, Force: true }),
    events('DeleteEventBus', { Name: 'fuzz-bus-gone' }),
    events('CreateConnection', {
      Name: 'fuzz-conn', AuthorizationType: 'API_KEY', Description: 'd',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' }, InvocationHttpParameters: { HeaderParameters: [{ Key: 'h', Value: 'v', IsValueSecret: true }] } },
    }),
    events('DescribeConnection', { Name: 'fuzz-conn' }),
    events('ListConnections', { NamePrefix: 'fuzz', ConnectionState: 'AUTHORIZED', Limit: 5 }),
    events('UpdateConnection', { Name: 'fuzz-conn', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } }),
    events('DeauthorizeConnection', { Name: 'fuzz-conn-gone' }),
    events('DeleteConnection', { Name: 'fuzz-conn-gone' }),
    events('CreateApiDestination', { Name: 'fuzz-dest', ConnectionArn: `arn:aws:events:${REGION}:${ACCOUNT}:connection/fuzz-conn/00000000-0000-0000-0000-000000000000`, InvocationEndpoint: 'http://127.0.0.1:9/fuzz/*', HttpMethod: 'POST', InvocationRateLimitPerSecond: 10 }),
    events('DescribeApiDestination', { Name: 'fuzz-dest' }),
    events('ListApiDestinations', { NamePrefix: 'fuzz', ConnectionArn: `arn:aws:events:${REGION}:${ACCOUNT}:connection/fuzz-conn/00000000-0000-0000-0000-000000000000`, Limit: 5 }),
    events('UpdateApiDestination', { Name: 'fuzz-dest', HttpMethod: 'PUT', Description: 'u' }),
    events('DeleteApiDestination', { Name: 'fuzz-dest-gone' }),
    states('CreateStateMachine', { name: 'fuzz-machine', definition: machine, roleArn: `arn:aws:iam::${ACCOUNT}:role/r`, type: 'STANDARD', tags: [{ key: 'k', value: 'v' }] }),
    states('CreateStateMachine', { name: 'fuzz-express', definition: machine.replace('3600', '0'), roleArn: `arn:aws:iam::${ACCOUNT}:role/r`, type: 'EXPRESS' }),
    states('ValidateStateMachineDefinition', { definition: machine, type: 'STANDARD' }),
    states('DescribeStateMachine', { stateMachineArn: machineArn }),
    states('ListStateMachines', { maxResults: 10 }),
    states('UpdateStateMachine', { stateMachineArn: machineArn, definition: machine }),
    states('StartExecution', { stateMachineArn: machineArn, name: 'fuzz-execution', input: '{"a":[1,2,{"b":null}]}' }),
    states('StartSyncExecution', { stateMachineArn: machineArn.replace('fuzz-machine', 'fuzz-express'), input: '{}' }),
    states('DescribeExecution', { executionArn }),
    states('DescribeStateMachineForExecution', { executionArn }),
    states('ListExecutions', { stateMachineArn: machineArn, statusFilter: 'RUNNING', maxResults: 5 }),
    states('GetExecutionHistory', { executionArn, maxResults: 5, reverseOrder: true, includeExecutionData: true }),
    states('SendTaskSuccess', { taskToken: 'fuzz-token', output: '{}' }),
    states('SendTaskFailure', { taskToken: 'fuzz-token', error: 'E', cause: 'C' }),
    states('SendTaskHeartbeat', { taskToken: 'fuzz-token' }),
    states('TagResource', { resourceArn: machineArn, tags: [{ key: 't', value: 'u' }] }),
    states('ListTagsForResource', { resourceArn: machineArn }),
    states('UntagResource', { resourceArn: machineArn, tagKeys: ['t'] }),
    states('StopExecution', { executionArn: executionArn.replace('fuzz-execution', 'fuzz-gone'), error: 'E', cause: 'C' }),
    states('RedriveExecution', { executionArn, clientToken: 'fuzz-redrive' }),
    states('TestState', { definition: JSON.stringify({ Type: 'Pass', Parameters: { 'v.$': '$.a' }, End: true }), input: '{"a":1}', inspectionLevel: 'DEBUG' }),
    states('PublishStateMachineVersion', { stateMachineArn: machineArn, description: 'fuzz' }),
    states('ListStateMachineVersions', { stateMachineArn: machineArn, maxResults: 5 }),
    states('CreateStateMachineAlias', { name: 'fuzz-alias', routingConfiguration: [{ stateMachineVersionArn: `${machineArn}:1`, weight: 100 }] }),
    states('DescribeStateMachineAlias', { stateMachineAliasArn: `${machineArn}:fuzz-alias` }),
    states('ListStateMachineAliases', { stateMachineArn: machineArn }),
    states('UpdateStateMachineAlias', { stateMachineAliasArn: `${machineArn}:fuzz-alias`, description: 'd' }),
    states('DeleteStateMachineAlias', { stateMachineAliasArn: `${machineArn}:fuzz-alias-gone` }),
    states('DeleteStateMachineVersion', { stateMachineVersionArn: `${machineArn}:99` }),
    states('ListMapRuns', { executionArn, maxResults: 5 }),
    states('DescribeMapRun', { mapRunArn: `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:fuzz-machine/M:fuzz` }),
    states('UpdateMapRun', { mapRunArn: `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:fuzz-machine/M:fuzz`, maxConcurrency: 2, toleratedFailureCount: 1 }),
    states('DeleteStateMachine', { stateMachineArn: `${machineArn}-gone` }),
    { service: 'sts', action: 'GetCallerIdentity', input: {} },
    { service: 'sts', action: 'AssumeRole', input: { RoleArn: 'arn:aws:iam::111111111111:role/fuzz', RoleSessionName: 'fuzz', DurationSeconds: 900 } },
  ];
}

/** The query protocol's form parameters for an input, as botocore writes them from the service's shapes. */
export function queryForm(service: 'sqs' | 'sns' | 'sts', action: string, input: Record<string, unknown>): [string, string][] {
  const shapes = { sqs: sqsShapes, sns: snsShapes, sts: stsBinding.shapes! }[service];
  const version = { sqs: '2012-11-05', sns: '2010-03-31', sts: '2011-06-15' }[service];
  const out: [string, string][] = [['Action', action], ['Version', version]];
  const shape = shapes[action]?.input;
  if (shape) writeStructure(out, shape, input, '');
  else for (const [k, v] of Object.entries(input)) out.push([k, scalar(v)]);
  return out;
}

function writeStructure(out: [string, string][], shape: StructureShape, value: Record<string, unknown>, prefix: string) {
  for (const [name, v] of Object.entries(value)) {
    const member = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    // Members the model does not know (a fuzzed extra field) go out under their own name, as a sloppy client's would.
    if (!member) {
      out.push([`${prefix}${name}`, scalar(v)]);
      continue;
    }
    const m = member.shape;
    const key = m.type === 'list' && m.flattened && m.itemName ? m.itemName : (member.wireName ?? name);
    writeValue(out, m, v, `${prefix}${key}`);
  }
}

function writeValue(out: [string, string][], shape: Shape, value: unknown, key: string) {
  if (shape.type === 'structure' && isRecord(value)) return writeStructure(out, shape, value, `${key}.`);
  if (shape.type === 'list' && Array.isArray(value)) {
    const base = shape.flattened ? key : `${key}.${shape.itemName ?? 'member'}`;
    if (value.length === 0) out.push([key, '']);
    value.forEach((item, i) => writeValue(out, shape.item, item, `${base}.${i + 1}`));
    return;
  }
  if (shape.type === 'map' && isRecord(value)) {
    const base = shape.flattened ? key : `${key}.entry`;
    Object.entries(value).forEach(([k, v], i) => {
      out.push([`${base}.${i + 1}.${shape.keyName}`, k]);
      writeValue(out, shape.value, v, `${base}.${i + 1}.${shape.valueName}`);
    });
    return;
  }
  out.push([key, scalar(value)]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

function scalar(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
