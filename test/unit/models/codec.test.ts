import assert from 'node:assert/strict';
import { Encoder, Tag } from 'cbor-x';
import { isAwsError } from '../../../src/broker/errors';
import { firehoseBinding } from '../../../src/server/firehose/binding';
import { kinesisBinding } from '../../../src/server/kinesis/binding';
import { eventbridgeBinding } from '../../../src/server/eventbridge/binding';
import { decodeCbor } from '../../../src/server/protocols/cbor';
import { decodeQueryInput } from '../../../src/server/protocols/query';
import { readInput } from '../../../src/server/protocols/type-check';
import { snsBinding } from '../../../src/server/sns/binding';
import { snsShapes } from '../../../src/server/sns/shapes';
import { sqsBinding } from '../../../src/server/sqs/binding';
import { sqsShapes } from '../../../src/server/sqs/shapes';

/** The generic JSON/CBOR input codec, reading requests against AWS's models (src/server/models). */

const kinesis = (action: string, body: Record<string, unknown>) => readInput(kinesisBinding.shapes![action].input, body);
const firehose = (action: string, body: Record<string, unknown>) => readInput(firehoseBinding.shapes![action].input, body);

function refuses(fn: () => unknown, code: string, message?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isAwsError(e), `expected an AwsError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

describe('generic input codec', () => {
  it('refuses a member of the wrong type with the SerializationException AWS words', () => {
    refuses(() => kinesis('CreateStream', { StreamName: 5 }), 'SerializationException',
      'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String');
    refuses(() => kinesis('CreateStream', { StreamName: 's', ShardCount: 'two' }), 'SerializationException',
      'class java.lang.String can not be converted to an Integer');
    refuses(() => kinesis('DeleteStream', { StreamName: 's', EnforceConsumerDeletion: 'yes' }), 'SerializationException',
      'class java.lang.String can not be converted to an Boolean');
    refuses(() => kinesis('CreateStream', { StreamName: ['s'] }), 'SerializationException', 'Start of list found where not expected');
    refuses(() => kinesis('CreateStream', { StreamName: { a: 1 } }), 'SerializationException',
      'Start of structure or map found where not expected.');
    refuses(() => kinesis('CreateStream', { StreamName: 's', Tags: { a: 5 } }), 'SerializationException');
    refuses(() => kinesis('PutRecords', { StreamName: 's', Records: 'r' }), 'SerializationException');
    refuses(() => kinesis('CreateStream', { StreamName: 's', StreamModeDetails: 'ON_DEMAND' }), 'SerializationException');
    refuses(() => firehose('CreateDeliveryStream', {
      DeliveryStreamName: 'd', ExtendedS3DestinationConfiguration: { ProcessingConfiguration: { Processors: 'Lambda' } },
    }), 'SerializationException');
  });

  it('words a scalar where a list, map or structure belongs as the Java front end of AWS does (issue 25)', () => {
    refuses(() => kinesis('PutRecords', { StreamName: 's', Records: 'r' }), 'SerializationException', 'Expected list or null');
    refuses(() => kinesis('PutRecords', { StreamName: 's', Records: 5 }), 'SerializationException', 'Expected list or null');
    refuses(() => kinesis('PutRecords', { StreamName: 's', Records: {} }), 'SerializationException',
      'Start of structure or map found where not expected.');
    refuses(() => kinesis('CreateStream', { StreamName: 's', Tags: true }), 'SerializationException', 'Expected map or null');
    refuses(() => kinesis('CreateStream', { StreamName: 's', Tags: [] }), 'SerializationException', 'Start of list found where not expected');
    refuses(() => kinesis('CreateStream', { StreamName: 's', StreamModeDetails: 'ON_DEMAND' }), 'SerializationException', 'Expected null');
    refuses(() => kinesis('CreateStream', { StreamName: true }), 'SerializationException', 'class java.lang.Boolean can not be converted to an String');
    refuses(() => kinesis('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: '=+/=' }), 'SerializationException',
      "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
  });

  it('refuses a fraction where the model says integer', () => {
    refuses(() => kinesis('UpdateShardCount', { StreamName: 's', TargetShardCount: 1.5, ScalingType: 'UNIFORM_SCALING' }),
      'SerializationException', 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Integer');
    assert.deepEqual(kinesis('CreateStream', { StreamName: 's', ShardCount: 2 }), { StreamName: 's', ShardCount: 2 });
  });

  it('hands blobs to the engine as bytes: base64 text from JSON, byte strings from CBOR', () => {
    const fromJson = kinesis('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: Buffer.from('héllo').toString('base64') });
    assert.ok(Buffer.isBuffer(fromJson.Data));
    assert.equal((fromJson.Data as Buffer).toString('utf8'), 'héllo');
    const sent = new Uint8Array([1, 2, 3]);
    const fromCbor = kinesis('PutRecord', decodeCbor(Buffer.from(new Encoder({ useRecords: false }).encode({ StreamName: 's', PartitionKey: 'k', Data: sent }))));
    assert.deepEqual([...(fromCbor.Data as Buffer)], [1, 2, 3]);
    const batch = firehose('PutRecordBatch', { DeliveryStreamName: 'd', Records: [{ Data: 'AAE=' }] }) as { Records: { Data: Buffer }[] };
    assert.deepEqual([...batch.Records[0].Data], [0, 1]);
    refuses(() => kinesis('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 'not base64!' }), 'SerializationException',
      "'not base64!' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 11");
    refuses(() => kinesis('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 12 }), 'SerializationException',
      'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob');
  });

  it('copies blob bytes, so the request buffer is not the one the engine keeps', () => {
    const sent = Buffer.from('abc');
    const read = kinesis('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: sent });
    sent[0] = 0x7a;
    assert.equal((read.Data as Buffer).toString(), 'abc');
  });

  it('hands timestamps to the engine as Date: epoch seconds from JSON, tag 1 (epoch milliseconds) from CBOR', () => {
    const json = kinesis('GetShardIterator', { ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1700000000.5 });
    assert.ok(json.Timestamp instanceof Date);
    assert.equal((json.Timestamp as Date).getTime(), 1700000000500);
    const body = new Encoder({ useRecords: false, tagUint8Array: false }).encode({
      ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Tag(1700000000500, 1),
    });
    const cbor = kinesis('GetShardIterator', decodeCbor(Buffer.from(body)));
    assert.equal((cbor.Timestamp as Date).getTime(), 1700000000500);
    const nested = kinesis('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: 1 } }) as { ShardFilter: { Timestamp: Date } };
    assert.equal(nested.ShardFilter.Timestamp.getTime(), 1000);
    refuses(() => kinesis('GetShardIterator', { ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 'yesterday' }), 'SerializationException',
      'class java.lang.String can not be converted to milliseconds since epoch');
  });

  it('drops members set to null once, keeps null list items for validation, and passes unknown members on', () => {
    const read = kinesis('ListStreams', { Limit: null, ExclusiveStartStreamName: null, Extra: { a: null, b: 1 } });
    assert.deepEqual(read, { Extra: { b: 1 } });
    const records = kinesis('PutRecords', { StreamName: 's', Records: [null, { PartitionKey: 'k', Data: 'AA==', ExplicitHashKey: null }] }) as { Records: unknown[] };
    assert.equal(records.Records[0], null);
    assert.deepEqual(Object.keys(records.Records[1] as object), ['PartitionKey', 'Data']);
    const tags = kinesis('AddTagsToStream', { StreamName: 's', Tags: { a: 'x', b: null } });
    assert.deepEqual(tags.Tags, { a: 'x' });
  });

  it('leaves required members, lengths, patterns and enums to validation with AWS wording (the engines today)', () => {
    // The SDK schemas carry which members are required; the constraint checks still run in the engines' rules.
    assert.deepEqual(kinesisBinding.shapes!.CreateStream.input.required, ['StreamName']);
    const mode = kinesisBinding.shapes!.CreateStream.input.members.StreamModeDetails.shape;
    assert.ok(mode.type === 'structure');
    assert.deepEqual(mode.required, ['StreamMode']);
    assert.deepEqual(sqsShapes.SendMessage.input.required, ['QueueUrl', 'MessageBody']);
    assert.deepEqual(kinesis('CreateStream', { StreamName: 'bad name', ShardCount: 0 }), { StreamName: 'bad name', ShardCount: 0 });
  });

  it('hands SQS blobs to the engine as bytes too, and reads query shapes from the model', () => {
    const sqs = readInput(sqsShapes.SendMessage.input, {
      QueueUrl: 'q', MessageBody: 'b', MessageAttributes: { a: { DataType: 'Binary', BinaryValue: 'AQI=', BinaryListValues: ['AA==', ''] } },
    }) as { MessageAttributes: { a: { BinaryValue: unknown; BinaryListValues: unknown[] } } };
    assert.deepEqual(sqs.MessageAttributes.a.BinaryValue, Buffer.from([1, 2]));
    assert.deepEqual(sqs.MessageAttributes.a.BinaryListValues, [Buffer.from([0]), Buffer.alloc(0)]);
    refuses(() => readInput(sqsShapes.SendMessage.input, {
      QueueUrl: 'q', MessageBody: 'b', MessageAttributes: { a: { DataType: 'Binary', BinaryValue: 'AQI' } },
    }), 'SerializationException', "'AQI' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    const entries = sqsShapes.SendMessageBatch.input.members.Entries;
    assert.equal(entries.wireName, 'SendMessageBatchRequestEntry');
    assert.ok(entries.shape.type === 'list' && entries.shape.flattened);
    const attributes = snsShapes.CreateTopic.input.members.Attributes.shape;
    assert.ok(attributes.type === 'map' && !attributes.flattened && attributes.keyName === 'key');
    const tags = snsShapes.ListTagsForResource.output!.members.Tags.shape;
    assert.ok(tags.type === 'list' && tags.keepEmpty && !tags.flattened);
  });

  it('decodes query blobs to bytes and refuses text that is not base64 (SQS and SNS form posts)', () => {
    const form = (fields: Record<string, string>) => new URLSearchParams(fields);
    const sqs = decodeQueryInput(sqsShapes.SendMessage.input, form({
      QueueUrl: 'q', MessageBody: 'b', 'MessageAttribute.1.Name': 'a', 'MessageAttribute.1.Value.DataType': 'Binary', 'MessageAttribute.1.Value.BinaryValue': 'AAEC/w==',
    })) as { MessageAttributes: { a: { BinaryValue: unknown } } };
    assert.deepEqual(sqs.MessageAttributes.a.BinaryValue, Buffer.from([0, 1, 2, 255]));
    const sns = decodeQueryInput(snsShapes.Publish.input, form({
      TopicArn: 't', Message: 'm', 'MessageAttributes.entry.1.Name': 'a', 'MessageAttributes.entry.1.Value.DataType': 'Binary', 'MessageAttributes.entry.1.Value.BinaryValue': 'AgME',
    })) as { MessageAttributes: { a: { BinaryValue: unknown } } };
    assert.deepEqual(sns.MessageAttributes.a.BinaryValue, Buffer.from([2, 3, 4]));
    refuses(() => decodeQueryInput(snsShapes.Publish.input, form({
      TopicArn: 't', Message: 'm', 'MessageAttributes.entry.1.Name': 'a', 'MessageAttributes.entry.1.Value.DataType': 'Binary', 'MessageAttributes.entry.1.Value.BinaryValue': 'not base64!',
    })), 'InvalidParameterValue');
  });

  it('takes each JSON service\'s target settings and SNS\'s XML namespace from the model', () => {
    assert.deepEqual(sqsBinding.target, {
      prefix: 'AmazonSQS', jsonVersion: '1.0', errorTypePrefix: 'com.amazonaws.sqs#', queryCompatible: true,
    });
    assert.deepEqual(kinesisBinding.target, { prefix: 'Kinesis_20131202', jsonVersion: '1.1', cbor: true });
    assert.deepEqual(firehoseBinding.target, { prefix: 'Firehose_20150804', jsonVersion: '1.1' });
    assert.deepEqual(eventbridgeBinding.target, { prefix: 'AWSEvents', jsonVersion: '1.1', required: true });
    assert.equal(snsBinding.query?.xmlNamespace, 'http://sns.amazonaws.com/doc/2010-03-31/');
  });

  it('with `required`, refuses missing required members and null list items in AWS\'s front-end words (EventBridge)', () => {
    const events = (action: string, body: Record<string, unknown>) =>
      readInput(eventbridgeBinding.shapes![action].input, body, { required: true });
    refuses(() => events('PutRule', {}), 'ValidationException',
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    refuses(() => events('PutTargets', { Rule: 'r', Targets: [{ Id: 'a', InputTransformer: {} }, null] }), 'ValidationException',
      "3 validation errors detected: Value null at 'targets.1.member.arn' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'targets.2.member' failed to satisfy constraint: Member must not be null");
    refuses(() => events('TagResource', { ResourceARN: 'a', Tags: [{ Key: 'k' }] }), 'ValidationException',
      "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null");
    // Types come first: a mistyped member is a SerializationException even when another is missing.
    refuses(() => events('PutRule', { State: 5 }), 'SerializationException');
    assert.deepEqual(events('PutEvents', { Entries: [{}] }), { Entries: [{}] }, 'PutEvents entries have no required members');
    // Without the option (every other service) the engine checks required members itself.
    assert.deepEqual(readInput(eventbridgeBinding.shapes!.PutRule.input, {}), {});
  });
});
