import assert from 'node:assert/strict';
import * as rules from '../../../src/extension/validation/rules';

describe('editor input checks explain the AWS rule', () => {
  it('queue names: length, characters and the .fifo suffix', () => {
    const standard = rules.queueName(false);
    const fifo = rules.queueName(true);
    assert.equal(standard('orders'), undefined);
    assert.equal(standard('a'.repeat(80)), undefined);
    assert.match(standard('a'.repeat(81))!, /up to 80 characters: alphanumerics, hyphens and underscores/);
    assert.match(standard('orders!')!, /alphanumerics, hyphens and underscores/);
    assert.match(standard('orders.fifo')!, /Only FIFO queues/);
    assert.equal(fifo('orders.fifo'), undefined);
    assert.match(fifo('orders')!, /FIFO queue names end in \.fifo/);
    assert.match(fifo('.fifo')!, /up to 80 characters/);
  });

  it('topic and stream names', () => {
    assert.equal(rules.topicName(false)('order-events'), undefined);
    assert.match(rules.topicName(false)('a'.repeat(257))!, /up to 256 characters/);
    assert.match(rules.topicName(true)('events')!, /FIFO topic names end in \.fifo/);
    assert.equal(rules.streamName('clicks.v1'), undefined);
    assert.match(rules.streamName('clicks v1')!, /1 to 128 characters/);
  });

  it('numeric ranges name the limit and its unit', () => {
    assert.equal(rules.visibilityTimeout('43200'), undefined);
    assert.match(rules.visibilityTimeout('43201')!, /0 to 43200 seconds \(12 hours\)/);
    assert.match(rules.delaySeconds('901')!, /0 to 900 seconds \(15 minutes\)/);
    assert.match(rules.maxReceiveCount('0')!, /from 1 to 1000/);
    assert.match(rules.shardCount('2.5')!, /whole number/);
    assert.match(rules.shardCount('')!, /whole number/);
  });

  it('message bodies: empty, too large, characters SQS refuses', () => {
    assert.match(rules.messageBody('')!, /must not be empty/);
    assert.equal(rules.messageBody('x'.repeat(1048576)), undefined);
    assert.match(rules.messageBody('x'.repeat(1048577))!, /1 MiB/);
    assert.match(rules.messageBody('bad \u0001 char')!, /#x9, #xA, #xD/);
    assert.equal(rules.messageBody('tab\tnewline\n emoji 🎉'), undefined);
  });

  it('subscription endpoints per protocol', () => {
    assert.equal(rules.subscriptionEndpoint('sqs')('arn:aws:sqs:us-east-1:000000000000:orders'), undefined);
    assert.match(rules.subscriptionEndpoint('sqs')('orders')!, /queue ARN/);
    assert.match(rules.subscriptionEndpoint('https')('http://x')!, /starting with https:\/\//);
    assert.match(rules.subscriptionEndpoint('email')('nobody')!, /dev@example\.com/);
  });

  it('filter policies must be JSON objects; empty means none', () => {
    assert.equal(rules.filterPolicy(''), undefined);
    assert.equal(rules.filterPolicy('{"type":["order"]}'), undefined);
    assert.match(rules.filterPolicy('["order"]')!, /must be a JSON object/);
    assert.match(rules.filterPolicy('{type:')!, /not valid JSON/);
  });

  it('a split key must lie strictly inside the shard and the midpoint splits evenly', () => {
    const end = (2n ** 128n - 1n).toString();
    const mid = rules.midpointHashKey('0', end);
    assert.equal(mid, (2n ** 127n).toString());
    const check = rules.newStartingHashKey('0', end);
    assert.equal(check(mid), undefined);
    assert.match(check('0')!, /greater than 0/);
    assert.match(check((2n ** 128n).toString())!, /from 0 to/);
    assert.match(check('-1')!, /whole number/);
  });
});
