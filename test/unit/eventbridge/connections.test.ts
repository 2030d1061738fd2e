import assert from 'node:assert/strict';
import type { EventsHttpClient, EventsHttpRequest } from '../../../src/broker/eventbridge/http-client';
import { newBroker, receiveAll, thrown } from './helpers';

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** An HTTP client that records each request with the fake clock's time and answers from a script. */
function fakeHttp(now: () => number, answer: (r: EventsHttpRequest) => { status: number; body: string } = () => ({ status: 200, body: '{}' })) {
  const requests: (EventsHttpRequest & { at: number })[] = [];
  const client: EventsHttpClient = {
    send: (r) => {
      requests.push({ ...r, at: now() });
      return Promise.resolve(answer(r));
    },
  };
  return { client, requests };
}

describe('EventBridge connections and API destinations (engine)', () => {
  it('refuses a NextToken the broker did not issue on every List operation, and accepts the ones it issued', () => {
    const { ops } = newBroker();
    for (const n of ['a', 'b', 'c']) {
      ops.CreateEventBus({ Name: `page-${n}` });
      ops.PutRule({ Name: `page-${n}`, EventPattern: '{"source":["x"]}' });
      ops.CreateConnection({ Name: `page-${n}`, AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } });
    }
    const invalid = { code: 'ValidationException', message: 'The NextToken provided is not valid.', status: 400 };
    for (const token of ['garbage', 'MA==', Buffer.from('-1').toString('base64'), Buffer.from('1e3').toString('base64')]) {
      assert.deepEqual(thrown(() => ops.ListEventBuses({ NextToken: token })), invalid, token);
      assert.deepEqual(thrown(() => ops.ListRules({ NextToken: token })), invalid);
      assert.deepEqual(thrown(() => ops.ListConnections({ NextToken: token })), invalid);
      assert.deepEqual(thrown(() => ops.ListApiDestinations({ NextToken: token })), invalid);
      assert.deepEqual(thrown(() => ops.ListTargetsByRule({ Rule: 'page-a', NextToken: token })), invalid);
    }
    const first = ops.ListConnections({ NamePrefix: 'page-', Limit: 2 });
    const second = ops.ListConnections({ NamePrefix: 'page-', Limit: 2, NextToken: first.NextToken });
    assert.deepEqual([...first.Connections, ...second.Connections].map((c) => c.Name), ['page-a', 'page-b', 'page-c']);
  });

  /** A broker whose EventBridge makes its HTTP requests through fakeHttp, timed on the broker's fake clock. */
  function withHttp(answer?: (r: EventsHttpRequest) => { status: number; body: string }) {
    let clockNow = () => 0;
    const http = fakeHttp(() => clockNow(), answer);
    const b = newBroker({ eventbridge: { httpClient: http.client } });
    clockNow = () => b.clock.now();
    return { ...b, requests: http.requests };
  }

  it('spaces invocations of a destination to its InvocationRateLimitPerSecond', async () => {
    const { broker, clock, ops, requests } = withHttp();
    const { ConnectionArn } = ops.CreateConnection({ Name: 'rate', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } });
    const { ApiDestinationArn } = ops.CreateApiDestination({ Name: 'rate', ConnectionArn, InvocationEndpoint: 'http://127.0.0.1:1/x', HttpMethod: 'POST', InvocationRateLimitPerSecond: 1 });
    ops.PutRule({ Name: 'rate', EventPattern: '{"source":["r"]}' });
    ops.PutTargets({ Rule: 'rate', Targets: [{ Id: 'a', Arn: ApiDestinationArn }] });
    ops.PutEvents({ Entries: [1, 2, 3].map((n) => ({ Source: 'r', DetailType: 'd', Detail: `{"n":${n}}` })) });
    const start = clock.now();
    await flush();
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await flush();
    }
    assert.deepEqual(requests.map((r) => r.at - start), [0, 1000, 2000]);
    broker.dispose();
  });

  it('asks for a new OAuth token once the old one runs out, and never emits a secret', async () => {
    let issued = 0;
    const { broker, clock, ops, events } = withHttp((r) =>
      r.url.includes('/token') ? { status: 200, body: JSON.stringify({ access_token: `t${++issued}`, expires_in: 60 }) } : { status: 200, body: '' },
    );
    const { ConnectionArn } = ops.CreateConnection({
      Name: 'o',
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: { AuthorizationEndpoint: 'http://127.0.0.1:1/token', HttpMethod: 'POST', ClientParameters: { ClientID: 'id', ClientSecret: 'the-client-secret' } },
        InvocationHttpParameters: { HeaderParameters: [{ Key: 'x', Value: 'the-header-secret', IsValueSecret: true }] },
      },
    });
    await broker.eventbridge.settled();
    assert.equal(ops.DescribeConnection({ Name: 'o' }).ConnectionState, 'AUTHORIZED');
    const { ApiDestinationArn } = ops.CreateApiDestination({ Name: 'o', ConnectionArn, InvocationEndpoint: 'http://127.0.0.1:1/call', HttpMethod: 'GET' });
    ops.PutRule({ Name: 'o', EventPattern: '{"source":["o"]}' });
    ops.PutTargets({ Rule: 'o', Targets: [{ Id: 'a', Arn: ApiDestinationArn }] });
    ops.PutEvents({ Entries: [{ Source: 'o', DetailType: 'd', Detail: '{}' }] });
    await broker.eventbridge.settled();
    assert.equal(issued, 1, 'the token of the authorization serves the first call');
    clock.advance(31_000);
    ops.PutEvents({ Entries: [{ Source: 'o', DetailType: 'd', Detail: '{}' }] });
    await broker.eventbridge.settled();
    assert.equal(issued, 2, 'a token 30 s from its end is renewed');
    const emitted = JSON.stringify(events);
    assert.ok(!emitted.includes('the-client-secret') && !emitted.includes('the-header-secret'));
    const described = JSON.stringify(ops.DescribeConnection({ Name: 'o' }));
    assert.ok(!described.includes('the-client-secret') && !described.includes('the-header-secret'));
    broker.dispose();
  });

  it('an endpoint that is no URL once filled in goes to the dead-letter queue without a retry', async () => {
    const { broker, ops, requests } = withHttp();
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'api-dlq' });
    const { ConnectionArn } = ops.CreateConnection({ Name: 'c', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } });
    const { ApiDestinationArn } = ops.CreateApiDestination({ Name: 'no-url', ConnectionArn, InvocationEndpoint: 'https://', HttpMethod: 'POST' });
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["s"]}' });
    ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'a', Arn: ApiDestinationArn, DeadLetterConfig: { Arn: broker.sqs.queueArn('api-dlq') } }] });
    ops.PutEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    await broker.eventbridge.settled();
    const dead = await receiveAll(broker, QueueUrl);
    assert.equal(dead.length, 1);
    assert.equal(dead[0].MessageAttributes!.ERROR_MESSAGE.StringValue, 'the endpoint of API destination no-url is not a URL');
    assert.equal(requests.length, 0);
    broker.dispose();
  });

  it('without an HTTP client an OAuth connection ends DEAUTHORIZED with the reason', async () => {
    const { broker, ops } = newBroker();
    ops.CreateConnection({
      Name: 'no-http',
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: { OAuthParameters: { AuthorizationEndpoint: 'http://127.0.0.1:1/token', HttpMethod: 'POST', ClientParameters: { ClientID: 'id', ClientSecret: 's' } } },
    });
    await broker.eventbridge.settled();
    const d = ops.DescribeConnection({ Name: 'no-http' });
    assert.deepEqual([d.ConnectionState, d.StateReason], ['DEAUTHORIZED', 'Failed to authorize the connection: HTTP requests are not available in this broker']);
    broker.dispose();
  });
});
