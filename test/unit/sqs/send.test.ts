import assert from 'node:assert/strict';
import type { MessageAttributeMap } from '../../../src/broker/sqs/api';
import { md5OfMessageAttributes } from '../../../src/broker/sqs/md5';
import { expectAwsError, invalidParameterValue, setup } from './support';

const MAX = 1048576;
const kx: MessageAttributeMap = { k: { DataType: 'String', StringValue: 'x' } };
const kxSize = 'k'.length + 'String'.length + 'x'.length;

describe('SQS SendMessage', () => {
  it('answers the MD5 of the body and a message id', () => {
    const { ops, createQueue } = setup();
    const out = ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: 'message' });
    assert.equal(out.MD5OfMessageBody, '78e731027d8fd50ed642340b7c9a63b3');
    assert.match(out.MessageId, /^[0-9a-f-]{36}$/);
    assert.equal(out.MD5OfMessageAttributes, undefined);
    assert.equal(out.SequenceNumber, undefined);
  });

  it('computes MD5OfMessageAttributes exactly as AWS does', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const attrs: MessageAttributeMap = {
      Hello: { DataType: 'String', StringValue: 'There' },
      General: { DataType: 'String', StringValue: 'Kenobi' },
      'Help.Me': { DataType: 'String', StringValue: 'Me' },
    };
    assert.equal(ops.SendMessage({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: attrs }).MD5OfMessageAttributes, '4c360f3fdafd970e05fae2f149d997f5');
    assert.equal(md5OfMessageAttributes({ MyAttribute: { DataType: 'String', StringValue: 'foobar' } }), 'adb59cd4678ea5a855436b949cd07ab6');
    assert.equal(md5OfMessageAttributes({ Foo: { DataType: 'String', StringValue: 'Bar' } }), 'ae7155c6026991b6d54b11589678bf9c');
    assert.equal(md5OfMessageAttributes(kx), 'a45daa70926828a2f0a1db3418e6feb4');
    const binary = Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01');
    assert.equal(md5OfMessageAttributes({ attr1: { DataType: 'Binary', BinaryValue: binary } }), '8cbe4db156db8a94db8b801b7addb984');
  });

  it('encodes numbers and list values with their own transport bytes', () => {
    const a = md5OfMessageAttributes({ n: { DataType: 'Number', StringValue: '1' } });
    const b = md5OfMessageAttributes({ n: { DataType: 'String', StringValue: '1' } });
    assert.notEqual(a, b);
    const list = md5OfMessageAttributes({ l: { DataType: 'String', StringListValues: ['a', 'b'] } });
    assert.match(list ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual(list, md5OfMessageAttributes({ l: { DataType: 'String', StringValue: 'ab' } }));
  });

  it('answers MD5OfMessageSystemAttributes for an AWSTraceHeader and reports it on receive', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const system = { AWSTraceHeader: { DataType: 'String', StringValue: header } };
    const out = ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageSystemAttributes: system });
    assert.equal(out.MD5OfMessageSystemAttributes, md5OfMessageAttributes(system));
    const got = await ops.ReceiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['AWSTraceHeader', 'SentTimestamp'] });
    assert.deepEqual(got.Messages?.[0].Attributes, { AWSTraceHeader: header, SentTimestamp: String(Date.UTC(2026, 0, 1)) });
  });

  it('rejects an empty body', async () => {
    const { ops, createQueue } = setup();
    await expectAwsError(() => ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: '' }), {
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
  });

  it('rejects characters outside the XML range', async () => {
    const { ops, createQueue } = setup();
    await expectAwsError(() => ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: 'bad \u0001' }), {
      code: 'InvalidMessageContents',
      message:
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    });
    ops.SendMessage({ QueueUrl: 'q', MessageBody: 'tab\tnewline\n emoji \u{1F600}' });
  });

  it('limits body plus attributes to 1 MiB by default', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(MAX - kxSize), MessageAttributes: kx });
    await expectAwsError(
      () => ops.SendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(MAX - kxSize + 1), MessageAttributes: kx }),
      invalidParameterValue('One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.'),
    );
  });

  it('follows an updated MaximumMessageSize', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    ops.SetQueueAttributes({ QueueUrl: url, Attributes: { MaximumMessageSize: '1024' } });
    ops.SendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(1024) });
    await expectAwsError(
      () => ops.SendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(1024 - kxSize + 1), MessageAttributes: kx }),
      invalidParameterValue('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.'),
    );
  });

  it('counts multi-byte characters as bytes', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q', { MaximumMessageSize: '1024' });
    await expectAwsError(
      () => ops.SendMessage({ QueueUrl: url, MessageBody: 'é'.repeat(513) }),
      invalidParameterValue('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.'),
    );
  });

  it('validates DelaySeconds', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    await expectAwsError(
      () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 }),
      invalidParameterValue('Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900'),
    );
  });

  describe('message attributes', () => {
    const send = (MessageAttributes: MessageAttributeMap) => {
      const { ops, createQueue } = setup();
      return () => ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: 'x', MessageAttributes });
    };

    it('rejects an empty string value', async () => {
      await expectAwsError(
        send({ ErrorDetails: { DataType: 'String', StringValue: '' } }),
        invalidParameterValue("Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."),
      );
    });

    it('rejects missing and unknown data types', async () => {
      await expectAwsError(
        send({ a: { DataType: '', StringValue: 'v' } }),
        invalidParameterValue("The message attribute 'a' must contain non-empty message attribute type."),
      );
      await expectAwsError(
        send({ a: { DataType: 'Text', StringValue: 'v' } }),
        invalidParameterValue(
          "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
        ),
      );
    });

    it('accepts custom type suffixes and checks numbers', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number.int', StringValue: '-12.5e3' } } });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { s: { DataType: 'String.json', StringValue: '{}' } } });
      await expectAwsError(
        () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } }),
        invalidParameterValue("Can't cast the value of message (user) attribute 'n' to a number."),
      );
    });

    it('accepts names in any script and rejects punctuation in names', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { 'attr.1øßä': { DataType: 'String', StringValue: 'Valida' } } });
      for (const char of ['!', '"', '§', '(', '?']) {
        await expectAwsError(
          () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { [`Invalid-${char}-attr`]: { DataType: 'String', StringValue: 'v' } } }),
          invalidParameterValue(
            'Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ',
          ),
        );
      }
      await expectAwsError(
        () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { ['L'.repeat(257)]: { DataType: 'String', StringValue: 'v' } } }),
        invalidParameterValue('Message (user) attribute names must be shorter than 256 Bytes'),
      );
      await expectAwsError(
        () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { a: { DataType: 'String', StringValue: `Invalid-${String.fromCharCode(8)}` } } }),
        invalidParameterValue(
          'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
        ),
      );
    });

    it('rejects reserved and malformed names', async () => {
      const reserved = invalidParameterValue(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
      );
      await expectAwsError(send({ 'AWS.x': { DataType: 'String', StringValue: 'v' } }), reserved);
      await expectAwsError(send({ 'amazon.x': { DataType: 'String', StringValue: 'v' } }), reserved);
      await expectAwsError(send({ 'x.': { DataType: 'String', StringValue: 'v' } }), reserved);
      await expectAwsError(
        send({ 'a b': { DataType: 'String', StringValue: 'v' } }),
        invalidParameterValue(
          'Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ',
        ),
      );
    });

    it('allows at most 10 attributes', async () => {
      const eleven: MessageAttributeMap = {};
      for (let i = 0; i < 11; i++) eleven[`a${i}`] = { DataType: 'String', StringValue: 'v' };
      await expectAwsError(send(eleven), invalidParameterValue('Number of message attributes [11] exceeds the allowed maximum [10].'));
    });

    it('rejects an empty binary value and unknown system attributes', async () => {
      await expectAwsError(
        send({ b: { DataType: 'Binary', BinaryValue: new Uint8Array(0) } }),
        invalidParameterValue("Message (user) attribute 'b' must contain a non-empty value of type 'Binary'."),
      );
      const { ops, createQueue } = setup();
      await expectAwsError(
        () =>
          ops.SendMessage({
            QueueUrl: createQueue('q'),
            MessageBody: 'x',
            MessageSystemAttributes: { Other: { DataType: 'String', StringValue: 'v' } },
          }),
        invalidParameterValue("Message system attribute name 'Other' is invalid."),
      );
    });
  });

  describe('MessageGroupId and MessageDeduplicationId', () => {
    for (const [label, value] of [
      ['empty', ''],
      ['too long', 'a'.repeat(129)],
      ['with spaces', 'group 123'],
    ]) {
      it(`rejects a MessageGroupId that is ${label}`, async () => {
        const { ops, createQueue } = setup();
        await expectAwsError(
          () => ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: 'x', MessageGroupId: value }),
          invalidParameterValue(
            `Value ${value} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
          ),
        );
      });
      it(`rejects a MessageDeduplicationId that is ${label}`, async () => {
        const { ops, createQueue } = setup();
        const url = createQueue('q.fifo', { FifoQueue: 'true' });
        await expectAwsError(
          () => ops.SendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: value }),
          invalidParameterValue(
            `Value ${value} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
          ),
        );
      });
    }

    it('keeps a MessageGroupId on a standard queue (fair queues) and reports it', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'message', MessageGroupId: 'test' });
      const got = await ops.ReceiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['All'] });
      assert.equal(got.Messages?.[0].Attributes?.MessageGroupId, 'test');
      assert.equal(got.Messages?.[0].Attributes?.SequenceNumber, undefined);
    });

    it('rejects a MessageDeduplicationId on a standard queue', async () => {
      const { ops, createQueue } = setup();
      await expectAwsError(
        () => ops.SendMessage({ QueueUrl: createQueue('q'), MessageBody: 'x', MessageDeduplicationId: 'd' }),
        invalidParameterValue(
          'Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.',
        ),
      );
    });
  });
});

