import assert from 'node:assert/strict';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { connectionClient } from '../../../src/extension/connections/connection-client';
import { ConnectionError, explainError } from '../../../src/extension/connections/connection-errors';
import { endpointConnections, profileConnections } from '../../../src/extension/connections/connection-spec';
import { startServer, type RunningServer } from '../../../src/server/server';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A service error as the SDK throws it (the shape `fromSdkError` reads). */
function sdkError(name: string, message: string, status: number, query?: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status }, __type: name, ...(query ? { Code: query } : {}) });
}

/**
 * Connections as a user meets them: the profiles of AWS config files (through the SDK's own loader and
 * credential providers, pointed at temporary files), the endpoints of the setting, and the sentences a
 * failure becomes, each saying what to do.
 */
describe('connections: profiles, endpoints and their errors', () => {
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, profile: process.env.AWS_PROFILE };
  let dir: string;
  let broker: Broker;
  let server: RunningServer;

  before(async function () {
    this.timeout(60_000);
    await Promise.all([import('@aws-sdk/client-sqs'), import('@aws-sdk/credential-providers')]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-connections-'));
    const port = await freePort();
    broker = new Broker({ endpoint: `http://127.0.0.1:${port}` });
    server = await startServer(broker, { port, accessKeys: [{ accessKeyId: 'AKIDSTRICT', secretAccessKey: 'strict-secret' }], log: () => undefined });
    broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
    fs.writeFileSync(path.join(dir, 'config'), [
      '[default]', 'region = eu-west-1', '',
      '[profile strict]', 'region = eu-central-1', '',
      '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Dev', 'region = us-west-2', '',
      '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'credentials'), [
      '[default]', 'aws_access_key_id = AKIDDEFAULT', 'aws_secret_access_key = default-secret', '',
      '[strict]', 'aws_access_key_id = AKIDSTRICT', 'aws_secret_access_key = strict-secret', '',
      '[wrong]', 'aws_access_key_id = AKIDWRONG', 'aws_secret_access_key = wrong-secret', '',
    ].join('\n'));
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    delete process.env.AWS_PROFILE;
  });
  after(async () => {
    await server.close();
    broker.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials], ['AWS_PROFILE', saved.profile]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('lists every profile of both files once, default first, with its region, and no sso-session section', async () => {
    const profiles = await profileConnections();
    assert.deepEqual(profiles.map((p) => [p.name, p.defaultRegion]), [['default', 'eu-west-1'], ['sso-dev', 'us-west-2'], ['strict', 'eu-central-1'], ['wrong', undefined]]);
    assert.ok(profiles.every((p) => p.kind === 'profile' && p.endpoint === undefined && !('secretAccessKey' in p)));
  });

  it('reads the setting\'s endpoints, leaving out entries without an http(s) URL', () => {
    const specs = endpointConnections([
      { name: 'kinesalite', endpoint: 'http://127.0.0.1:4567/', region: 'eu-west-1' },
      { endpoint: 'http://localhost:4566', profile: 'strict', production: true },
      { name: 'broken', endpoint: 'localhost:4566' },
      'not an object',
    ]);
    assert.deepEqual(specs, [
      { id: 'endpoint:kinesalite', kind: 'endpoint', name: 'kinesalite', endpoint: 'http://127.0.0.1:4567', defaultRegion: 'eu-west-1' },
      { id: 'endpoint:http://localhost:4566', kind: 'endpoint', name: 'http://localhost:4566', endpoint: 'http://localhost:4566', profile: 'strict', production: true },
    ]);
    assert.deepEqual(endpointConnections(undefined), []);
  });

  it('signs as the profile: a broker that checks signatures answers, and refuses another profile\'s keys with what to do', async function () {
    this.timeout(20_000);
    const good = connectionClient({ id: 'endpoint:strict', kind: 'endpoint', name: 'strict', endpoint: server.url, profile: 'strict' }, 'us-east-1');
    const bad = connectionClient({ id: 'endpoint:wrong', kind: 'endpoint', name: 'wrong', endpoint: server.url, profile: 'wrong' }, 'us-east-1');
    try {
      const { QueueUrls = [] } = await good.sqs('ListQueues', {});
      assert.deepEqual(QueueUrls.map((u) => u.slice(u.lastIndexOf('/') + 1)), ['orders']);
      const refused = await bad.sqs('ListQueues', {}).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof ConnectionError, `a ConnectionError, not ${String(refused)}`);
      assert.match(refused.message, new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')} refused the credentials of profile wrong`));
      assert.match(refused.message, /Check the access key and secret of the profile/);
      assert.doesNotMatch(refused.message, /wrong-secret|AKIDWRONG|\n\s+at /, 'no credential and no stack trace');
    } finally {
      good.dispose();
      bad.dispose();
    }
  });

  it('an SSO profile without a session asks for `aws sso login --profile`', async function () {
    this.timeout(20_000);
    const client = connectionClient({ id: 'profile:sso-dev', kind: 'profile', name: 'sso-dev', endpoint: server.url, profile: 'sso-dev' }, 'us-west-2');
    try {
      const e = await client.sqs('ListQueues', {}).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof ConnectionError);
      assert.equal(e.code, 'SsoLoginRequired');
      assert.match(e.message, /Run `aws sso login --profile sso-dev`/);
    } finally {
      client.dispose();
    }
  });

  it('a profile that does not exist, and an endpoint where nothing listens, say so', async function () {
    this.timeout(20_000);
    const missing = connectionClient({ id: 'endpoint:x', kind: 'endpoint', name: 'x', endpoint: server.url, profile: 'nobody' }, 'us-east-1');
    const gone = connectionClient({ id: 'endpoint:gone', kind: 'endpoint', name: 'gone', endpoint: `http://127.0.0.1:${await freePort()}` }, 'us-east-1');
    try {
      const noProfile = await missing.sqs('ListQueues', {}).then(() => undefined, (e: unknown) => e) as ConnectionError;
      assert.equal(noProfile.code, 'NoCredentials');
      assert.match(noProfile.message, /No credentials could be read for profile nobody/);
      const unreachable = await gone.sqs('ListQueues', {}).then(() => undefined, (e: unknown) => e) as ConnectionError;
      assert.match(unreachable.message, /^Nothing answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Start the emulator/);
    } finally {
      missing.dispose();
      gone.dispose();
    }
  });

  it('words access denied, throttling and expired credentials with the action to take', () => {
    const where = { profile: 'prod', region: 'eu-west-1' };
    const denied = explainError(sdkError('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: sqs:listqueues', 403, 'AccessDenied'), where);
    assert.match(denied.message, /^Access denied for profile prod \(AccessDenied: User: .* is not authorized .*\)\. The identity lacks this permission in eu-west-1/);
    const throttled = explainError(sdkError('ThrottlingException', 'Rate exceeded', 400), where);
    assert.match(throttled.message, /AWS in eu-west-1 is throttling requests \(ThrottlingException\)\. Wait a few seconds/);
    const expired = explainError(sdkError('ExpiredToken', 'The security token included in the request is expired', 403, 'ExpiredToken'), where);
    assert.match(expired.message, /The credentials of profile prod have expired \(ExpiredToken\)\. Refresh them \(`aws sso login --profile prod`/);
    const other = explainError(sdkError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue'), where);
    assert.equal(other.message, 'The specified queue does not exist.');
    const emulator = { endpoint: 'http://127.0.0.1:4567', region: 'us-east-1' };
    assert.match(explainError(sdkError('UnknownOperationException', '', 400), emulator).message, /^http:\/\/127\.0\.0\.1:4567 does not implement this action \(UnknownOperationException\)/);
    assert.match(explainError(new SyntaxError('Unexpected token \'<\', "<Unknown"... is not valid JSON'), emulator).message, /answered in a form this service's client cannot read/);
  });
});
