import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as eb from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { credentials, refused } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

/**
 * EventBridge connections and API destinations with @aws-sdk/client-eventbridge: the answers and errors
 * recorded from AWS in test/fixtures/aws-reference/events/test_api_destinations_and_connection.snapshot.json
 * and test_events.snapshot.json (cited by test name), and rules whose targets are API destinations calling
 * a real HTTP server on 127.0.0.1.
 */
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const PASSWORD = 'pass-never-shown-1f3a';
const API_KEY = 'key-never-shown-8c2d';
const CLIENT_SECRET = 'client-secret-never-shown-77ab';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local HTTP endpoint that records every request and answers with the next scripted status (200 once the script is used up). */
class Endpoint {
  readonly requests: Received[] = [];
  statuses: number[] = [];
  tokenAnswer: { status: number; body: string } = { status: 200, body: JSON.stringify({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3600 }) };
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      this.requests.push(got);
      if (req.url!.startsWith('/oauth/token')) {
        res.writeHead(this.tokenAnswer.status, { 'content-type': 'application/json' }).end(this.tokenAnswer.body);
        return;
      }
      res.writeHead(this.statuses.shift() ?? 200).end('{}');
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  async waitFor(count: number, path = '/', timeoutMs = 15_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.requests.filter((r) => r.url.startsWith(path));
      if (got.length >= count || Date.now() > deadline) return got;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('EventBridge connections and API destinations with @aws-sdk/client-eventbridge', function () {
  this.timeout(90_000);
  let server: ServeProcess;
  let client: eb.EventBridgeClient;
  let sqs: SQSClient;
  let endpoint: Endpoint;

  before(async () => {
    endpoint = new Endpoint();
    await endpoint.start();
    server = await startServe();
    client = new eb.EventBridgeClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
    sqs = new SQSClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    sqs.destroy();
    await endpoint.stop();
    assert.equal(await server.stop(), 0);
    const output = server.output();
    assert.doesNotMatch(output, /InternalFailure|Unhandled/);
    for (const secret of [PASSWORD, API_KEY, CLIENT_SECRET]) assert.ok(!output.includes(secret), 'no secret in the server output');
  });

  const basic = (name: string) =>
    client.send(new eb.CreateConnectionCommand({ Name: name, AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'user', Password: PASSWORD } } }));
  const apiKey = (name: string, invocation?: eb.ConnectionHttpParameters) =>
    client.send(
      new eb.CreateConnectionCommand({
        Name: name,
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: API_KEY }, ...(invocation ? { InvocationHttpParameters: invocation } : {}) },
      }),
    );
  async function queue(name: string): Promise<{ url: string; arn: string }> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }
  async function waitForState(name: string, state: string): Promise<eb.DescribeConnectionCommandOutput> {
    for (let i = 0; i < 100; i++) {
      const d = await client.send(new eb.DescribeConnectionCommand({ Name: name }));
      if (d.ConnectionState === state) return d;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`connection ${name} never became ${state}`);
  }

  it('CreateConnection and DescribeConnection (BASIC, API_KEY): AUTHORIZED, a SecretArn and no secret (test_create_connection, test_connection_secrets)', async () => {
    const created = await apiKey('conn-key', {});
    assert.match(created.ConnectionArn!, new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:connection/conn-key/[-0-9a-f]+$`));
    assert.equal(created.ConnectionState, 'AUTHORIZED');
    assert.ok(created.CreationTime instanceof Date && created.LastModifiedTime instanceof Date);
    assert.equal((created as unknown as Record<string, unknown>).LastAuthorizedTime, undefined, 'CreateConnection answers without LastAuthorizedTime');
    const d = await client.send(new eb.DescribeConnectionCommand({ Name: 'conn-key' }));
    assert.deepEqual(d.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' }, InvocationHttpParameters: {} });
    assert.deepEqual([d.Name, d.AuthorizationType, d.ConnectionState, d.ConnectionArn], ['conn-key', 'API_KEY', 'AUTHORIZED', created.ConnectionArn]);
    assert.match(d.SecretArn!, new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/conn-key/[-0-9a-f]+-[0-9a-f]{6}$`));
    assert.ok(d.LastAuthorizedTime instanceof Date);

    await basic('conn-basic');
    const b = await client.send(new eb.DescribeConnectionCommand({ Name: 'conn-basic' }));
    assert.deepEqual(b.AuthParameters, { BasicAuthParameters: { Username: 'user' } });
    assert.ok(!JSON.stringify(b).includes(PASSWORD));
    assert.ok(!JSON.stringify(d).includes(API_KEY));
  });

  it('secret invocation parameters are described without their values', async () => {
    await apiKey('conn-params', {
      HeaderParameters: [{ Key: 'x-open', Value: 'shown', IsValueSecret: false }, { Key: 'x-hidden', Value: PASSWORD, IsValueSecret: true }],
      QueryStringParameters: [{ Key: 'q', Value: 'v', IsValueSecret: false }],
    });
    const d = await client.send(new eb.DescribeConnectionCommand({ Name: 'conn-params' }));
    assert.deepEqual(d.AuthParameters!.InvocationHttpParameters, {
      HeaderParameters: [{ Key: 'x-open', Value: 'shown', IsValueSecret: false }, { Key: 'x-hidden', IsValueSecret: true }],
      QueryStringParameters: [{ Key: 'q', Value: 'v', IsValueSecret: false }],
    });
  });

  it('ListConnections, UpdateConnection, DeleteConnection and the recorded not-found error (test_list_connections, test_update_connection, test_delete_connection)', async () => {
    await basic('conn-life');
    const listed = await client.send(new eb.ListConnectionsCommand({ NamePrefix: 'conn-life' }));
    assert.equal(listed.Connections!.length, 1);
    const [c] = listed.Connections!;
    assert.deepEqual([c.Name, c.AuthorizationType, c.ConnectionState], ['conn-life', 'BASIC', 'AUTHORIZED']);
    assert.ok(c.LastAuthorizedTime instanceof Date);
    assert.equal((await client.send(new eb.ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED', NamePrefix: 'conn-life' }))).Connections!.length, 0);

    const updated = await client.send(
      new eb.UpdateConnectionCommand({ Name: 'conn-life', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'new_user', Password: 'new_pass' } } }),
    );
    assert.equal(updated.ConnectionState, 'AUTHORIZED');
    assert.ok(updated.LastAuthorizedTime instanceof Date);
    assert.deepEqual((await client.send(new eb.DescribeConnectionCommand({ Name: 'conn-life' }))).AuthParameters, { BasicAuthParameters: { Username: 'new_user' } });

    const deleted = await client.send(new eb.DeleteConnectionCommand({ Name: 'conn-life' }));
    assert.equal(deleted.ConnectionState, 'DELETING');
    assert.equal(deleted.ConnectionArn, updated.ConnectionArn);
    await refused(client.send(new eb.DescribeConnectionCommand({ Name: 'conn-life' })), 'ResourceNotFoundException', "Failed to describe the connection(s). Connection 'conn-life' does not exist.");
  });

  it('DeauthorizeConnection: DEAUTHORIZING, then DEAUTHORIZED, and its destinations INACTIVE', async () => {
    const { ConnectionArn } = await basic('conn-deauth');
    await client.send(new eb.CreateApiDestinationCommand({ Name: 'dest-deauth', ConnectionArn, InvocationEndpoint: `${endpoint.url}/deauth`, HttpMethod: 'POST' }));
    const out = await client.send(new eb.DeauthorizeConnectionCommand({ Name: 'conn-deauth' }));
    assert.equal(out.ConnectionState, 'DEAUTHORIZING');
    assert.equal((await client.send(new eb.DescribeConnectionCommand({ Name: 'conn-deauth' }))).ConnectionState, 'DEAUTHORIZED');
    assert.equal((await client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-deauth' }))).ApiDestinationState, 'INACTIVE');
  });

  it('the recorded validation errors of CreateConnection (test_create_connection_invalid_parameters, _name_validation, test_create_connection_validations)', async () => {
    const params = { BasicAuthParameters: { Username: 'u', Password: 'p' } };
    await refused(
      client.send(new eb.CreateConnectionCommand({ Name: 'conn-bad', AuthorizationType: 'INVALID_AUTH_TYPE' as eb.ConnectionAuthorizationType, AuthParameters: params })),
      'ValidationException',
      "1 validation error detected: Value 'INVALID_AUTH_TYPE' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
    await refused(
      client.send(new eb.CreateConnectionCommand({ Name: 'Invalid Name With Spaces!', AuthorizationType: 'BASIC', AuthParameters: params })),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    const long = 'This should fail with two errors 123467890123412341234123412341234';
    await refused(
      client.send(new eb.CreateConnectionCommand({ Name: long, AuthorizationType: 'INVALID' as eb.ConnectionAuthorizationType, AuthParameters: params })),
      'ValidationException',
      `3 validation errors detected: Value '${long}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; ` +
        `Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
        "Value 'INVALID' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
  });

  it('API destinations: create, describe, list, update, delete and the recorded errors (test_api_destinations, _invalid_parameters, _name_validation)', async () => {
    const { ConnectionArn } = await basic('conn-dest');
    const created = await client.send(
      new eb.CreateApiDestinationCommand({ Name: 'dest-life', Description: 'Test API destination', ConnectionArn, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST' }),
    );
    assert.match(created.ApiDestinationArn!, new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:api-destination/dest-life/[-0-9a-f]+$`));
    assert.equal(created.ApiDestinationState, 'ACTIVE');
    const d = await client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-life' }));
    assert.deepEqual(
      [d.Name, d.Description, d.ConnectionArn, d.InvocationEndpoint, d.HttpMethod, d.InvocationRateLimitPerSecond, d.ApiDestinationState],
      ['dest-life', 'Test API destination', ConnectionArn, 'https://example.com/api', 'POST', 300, 'ACTIVE'],
    );
    const listed = await client.send(new eb.ListApiDestinationsCommand({ NamePrefix: 'dest-life' }));
    assert.equal(listed.ApiDestinations!.length, 1);
    assert.equal((listed.ApiDestinations![0] as unknown as Record<string, unknown>).Description, undefined, 'ListApiDestinations answers without Description');
    assert.equal(listed.ApiDestinations![0].InvocationRateLimitPerSecond, 300);
    const updated = await client.send(
      new eb.UpdateApiDestinationCommand({ Name: 'dest-life', Description: 'Updated API destination', InvocationEndpoint: 'https://example.com/api/v2', HttpMethod: 'PUT' }),
    );
    assert.equal(updated.ApiDestinationState, 'ACTIVE');
    const after = await client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-life' }));
    assert.deepEqual([after.Description, after.InvocationEndpoint, after.HttpMethod], ['Updated API destination', 'https://example.com/api/v2', 'PUT']);
    await client.send(new eb.DeleteApiDestinationCommand({ Name: 'dest-life' }));
    await refused(
      client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-life' })),
      'ResourceNotFoundException',
      "Failed to describe the api-destination(s). An api-destination 'dest-life' does not exist.",
    );

    await refused(
      client.send(new eb.CreateApiDestinationCommand({ Name: 'dest-bad', ConnectionArn: 'invalid-connection-arn', InvocationEndpoint: 'https://example.com/api', HttpMethod: 'INVALID_METHOD' as eb.ApiDestinationHttpMethod })),
      'ValidationException',
      "2 validation errors detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$; ' +
        "Value 'INVALID_METHOD' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
    );
    await refused(
      client.send(new eb.CreateApiDestinationCommand({ Name: 'Invalid Name With Spaces!', ConnectionArn, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST' })),
      'ValidationException',
      "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
  });

  it('OAuth: AUTHORIZING, then AUTHORIZED once the token endpoint answered; the destination turns ACTIVE and gets the bearer token', async () => {
    const created = await client.send(
      new eb.CreateConnectionCommand({
        Name: 'conn-oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: `${endpoint.url}/oauth/token`,
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client_id', ClientSecret: CLIENT_SECRET },
            OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'events', IsValueSecret: false }] },
          },
        },
      }),
    );
    assert.equal(created.ConnectionState, 'AUTHORIZING');
    const d = await waitForState('conn-oauth', 'AUTHORIZED');
    assert.deepEqual(d.AuthParameters!.OAuthParameters!.ClientParameters, { ClientID: 'client_id' });
    const [tokenRequest] = await endpoint.waitFor(1, '/oauth/token');
    assert.equal(tokenRequest.method, 'POST');
    assert.equal(tokenRequest.headers.authorization, `Basic ${Buffer.from(`client_id:${CLIENT_SECRET}`).toString('base64')}`);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequest.body)), { grant_type: 'client_credentials', scope: 'events' });

    await client.send(new eb.CreateApiDestinationCommand({ Name: 'dest-oauth', ConnectionArn: created.ConnectionArn, InvocationEndpoint: `${endpoint.url}/oauth-target`, HttpMethod: 'POST' }));
    assert.equal((await client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-oauth' }))).ApiDestinationState, 'ACTIVE');
    const rule = await client.send(new eb.PutRuleCommand({ Name: 'to-oauth', EventPattern: '{"source":["oauth.app"]}' }));
    assert.ok(rule.RuleArn);
    const { ApiDestinationArn } = await client.send(new eb.DescribeApiDestinationCommand({ Name: 'dest-oauth' }));
    await client.send(new eb.PutTargetsCommand({ Rule: 'to-oauth', Targets: [{ Id: 'api', Arn: ApiDestinationArn }] }));
    await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 'oauth.app', DetailType: 'd', Detail: '{"n":1}' }] }));
    const [call] = await endpoint.waitFor(1, '/oauth-target');
    assert.equal(call.headers.authorization, 'Bearer tok-1');
  });

  it('OAuth: a refusing token endpoint leaves the connection DEAUTHORIZED with a StateReason and the destination INACTIVE', async () => {
    endpoint.tokenAnswer = { status: 401, body: '{"error":"invalid_client"}' };
    try {
      const { ConnectionArn } = await client.send(
        new eb.CreateConnectionCommand({
          Name: 'conn-oauth-refused',
          AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
          AuthParameters: { OAuthParameters: { AuthorizationEndpoint: `${endpoint.url}/oauth/token-refused`, HttpMethod: 'POST', ClientParameters: { ClientID: 'c', ClientSecret: CLIENT_SECRET } } },
        }),
      );
      const d = await waitForState('conn-oauth-refused', 'DEAUTHORIZED');
      assert.match(d.StateReason!, /answered 401/);
      assert.ok(!d.StateReason!.includes(CLIENT_SECRET));
      const dest = await client.send(new eb.CreateApiDestinationCommand({ Name: 'dest-refused', ConnectionArn, InvocationEndpoint: `${endpoint.url}/never`, HttpMethod: 'POST' }));
      assert.equal(dest.ApiDestinationState, 'INACTIVE');
    } finally {
      endpoint.tokenAnswer = { status: 200, body: JSON.stringify({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3600 }) };
    }
  });

  it('a rule target on an API destination: the transformed event with the connection auth, its parameters and the target HttpParameters', async () => {
    const { ConnectionArn } = await apiKey('conn-invoke', {
      HeaderParameters: [{ Key: 'x-conn', Value: 'from-connection', IsValueSecret: true }],
      QueryStringParameters: [{ Key: 'fixed', Value: 'c', IsValueSecret: false }],
      BodyParameters: [{ Key: 'added', Value: 'by-connection', IsValueSecret: false }],
    });
    const { ApiDestinationArn } = await client.send(
      new eb.CreateApiDestinationCommand({ Name: 'dest-invoke', ConnectionArn, InvocationEndpoint: `${endpoint.url}/orders/*/items/*`, HttpMethod: 'PUT' }),
    );
    await client.send(new eb.PutRuleCommand({ Name: 'to-api', EventPattern: '{"source":["shop"]}' }));
    const put = await client.send(
      new eb.PutTargetsCommand({
        Rule: 'to-api',
        Targets: [
          {
            Id: 'api',
            Arn: ApiDestinationArn,
            InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' },
            HttpParameters: { PathParameterValues: ['o 1', 'i2'], HeaderParameters: { 'X-Target': 't' }, QueryStringParameters: { page: '2' } },
          },
        ],
      }),
    );
    assert.deepEqual([put.FailedEntryCount, put.FailedEntries], [0, []]);
    const before = endpoint.requests.length;
    await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"id":"o-7"}' }] }));
    const got = (await endpoint.waitFor(1, '/orders/')).filter((r) => endpoint.requests.indexOf(r) >= before);
    assert.equal(got.length, 1);
    const [r] = got;
    assert.equal(r.method, 'PUT');
    const url = new URL(r.url, endpoint.url);
    assert.equal(url.pathname, '/orders/o%201/items/i2');
    assert.deepEqual(Object.fromEntries(url.searchParams), { page: '2', fixed: 'c' });
    assert.equal(r.headers['x-api-key'], API_KEY);
    assert.equal(r.headers['x-conn'], 'from-connection');
    assert.equal(r.headers['x-target'], 't');
    assert.match(r.headers['content-type']!, /^application\/json/);
    assert.deepEqual(JSON.parse(r.body), { order: 'o-7', added: 'by-connection' });
  });

  it('retries 429 and 5xx per RetryPolicy, sends other answers to the dead-letter queue at once', async () => {
    const { ConnectionArn } = await basic('conn-retry');
    const dlq = await queue('api-dlq');
    const { ApiDestinationArn } = await client.send(new eb.CreateApiDestinationCommand({ Name: 'dest-retry', ConnectionArn, InvocationEndpoint: `${endpoint.url}/retry`, HttpMethod: 'POST' }));
    await client.send(new eb.PutRuleCommand({ Name: 'to-retry', EventPattern: '{"source":["retry"]}' }));
    await client.send(
      new eb.PutTargetsCommand({
        Rule: 'to-retry',
        Targets: [{ Id: 'api', Arn: ApiDestinationArn, RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: dlq.arn } }],
      }),
    );
    // 503 then 429: retried after 1 s and 2 s, then delivered.
    endpoint.statuses = [503, 429, 200];
    await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 'retry', DetailType: 'd', Detail: '{"n":1}' }] }));
    const attempts = await endpoint.waitFor(3, '/retry');
    assert.equal(attempts.length, 3);
    assert.equal(attempts[0].headers.authorization, `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`);
    assert.ok(attempts[1].at - attempts[0].at >= 900, 'the retry waits for its back-off');

    // 400: not retried, to the dead-letter queue with the failure.
    endpoint.statuses = [400];
    await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 'retry', DetailType: 'd', Detail: '{"n":2}' }] }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 10, MessageAttributeNames: ['All'] }));
    assert.equal(Messages?.length, 1);
    assert.deepEqual(JSON.parse(Messages![0].Body!).detail, { n: 2 });
    assert.match(Messages![0].MessageAttributes!.ERROR_MESSAGE.StringValue!, /answered 400/);
    assert.equal((await endpoint.waitFor(4, '/retry')).length, 4, 'one attempt only for the 400');
  });

  it('honours InvocationRateLimitPerSecond', async () => {
    const { ConnectionArn } = await basic('conn-rate');
    const { ApiDestinationArn } = await client.send(
      new eb.CreateApiDestinationCommand({ Name: 'dest-rate', ConnectionArn, InvocationEndpoint: `${endpoint.url}/rate`, HttpMethod: 'POST', InvocationRateLimitPerSecond: 2 }),
    );
    await client.send(new eb.PutRuleCommand({ Name: 'to-rate', EventPattern: '{"source":["rate"]}' }));
    await client.send(new eb.PutTargetsCommand({ Rule: 'to-rate', Targets: [{ Id: 'api', Arn: ApiDestinationArn }] }));
    await client.send(new eb.PutEventsCommand({ Entries: [1, 2, 3, 4].map((n) => ({ Source: 'rate', DetailType: 'd', Detail: `{"n":${n}}` })) }));
    const got = await endpoint.waitFor(4, '/rate');
    assert.equal(got.length, 4);
    // Two a second: the fourth starts 1.5 s after the first.
    assert.ok(got[3].at - got[0].at >= 1400, `the four calls took ${got[3].at - got[0].at} ms`);
  });
});
