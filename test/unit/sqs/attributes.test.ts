import assert from 'node:assert/strict';
import { expectAwsError, SECOND, setup } from './support';

const all = ['All'];

describe('SQS queue attributes', () => {
  it('reports the standard queue defaults AWS reports', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const { Attributes } = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: all });
    assert.deepEqual(Object.keys(Attributes ?? {}), [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesDelayed',
      'ApproximateNumberOfMessagesNotVisible',
      'CreatedTimestamp',
      'DelaySeconds',
      'LastModifiedTimestamp',
      'MaximumMessageSize',
      'MessageRetentionPeriod',
      'QueueArn',
      'ReceiveMessageWaitTimeSeconds',
      'SqsManagedSseEnabled',
      'VisibilityTimeout',
    ]);
    assert.equal(Attributes?.MaximumMessageSize, '1048576');
    assert.equal(Attributes?.MessageRetentionPeriod, '345600');
    assert.equal(Attributes?.VisibilityTimeout, '30');
    assert.equal(Attributes?.SqsManagedSseEnabled, 'true');
    assert.equal(Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:q');
    assert.equal(Attributes?.CreatedTimestamp, String(Date.UTC(2026, 0, 1) / 1000));
  });

  it('adds the FIFO attributes with their defaults to a FIFO queue', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const { Attributes } = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: all });
    assert.equal(Attributes?.FifoQueue, 'true');
    assert.equal(Attributes?.ContentBasedDeduplication, 'true');
    assert.equal(Attributes?.DeduplicationScope, 'queue');
    assert.equal(Attributes?.FifoThroughputLimit, 'perQueue');
  });

  it('answers only the named attributes, nothing without names, and rejects unknown names', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'DelaySeconds'] }), {
      Attributes: { DelaySeconds: '0', VisibilityTimeout: '30' },
    });
    assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url }), {});
    await expectAwsError(() => ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Colour'] }), {
      code: 'InvalidAttributeName',
      message: 'Unknown Attribute Colour.',
    });
  });

  it('updates attributes and LastModifiedTimestamp', () => {
    const { ops, createQueue, clock, events } = setup();
    const url = createQueue('q', { ReceiveMessageWaitTimeSeconds: '10', VisibilityTimeout: '20' });
    clock.advance(5 * SECOND);
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '420', MaximumMessageSize: '2048', VisibilityTimeout: '69' } });
    const a = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes ?? {};
    assert.equal(a.DelaySeconds, '420');
    assert.equal(a.MaximumMessageSize, '2048');
    assert.equal(a.VisibilityTimeout, '69');
    assert.equal(a.ReceiveMessageWaitTimeSeconds, '10');
    assert.equal(Number(a.LastModifiedTimestamp) - Number(a.CreatedTimestamp), 5);
    assert.equal(events.at(-1)?.type, 'queueAttributesChanged');
  });

  it('rejects values outside each documented range', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const bad: [string, string][] = [
      ['DelaySeconds', '901'],
      ['DelaySeconds', '-1'],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['MessageRetentionPeriod', '59'],
      ['MessageRetentionPeriod', '1209601'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['VisibilityTimeout', '43201'],
      ['VisibilityTimeout', 'soon'],
      ['KmsDataKeyReusePeriodSeconds', '59'],
      ['SqsManagedSseEnabled', 'yes'],
    ];
    for (const [name, value] of bad) {
      await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { [name]: value } }), {
        code: 'InvalidAttributeValue',
        message: `Invalid value for the parameter ${name}.`,
      });
    }
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { MessageRetentionPeriod: '1209600', VisibilityTimeout: '43200' } });
  });

  it('rejects read-only and unknown attribute names', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    for (const name of ['QueueArn', 'ApproximateNumberOfMessages', 'Colour']) {
      await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { [name]: '1' } }), {
        code: 'InvalidAttributeName',
        message: `Unknown Attribute ${name}.`,
      });
    }
  });

  it('treats FifoQueue as unknown on a standard queue and as fixed on a FIFO queue', async () => {
    const { ops, createQueue } = setup();
    const std = createQueue('std');
    for (const value of ['true', 'false']) {
      await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: std, Attributes: { FifoQueue: value } }), {
        code: 'InvalidAttributeName',
        message: 'Unknown Attribute FifoQueue.',
      });
    }
    const fifo = createQueue('f.fifo', { FifoQueue: 'true' });
    ops.SetQueueAttributes({ QueueUrl: fifo, Attributes: { FifoQueue: 'true' } });
    await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: fifo, Attributes: { FifoQueue: 'false' } }), {
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    });
  });

  it('switches between KMS and SQS-managed encryption, never both', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' } });
    const names = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];
    assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: names }).Attributes, {
      KmsDataKeyReusePeriodSeconds: '6000',
      KmsMasterKeyId: 'testKeyId',
      SqsManagedSseEnabled: 'false',
    });
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: 'true' } });
    assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: names }).Attributes, { SqsManagedSseEnabled: 'true' });
    await expectAwsError(
      () => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'k', SqsManagedSseEnabled: 'true' } }),
      {
        code: 'InvalidAttributeName',
        message: 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
      },
    );
  });

  it('drops a key set back to empty, keeping SSE off as AWS does', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' } });
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: '', KmsDataKeyReusePeriodSeconds: '300' } });
    const a = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: all }).Attributes ?? {};
    assert.equal(a.KmsMasterKeyId, undefined);
    assert.equal(a.KmsDataKeyReusePeriodSeconds, undefined);
    assert.equal(a.SqsManagedSseEnabled, 'false');
  });

  it('stores a Policy document and removes it when set to empty', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { Policy: policy } });
    assert.equal(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }).Attributes?.Policy, policy);
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { Policy: '' } });
    assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }), {});
    await expectAwsError(() => ops.SetQueueAttributes({ QueueUrl: url, Attributes: { Policy: '{not json' } }), {
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter Policy.',
    });
  });

  it('counts visible, in-flight and delayed messages', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'c', DelaySeconds: 5 });
    await ops.ReceiveMessage({ QueueUrl: url });
    assert.deepEqual(
      ops.GetQueueAttributes({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }).Attributes,
      { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '1', ApproximateNumberOfMessagesNotVisible: '1' },
    );
  });

  it('switches a FIFO queue to high throughput and back', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q.fifo', { FifoQueue: 'true' });
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' } });
    const a = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['DeduplicationScope', 'FifoThroughputLimit'] }).Attributes;
    assert.deepEqual(a, { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
  });
});
