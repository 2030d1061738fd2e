import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { serveDuringSuite } from './support/serve';

/** EventBridge connections and API destinations through Debian's /usr/bin/aws: answers, no secrets, recorded errors. */
describe('EventBridge connections and API destinations with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite(/InternalFailure|Unhandled|cli-secret-value/);
  const aws = (...args: string[]) => awsCliJson(served.url, args);


  it('create-connection, describe-connection without the key, create/list/describe/delete-api-destination', async () => {
    const created = (await aws(
      'events', 'create-connection', '--name', 'cli-conn', '--authorization-type', 'API_KEY',
      '--auth-parameters', JSON.stringify({ ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'cli-secret-value' } }),
    )) as { ConnectionArn: string; ConnectionState: string };
    assert.equal(created.ConnectionState, 'AUTHORIZED');
    const described = await aws('events', 'describe-connection', '--name', 'cli-conn');
    assert.deepEqual(described.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } });
    assert.ok(!JSON.stringify(described).includes('cli-secret-value'));
    assert.match(String(described.SecretArn), /^arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection\/cli-conn\//);

    const dest = (await aws(
      'events', 'create-api-destination', '--name', 'cli-dest', '--connection-arn', created.ConnectionArn,
      '--invocation-endpoint', 'https://example.com/api', '--http-method', 'POST', '--invocation-rate-limit-per-second', '10',
    )) as { ApiDestinationArn: string; ApiDestinationState: string };
    assert.equal(dest.ApiDestinationState, 'ACTIVE');
    const listed = (await aws('events', 'list-api-destinations', '--connection-arn', created.ConnectionArn)) as { ApiDestinations: Record<string, unknown>[] };
    assert.deepEqual(listed.ApiDestinations.map((d) => [d.Name, d.HttpMethod, d.InvocationRateLimitPerSecond]), [['cli-dest', 'POST', 10]]);
    const connections = (await aws('events', 'list-connections')) as { Connections: Record<string, unknown>[] };
    assert.deepEqual(connections.Connections.map((c) => [c.Name, c.ConnectionState]), [['cli-conn', 'AUTHORIZED']]);
    await aws('events', 'delete-api-destination', '--name', 'cli-dest');
    const gone = await awsCli(served.url, ['events', 'describe-api-destination', '--name', 'cli-dest']);
    assert.notEqual(gone.code, 0);
    assert.match(
      gone.stderr,
      /\(ResourceNotFoundException\) when calling the DescribeApiDestination operation( \(reached max retries: 0\))?: Failed to describe the api-destination\(s\)\. An api-destination 'cli-dest' does not exist\./,
    );
    const deleted = await aws('events', 'delete-connection', '--name', 'cli-conn');
    assert.equal(deleted.ConnectionState, 'DELETING');
  });

  it('the recorded validation error of create-connection', async () => {
    const bad = await awsCli(served.url, [
      'events', 'create-connection', '--name', 'Invalid Name With Spaces!', '--authorization-type', 'BASIC',
      '--auth-parameters', JSON.stringify({ BasicAuthParameters: { Username: 'u', Password: 'p' } }),
    ]);
    assert.notEqual(bad.code, 0);
    assert.match(
      bad.stderr,
      /\(ValidationException\) when calling the CreateConnection operation( \(reached max retries: 0\))?: 1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\\.\\-_A-Za-z0-9\]\+/,
    );
  });
});
