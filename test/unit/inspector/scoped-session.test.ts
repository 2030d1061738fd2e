import assert from 'node:assert/strict';
import { inspectedBroker, scopeSuffix } from '../../../src/extension/inspector/scoped-broker';
import { SessionHarness } from './harness';

describe('inspector: a resource of another account and region', () => {
  let h: SessionHarness;
  beforeEach(() => (h = new SessionHarness()));
  afterEach(() => h.dispose());
  const scope = { accountId: '111111111111', region: 'eu-west-1' };

  it('shows and changes that scope\'s queue, not the default one of the same name', async () => {
    h.queue('orders');
    h.sqs.SendMessage({ QueueUrl: h.queue('orders'), MessageBody: 'default' });
    const west = h.broker.scope(scope.accountId, scope.region);
    const url = west.sqs.operations.CreateQueue({ QueueName: 'orders' }).QueueUrl;
    west.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'west' });
    const s = h.open({ kind: 'queue', name: 'orders', scope }, { broker: inspectedBroker(h.broker, scope) });
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    assert.deepEqual(page.messages.map((m) => m.preview), ['west']);
    const described = await h.request(s, 'queue/describe', {});
    assert.match(described.arn, /^arn:aws:sqs:eu-west-1:111111111111:orders$/);
    await h.request(s, 'queue/send', { body: 'sent from the inspector', attributes: {}, copies: 1 });
    const westCount = west.sqs.operations.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes!.ApproximateNumberOfMessages;
    const defaultCount = h.sqs.GetQueueAttributes({ QueueUrl: h.queue('orders'), AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes!.ApproximateNumberOfMessages;
    assert.deepEqual([westCount, defaultCount], ['2', '1']);
  });

  it('is undefined for an account and region nothing was made in, and the default broker without a scope', () => {
    assert.equal(inspectedBroker(h.broker, { accountId: '222222222222', region: 'ap-south-1' }), undefined);
    assert.equal(inspectedBroker(h.broker, undefined), h.broker);
  });

  it('names the scope after the resource in the panel title', () => {
    assert.equal(scopeSuffix(scope), ' · eu-west-1 · 111111111111');
    assert.equal(scopeSuffix(undefined), '');
  });
});