describe('SQS SendMessageBatch', () => {
  it('sends every entry and answers each with its id and MD5s', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const out = ops.SendMessageBatch({
      QueueUrl: url,
      Entries: [
        { Id: '1', MessageBody: 'a'.repeat(10), MessageAttributes: kx },
        { Id: '2', MessageBody: 'a' },
      ],
    });
    assert.deepEqual(out.Failed, []);
    assert.deepEqual(out.Successful.map((s) => [s.Id, s.MD5OfMessageBody, s.MD5OfMessageAttributes]), [
      ['1', 'e09c80c42fda55f9d992e59ca6b3307d', 'a45daa70926828a2f0a1db3418e6feb4'],
      ['2', '0cc175b9c0f1b6a831c399e269772661', undefined],
    ]);
    const got = await ops.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    assert.equal(got.Messages?.length, 2);
  });

  it('reports an entry over the queue limit as failed and sends the rest', () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q', { MaximumMessageSize: '1024' });
    const out = ops.SendMessageBatch({
      QueueUrl: url,
      Entries: [
        { Id: 'big', MessageBody: 'a'.repeat(1025) },
        { Id: 'ok', MessageBody: 'fine' },
      ],
    });
    assert.deepEqual(out.Failed, [
      {
        Id: 'big',
        SenderFault: true,
        Code: 'InvalidParameterValue',
        Message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
      },
    ]);
    assert.deepEqual(out.Successful.map((s) => s.Id), ['ok']);
  });

  it('rejects a batch over 1 MiB in total', async () => {
    const { ops, createQueue } = setup();
    await expectAwsError(
      () =>
        ops.SendMessageBatch({
          QueueUrl: createQueue('q'),
          Entries: [
            { Id: '1', MessageBody: 'a'.repeat(MAX - kxSize), MessageAttributes: kx },
            { Id: '2', MessageBody: 'a' },
          ],
        }),
      {
        code: 'BatchRequestTooLong',
        queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
        message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
      },
    );
  });

  it('rejects more than 10 entries, empty batches, bad and repeated ids', async () => {
    const { ops, createQueue } = setup();
    const url = createQueue('q');
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expectAwsError(() => ops.SendMessageBatch({ QueueUrl: url, Entries: entries(20) }), {
      code: 'TooManyEntriesInBatchRequest',
      queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 20.',
    });
    await expectAwsError(() => ops.SendMessageBatch({ QueueUrl: url, Entries: [] }), {
      code: 'EmptyBatchRequest',
      queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
    const invalidId = {
      code: 'InvalidBatchEntryId',
      queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    };
    for (const Id of ['', 'invalid:id', 'x'.repeat(81)]) {
      await expectAwsError(() => ops.SendMessageBatch({ QueueUrl: url, Entries: [{ Id, MessageBody: 'x' }] }), invalidId);
    }
    await expectAwsError(
      () => ops.SendMessageBatch({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] }),
      { code: 'BatchEntryIdsNotDistinct', queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', message: 'Id a repeated.' },
    );
    ops.SendMessageBatch({ QueueUrl: url, Entries: [{ Id: 'x'.repeat(80), MessageBody: 'x' }] });
    assert.equal(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes?.ApproximateNumberOfMessages, '1');
  });

  it('fails only the entries with invalid attributes', () => {
    const { ops, createQueue } = setup();
    const out = ops.SendMessageBatch({
      QueueUrl: createQueue('q'),
      Entries: [
        { Id: 'bad', MessageBody: 'x', MessageAttributes: { e: { DataType: 'String', StringValue: '' } } },
        { Id: 'empty', MessageBody: '' },
        { Id: 'good', MessageBody: 'x' },
      ],
    });
    assert.deepEqual(
      out.Failed.map((f) => [f.Id, f.Code, f.SenderFault]),
      [
        ['bad', 'InvalidParameterValue', true],
        ['empty', 'MissingParameter', true],
      ],
    );
    assert.deepEqual(out.Successful.map((s) => s.Id), ['good']);
  });
});
