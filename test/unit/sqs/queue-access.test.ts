import assert from 'node:assert/strict';
import { queuePolicyAllows } from '../../../src/broker/sqs/queue-access';

const arn = 'arn:aws:sqs:us-east-1:111111111111:q';
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('SQS queue policy for a caller of another account', () => {
  it('needs an Allow naming the account, the action and the queue', () => {
    assert.equal(queuePolicyAllows(undefined, arn, 'SendMessage', '222222222222'), false, 'no policy: refused');
    const grant = policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root'] }, Action: 'SQS:SendMessage', Resource: arn });
    assert.equal(queuePolicyAllows(grant, arn, 'SendMessage', '222222222222'), true);
    assert.equal(queuePolicyAllows(grant, arn, 'SendMessageBatch', '222222222222'), true, 'a batch needs its single action');
    assert.equal(queuePolicyAllows(grant, arn, 'ReceiveMessage', '222222222222'), false, 'another action');
    assert.equal(queuePolicyAllows(grant, arn, 'SendMessage', '333333333333'), false, 'another account');
    assert.equal(queuePolicyAllows(grant, `${arn}-other`, 'SendMessage', '222222222222'), false, 'another queue');
    assert.equal(queuePolicyAllows(policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:*' }), arn, 'ReceiveMessage', '333333333333'), true, 'wildcards, any case');
  });

  it('lets a Deny win and grants nothing through conditions meant for service deliveries', () => {
    const both = policy(
      { Effect: 'Allow', Principal: '*', Action: '*' },
      { Effect: 'Deny', Principal: { AWS: '222222222222' }, Action: 'SQS:DeleteMessage' },
    );
    assert.equal(queuePolicyAllows(both, arn, 'SendMessage', '222222222222'), true);
    assert.equal(queuePolicyAllows(both, arn, 'DeleteMessage', '222222222222'), false);
    const conditional = policy({ Effect: 'Allow', Principal: '*', Action: 'SQS:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:t' } } });
    assert.equal(queuePolicyAllows(conditional, arn, 'SendMessage', '222222222222'), false);
    assert.equal(queuePolicyAllows('not json', arn, 'SendMessage', '222222222222'), false);
  });
});
