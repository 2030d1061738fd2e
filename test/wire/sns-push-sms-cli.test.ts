import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { recordedSns } from './support/recorded-sns';
import { serveDuringSuite } from './support/serve';

/** SNS mobile push and SMS through Debian's /usr/bin/aws (query/XML). */
describe('SNS mobile push and SMS with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite(/InternalFailure|Unhandled|cli-secret/);
  const aws = (...args: string[]) => awsCliJson(served.url, ['sns', ...args]);
  /** The CLI's one-line error, which carries the code and AWS's message. */
  const refusal = async (operation: string, args: string[], test: string, key: string) => {
    const r = await awsCli(served.url, ['sns', ...args]);
    assert.equal(r.code, 254, r.stdout);
    const { Error } = recordedSns(test, key);
    const quoted = Error!.Message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(r.stderr, new RegExp(`An error occurred \\(${Error!.Code}\\) when calling the ${operation} operation( \\(reached max retries: \\d+\\))?: ${quoted}`));
  };

  it('platform applications and endpoints: create, get, set, list, publish --target-arn, delete', async () => {
    const { PlatformApplicationArn } = (await aws(
      'create-platform-application', '--name', 'cli-app', '--platform', 'APNS', '--attributes', 'PlatformCredential=cli-secret,PlatformPrincipal=cert',
    )) as { PlatformApplicationArn: string };
    assert.equal(PlatformApplicationArn, 'arn:aws:sns:us-east-1:000000000000:app/APNS/cli-app');
    await aws('set-platform-application-attributes', '--platform-application-arn', PlatformApplicationArn, '--attributes', 'SuccessFeedbackSampleRate=50');
    assert.deepEqual(await aws('get-platform-application-attributes', '--platform-application-arn', PlatformApplicationArn), {
      Attributes: { Enabled: 'true', SuccessFeedbackSampleRate: '50' },
    });
    assert.deepEqual(await aws('list-platform-applications'), {
      PlatformApplications: [{ PlatformApplicationArn, Attributes: { Enabled: 'true', SuccessFeedbackSampleRate: '50' } }],
    });

    const { EndpointArn } = (await aws('create-platform-endpoint', '--platform-application-arn', PlatformApplicationArn, '--token', 'token_1')) as { EndpointArn: string };
    assert.deepEqual(await aws('create-platform-endpoint', '--platform-application-arn', PlatformApplicationArn, '--token', 'token_1'), { EndpointArn });
    assert.deepEqual(await aws('get-endpoint-attributes', '--endpoint-arn', EndpointArn), { Attributes: { Enabled: 'true', Token: 'token_1' } });
    const { MessageId } = (await aws('publish', '--target-arn', EndpointArn, '--message', 'from the cli')) as { MessageId: string };
    const outbox = (await (await fetch(`${served.url}/_eventyard/sns/outbox?endpoint=${encodeURIComponent(EndpointArn)}`)).json()) as {
      entries: { messageId: string; body: string }[];
    };
    assert.deepEqual(outbox.entries.map((e) => [e.messageId, JSON.parse(e.body)]), [[MessageId, { aps: { alert: 'from the cli' } }]]);

    await aws('set-endpoint-attributes', '--endpoint-arn', EndpointArn, '--attributes', 'Enabled=false');
    const disabled = await awsCli(served.url, ['sns', 'publish', '--target-arn', EndpointArn, '--message', 'x']);
    assert.match(disabled.stderr, /\(EndpointDisabled\) when calling the Publish operation.*: Endpoint is disabled/);
    await refusal('SetEndpointAttributes', ['set-endpoint-attributes', '--endpoint-arn', EndpointArn, '--attributes', 'InvalidKey=x'],
      'TestSNSPlatformEndpointCrud::test_set_platform_endpoint_attributes_invalid_attributes[Invalid_Name_Generic]', 'set-platform-endpoint-invalid-attributes');
    assert.deepEqual(await aws('list-endpoints-by-platform-application', '--platform-application-arn', PlatformApplicationArn), {
      Endpoints: [{ EndpointArn, Attributes: { Enabled: 'false', Token: 'token_1' } }],
    });
    await aws('delete-endpoint', '--endpoint-arn', EndpointArn);
    await aws('delete-platform-application', '--platform-application-arn', PlatformApplicationArn);
    await refusal('GetPlatformApplicationAttributes', ['get-platform-application-attributes', '--platform-application-arn', PlatformApplicationArn],
      'TestSNSPlatformApplicationCrud::test_get_platform_application_attributes_non_existing_app', 'non_existing-application-arn');
    await refusal('CreatePlatformApplication', ['create-platform-application', '--name', 'x', '--platform', 'AAA', '--attributes', 'PlatformCredential=c,PlatformPrincipal=p'],
      'TestSNSPlatformApplicationCrud::test_create_platform_application_invalid_platform', 'invalid-platform');
  });

  it('SMS attributes, the opt-out list and phone numbers', async () => {
    assert.deepEqual(await aws('get-sms-attributes'), { attributes: { MonthlySpendLimit: '1' } });
    await aws('set-sms-attributes', '--attributes', 'DefaultSMSType=Promotional,DefaultSenderID=LSTest');
    assert.deepEqual(await aws('get-sms-attributes', '--attributes', 'DefaultSenderID'), { attributes: { DefaultSenderID: 'LSTest' } });
    await refusal('SetSMSAttributes', ['set-sms-attributes', '--attributes', 'InvalidAttribute=x'],
      'TestSNSSMS::test_set_invalid_sms_attributes[InvalidAttributeName]', 'invalid-attribute');

    assert.deepEqual(await aws('check-if-phone-number-is-opted-out', '--phone-number', '+15550007777'), { isOptedOut: false });
    const stop = await fetch(`${served.url}/_eventyard/sns/opt-out?phoneNumber=${encodeURIComponent('+15550007777')}`, { method: 'POST' });
    assert.equal(stop.status, 200);
    assert.deepEqual(await aws('check-if-phone-number-is-opted-out', '--phone-number', '+15550007777'), { isOptedOut: true });
    assert.deepEqual(await aws('list-phone-numbers-opted-out'), { phoneNumbers: ['+15550007777'] });
    await aws('opt-in-phone-number', '--phone-number', '+15550007777');
    assert.deepEqual(await aws('list-phone-numbers-opted-out'), { phoneNumbers: [] });
    await refusal('OptInPhoneNumber', ['opt-in-phone-number', '--phone-number', 'NAA+15551234567'], 'TestSNSSMS::test_opt_in_invalid_number', 'opt-in-non-existing-number');

    await aws('publish', '--phone-number', '+12/34-567.890', '--message', 'separators are fine');
    await refusal('Publish', ['publish', '--phone-number', '+1a234', '--message', 'x'], 'TestSNSSMS::test_publish_wrong_phone_format', 'invalid-number');
    const long = await awsCli(served.url, ['sns', 'publish', '--phone-number', '+15550007777', '--message', 'x'.repeat(1601)]);
    assert.match(long.stderr, /\(InvalidParameter\) when calling the Publish operation.*: Invalid parameter: Message too long/);
  });
});
