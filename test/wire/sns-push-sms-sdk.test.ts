import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as sns from '@aws-sdk/client-sns';
import { credentials, sdkFailure } from './support/clients';
import { assertRecordedSnsError, recordedSns } from './support/recorded-sns';
import { dataDirDuringTests, ServeProcess, startServe } from './support/serve';

interface OutboxEntry {
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
  messageId: string;
  body: string;
}

const APP_TESTS = 'TestSNSPlatformApplicationCrud';
const ENDPOINT_TESTS = 'TestSNSPlatformEndpointCrud';
const SMS_TESTS = 'TestSNSSMS';
const too_long_data = 'a'.repeat(2049);

function snsClient(url: string): sns.SNSClient {
  return new sns.SNSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function outbox(url: string, endpoint: string): Promise<OutboxEntry[]> {
  const answer = await fetch(`${url}/_eventyard/sns/outbox?endpoint=${encodeURIComponent(endpoint)}`);
  return ((await answer.json()) as { entries: OutboxEntry[] }).entries;
}

/** A person replying STOP, through the admin route the inspector's action stands beside. */
async function replyStop(url: string, phoneNumber: string): Promise<void> {
  const answer = await fetch(`${url}/_eventyard/sns/opt-out?phoneNumber=${encodeURIComponent(phoneNumber)}`, { method: 'POST' });
  assert.equal(answer.status, 200);
}

/** SNS mobile push (platform applications, endpoints, TargetArn, `application` subscriptions) and SMS through @aws-sdk/client-sns. */
describe('SNS mobile push and SMS with @aws-sdk/client-sns', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: sns.SNSClient;

  before(async () => {
    server = await startServe();
    client = snsClient(server.url);
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled|secret-credential/);
  });

  const createApp = async (Name: string, Platform = 'ADM') =>
    (
      await client.send(
        new sns.CreatePlatformApplicationCommand({ Name, Platform, Attributes: { PlatformCredential: 'secret-credential', PlatformPrincipal: 'principal' } }),
      )
    ).PlatformApplicationArn!;
  const createEndpoint = async (PlatformApplicationArn: string, Token: string, extra: Partial<sns.CreatePlatformEndpointCommandInput> = {}) =>
    (await client.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token, ...extra }))).EndpointArn!;

  describe('platform applications', () => {
    it('are created for every platform SNS supports, with ARNs app/<platform>/<name>, and never show their credentials', async () => {
      for (const platform of ['GCM', 'APNS', 'APNS_SANDBOX', 'ADM', 'BAIDU', 'MPNS', 'WNS']) {
        const arn = await createApp(`app-${platform}`, platform);
        assert.equal(arn, `arn:aws:sns:us-east-1:000000000000:app/${platform}/app-${platform}`);
      }
      // FCM takes its server key alone.
      await client.send(new sns.CreatePlatformApplicationCommand({ Name: 'fcm-key-only', Platform: 'GCM', Attributes: { PlatformCredential: 'secret-credential' } }));
      const arn = 'arn:aws:sns:us-east-1:000000000000:app/ADM/app-ADM';
      const got = await client.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
      assert.deepEqual(got.Attributes, recordedSns(`${APP_TESTS}::test_get_platform_application_attributes`, 'get-application-attributes').Attributes);
      await client.send(new sns.SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: { SuccessFeedbackSampleRate: '50' } }));
      const after = await client.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }));
      assert.deepEqual(after.Attributes, recordedSns(`${APP_TESTS}::test_set_platform_application_attributes`, 'set-get-application-attributes').Attributes);
      const listed = await client.send(new sns.ListPlatformApplicationsCommand({}));
      assert.ok(listed.PlatformApplications?.some((a) => a.PlatformApplicationArn === arn && a.Attributes?.Enabled === 'true'));
      assert.ok(listed.PlatformApplications?.every((a) => !('PlatformCredential' in (a.Attributes ?? {}))));
    });

    it('refuse what AWS refuses, with its recorded answers', async () => {
      const create = (input: Partial<sns.CreatePlatformApplicationCommandInput>) =>
        sdkFailure(client.send(new sns.CreatePlatformApplicationCommand({ Name: 'bad', Platform: 'ADM', Attributes: {}, ...input } as sns.CreatePlatformApplicationCommandInput)));
      const t = (name: string) => `${APP_TESTS}::${name}`;
      assertRecordedSnsError(await create({}), t('test_create_platform_application_invalid_attributes[no-args]'), 'platform-application-no-attributes');
      assertRecordedSnsError(
        await create({ Attributes: { PlatformPrincipal: 'p' } }),
        t('test_create_platform_application_invalid_attributes[missing-credential]'),
        'platform-application-no-attributes',
      );
      assertRecordedSnsError(
        await create({ Attributes: { PlatformCredential: 'c' } }),
        t('test_create_platform_application_invalid_attributes[missing-principal]'),
        'platform-application-no-attributes',
      );
      const attrs = { PlatformCredential: 'c', PlatformPrincipal: 'p' };
      assertRecordedSnsError(await create({ Name: 'a'.repeat(257), Attributes: attrs }), t('test_create_platform_application_invalid_name[too-long]'), 'invalid-application-name');
      assertRecordedSnsError(await create({ Name: '', Attributes: attrs }), t('test_create_platform_application_invalid_name[empty]'), 'invalid-application-name');
      assertRecordedSnsError(await create({ Name: '@name', Attributes: attrs }), t('test_create_platform_application_invalid_name[invalid-char]'), 'invalid-application-name');
      assertRecordedSnsError(await create({ Platform: 'AAA', Attributes: attrs }), t('test_create_platform_application_invalid_platform'), 'invalid-platform');

      const get = (PlatformApplicationArn: string) => sdkFailure(client.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn })));
      const set = (PlatformApplicationArn: string, Attributes: Record<string, string>) =>
        sdkFailure(client.send(new sns.SetPlatformApplicationAttributesCommand({ PlatformApplicationArn, Attributes })));
      const missing = 'arn:aws:sns:us-east-1:000000000000:app/ADM/never-made';
      assertRecordedSnsError(await get('invalid-arn'), t('test_get_platform_application_attributes_invalid_arn'), 'invalid-application-arn');
      assertRecordedSnsError(await get(missing), t('test_get_platform_application_attributes_non_existing_app'), 'non_existing-application-arn');
      assertRecordedSnsError(await set('invalid-arn', { Enabled: 'true' }), t('test_set_platform_application_attributes_invalid_arn'), 'invalid-application-arn');
      assertRecordedSnsError(await set(missing, {}), t('test_set_platform_application_attributes_non_existing_app[no-args]'), 'non_existing-application-arn');
      assertRecordedSnsError(
        await set(missing, { PlatformPrincipal: 'p' }),
        t('test_set_platform_application_attributes_non_existing_app[missing-credential]'),
        'non_existing-application-arn',
      );
      assertRecordedSnsError(
        await set(missing, { PlatformCredential: 'c', PlatformPrincipal: 'p' }),
        t('test_set_platform_application_attributes_non_existing_app[dummy-args]'),
        'non_existing-application-arn',
      );
    });
  });

  describe('platform endpoints', () => {
    it('are created once per token: the same attributes give the same ARN, other attributes are refused', async () => {
      const app = await createApp('endpoints-app');
      const arn = await createEndpoint(app, 'token_1', { CustomUserData: 'one' });
      assert.match(arn, /^arn:aws:sns:us-east-1:000000000000:endpoint\/ADM\/endpoints-app\/[0-9a-f-]{36}$/);
      assert.equal(await createEndpoint(app, 'token_1', { CustomUserData: 'one' }), arn);
      const refused = await sdkFailure(client.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn: app, Token: 'token_1', CustomUserData: 'two' })));
      assertRecordedSnsError(refused, `${ENDPOINT_TESTS}::test_create_platform_endpoint_idempotency`, 'create-platform-endpoint-different-token', {
        'arn:<partition>:sns:<region>:111111111111:endpoint/ADM/<platform_application>/<resource:1>': arn,
      });
      const missing = await sdkFailure(
        client.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn: 'arn:aws:sns:us-east-1:000000000000:app/ADM/none', Token: 't' })),
      );
      assertRecordedSnsError(missing, `${ENDPOINT_TESTS}::test_create_platform_endpoint_non_existent_app`, 'create-platform-endpoint');
    });

    it('Get/SetEndpointAttributes and ListEndpointsByPlatformApplication answer as recorded', async () => {
      const app = await createApp('attrs-app');
      const arn = await createEndpoint(app, 'token_1');
      const t = (name: string) => `${ENDPOINT_TESTS}::${name}`;
      const get = async () => (await client.send(new sns.GetEndpointAttributesCommand({ EndpointArn: arn }))).Attributes;
      assert.deepEqual(await get(), recordedSns(t('test_get_platform_endpoint_attributes'), 'get-platform-endpoint-attributes').Attributes);
      const listed = await client.send(new sns.ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: app }));
      const recordedList = recordedSns(t('test_list_platform_endpoints'), 'list-endpoints-by-app').Endpoints as { Attributes: unknown }[];
      assert.deepEqual(listed.Endpoints, [{ EndpointArn: arn, Attributes: recordedList[0].Attributes }]);
      await client.send(new sns.SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Enabled: 'false' } }));
      assert.deepEqual(await get(), recordedSns(t('test_set_platform_endpoint_attributes'), 'get-platform-endpoint-attributes').Attributes);

      const set = (EndpointArn: string, Attributes: Record<string, string>) =>
        sdkFailure(client.send(new sns.SetEndpointAttributesCommand({ EndpointArn, Attributes })));
      const setKey = 'set-platform-endpoint-invalid-attributes';
      assertRecordedSnsError(await set(arn, {}), t('test_set_platform_endpoint_attributes_invalid_attributes[Empty]'), setKey);
      assertRecordedSnsError(await set(arn, { PlatformPrincipal: 'p' }), t('test_set_platform_endpoint_attributes_invalid_attributes[Invalid_Name_Principal]'), setKey);
      assertRecordedSnsError(await set(arn, { PlatformCredential: 'c' }), t('test_set_platform_endpoint_attributes_invalid_attributes[Invalid_Name_Credential]'), setKey);
      assertRecordedSnsError(await set(arn, { InvalidKey: 'x' }), t('test_set_platform_endpoint_attributes_invalid_attributes[Invalid_Name_Generic]'), setKey);
      assertRecordedSnsError(await set(arn, { CustomUserData: too_long_data }), t('test_set_platform_endpoint_attributes_invalid_attributes[Data_Too_Long]'), setKey);
      const wrongKey = 'set-platform-endpoint-attributes-non-existent-app';
      assertRecordedSnsError(await set(arn.replace(/\/[^/]+$/, ''), { Enabled: 'true' }), t('test_set_platform_endpoint_attributes_invalid_arn'), wrongKey);
      const gone = `${app.replace(':app/', ':endpoint/')}/00000000-0000-0000-0000-000000000000`;
      assertRecordedSnsError(await set(gone, { Enabled: 'true' }), t('test_set_platform_endpoint_attributes_non_existent_endpoint'), wrongKey);
      assertRecordedSnsError(
        await sdkFailure(client.send(new sns.GetEndpointAttributesCommand({ EndpointArn: gone }))),
        t('test_get_platform_endpoint_attributes_non_existent_endpoint'),
        wrongKey,
      );

      const create = (Attributes: Record<string, string>) =>
        sdkFailure(client.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn: app, Token: 'token_2', Attributes })));
      const createKey = 'create-platform-endpoint-invalid-attr';
      assertRecordedSnsError(await create({ PlatformPrincipal: 'p' }), t('test_create_platform_endpoint_with_invalid_attributes[Invalid_Name_Principal]'), createKey);
      assertRecordedSnsError(await create({ PlatformCredential: 'c' }), t('test_create_platform_endpoint_with_invalid_attributes[Invalid_Name_Credential]'), createKey);
      assertRecordedSnsError(await create({ InvalidKey: 'x' }), t('test_create_platform_endpoint_with_invalid_attributes[Invalid_Name_Generic]'), createKey);
      assertRecordedSnsError(await create({ CustomUserData: too_long_data }), t('test_create_platform_endpoint_with_invalid_attributes[Data_Too_Long]'), createKey);

      const custom = await createEndpoint(app, 'token_3', { CustomUserData: 'foo', Attributes: { CustomUserData: 'bar' } });
      assert.deepEqual(
        (await client.send(new sns.GetEndpointAttributesCommand({ EndpointArn: custom }))).Attributes,
        { ...(recordedSns(t('test_create_platform_endpoint_double_custom_data'), 'create-endpoint-double-custom-data').Attributes as object), Token: 'token_3' },
      );
    });

    it('DeleteEndpoint keeps subscriptions to it; DeletePlatformApplication takes its endpoints', async () => {
      const app = await createApp('delete-app');
      const arn = await createEndpoint(app, 'token_1');
      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'push-delete' }));
      await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'application', Endpoint: arn }));
      await client.send(new sns.DeleteEndpointCommand({ EndpointArn: arn }));
      assert.deepEqual((await client.send(new sns.ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: app }))).Endpoints, []);
      const subs = await client.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }));
      assert.deepEqual(subs.Subscriptions?.map((s) => [s.Protocol, s.Endpoint]), [['application', arn]]);
      // A delivery to the deleted endpoint fails, as the delivery log shows.
      await client.send(new sns.PublishCommand({ TopicArn, Message: 'to nobody' }));
      const log = (await (await fetch(`${server.url}/_eventyard/sns/deliveries?topicArn=${encodeURIComponent(TopicArn!)}`)).json()) as { deliveries: { status: string }[] };
      assert.deepEqual(log.deliveries.map((d) => d.status), ['failed']);

      await createEndpoint(app, 'token_2');
      await client.send(new sns.DeletePlatformApplicationCommand({ PlatformApplicationArn: app }));
      assertRecordedSnsError(
        await sdkFailure(client.send(new sns.ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: app }))),
        `${ENDPOINT_TESTS}::test_delete_endpoints_of_deleted_app`,
        'list-endpoints-after-app-delete',
      );
    });
  });

  describe('publishing to devices', () => {
    it('Publish with TargetArn lands the payload the device gets in the outbox; a disabled endpoint refuses', async () => {
      const apns = await createEndpoint(await createApp('ios', 'APNS'), 'ios-token');
      const gcm = await createEndpoint(await createApp('android', 'GCM'), 'android-token');
      const { MessageId } = await client.send(new sns.PublishCommand({ TargetArn: apns, Message: 'Hello <you>' }));
      const [ios] = await outbox(server.url, apns);
      assert.equal(ios.messageId, MessageId);
      assert.equal(ios.protocol, 'application');
      assert.deepEqual(JSON.parse(ios.body), { aps: { alert: 'Hello <you>' } });

      const fcm = JSON.stringify({ fcmV1Message: { message: { notification: { title: 'Hi', body: 'There' } } } });
      await client.send(new sns.PublishCommand({ TargetArn: gcm, MessageStructure: 'json', Message: JSON.stringify({ default: 'plain', GCM: fcm, APNS: '{}' }) }));
      await client.send(new sns.PublishCommand({ TargetArn: gcm, Message: 'plain text' }));
      const android = await outbox(server.url, gcm);
      assert.deepEqual(android.map((e) => e.body), [fcm, JSON.stringify({ data: { default: 'plain text' } })]);

      await client.send(new sns.SetEndpointAttributesCommand({ EndpointArn: gcm, Attributes: { Enabled: 'false' } }));
      const disabled = await sdkFailure(client.send(new sns.PublishCommand({ TargetArn: gcm, Message: 'x' })));
      assert.equal(disabled.name, 'EndpointDisabledException');
      assert.equal(disabled.message, 'Endpoint is disabled');
      assert.equal(disabled.$metadata.httpStatusCode, 400);
      assert.equal((await outbox(server.url, gcm)).length, 2);
    });

    it('an application subscription delivers each platform its payload from MessageStructure json', async () => {
      const ios = await createEndpoint(await createApp('fan-ios', 'APNS_SANDBOX'), 'ios-1');
      const kindle = await createEndpoint(await createApp('fan-kindle', 'ADM'), 'kindle-1');
      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'push-fan-out' }));
      const subscribed = [];
      for (const Endpoint of [ios, kindle]) {
        subscribed.push((await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'application', Endpoint }))).SubscriptionArn);
      }
      const apns = JSON.stringify({ aps: { alert: 'Sale', badge: 1 } });
      await client.send(new sns.PublishCommand({ TopicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'Sale today', APNS_SANDBOX: apns }) }));
      const [toIos] = await outbox(server.url, ios);
      const [toKindle] = await outbox(server.url, kindle);
      assert.equal(toIos.body, apns);
      assert.equal(toIos.subscriptionArn, subscribed[0]);
      assert.deepEqual(JSON.parse(toKindle.body), { data: { default: 'Sale today' } });
    });
  });

  describe('SMS', () => {
    it('GetSMSAttributes answers the defaults of an untouched region, then what SetSMSAttributes set, filtered by name', async () => {
      const t = (name: string) => `${SMS_TESTS}::${name}`;
      const untouched = await client.send(new sns.GetSMSAttributesCommand({}));
      assert.deepEqual(untouched.attributes, recordedSns(t('test_get_sms_attributes_from_unmodified_region'), 'get-sms-attributes_unmodified_region').attributes);
      await client.send(
        new sns.SetSMSAttributesCommand({
          attributes: { DefaultSMSType: 'Promotional', DefaultSenderID: 'LSTest', DeliveryStatusSuccessSamplingRate: '100' },
        }),
      );
      const all = await client.send(new sns.GetSMSAttributesCommand({}));
      assert.deepEqual(all.attributes, recordedSns(t('test_set_get_sms_attributes'), 'get-sms-all-attributes').attributes);
      const some = await client.send(new sns.GetSMSAttributesCommand({ attributes: ['DefaultSMSType', 'DefaultSenderID'] }));
      assert.deepEqual(some.attributes, recordedSns(t('test_set_get_sms_attributes'), 'get-sms-some-attributes').attributes);

      const set = (attributes: Record<string, string>) => sdkFailure(client.send(new sns.SetSMSAttributesCommand({ attributes })));
      assertRecordedSnsError(await set({ InvalidAttribute: 'x' }), t('test_set_invalid_sms_attributes[InvalidAttributeName]'), 'invalid-attribute');
      assertRecordedSnsError(await set({ DefaultSendID: 'TooLooooooooooongID' }), t('test_set_invalid_sms_attributes[TooLongID]'), 'invalid-attribute');
      assertRecordedSnsError(await set({ DefaultSMSType: 'Invalid' }), t('test_set_invalid_sms_attributes[InvalidSMSType]'), 'invalid-attribute');
      const sender = await set({ DefaultSenderID: '12345' });
      assert.equal(sender.name, 'InvalidParameterException');
      assert.equal(sender.message, 'DefaultSenderID is invalid');
    });

    it('a number that replied STOP is opted out until OptInPhoneNumber, and gets nothing meanwhile', async () => {
      const t = (name: string) => `${SMS_TESTS}::${name}`;
      const phoneNumber = '+15550009999';
      const check = async (n: string) => (await client.send(new sns.CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: n }))).isOptedOut;
      assert.equal(await check(phoneNumber), false);
      assert.deepEqual(
        (await client.send(new sns.ListPhoneNumbersOptedOutCommand({}))).phoneNumbers,
        recordedSns('TestSNSSubscriptionCrudV2::test_list_opted_out', 'list-opted-out').phoneNumbers,
      );
      await replyStop(server.url, '+1 555 000-9999');
      assert.equal(await check(phoneNumber), recordedSns(t('test_is_phone_number_opted_out'), 'phone-number-opted-out').isOptedOut);
      assert.deepEqual((await client.send(new sns.ListPhoneNumbersOptedOutCommand({}))).phoneNumbers, [phoneNumber]);

      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sms-stop' }));
      await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: phoneNumber }));
      await client.send(new sns.PublishCommand({ TopicArn, Message: 'via topic' }));
      const direct = await client.send(new sns.PublishCommand({ PhoneNumber: phoneNumber, Message: 'direct' }));
      assert.match(direct.MessageId!, /^[0-9a-f-]{36}$/);
      assert.deepEqual(await outbox(server.url, phoneNumber), []);

      await client.send(new sns.OptInPhoneNumberCommand({ phoneNumber }));
      assert.equal(await check(phoneNumber), false);
      await client.send(new sns.OptInPhoneNumberCommand({ phoneNumber: '+15550001234' }));
      await client.send(new sns.PublishCommand({ PhoneNumber: phoneNumber, Message: 'back' }));
      assert.deepEqual((await outbox(server.url, phoneNumber)).map((e) => e.body), ['back']);

      assertRecordedSnsError(
        await sdkFailure(client.send(new sns.OptInPhoneNumberCommand({ phoneNumber: 'NAA+15551234567' }))),
        t('test_opt_in_invalid_number'),
        'opt-in-non-existing-number',
      );
    });

    it('accepts the phone number forms AWS accepts, refuses the others, and limits an SMS to 1,600 characters', async () => {
      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sms-forms' }));
      for (const Endpoint of ['+12/34-567.890', '+1 (555) 123-4567', '+123123123']) {
        await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint }));
      }
      await client.send(new sns.PublishCommand({ PhoneNumber: '+12/34-567.890', Message: 'separators' }));
      assert.deepEqual((await outbox(server.url, '+12/34-567.890')).map((e) => e.body), ['separators']);

      const subscribe = (Endpoint: string) => sdkFailure(client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint })));
      for (const bad of ['+15--551234567', 'NAA+15551234567', '+15551234567.', '/+15551234567']) {
        assertRecordedSnsError(await subscribe(bad), 'TestSNSSubscriptionCrudV2::test_subscribe_invalid_sms', `subscribe-bad-sms-${bad}`);
      }
      const publish = (PhoneNumber: string) => sdkFailure(client.send(new sns.PublishCommand({ PhoneNumber, Message: 'x' })));
      assertRecordedSnsError(await publish('+1a234'), `${SMS_TESTS}::test_publish_wrong_phone_format`, 'invalid-number');
      assertRecordedSnsError(await publish('NAA+15551234567'), `${SMS_TESTS}::test_publish_wrong_phone_format`, 'wrong-format');

      await client.send(new sns.PublishCommand({ PhoneNumber: '+15550002222', Message: 'é'.repeat(1600) }));
      const long = await sdkFailure(client.send(new sns.PublishCommand({ PhoneNumber: '+15550002222', Message: 'x'.repeat(1601) })));
      assert.equal(long.name, 'InvalidParameterException');
      assert.equal(long.message, 'Invalid parameter: Message too long');
      assert.equal((await outbox(server.url, '+15550002222')).length, 1);
    });
  });
});

