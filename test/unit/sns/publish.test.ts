import assert from 'node:assert/strict';
import { newBroker, thrown } from './helpers';

const invalid = (message: string) => ({ code: 'InvalidParameter', message: `Invalid parameter: ${message}`, status: 400 });
const pvi = (message: string) => ({ code: 'ParameterValueInvalid', message, status: 400 });

describe('SNS Publish and PublishBatch validation', () => {
  function setup(fifo = false) {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    const { TopicArn } = fifo ? ops.CreateTopic({ Name: 't.fifo', Attributes: { FifoTopic: 'true' } }) : ops.CreateTopic({ Name: 't' });
    return { ops, TopicArn };
  }

  it('checks message, subject, size and structure', () => {
    const { ops, TopicArn } = setup();
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn, Message: '' })), invalid('Empty message'));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn, Message: 'x', Subject: '' })), invalid('Subject'));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn, Message: 'x'.repeat(262_145) })), invalid('Message too long'));
    assert.doesNotThrow(() => ops.Publish({ TopicArn, Message: 'x'.repeat(262_144) }));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn, Message: '{"a": "b"}', MessageStructure: 'json' })), invalid('Message Structure - No default entry in JSON message body'));
    assert.deepEqual(thrown(() => ops.Publish({ TopicArn, Message: 'not json', MessageStructure: 'json' })), invalid('Message Structure - JSON message body failed to parse'));
  });

  it('checks message attributes in the order and words SNS uses', () => {
    const { ops, TopicArn } = setup();
    const attr = (a: Record<string, unknown>) => thrown(() => ops.Publish({ TopicArn, Message: 'x', MessageAttributes: a as never }));
    assert.deepEqual(attr({ attr1: { DataType: 'String', StringValue: '' } }), pvi("The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."));
    assert.deepEqual(attr({ attr1: { DataType: 'Binary' } }), pvi("The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'Binary'."));
    assert.deepEqual(attr({ attr1: { DataType: 'String', BinaryValue: 'AA==' } }), pvi("The message attribute 'attr1' with type 'String' must use field 'String'."));
    assert.deepEqual(attr({ attr1: { DataType: 'Number', BinaryValue: 'AA==' } }), pvi("The message attribute 'attr1' with type 'Number' must use field 'String'."));
    assert.deepEqual(attr({ attr1: { DataType: 'Binary', StringValue: 'x' } }), pvi("The message attribute 'attr1' with type 'Binary' must use field 'Binary'."));
    assert.deepEqual(attr({ attr1: { DataType: 'InvalidType', StringValue: 'x' } }), pvi("The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."));
    assert.deepEqual(attr({ ['a'.repeat(256)]: { DataType: 'String', StringValue: 'x' } }), pvi('Length of message attribute name must be less than 256 bytes.'));
    assert.deepEqual(attr({ 'ab^c': { DataType: 'String', StringValue: 'x' } }), pvi("Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."));
    assert.deepEqual(attr({ '.abc': { DataType: 'String', StringValue: 'x' } }), pvi("Invalid message attribute name starting with character '.' was found."));
    assert.deepEqual(attr({ 'abc.': { DataType: 'String', StringValue: 'x' } }), pvi("Invalid message attribute name ending with character '.' was found."));
    assert.deepEqual(attr({ 'a..bc': { DataType: 'String', StringValue: 'x' } }), pvi("Message attribute name can not have successive '.' character."));
    assert.deepEqual(attr({ attr1: { StringValue: 'x' } }), {
      code: 'ValidationError',
      message: "1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null",
      status: 400,
    });
    assert.doesNotThrow(() => ops.Publish({ TopicArn, Message: 'x', MessageAttributes: { 'attr.1': { DataType: 'String.custom', StringValue: 'x' } } }));
  });

  it('requires group and deduplication on FIFO topics and refuses deduplication ids on standard ones', () => {
    const fifo = setup(true);
    assert.deepEqual(thrown(() => fifo.ops.Publish({ TopicArn: fifo.TopicArn, Message: 'x' })), invalid('The MessageGroupId parameter is required for FIFO topics'));
    assert.deepEqual(
      thrown(() => fifo.ops.Publish({ TopicArn: fifo.TopicArn, Message: 'x', MessageGroupId: 'g' })),
      invalid('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'),
    );
    const std = setup();
    assert.deepEqual(
      thrown(() => std.ops.Publish({ TopicArn: std.TopicArn, Message: 'x', MessageDeduplicationId: 'd' })),
      invalid('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type'),
    );
  });

  it('publishes to phone numbers and refuses malformed ones', () => {
    const { broker } = newBroker();
    const ops = broker.sns.operations;
    assert.deepEqual(thrown(() => ops.Publish({ PhoneNumber: '+1a234', Message: 'x' })), invalid('PhoneNumber Reason: +1a234 is not valid to publish to'));
    assert.deepEqual(thrown(() => ops.Publish({ PhoneNumber: 'NAA+15551234567', Message: 'x' })), invalid('PhoneNumber Reason: NAA+15551234567 is not valid to publish to'));
    ops.Publish({ PhoneNumber: '+15551234567', Message: 'your code is 1234' });
    assert.equal(broker.sns.listOutbox('+15551234567')[0].body, 'your code is 1234');
  });

  it('checks batches as a whole and fails single entries on their own', () => {
    const { ops, TopicArn } = setup();
    const entry = (Id: string, extra = {}) => ({ Id, Message: 'm', ...extra });
    const batch = (entries: ReturnType<typeof entry>[]) => thrown(() => ops.PublishBatch({ TopicArn, PublishBatchRequestEntries: entries }));
    assert.deepEqual(batch(Array.from({ length: 11 }, (_, i) => entry(`e${i}`))), { code: 'TooManyEntriesInBatchRequest', message: 'The batch request contains more entries than permissible.', status: 400 });
    assert.deepEqual(batch([entry('1'), entry('1')]), { code: 'BatchEntryIdsNotDistinct', message: 'Two or more batch entries in the request have the same Id.', status: 400 });
    assert.deepEqual(batch([entry('message.id')]), { code: 'InvalidBatchEntryId', message: 'The Id of a batch entry in the batch request contains an impermissible character: message.id', status: 400 });
    assert.deepEqual(batch([entry('a'.repeat(81))]), { code: 'InvalidBatchEntryId', message: `The Id of a batch entry in the batch request is too long: ${'a'.repeat(81)}`, status: 400 });
    assert.deepEqual(batch([entry('1', { Message: 'x'.repeat(200_000) }), entry('2', { Message: 'x'.repeat(70_000) })]), {
      code: 'BatchRequestTooLong', message: 'The length of all the messages put together is more than the limit.', status: 400,
    });
    assert.deepEqual(batch([entry('1', { MessageAttributes: { attr1: { StringValue: 'x' } } })]), {
      code: 'ValidationError',
      message: "1 validation error detected: Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null",
      status: 400,
    });
    const out = ops.PublishBatch({ TopicArn, PublishBatchRequestEntries: [entry('ok'), entry('bad', { Message: '' })] });
    assert.deepEqual(out.Successful.map((s) => s.Id), ['ok']);
    assert.deepEqual(out.Failed, [{ Id: 'bad', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
    const fifo = setup(true);
    assert.deepEqual(
      thrown(() => fifo.ops.PublishBatch({ TopicArn: fifo.TopicArn, PublishBatchRequestEntries: [entry('1')] })),
      invalid('The MessageGroupId parameter is required for FIFO topics'),
    );
  });
});
