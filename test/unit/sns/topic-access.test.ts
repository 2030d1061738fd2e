import assert from 'node:assert/strict';
import { topicPolicyAllows } from '../../../src/broker/sns/topic-access';

const arn = 'arn:aws:sns:us-east-1:111111111111:t';

describe('SNS topic policy for a caller of another account', () => {
  it('the default policy admits only the owner\'s account (its AWS:SourceOwner condition)', () => {
    const defaultPolicy = JSON.stringify({
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:GetTopicAttributes'], Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': '111111111111' } } }],
    });
    assert.equal(topicPolicyAllows(defaultPolicy, arn, 'Publish', '222222222222'), false);
    assert.equal(topicPolicyAllows(defaultPolicy, arn, 'Publish', '111111111111'), true);
  });

  it('an Allow naming the account and the action grants it; a Deny wins', () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'SNS:*', Resource: arn },
        { Effect: 'Deny', Principal: '*', Action: 'SNS:DeleteTopic', Resource: arn },
      ],
    });
    assert.equal(topicPolicyAllows(policy, arn, 'Publish', '222222222222'), true);
    assert.equal(topicPolicyAllows(policy, arn, 'PublishBatch', '222222222222'), true);
    assert.equal(topicPolicyAllows(policy, arn, 'DeleteTopic', '222222222222'), false);
    assert.equal(topicPolicyAllows(policy, arn, 'Publish', '333333333333'), false);
  });
});