describe('SNS mobile push and SMS survive a restart', function () {
  this.timeout(120_000);
  const data = dataDirDuringTests('eventyard-wire-push-');

  it('keeps platform applications, endpoints, SMS attributes and opted-out numbers', async () => {
    let server = await data.start();
    let client = data.track(snsClient(server.url));
    const { PlatformApplicationArn } = await client.send(
      new sns.CreatePlatformApplicationCommand({ Name: 'kept', Platform: 'GCM', Attributes: { PlatformCredential: 'secret-credential', SuccessFeedbackSampleRate: '10' } }),
    );
    const { EndpointArn } = await client.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'device-1', CustomUserData: 'me' }));
    await client.send(new sns.SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: 'false' } }));
    await client.send(new sns.SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional' } }));
    await replyStop(server.url, '+15550003333');
    await data.kill();

    server = await data.start();
    client = data.track(snsClient(server.url));
    const apps = await client.send(new sns.ListPlatformApplicationsCommand({}));
    assert.deepEqual(apps.PlatformApplications, [{ PlatformApplicationArn, Attributes: { Enabled: 'true', SuccessFeedbackSampleRate: '10' } }]);
    const endpoints = await client.send(new sns.ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn }));
    assert.deepEqual(endpoints.Endpoints, [{ EndpointArn, Attributes: { Enabled: 'false', Token: 'device-1', CustomUserData: 'me' } }]);
    assert.deepEqual((await client.send(new sns.GetSMSAttributesCommand({}))).attributes, { MonthlySpendLimit: '1', DefaultSMSType: 'Transactional' });
    assert.deepEqual((await client.send(new sns.ListPhoneNumbersOptedOutCommand({}))).phoneNumbers, ['+15550003333']);
    // The push service's credential is checked, never kept.
    for (const file of fs.readdirSync(data.dir)) {
      const saved = path.join(data.dir, file);
      if (fs.statSync(saved).isFile()) assert.doesNotMatch(fs.readFileSync(saved, 'latin1'), /secret-credential/);
    }
  });
});
