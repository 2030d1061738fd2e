import assert from 'node:assert/strict';
import { kinesisLimits, lambdaLimits, sqsLimits } from '../../src/broker/limits';
import schema from '../../schemas/eventyard.schema.json';

describe('AWS limits', () => {
  // The schema is JSON the editor reads as it is, so it cannot import the limits; this keeps it in step.
  it('are the bounds schemas/eventyard.schema.json gives the definitions file', () => {
    const queue = schema.properties.queues.items.properties;
    assert.deepEqual([queue.visibilityTimeout.minimum, queue.visibilityTimeout.maximum], [0, sqsLimits.maxVisibilityTimeoutSeconds]);
    assert.deepEqual([queue.delaySeconds.minimum, queue.delaySeconds.maximum], [0, sqsLimits.maxDelaySeconds]);
    assert.deepEqual(
      [queue.messageRetentionPeriod.minimum, queue.messageRetentionPeriod.maximum],
      [sqsLimits.minRetentionSeconds, sqsLimits.maxRetentionSeconds],
    );
    assert.deepEqual([queue.receiveMessageWaitTimeSeconds.minimum, queue.receiveMessageWaitTimeSeconds.maximum], [0, sqsLimits.maxWaitSeconds]);
    assert.deepEqual([queue.maximumMessageSize.minimum, queue.maximumMessageSize.maximum], [sqsLimits.minMessageBytes, sqsLimits.maxMessageBytes]);
    assert.equal(queue.deadLetter.properties.maxReceiveCount.maximum, sqsLimits.maxReceiveCount);
    const stream = schema.properties.streams.items.properties;
    assert.deepEqual([stream.retentionHours.minimum, stream.retentionHours.maximum], [kinesisLimits.minRetentionHours, kinesisLimits.maxRetentionHours]);
    assert.equal(schema.properties.functions.items.properties.timeout.maximum, lambdaLimits.maxTimeoutSeconds);
  });
});
