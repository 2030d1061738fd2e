import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { version } from '../../package.json';
import { form, raw, sqsJson } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

const SQS_NS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

/** The protocol shapes on the wire, byte for byte where AWS clients depend on them. */
describe('wire protocol shapes', function () {
  this.timeout(20_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  describe('SQS JSON 1.0', () => {
    it('answers an AWS error with __type, message and the x-amzn-query-error header', async () => {
      const res = await raw(server.url, sqsJson('GetQueueUrl', { QueueName: 'nope' }));
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], 'application/x-amz-json-1.0');
      assert.equal(res.headers['x-amzn-query-error'], 'AWS.SimpleQueueService.NonExistentQueue;Sender');
      assert.ok(res.headers['x-amzn-requestid']);
      assert.deepEqual(JSON.parse(res.text), {
        __type: 'com.amazonaws.sqs#QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    });

    it('refuses an unknown action with UnknownOperationException (InvalidAction for query-compatible clients)', async () => {
      const res = await raw(server.url, sqsJson('Frobnicate', {}));
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(res.text).__type, 'com.amazonaws.sqs#UnknownOperationException');
      assert.equal(res.headers['x-amzn-query-error'], 'InvalidAction;Sender');
      const proto = await raw(server.url, sqsJson('toString', {}));
      assert.equal(JSON.parse(proto.text).__type, 'com.amazonaws.sqs#UnknownOperationException');
    });

    it('answers malformed or wrongly typed JSON with SerializationException', async () => {
      for (const body of ['{"QueueName":', '[1,2]', '"text"', 'null']) {
        const res = await raw(server.url, sqsJson('CreateQueue', body));
        assert.equal(res.status, 400, body);
        assert.equal(JSON.parse(res.text).__type, 'com.amazonaws.sqs#SerializationException', body);
      }
      const typed = await raw(server.url, sqsJson('CreateQueue', { QueueName: 5 }));
      assert.deepEqual(JSON.parse(typed.text), {
        __type: 'com.amazonaws.sqs#SerializationException',
        message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      });
      const nested = await raw(server.url, sqsJson('SendMessageBatch', { QueueUrl: 'x', Entries: { Id: 'a' } }));
      assert.equal(JSON.parse(nested.text).message, 'Start of structure or map found where not expected.');
    });

    it('refuses a binary attribute that is not base64 before the engine sees it, in JSON and in query', async () => {
      const queueUrl = JSON.parse((await raw(server.url, sqsJson('CreateQueue', { QueueName: 'bad-blob' }))).text).QueueUrl;
      const attribute = (BinaryValue: string) => ({ QueueUrl: queueUrl, MessageBody: 'b', MessageAttributes: { a: { DataType: 'Binary', BinaryValue } } });
      const json = await raw(server.url, sqsJson('SendMessage', attribute('not base64!')));
      assert.equal(json.status, 400);
      assert.deepEqual(JSON.parse(json.text), {
        __type: 'com.amazonaws.sqs#SerializationException',
        // AWS's Java front end words (issue 25).
        message: "'not base64!' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 11",
      });
      const query = await raw(server.url, form({
        Action: 'SendMessage', QueueUrl: queueUrl, MessageBody: 'b',
        'MessageAttribute.1.Name': 'a', 'MessageAttribute.1.Value.DataType': 'Binary', 'MessageAttribute.1.Value.BinaryValue': 'AQI',
      }));
      assert.equal(query.status, 400);
      assert.match(query.text, /<Code>InvalidParameterValue<\/Code>/);
      const good = await raw(server.url, sqsJson('SendMessage', attribute('AAEC/w==')));
      assert.equal(good.status, 200);
      const peek = JSON.parse((await raw(server.url, { method: 'GET', path: '/_eventyard/sqs/queues/bad-blob/messages' })).text);
      assert.equal(peek.total, 1, 'only the well-formed message was queued');
      assert.deepEqual(peek.messages[0].messageAttributes, { a: { DataType: 'Binary', BinaryValue: 'AAEC/w==' } }, 'the admin peek writes bytes as base64');
      await raw(server.url, sqsJson('DeleteQueue', { QueueUrl: queueUrl }));
    });

    it('an empty body is an empty input, as AWS treats it', async () => {
      const res = await raw(server.url, { ...sqsJson('ListQueues', ''), body: '' });
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.text), {});
    });
  });

  describe('SQS query/XML', () => {
    it('answers with the namespaced Response/Result document and the request id', async () => {
      const res = await raw(server.url, form({ Action: 'CreateQueue', Version: '2012-11-05', QueueName: 'xml-q' }));
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/xml');
      const doc = xml.parse(res.text);
      assert.equal(doc.CreateQueueResponse['@_xmlns'], SQS_NS);
      assert.equal(doc.CreateQueueResponse.CreateQueueResult.QueueUrl, `${server.url}/000000000000/xml-q`);
      assert.equal(doc.CreateQueueResponse.ResponseMetadata.RequestId, res.headers['x-amzn-requestid']);
    });

    it('operations without a result answer with ResponseMetadata only', async () => {
      await raw(server.url, form({ Action: 'CreateQueue', QueueName: 'xml-del' }));
      const res = await raw(server.url, form({ Action: 'DeleteQueue', QueueUrl: `${server.url}/000000000000/xml-del` }));
      const doc = xml.parse(res.text);
      assert.deepEqual(Object.keys(doc.DeleteQueueResponse), ['ResponseMetadata', '@_xmlns']);
    });

    it('takes the queue URL from the path when the form does not name it, and reads GET query strings', async () => {
      await raw(server.url, form({ Action: 'CreateQueue', QueueName: 'xml-path' }));
      const sent = await raw(server.url, { ...form({ Action: 'SendMessage', MessageBody: 'by path' }), path: '/000000000000/xml-path' });
      assert.equal(sent.status, 200, sent.text);
      const received = await raw(server.url, {
        method: 'GET',
        path: '/000000000000/xml-path?Action=ReceiveMessage&AttributeName.1=ApproximateReceiveCount',
      });
      const message = xml.parse(received.text).ReceiveMessageResponse.ReceiveMessageResult.Message;
      assert.equal(message.Body, 'by path');
      assert.deepEqual(message.Attribute, { Name: 'ApproximateReceiveCount', Value: '1' });
    });

    it('errors are <ErrorResponse> with Type, Code, Message, Detail and RequestId', async () => {
      const res = await raw(server.url, form({ Action: 'GetQueueUrl', QueueName: 'nope' }));
      assert.equal(res.status, 400);
      const doc = xml.parse(res.text);
      assert.equal(doc.ErrorResponse['@_xmlns'], SQS_NS);
      assert.deepEqual(doc.ErrorResponse.Error, {
        Type: 'Sender',
        Code: 'AWS.SimpleQueueService.NonExistentQueue',
        Message: 'The specified queue does not exist for this wsdl version.',
        Detail: '',
      });
      assert.equal(doc.ErrorResponse.RequestId, res.headers['x-amzn-requestid']);
    });

    it('refuses unknown and missing actions and malformed parameters', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ Action: 'Frobnicate' }, 'InvalidAction'],
        [{ Action: '__proto__' }, 'InvalidAction'],
        [{ QueueName: 'x' }, 'MissingAction'],
        [{ Action: 'ReceiveMessage', QueueUrl: 'q', MaxNumberOfMessages: 'ten' }, 'InvalidParameterValue'],
        [{ Action: 'CreateQueue', QueueName: 'm', 'Attribute.x.Name': 'DelaySeconds' }, 'MalformedQueryString'],
        [{ Action: 'CreateQueue', QueueName: 'm', 'Attribute.1.Name': 'DelaySeconds' }, 'MissingParameter'],
        [{ Action: 'CreateQueue', QueueName: 'm', 'Attribute.1.Name': 'DelaySeconds', 'Attribute.1.Value.x': '1' }, 'MissingParameter'],
      ];
      for (const [params, code] of cases) {
        const res = await raw(server.url, {
          ...form(params),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x',
          },
        });
        assert.equal(res.status, 400, JSON.stringify(params));
        assert.equal(xml.parse(res.text).ErrorResponse.Error.Code, code, JSON.stringify(params));
      }
    });
  });

  it('ignores list items made only of unknown sub-parameters (found by the fuzz test: it was a 500)', async () => {
    await raw(server.url, form({ Action: 'CreateQueue', QueueName: 'xml-nested' }));
    const res = await raw(server.url, {
      ...form({ Action: 'ReceiveMessage', QueueUrl: `${server.url}/000000000000/xml-nested`, 'MessageAttributeName.1.1': 'All' }),
    });
    assert.equal(res.status, 200, res.text);
    await raw(server.url, form({ Action: 'DeleteQueue', QueueUrl: `${server.url}/000000000000/xml-nested` }));
  });

  describe('admin surface', () => {
    it('reports health with the version and services', async () => {
      const res = await raw(server.url, { method: 'GET', path: '/_eventyard/health' });
      assert.equal(res.status, 200);
      const health = JSON.parse(res.text);
      assert.equal(health.status, 'ok');
      assert.equal(health.version, version);
      assert.ok(health.services.includes('sqs'));
    });

    it('peeks messages without receiving them, and reset clears every queue', async () => {
      await raw(server.url, sqsJson('CreateQueue', { QueueName: 'peeked' }));
      const queueUrl = `${server.url}/000000000000/peeked`;
      for (const body of ['one', 'two', 'three']) await raw(server.url, sqsJson('SendMessage', { QueueUrl: queueUrl, MessageBody: body }));
      const peek = await raw(server.url, { method: 'GET', path: '/_eventyard/sqs/queues/peeked/messages?offset=1&limit=1' });
      assert.equal(peek.status, 200);
      const page = JSON.parse(peek.text);
      assert.equal(page.total, 3);
      assert.deepEqual(page.counts, { visible: 3, inFlight: 0, delayed: 0 });
      assert.deepEqual(page.messages.map((m: { body: string }) => m.body), ['two']);
      const received = JSON.parse((await raw(server.url, sqsJson('ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 10, AttributeNames: ['ApproximateReceiveCount'] }))).text);
      assert.equal(received.Messages.length, 3);
      assert.ok(received.Messages.every((m: { Attributes: Record<string, string> }) => m.Attributes.ApproximateReceiveCount === '1'));

      assert.equal((await raw(server.url, { method: 'GET', path: '/_eventyard/reset' })).status, 405);
      assert.equal((await raw(server.url, { method: 'POST', path: '/_eventyard/reset' })).status, 200);
      assert.deepEqual(JSON.parse((await raw(server.url, sqsJson('ListQueues', {}))).text), {});
      const gone = await raw(server.url, { method: 'GET', path: '/_eventyard/sqs/queues/peeked/messages' });
      assert.equal(gone.status, 404);
      assert.equal((await raw(server.url, { method: 'GET', path: '/_eventyard/nothing' })).status, 404);
      const badLimit = await raw(server.url, { method: 'GET', path: '/_eventyard/sqs/queues/peeked/messages?limit=-1' });
      assert.equal(badLimit.status, 400);
    });
  });
});
