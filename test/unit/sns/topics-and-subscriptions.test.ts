import assert from 'node:assert/strict';
import { newBroker, queueArn, thrown } from './helpers';

const invalid = (message: string) => ({ code: 'InvalidParameter', message: `Invalid parameter: ${message}`, status: 400 });

describe('SNS topics and subscriptions', () => {
  it('creates topics idempotently and refuses different attributes or tags', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't', Attributes: { DisplayName: 'x' }, Tags: [{ Key: 'k1', Value: 'v1' }] });
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:t');
    assert.equal(ops.CreateTopic({ Name: 't' }).TopicArn, TopicArn);
    assert.deepEqual(thrown(() => ops.CreateTopic({ Name: 't', Attributes: { DisplayName: 'y' } })), invalid('Attributes Reason: Topic already exists with different attributes'));
    assert.deepEqual(thrown(() => ops.CreateTopic({ Name: 't', Tags: [{ Key: 'k2', Value: 'v2' }] })), invalid('Tags Reason: Topic already exists with different tags'));
  });

  it('validates topic names, FIFO suffix included', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    for (const Name of ['', 'a'.repeat(257), 'has.fifo', 'bad name', 'bad/char']) {
      assert.deepEqual(thrown(() => ops.CreateTopic({ Name })), invalid('Topic Name'), Name);
    }
    assert.deepEqual(thrown(() => ops.CreateTopic({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } })), invalid('Topic Name'));
    assert.doesNotThrow(() => ops.CreateTopic({ Name: 'a'.repeat(256) }));
  });

  it('reports topic attributes as AWS does and refuses changing FifoTopic', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 'f.fifo', Attributes: { FifoTopic: 'true', DisplayName: 'TestTopic' } });
    const a = ops.GetTopicAttributes({ TopicArn }).Attributes;
    assert.equal(a.FifoTopic, 'true');
    assert.equal(a.ContentBasedDeduplication, 'false');
    assert.equal(a.DisplayName, 'TestTopic');
    assert.equal(a.SubscriptionsPending, '0');
    assert.deepEqual(JSON.parse(a.EffectiveDeliveryPolicy).http.defaultHealthyRetryPolicy.numRetries, 3);
    assert.equal(JSON.parse(a.Policy).Statement[0].Condition.StringEquals['AWS:SourceOwner'], '000000000000');
    ops.SetTopicAttributes({ TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 } } }) });
    const eff = JSON.parse(ops.GetTopicAttributes({ TopicArn }).Attributes.EffectiveDeliveryPolicy).http;
    assert.deepEqual(eff.defaultHealthyRetryPolicy, { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' });
    assert.deepEqual(thrown(() => ops.SetTopicAttributes({ TopicArn, AttributeName: 'FifoTopic', AttributeValue: 'false' })), invalid('AttributeName'));
    const std = ops.CreateTopic({ Name: 'std' }).TopicArn;
    assert.equal(ops.GetTopicAttributes({ TopicArn: std }).Attributes.FifoTopic, undefined);
  });

  it('answers missing and malformed topics with NotFound and the ARN-shape message', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    assert.deepEqual(thrown(() => ops.GetTopicAttributes({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' })), { code: 'NotFound', message: 'Topic does not exist', status: 404 });
    assert.deepEqual(thrown(() => ops.GetTopicAttributes({ TopicArn: 'nope' })), invalid('TopicArn Reason: An ARN must have at least 6 elements, not 1'));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn: 'arn:aws', Message: 'x' })), invalid('TopicArn Reason: An ARN must have at least 6 elements, not 2'));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t', Message: 'x' })), invalid('TopicArn'));
    assert.deepEqual(
      thrown(() => ops.Publish({ TargetArn: 'arn:aws:sns:us-east-1:000000000000:endpoint/GCM/x/y', Message: 'x' })),
      invalid('TargetArn Reason: No endpoint found for the target arn specified'),
    );
    assert.deepEqual(ops.DeleteTopic({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' }), {});
  });

  it('pages ListTopics by 100 and ListSubscriptionsByTopic by 100', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    for (let i = 0; i < 120; i++) ops.CreateTopic({ Name: `t${i}` });
    const first = ops.ListTopics({});
    assert.equal(first.Topics.length, 100);
    const second = ops.ListTopics({ NextToken: first.NextToken });
    assert.equal(second.Topics.length, 20);
    assert.equal(second.NextToken, undefined);
    const TopicArn = first.Topics[0].TopicArn;
    for (let i = 0; i < 101; i++) ops.Subscribe({ TopicArn, Protocol: 'sms', Endpoint: `+1555000${String(i).padStart(4, '0')}` });
    const page1 = ops.ListSubscriptionsByTopic({ TopicArn });
    assert.equal(page1.Subscriptions.length, 100);
    assert.equal(ops.ListSubscriptionsByTopic({ TopicArn, NextToken: page1.NextToken }).Subscriptions.length, 1);
  });

  it('tags, untags and lists tags; refuses duplicate keys', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    ops.TagResource({ ResourceArn: TopicArn, Tags: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceArn: TopicArn }).Tags, [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }]);
    ops.UntagResource({ ResourceArn: TopicArn, TagKeys: ['k1'] });
    ops.TagResource({ ResourceArn: TopicArn, Tags: [{ Key: 'k2', Value: 'v2b' }] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceArn: TopicArn }).Tags, [{ Key: 'k2', Value: 'v2b' }]);
    assert.deepEqual(thrown(() => ops.TagResource({ ResourceArn: TopicArn, Tags: [{ Key: 'k', Value: 'a' }, { Key: 'k', Value: 'b' }] })), invalid('Duplicated keys are not allowed.'));
    ops.DeleteTopic({ TopicArn });
    ops.CreateTopic({ Name: 't' });
    assert.deepEqual(ops.ListTagsForResource({ ResourceArn: TopicArn }).Tags, []);
  });

  it('validates subscribe protocols, endpoints and attributes with the recorded messages', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn, Protocol: 'test-protocol', Endpoint: 'x' })), invalid('Amazon SNS does not support this protocol string: test-protocol'));
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'http://127.0.0.1:4566/000000000000/q' })), invalid('SQS endpoint ARN'));
    for (const bad of ['invalid-number', '+15--551234567', '+15551234567.', '/+15551234567']) {
      assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn, Protocol: 'sms', Endpoint: bad })), { code: 'InvalidParameter', message: `Invalid SMS endpoint: ${bad}`, status: 400 });
    }
    assert.deepEqual(
      thrown(() => ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { RawMessageDelivery: 'wrongvalue' } })),
      invalid('Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.'),
    );
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Protocol: 'sqs', Endpoint: queueArn('q') })), { code: 'NotFound', message: 'Topic does not exist', status: 404 });
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn: 'arn:aws:sns:us-east-1:000000000000', Protocol: 'sqs', Endpoint: queueArn('q') })), invalid('TopicArn Reason: An ARN must have at least 6 elements, not 5'));
  });

  it('validates SetSubscriptionAttributes and subscribes idempotently', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    const { SubscriptionArn } = ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { RawMessageDelivery: 'true' } });
    const set = (AttributeName: string, AttributeValue: string) => thrown(() => ops.SetSubscriptionAttributes({ SubscriptionArn, AttributeName, AttributeValue }));
    assert.deepEqual(set('FakeAttribute', 'x'), invalid('AttributeName'));
    assert.deepEqual(set('RawMessageDelivery', 'test-ValUe'), invalid('RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.'));
    assert.deepEqual(set('RawMessageDelivery', ''), invalid('RawMessageDelivery: Invalid value []. Must be true or false.'));
    assert.deepEqual(set('RedrivePolicy', JSON.stringify({ deadLetterTargetArn: 'not-an-arn' })), invalid('RedrivePolicy: deadLetterTargetArn is an invalid arn'));
    const jackson = "failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]";
    assert.deepEqual(set('RedrivePolicy', '{invalid json}'), invalid(`RedrivePolicy: ${jackson}`));
    assert.deepEqual(set('FilterPolicy', '{invalid json}'), invalid(`FilterPolicy: ${jackson}`));
    assert.deepEqual(thrown(() => ops.GetSubscriptionAttributes({ SubscriptionArn: `${TopicArn}:00000000-0000-0000-0000-000000000000` })), { code: 'NotFound', message: 'Subscription does not exist', status: 404 });

    assert.equal(ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') }).SubscriptionArn, SubscriptionArn);
    assert.equal(ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { RawMessageDelivery: 'true' } }).SubscriptionArn, SubscriptionArn);
    assert.deepEqual(
      thrown(() => ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { RawMessageDelivery: 'false' } })),
      invalid('Attributes Reason: Subscription already exists with different attributes'),
    );
  });

  it('unsubscribes idempotently and checks the subscription ARN shape', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    const { SubscriptionArn } = ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
    assert.deepEqual(ops.Unsubscribe({ SubscriptionArn }), {});
    assert.deepEqual(ops.Unsubscribe({ SubscriptionArn }), {});
    assert.deepEqual(thrown(() => ops.Unsubscribe({ SubscriptionArn: 'randomstring' })), invalid('SubscriptionArn Reason: An ARN must have at least 6 elements, not 1'));
    assert.deepEqual(thrown(() => ops.Unsubscribe({ SubscriptionArn: 'arn:aws:sns:us-east-1:000000000000' })), invalid('SubscriptionArn Reason: An ARN must have at least 6 elements, not 5'));
    assert.deepEqual(thrown(() => ops.Unsubscribe({ SubscriptionArn: TopicArn })), invalid('SubscriptionId'));
    assert.deepEqual(thrown(() => ops.Unsubscribe({ SubscriptionArn: '' })), invalid('SubscriptionArn Reason: no value for required parameter'));
    assert.equal(ops.GetTopicAttributes({ TopicArn }).Attributes.SubscriptionsDeleted, '1');
  });

  it('checks ConfirmSubscription topic and token as SNS does', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    const token = 'ab'.repeat(64);
    assert.deepEqual(thrown(() => ops.ConfirmSubscription({ TopicArn: `${TopicArn}-missing`, Token: token })), invalid('Token'));
    assert.deepEqual(thrown(() => ops.ConfirmSubscription({ TopicArn, Token: 'randomtoken' })), { code: 'InvalidParameter', message: 'Invalid token', status: 400 });
    assert.deepEqual(thrown(() => ops.ConfirmSubscription({ TopicArn: 'broken', Token: token })), invalid('Topic'));
    assert.deepEqual(thrown(() => ops.ConfirmSubscription({ TopicArn: TopicArn.replace('us-east-1', 'eu-west-1'), Token: token })), invalid('Topic'));
    assert.deepEqual(thrown(() => ops.ConfirmSubscription({ TopicArn, Token: token })), invalid('Token'));
  });

  it('enforces the topic policy on Subscribe for protocol and endpoint conditions', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    ops.SetTopicAttributes({
      TopicArn,
      AttributeName: 'Policy',
      AttributeValue: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: TopicArn, Condition: { StringEquals: { 'sns:Protocol': ['sqs', 'https'] } } },
          { Effect: 'Deny', Principal: '*', Action: 'SNS:*', Resource: TopicArn, Condition: { StringLike: { 'sns:Endpoint': 'https://evil.*' } } },
        ],
      }),
    });
    assert.doesNotThrow(() => ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') }));
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn, Protocol: 'email', Endpoint: 'a@example.com' })), {
      code: 'AuthorizationError',
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: SNS:Subscribe on resource: ${TopicArn} because no resource-based policy allows the SNS:Subscribe action`,
      status: 403,
    });
    assert.deepEqual(thrown(() => ops.Subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://evil.example.com/' })), {
      code: 'AuthorizationError',
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: SNS:Subscribe on resource: ${TopicArn} with an explicit deny in a resource-based policy`,
      status: 403,
    });
    assert.doesNotThrow(() => ops.Subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://good.example.com/' }));
  });

  it('adds and removes labelled permission statements as AWS writes them', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    ops.AddPermission({ TopicArn, Label: 'test', AWSAccountId: ['111111111111'], ActionName: ['Publish', 'Subscribe'] });
    const policy = JSON.parse(ops.GetTopicAttributes({ TopicArn }).Attributes.Policy);
    assert.equal(policy.Statement[0].Sid, '__default_statement_ID');
    assert.deepEqual(policy.Statement[1], {
      Sid: 'test', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: TopicArn,
    });
    assert.deepEqual(thrown(() => ops.AddPermission({ TopicArn, Label: 'test', AWSAccountId: ['111111111111'], ActionName: ['Publish'] })), invalid('Statement already exists'));
    assert.deepEqual(thrown(() => ops.AddPermission({ TopicArn, Label: 'x', AWSAccountId: ['111111111111'], ActionName: ['sqs:SendMessage'] })), invalid('Policy statement action out of service scope!'));
    assert.deepEqual(thrown(() => ops.AddPermission({ TopicArn: `${TopicArn}-nope`, Label: 'x', AWSAccountId: ['1'], ActionName: ['Publish'] })).code, 'NotFound');
    ops.RemovePermission({ TopicArn, Label: 'test' });
    assert.equal(JSON.parse(ops.GetTopicAttributes({ TopicArn }).Attributes.Policy).Statement.length, 1);
    assert.deepEqual(thrown(() => ops.RemovePermission({ TopicArn: `${TopicArn}-nope`, Label: 'x' })), { code: 'NotFound', message: 'Topic does not exist', status: 404 });
  });

  it('deletes a topic with its subscriptions and says so in events', () => {
    const { broker, events } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = ops.CreateTopic({ Name: 't' });
    const { SubscriptionArn } = ops.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
    ops.DeleteTopic({ TopicArn });
    assert.deepEqual(ops.ListSubscriptions({}).Subscriptions, []);
    assert.deepEqual(thrown(() => ops.GetSubscriptionAttributes({ SubscriptionArn })).code, 'NotFound');
    assert.deepEqual(
      events.filter((e) => e.service === 'sns').map((e) => e.type),
      ['topicCreated', 'subscriptionCreated', 'subscriptionDeleted', 'topicDeleted'],
    );
  });
});
