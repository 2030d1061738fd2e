import assert from 'node:assert/strict';
import { HealthyRetryPolicy, retryDelaySeconds, subscriptionHttpPolicy } from '../../../src/broker/sns/topic-attributes';

describe('SNS http retry schedule', () => {
  const policy = (p: Partial<HealthyRetryPolicy>): HealthyRetryPolicy => ({
    minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear', ...p,
  });
  const schedule = (p: HealthyRetryPolicy) => Array.from({ length: p.numRetries }, (_, i) => retryDelaySeconds(p, i + 1));

  it('waits 20 s three times by default', () => {
    assert.deepEqual(schedule(policy({})), [20, 20, 20]);
  });

  it('goes through the immediate, minimum, backoff and maximum phases in turn', () => {
    const p = policy({ minDelayTarget: 5, maxDelayTarget: 25, numRetries: 9, numNoDelayRetries: 1, numMinDelayRetries: 2, numMaxDelayRetries: 1 });
    assert.deepEqual(schedule(p), [0, 5, 5, 5, 10, 15, 20, 25, 25]);
  });

  it('lets a subscription override the topic policy unless the topic forbids it', () => {
    const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5 } } });
    const sub = JSON.stringify({ healthyRetryPolicy: { numRetries: 1, minDelayTarget: 2, maxDelayTarget: 2 } });
    assert.equal(subscriptionHttpPolicy(topic, sub).defaultHealthyRetryPolicy.numRetries, 1);
    const locked = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5 }, disableSubscriptionOverrides: true } });
    assert.equal(subscriptionHttpPolicy(locked, sub).defaultHealthyRetryPolicy.numRetries, 5);
  });
});
