import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { raw } from './support/raw';
import { root, ServeProcess, startServe } from './support/serve';

/**
 * Every error AWS answered in test/fixtures/aws-reference/events/*.snapshot.json (but the archives and
 * replays, a family of their own), replayed against `serve`: the snapshots keep the answers only, so each
 * row writes the request the recording test sent (from its name and LocalStack's test code), with the
 * names it fills the snapshot's placeholders with. Code, message and HTTP status must be AWS's.
 */
const ACCOUNT = '000000000000';
const CONNECTION_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:connection/rec-conn/00000000-0000-0000-0000-000000000000`;
const DETAIL = '{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}';
const entry = (bus: string) => ({ Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: DETAIL, EventBusName: bus });
const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:rec-q`;

interface Call {
  action: string;
  input: Record<string, unknown>;
}
interface Row {
  /** Snapshot file (without .snapshot.json), test name (the part after ::) and recorded key. */
  file: string;
  test: string;
  key: string;
  /** Requests that set the scene; they must succeed. */
  setup?: Call[];
  request: Call;
  /** Placeholder to the value this replay uses. */
  names?: Record<string, string>;
}

const rows: Row[] = [
  // connections and API destinations
  { file: 'test_api_destinations_and_connection', test: 'TestEventBridgeConnections::test_delete_connection', key: 'describe-deleted-connection',
    request: { action: 'DescribeConnection', input: { Name: 'rec-gone-conn' } }, names: { '<connection-name>': 'rec-gone-conn' } },
  { file: 'test_api_destinations_and_connection', test: 'TestEventBridgeConnections::test_create_connection_invalid_parameters', key: 'create-connection-invalid-auth-error',
    request: { action: 'CreateConnection', input: { Name: 'rec-c', AuthorizationType: 'INVALID_AUTH_TYPE', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } } } },
  { file: 'test_api_destinations_and_connection', test: 'TestEventBridgeConnections::test_create_connection_name_validation', key: 'create-connection-invalid-name-error',
    request: { action: 'CreateConnection', input: { Name: 'Invalid Name With Spaces!', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } } } },
  ...['auth0', 'auth1', 'auth2'].map((auth): Row => ({
    file: 'test_api_destinations_and_connection', test: `TestEventBridgeApiDestinations::test_api_destinations[${auth}]`, key: 'describe-api-destination-not-found-error',
    request: { action: 'DescribeApiDestination', input: { Name: 'rec-gone-dest' } }, names: { '<destination-name>': 'rec-gone-dest' },
  })),
  { file: 'test_api_destinations_and_connection', test: 'TestEventBridgeApiDestinations::test_create_api_destination_invalid_parameters', key: 'create-api-destination-invalid-parameters-error',
    request: { action: 'CreateApiDestination', input: { Name: 'rec-d', ConnectionArn: 'invalid-connection-arn', InvocationEndpoint: 'https://example.com/api', HttpMethod: 'INVALID_METHOD' } } },
  { file: 'test_api_destinations_and_connection', test: 'TestEventBridgeApiDestinations::test_create_api_destination_name_validation', key: 'create-api-destination-invalid-name-error',
    request: { action: 'CreateApiDestination', input: { Name: 'Invalid Name With Spaces!', ConnectionArn: CONNECTION_ARN, InvocationEndpoint: 'https://example.com/api', HttpMethod: 'POST' } } },
  { file: 'test_events', test: 'test_create_connection_validations', key: 'create_connection_exc',
    request: { action: 'CreateConnection', input: { Name: 'This should fail with two errors 123467890123412341234123412341234', AuthorizationType: 'INVALID', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } } } } },
  // buses
  { file: 'test_events', test: 'test_create_multiple_event_buses_same_name', key: 'create-multiple-event-buses-same-name',
    setup: [{ action: 'CreateEventBus', input: { Name: 'rec-twice' } }], request: { action: 'CreateEventBus', input: { Name: 'rec-twice' } }, names: { '<bus-name>': 'rec-twice' } },
  { file: 'test_events', test: 'test_describe_delete_not_existing_event_bus', key: 'describe-not-existing-event-bus-error',
    request: { action: 'DescribeEventBus', input: { Name: 'rec-none' } }, names: { '<bus-name>': 'rec-none' } },
  { file: 'test_events', test: 'test_describe_delete_not_existing_event_bus', key: 'delete-not-existing-event-bus',
    request: { action: 'DeleteEventBus', input: { Name: 'rec-none' } }, names: { '<bus-name>': 'rec-none' } },
  { file: 'test_events', test: 'test_delete_default_event_bus', key: 'delete-default-event-bus-error', request: { action: 'DeleteEventBus', input: { Name: 'default' } } },
  { file: 'test_events', test: 'test_put_permission_non_existing_event_bus', key: 'remove-permission-non-existing-sid-error',
    request: { action: 'PutPermission', input: { EventBusName: 'rec-none', Action: 'events:PutEvents', Principal: '111111111111', StatementId: 's' } }, names: { '<bus-name>': 'rec-none' } },
  ...(['True-custom', 'True-default', 'False-custom', 'False-default'] as const).map((variant): Row => {
    const bus = variant.endsWith('custom') ? 'rec-perm' : 'default';
    const withPolicy = variant.startsWith('True');
    return {
      file: 'test_events', test: `test_remove_permission_non_existing_sid[${variant}]`, key: 'remove-permission-non-existing-sid-error',
      setup: [
        ...(bus === 'default' ? [] : [{ action: 'CreateEventBus', input: { Name: `${bus}-${variant}` } }]),
        ...(withPolicy ? [{ action: 'PutPermission', input: { EventBusName: bus === 'default' ? 'default' : `${bus}-${variant}`, Action: 'events:PutEvents', Principal: '111111111111', StatementId: `kept-${variant}` } }] : []),
      ],
      request: { action: 'RemovePermission', input: { EventBusName: bus === 'default' ? 'default' : `${bus}-${variant}`, StatementId: 'rec-no-such-sid' } },
    };
  }),
  // PutEvents
  { file: 'test_events', test: 'test_put_event_with_too_big_detail', key: 'put-events-too-big-detail-error',
    request: { action: 'PutEvents', input: { Entries: [{ Source: 's', DetailType: 'd', Detail: JSON.stringify({ payload: 'x'.repeat(262_144) }) }] } } },
  ...(['default', 'custom'] as const).map((variant): Row => {
    const bus = variant === 'default' ? 'default' : 'rec-ten';
    return {
      file: 'test_events', test: `test_put_events_exceed_limit_ten_entries[${variant}]`, key: 'put-events-exceed-limit-error',
      setup: variant === 'custom' ? [{ action: 'CreateEventBus', input: { Name: bus } }] : [],
      request: { action: 'PutEvents', input: { Entries: Array.from({ length: 11 }, () => entry(bus)) } }, names: { '<bus-name>': bus },
    };
  }),
  { file: 'test_events', test: 'test_put_events_nonexistent_event_bus', key: 'non-existent-bus-error',
    // After a PutEvents that names the missing bus (answered 200), the test describes it.
    setup: [{ action: 'PutEvents', input: { Entries: [entry('rec-no-bus')] } }],
    request: { action: 'DescribeEventBus', input: { Name: 'rec-no-bus' } }, names: { '<custom-event-bus>': 'rec-no-bus' } },
  // rules and targets
  { file: 'test_events', test: 'test_describe_nonexistent_rule', key: 'describe-not-existing-rule-error',
    request: { action: 'DescribeRule', input: { Name: 'rec-no-rule' } }, names: { '<rule-name>': 'rec-no-rule' } },
  { file: 'test_events', test: 'test_delete_rule_with_targets', key: 'delete-rule-with-targets-error',
    setup: [{ action: 'PutRule', input: { Name: 'rec-busy', EventPattern: '{"source":["x"]}' } }, { action: 'PutTargets', input: { Rule: 'rec-busy', Targets: [{ Id: 't', Arn: queueArn }] } }],
    request: { action: 'DeleteRule', input: { Name: 'rec-busy' } } },
  { file: 'test_events', test: 'test_add_exceed_fife_targets_per_rule', key: 'put-targets-client-error',
    setup: [{ action: 'PutRule', input: { Name: 'rec-six', EventPattern: '{"source":["x"]}' } }],
    request: { action: 'PutTargets', input: { Rule: 'rec-six', Targets: Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: queueArn })) } } },
  { file: 'test_events', test: 'test_put_target_id_validation', key: 'put-targets-invalid-id-error',
    setup: [{ action: 'PutRule', input: { Name: 'rec-ids', EventPattern: '{"source":["x"]}' } }],
    request: { action: 'PutTargets', input: { Rule: 'rec-ids', Targets: [{ Id: '!@#$@!#$', Arn: queueArn }] } } },
  { file: 'test_events_inputs', test: 'test_put_events_with_input_transformer_missing_keys', key: 'missing-key-exception-error',
    setup: [{ action: 'PutRule', input: { Name: 'rec-tmpl', EventPattern: '{"source":["x"]}' } }],
    request: { action: 'PutTargets', input: { Rule: 'rec-tmpl', Targets: [{ Id: 'rec-target', Arn: queueArn, InputTransformer: { InputPathsMap: { detail: '$.detail' }, InputTemplate: '{"x": <notdefinedkey>}' } }] } },
    names: { '<target-id>': 'rec-target' } },
  { file: 'test_events_inputs', test: 'test_put_event_input_path_and_input_transformer', key: 'duplicated-input-operations-error',
    setup: [{ action: 'PutRule', input: { Name: 'rec-both', EventPattern: '{"source":["x"]}' } }],
    request: { action: 'PutTargets', input: { Rule: 'rec-both', Targets: [{ Id: 'rec-target', Arn: queueArn, InputPath: '$.detail', InputTransformer: { InputPathsMap: { d: '$.detail' }, InputTemplate: '<d>' } }] } },
    names: { '<target-id>': 'rec-target' } },
  // schedules
  { file: 'test_events_schedule', test: 'tests_put_rule_with_schedule_custom_event_bus', key: 'put-rule-with-custom-event-bus-error',
    setup: [{ action: 'CreateEventBus', input: { Name: 'rec-sched-bus' } }],
    request: { action: 'PutRule', input: { Name: 'rec-sched', EventBusName: 'rec-sched-bus', ScheduleExpression: 'rate(1 minute)' } } },
  ...['cron(INVALID)', 'cron(0 dummy ? * MON-FRI *)', 'cron(7 20 * * NOT *)', 'cron(71 8 1 * ? *)', 'cron(0 1 * * * *)'].map((cron): Row => ({
    file: 'test_events_schedule', test: `tests_put_rule_with_invalid_schedule_cron[${cron}]`, key: 'invalid-put-rule',
    request: { action: 'PutRule', input: { Name: 'rec-cron', ScheduleExpression: cron } },
  })),
  // tags
  ...(['tag_not_existing_resource_error', 'list_tags_for_not_existing_resource_error', 'untag_not_existing_resource_error'] as const).flatMap((key): Row[] => {
    const call = (resource: string): Call =>
      key.startsWith('tag_') ? { action: 'TagResource', input: { ResourceARN: resource, Tags: [{ Key: 'k', Value: 'v' }] } }
        : key.startsWith('list_') ? { action: 'ListTagsForResource', input: { ResourceARN: resource } }
          : { action: 'UntagResource', input: { ResourceARN: resource, TagKeys: ['k'] } };
    return [
      { file: 'test_events_tags', test: 'tests_tag_list_untag_not_existing_resource[not_existing_rule]', key,
        request: call(`arn:aws:events:us-east-1:${ACCOUNT}:rule/rec-no-rule`), names: { '<not-existing-resource-name>': 'rec-no-rule' } },
      { file: 'test_events_tags', test: 'tests_tag_list_untag_not_existing_resource[not_existing_event_bus]', key,
        request: call(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/rec-no-bus`), names: { '<not-existing-resource-name>': 'rec-no-bus' } },
    ];
  }),
  { file: 'test_events_tags', test: 'test_list_tags_for_deleted_rule', key: 'list_tags_for_deleted_rule_error',
    setup: [
      { action: 'CreateEventBus', input: { Name: 'rec-tag-bus' } },
      { action: 'PutRule', input: { Name: 'rec-tag-rule', EventBusName: 'rec-tag-bus', EventPattern: '{"source":["x"]}' } },
      { action: 'DeleteRule', input: { Name: 'rec-tag-rule', EventBusName: 'rec-tag-bus' } },
    ],
    request: { action: 'ListTagsForResource', input: { ResourceARN: `arn:aws:events:us-east-1:${ACCOUNT}:rule/rec-tag-bus/rec-tag-rule` } },
    names: { '<rule_name>': 'rec-tag-rule', '<bus_name>': 'rec-tag-bus' } },
  { file: 'test_events_tags', test: 'test_list_tags_for_deleted_event_bus', key: 'list_tags_for_deleted_rule_error',
    setup: [{ action: 'CreateEventBus', input: { Name: 'rec-tag-gone' } }, { action: 'DeleteEventBus', input: { Name: 'rec-tag-gone' } }],
    request: { action: 'ListTagsForResource', input: { ResourceARN: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/rec-tag-gone` } },
    names: { '<bus_name>': 'rec-tag-gone' } },
];

/**
 * Recorded errors not replayed, and why. The archive and replay errors (test_archive_and_replay) belong
 * to those operations' own tests.
 */
const notReplayed: Record<string, string> = {
  // The recorder replaced the over-long id with a shorter placeholder, so no request reproduces the message.
  'test_events/test_put_target_id_validation/put-targets-length-error': 'the recorded value is a placeholder',
};

type Snapshot = Record<string, { 'recorded-content': Record<string, { Error?: { Code: string; Message: string }; ResponseMetadata?: { HTTPStatusCode: number } }> }>;
const dir = path.join(root, 'test/fixtures/aws-reference/events');
const snapshots = new Map<string, Snapshot>();
function recorded(row: Row): { code: string; message: string; status: number } {
  if (!snapshots.has(row.file)) snapshots.set(row.file, JSON.parse(fs.readFileSync(path.join(dir, `${row.file}.snapshot.json`), 'utf8')) as Snapshot);
  const snapshot = snapshots.get(row.file)!;
  const test = Object.keys(snapshot).find((k) => k.endsWith(`::${row.test}`));
  assert.ok(test, `${row.file} has no test ${row.test}`);
  const answer = snapshot[test]['recorded-content'][row.key];
  assert.ok(answer?.Error, `${row.test} recorded no error under ${row.key}`);
  let message = answer.Error.Message;
  for (const [placeholder, value] of Object.entries(row.names ?? {})) message = message.split(placeholder).join(value);
  return { code: answer.Error.Code, message, status: answer.ResponseMetadata!.HTTPStatusCode };
}

describe('EventBridge: every recorded AWS error, replayed', function () {
  this.timeout(60_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
    await send({ action: 'CreateQueue', input: {} }, 'sqs').catch(() => undefined);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  function send(call: Call, service: 'events' | 'sqs' = 'events') {
    const target = service === 'events' ? `AWSEvents.${call.action}` : `AmazonSQS.${call.action}`;
    const type = service === 'events' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
    return raw(server.url, { method: 'POST', headers: { 'content-type': type, 'x-amz-target': target }, body: JSON.stringify(call.input) });
  }

  it('covers every recorded error of the snapshots (but archives and replays)', () => {
    const covered = new Set(rows.map((r) => `${r.file}/${r.test.split('::').pop()}/${r.key}`));
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.snapshot.json') && !f.startsWith('test_archive_and_replay'))) {
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Snapshot;
      for (const [test, { 'recorded-content': content }] of Object.entries(snapshot)) {
        for (const [key, answer] of Object.entries(content)) {
          if (!answer || typeof answer !== 'object' || !('Error' in answer)) continue;
          const id = `${file.replace('.snapshot.json', '')}/${test.split('::').pop()}/${key}`;
          assert.ok(covered.has(id) || id in notReplayed, `no replay for ${id}`);
        }
      }
    }
  });

  for (const row of rows) {
    it(`${row.test.split('::').pop()} ${row.key}`, async () => {
      await send({ action: 'CreateQueue', input: { QueueName: 'rec-q' } }, 'sqs');
      for (const call of row.setup ?? []) {
        const r = await send(call);
        assert.equal(r.status, 200, `${call.action}: ${r.text}`);
      }
      const expected = recorded(row);
      const answer = await send(row.request);
      const body = JSON.parse(answer.text) as { __type: string; message?: string; Message?: string };
      assert.deepEqual({ code: body.__type.split('#').pop(), message: body.message ?? body.Message, status: answer.status }, expected);
    });
  }
});
