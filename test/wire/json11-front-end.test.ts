import assert from 'node:assert/strict';
import { raw, type RawRequest } from './support/raw';
import { serveDuringSuite } from './support/serve';

/**
 * Issue 25: the checks AWS's JSON 1.1 front end makes are the codec's, so Firehose and EventBridge answer
 * malformed requests as Kinesis does.
 */
describe('the JSON 1.1 front end for Firehose and EventBridge (issue 25)', function () {
  this.timeout(30_000);
  const served = serveDuringSuite();
  const request = (target: string, body?: string, contentType = 'application/x-amz-json-1.1'): RawRequest => ({
    method: 'POST',
    headers: { 'x-amz-target': target, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });

  for (const [service, prefix, action, mistyped, expected] of [
    ['Firehose', 'Firehose_20150804', 'ListDeliveryStreams', { Limit: 'ten' }, 'class java.lang.String can not be converted to an Integer'],
    ['EventBridge', 'AWSEvents', 'ListRules', { Limit: [] }, 'Start of list found where not expected'],
  ] as const) {
    it(`${service}: bare UnknownOperationException and SerializationException, Message capitalised`, async () => {
      const unknown = await raw(served.url, request(`${prefix}.Nope`, '{}'));
      assert.equal(unknown.status, 400);
      assert.deepEqual(JSON.parse(unknown.text), { __type: 'UnknownOperationException' });

      const empty = await raw(served.url, request(`${prefix}.${action}`));
      assert.equal(empty.status, 400);
      assert.deepEqual(JSON.parse(empty.text), { __type: 'SerializationException' });

      const typed = await raw(served.url, request(`${prefix}.${action}`, JSON.stringify(mistyped)));
      assert.equal(typed.status, 400);
      assert.deepEqual(JSON.parse(typed.text), { __type: 'SerializationException', Message: expected });

      const fine = await raw(served.url, request(`${prefix}.${action}`, '{}'));
      assert.equal(fine.status, 200, fine.text);
    });
  }

  it('EventBridge: an action without output answers an empty body', async () => {
    const put = await raw(served.url, request('AWSEvents.PutRule', JSON.stringify({ Name: 'r', EventPattern: '{"source":["a"]}' })));
    assert.equal(put.status, 200, put.text);
    const disabled = await raw(served.url, request('AWSEvents.DisableRule', JSON.stringify({ Name: 'r' })));
    assert.equal(disabled.status, 200, disabled.text);
    assert.equal(disabled.text, '');
  });
});
