import assert from 'node:assert/strict';
import { newBroker, queueArn, thrown } from './helpers';
import { recordedPolicyErrors } from './recorded-policy-errors';

describe('SNS filter policy validation', () => {
  function setup() {
    const { broker } = newBroker();
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    return { broker, TopicArn };
  }

  for (const [policy, expected] of recordedPolicyErrors) {
    it(`rejects ${policy} with AWS's exact words and column`, () => {
      const { broker, TopicArn } = setup();
      const viaSubscribe = expected.startsWith('Invalid parameter: Attributes Reason:');
      const err = thrown(() => {
        if (viaSubscribe) {
          broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { FilterPolicy: policy } });
        } else {
          const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
          broker.sns.operations.SetSubscriptionAttributes({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: policy });
        }
      });
      assert.deepEqual(err, { code: 'InvalidParameter', message: expected, status: 400 });
    });
  }

  const subscribeError = (policy: unknown, scope?: string) => {
    const { broker, TopicArn } = setup();
    return thrown(() =>
      broker.sns.operations.Subscribe({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queueArn('q'),
        Attributes: { FilterPolicy: typeof policy === 'string' ? policy : JSON.stringify(policy), ...(scope ? { FilterPolicyScope: scope } : {}) },
      }),
    ).message;
  };

  it('rejects malformed CIDR blocks with the recorded reasons (no location)', () => {
    const prefix = 'Invalid parameter: Attributes Reason: FilterPolicy: ';
    assert.equal(subscribeError({ key: [{ cidr: 'bad-filter' }] }), `${prefix}Malformed CIDR, one '/' required`);
    assert.equal(subscribeError({ key: [{ cidr: 'bad-filter/' }] }), `${prefix}Nonstandard IP address: bad-filter`);
    assert.equal(subscribeError({ key: [{ cidr: '10.0.0.0/xx' }] }), `${prefix}Malformed CIDR, mask bits must be an integer`);
    assert.equal(subscribeError({ key: [{ cidr: 'xx.11.xx/8' }] }), `${prefix}Nonstandard IP address: xx.11.xx`);
    assert.equal(subscribeError({ key: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] }), `${prefix}Nonstandard IP address: xxxx:db8:1234:1a00::`);
  });

  it('enforces 5 keys and 150 combinations, counting $or branches', () => {
    const prefix = 'Invalid parameter: Attributes Reason: FilterPolicy: ';
    const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, ['x']]));
    assert.equal(subscribeError(six), `${prefix}Filter policy can not have more than 5 keys`);
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    assert.equal(subscribeError({ a: values(151) }), `${prefix}Filter policy is too complex`);
    assert.equal(subscribeError({ a: values(10), b: values(16) }), `${prefix}Filter policy is too complex`);
    assert.equal(
      subscribeError({ $or: [{ a: values(10), b: values(8) }, { c: values(71) }] }, 'MessageBody'),
      `${prefix}Filter policy is too complex`,
    );
    const { broker, TopicArn } = setup();
    assert.doesNotThrow(() =>
      broker.sns.operations.Subscribe({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queueArn('q'),
        Attributes: { FilterPolicy: JSON.stringify({ a: values(10), b: values(15) }) },
      }),
    );
  });

  it('refuses nested policies in the MessageAttributes scope and unknown scopes', () => {
    const { broker, TopicArn } = setup();
    const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
    const set = (AttributeName: string, AttributeValue: string) =>
      thrown(() => broker.sns.operations.SetSubscriptionAttributes({ SubscriptionArn, AttributeName, AttributeValue })).message;
    assert.equal(
      set('FilterPolicy', JSON.stringify({ object: { key: [{ prefix: 'auto-' }] } })),
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    );
    assert.equal(
      set('FilterPolicyScope', 'RandomValue'),
      'Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes',
    );
    broker.sns.operations.SetSubscriptionAttributes({ SubscriptionArn, AttributeName: 'FilterPolicyScope', AttributeValue: 'MessageBody' });
    broker.sns.operations.SetSubscriptionAttributes({
      SubscriptionArn,
      AttributeName: 'FilterPolicy',
      AttributeValue: JSON.stringify({ object: { key: [{ prefix: 'auto-' }] } }),
    });
    const attrs = broker.sns.operations.GetSubscriptionAttributes({ SubscriptionArn }).Attributes;
    assert.equal(attrs.FilterPolicyScope, 'MessageBody');
    assert.deepEqual(JSON.parse(attrs.FilterPolicy), { object: { key: [{ prefix: 'auto-' }] } });
  });

  it('reports unparseable JSON with the Jackson wording SNS uses', () => {
    assert.equal(
      subscribeError('invalid'),
      "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 8]",
    );
  });
});
