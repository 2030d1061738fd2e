import assert from 'node:assert/strict';
import * as eb from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { credentials, refused, sdkFailure } from './support/clients';
import { raw } from './support/raw';
import { serveDuringSuite, ServeProcess, startServe } from './support/serve';

/**
 * EventBridge over JSON 1.1 with @aws-sdk/client-eventbridge, against the answers recorded from AWS in
 * test/fixtures/aws-reference/events/*.snapshot.json (cited by test name; placeholders filled with this
 * test's names and the broker's account 000000000000).
 */
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
const ruleArn = (bus: string, rule: string) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus === 'default' ? '' : `${bus}/`}${rule}`;

/** The JSON 1.1 request an SDK would send, written by hand so a test can send what no SDK would. */
const eventsJson = (action: string, body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSEvents.${action}` },
  body,
});

const DETAIL = '{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}';
const PATTERN = { source: ['core.update-account-command'], 'detail-type': ['core.update-account-command'], detail: { command: ['update-account'] } };

describe('EventBridge over JSON 1.1 with @aws-sdk/client-eventbridge', function () {
  this.timeout(60_000);
  const served = serveDuringSuite();
  let client: eb.EventBridgeClient;
  let sqs: SQSClient;

  before(() => {
    client = new eb.EventBridgeClient({ endpoint: served.url, region: REGION, credentials, maxAttempts: 1 });
    sqs = new SQSClient({ endpoint: served.url, region: REGION, credentials, maxAttempts: 1 });
  });
  after(() => {
    client.destroy();
    sqs.destroy();
  });

  async function queue(name: string): Promise<{ url: string; arn: string }> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }
  async function receive(url: string, count: number): Promise<string[]> {
    const bodies: string[] = [];
    for (let i = 0; i < 20 && bodies.length < count; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      bodies.push(...(Messages ?? []).map((m) => m.Body!));
    }
    return bodies;
  }

  describe('event buses', () => {
    it('creates, describes, lists and deletes a custom bus (test_create_list_describe_delete_custom_event_buses)', async () => {
      const created = await client.send(new eb.CreateEventBusCommand({ Name: 'wire-bus', Description: 'test bus' }));
      assert.equal(created.EventBusArn, busArn('wire-bus'));
      assert.equal(created.Description, 'test bus');
      const listed = await client.send(new eb.ListEventBusesCommand({ NamePrefix: 'wire-bus' }));
      assert.equal(listed.EventBuses?.length, 1);
      const [bus] = listed.EventBuses!;
      assert.deepEqual([bus.Name, bus.Arn, bus.Description], ['wire-bus', busArn('wire-bus'), 'test bus']);
      assert.ok(bus.CreationTime instanceof Date && bus.LastModifiedTime instanceof Date);
      assert.ok(Math.abs(bus.CreationTime.getTime() - Date.now()) < 60_000, 'CreationTime is a real time, sent as epoch seconds');
      const described = await client.send(new eb.DescribeEventBusCommand({ Name: 'wire-bus' }));
      assert.deepEqual([described.Name, described.Arn, described.Description, described.Policy], ['wire-bus', busArn('wire-bus'), 'test bus', undefined]);
      const byArn = await client.send(new eb.DescribeEventBusCommand({ Name: busArn('wire-bus') }));
      assert.equal(byArn.Name, 'wire-bus');
      await client.send(new eb.DeleteEventBusCommand({ Name: 'wire-bus' }));
      assert.deepEqual((await client.send(new eb.ListEventBusesCommand({ NamePrefix: 'wire-bus' }))).EventBuses, []);
    });

    it('describes the default bus when no name is given', async () => {
      const bus = await client.send(new eb.DescribeEventBusCommand({}));
      assert.deepEqual([bus.Name, bus.Arn], ['default', busArn('default')]);
    });

    it('refuses a second bus of one name, and unknown or default buses where AWS does (recorded errors)', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-twice' }));
      // test_create_multiple_event_buses_same_name
      await refused(client.send(new eb.CreateEventBusCommand({ Name: 'wire-twice' })), 'ResourceAlreadyExistsException', 'Event bus wire-twice already exists.');
      // test_describe_delete_not_existing_event_bus
      await refused(client.send(new eb.DescribeEventBusCommand({ Name: 'wire-none' })), 'ResourceNotFoundException', 'Event bus wire-none does not exist.');
      await refused(client.send(new eb.DeleteEventBusCommand({ Name: 'wire-none' })), 'ResourceNotFoundException', 'Event bus wire-none does not exist.');
      // test_delete_default_event_bus
      await refused(client.send(new eb.DeleteEventBusCommand({ Name: 'default' })), 'ValidationException', 'Cannot delete event bus default.');
      await refused(
        client.send(new eb.CreateEventBusCommand({ Name: 'Invalid Name With Spaces!' })),
        'ValidationException',
        "1 validation error detected: Value 'Invalid Name With Spaces!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
      );
      await client.send(new eb.DeleteEventBusCommand({ Name: 'wire-twice' }));
    });

    it('pages ListEventBuses with Limit and NextToken (test_list_event_buses_with_limit)', async () => {
      for (let i = 0; i < 6; i++) await client.send(new eb.CreateEventBusCommand({ Name: `wire-page-${i}` }));
      const first = await client.send(new eb.ListEventBusesCommand({ NamePrefix: 'wire-page-', Limit: 3 }));
      assert.deepEqual(first.EventBuses?.map((b) => b.Name), ['wire-page-0', 'wire-page-1', 'wire-page-2']);
      assert.ok(first.NextToken);
      const second = await client.send(new eb.ListEventBusesCommand({ NamePrefix: 'wire-page-', Limit: 3, NextToken: first.NextToken }));
      assert.deepEqual(second.EventBuses?.map((b) => b.Name), ['wire-page-3', 'wire-page-4', 'wire-page-5']);
      assert.equal(second.NextToken, undefined);
      for (let i = 0; i < 6; i++) await client.send(new eb.DeleteEventBusCommand({ Name: `wire-page-${i}` }));
    });
  });

  describe('permissions', () => {
    it('PutPermission adds statements to the bus policy, RemovePermission takes them away (test_put_permission, test_remove_permission)', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-policy' }));
      const arn = busArn('wire-policy');
      await client.send(new eb.PutPermissionCommand({ EventBusName: 'wire-policy', Action: 'events:PutEvents', Principal: ACCOUNT, StatementId: 'sid-1' }));
      await client.send(new eb.PutPermissionCommand({ EventBusName: 'wire-policy', Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'sid-2' }));
      await client.send(new eb.PutPermissionCommand({ EventBusName: 'wire-policy', Action: 'events:PutEvents', Principal: '*', StatementId: 'sid-3' }));
      const statement = (Sid: string, Principal: unknown) => ({ Sid, Effect: 'Allow', Principal, Action: 'events:PutEvents', Resource: arn });
      const described = await client.send(new eb.DescribeEventBusCommand({ Name: 'wire-policy' }));
      assert.deepEqual(JSON.parse(described.Policy!), {
        Version: '2012-10-17',
        Statement: [
          statement('sid-1', { AWS: `arn:aws:iam::${ACCOUNT}:root` }),
          statement('sid-2', { AWS: 'arn:aws:iam::111122223333:root' }),
          statement('sid-3', '*'),
        ],
      });

      await client.send(new eb.RemovePermissionCommand({ EventBusName: 'wire-policy', StatementId: 'sid-1' }));
      const after = JSON.parse((await client.send(new eb.DescribeEventBusCommand({ Name: 'wire-policy' }))).Policy!);
      assert.deepEqual(after.Statement.map((s: { Sid: string }) => s.Sid), ['sid-2', 'sid-3']);
      // test_remove_permission_non_existing_sid
      await refused(
        client.send(new eb.RemovePermissionCommand({ EventBusName: 'wire-policy', StatementId: 'sid-none' })),
        'ResourceNotFoundException',
        'Statement with the provided id does not exist.',
      );
      await client.send(new eb.RemovePermissionCommand({ EventBusName: 'wire-policy', RemoveAllPermissions: true }));
      assert.equal((await client.send(new eb.DescribeEventBusCommand({ Name: 'wire-policy' }))).Policy, undefined);

      const policy = { Version: '2012-10-17', Statement: [{ Sid: 'sid-5', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'events:ListRules', Resource: '*' }] };
      await client.send(new eb.PutPermissionCommand({ EventBusName: 'wire-policy', Policy: JSON.stringify(policy) }));
      assert.deepEqual(JSON.parse((await client.send(new eb.DescribeEventBusCommand({ Name: 'wire-policy' }))).Policy!), policy);
      await client.send(new eb.DeleteEventBusCommand({ Name: 'wire-policy' }));
    });

    it('refuses a permission on a bus that does not exist (test_put_permission_non_existing_event_bus)', async () => {
      await refused(
        client.send(new eb.PutPermissionCommand({ EventBusName: 'wire-nobus', Action: 'events:PutEvents', Principal: ACCOUNT, StatementId: 's' })),
        'ResourceNotFoundException',
        'Event bus wire-nobus does not exist.',
      );
      await refused(
        client.send(new eb.RemovePermissionCommand({ EventBusName: 'wire-nobus', StatementId: 's' })),
        'ResourceNotFoundException',
        'Event bus wire-nobus does not exist.',
      );
    });
  });

  describe('rules', () => {
    it('puts, lists by prefix, describes and deletes a pattern rule on a custom bus (test_put_list_with_prefix_describe_delete_rule)', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-rules' }));
      const put = await client.send(new eb.PutRuleCommand({ Name: 'wire-rule', EventBusName: 'wire-rules', EventPattern: JSON.stringify(PATTERN) }));
      assert.equal(put.RuleArn, ruleArn('wire-rules', 'wire-rule'));
      const listed = await client.send(new eb.ListRulesCommand({ EventBusName: 'wire-rules', NamePrefix: 'wire-' }));
      assert.equal(listed.Rules?.length, 1);
      const [rule] = listed.Rules!;
      assert.deepEqual([rule.Name, rule.Arn, rule.EventBusName, rule.State], ['wire-rule', put.RuleArn, 'wire-rules', 'ENABLED']);
      assert.deepEqual(JSON.parse(rule.EventPattern!), PATTERN);
      const described = await client.send(new eb.DescribeRuleCommand({ Name: 'wire-rule', EventBusName: 'wire-rules' }));
      assert.deepEqual(
        [described.Name, described.Arn, described.EventBusName, described.State, described.CreatedBy],
        ['wire-rule', put.RuleArn, 'wire-rules', 'ENABLED', ACCOUNT],
      );
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-rule', EventBusName: 'wire-rules' }));
      assert.deepEqual((await client.send(new eb.ListRulesCommand({ EventBusName: 'wire-rules' }))).Rules, []);
    });

    it('disables and enables a rule (test_disable_re_enable_rule)', async () => {
      await client.send(new eb.PutRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules', EventPattern: JSON.stringify(PATTERN) }));
      await client.send(new eb.DisableRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules' }));
      assert.equal((await client.send(new eb.DescribeRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules' }))).State, 'DISABLED');
      await client.send(new eb.EnableRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules' }));
      assert.equal((await client.send(new eb.DescribeRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules' }))).State, 'ENABLED');
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-toggle', EventBusName: 'wire-rules' }));
    });

    it('puts scheduled rules on the default bus only, with valid expressions (test_events_schedule)', async () => {
      const put = await client.send(new eb.PutRuleCommand({ Name: 'wire-rate', ScheduleExpression: 'rate(5 minutes)' }));
      assert.equal(put.RuleArn, ruleArn('default', 'wire-rate'));
      const described = await client.send(new eb.DescribeRuleCommand({ Name: 'wire-rate' }));
      assert.deepEqual([described.ScheduleExpression, described.EventBusName, described.EventPattern], ['rate(5 minutes)', 'default', undefined]);
      await client.send(new eb.PutRuleCommand({ Name: 'wire-cron', ScheduleExpression: 'cron(0 12 * * ? *)', State: 'DISABLED' }));
      assert.equal((await client.send(new eb.DescribeRuleCommand({ Name: 'wire-cron' }))).State, 'DISABLED');
      // tests_put_rule_with_schedule_custom_event_bus
      await refused(
        client.send(new eb.PutRuleCommand({ Name: 'wire-rate', EventBusName: 'wire-rules', ScheduleExpression: 'rate(5 minutes)' })),
        'ValidationException',
        'ScheduleExpression is supported only on the default event bus.',
      );
      // tests_put_rule_with_invalid_schedule_cron
      for (const expression of ['cron(INVALID)', 'cron(0 dummy ? * MON-FRI *)', 'cron(7 20 * * NOT *)', 'cron(71 8 1 * ? *)', 'cron(0 1 * * * *)']) {
        await refused(client.send(new eb.PutRuleCommand({ Name: 'wire-bad-cron', ScheduleExpression: expression })), 'ValidationException', 'Parameter ScheduleExpression is not valid.');
      }
      for (const Name of ['wire-rate', 'wire-cron']) await client.send(new eb.DeleteRuleCommand({ Name }));
    });

    it('refuses an unknown rule and an invalid pattern in AWS\'s words (test_describe_nonexistent_rule)', async () => {
      await refused(client.send(new eb.DescribeRuleCommand({ Name: 'wire-none' })), 'ResourceNotFoundException', 'Rule wire-none does not exist on EventBus default.');
      await refused(client.send(new eb.EnableRuleCommand({ Name: 'wire-none', EventBusName: 'wire-rules' })), 'ResourceNotFoundException', 'Rule wire-none does not exist on EventBus wire-rules.');
      await refused(
        client.send(new eb.PutRuleCommand({ Name: 'wire-bad', EventPattern: '{"source": "not-an-array"}' })),
        'InvalidEventPatternException',
        /^Event pattern is not valid\. Reason: /,
      );
      await refused(client.send(new eb.PutRuleCommand({ Name: 'wire-empty' })), 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
      await refused(client.send(new eb.PutRuleCommand({ Name: 'wire-rule', EventBusName: 'wire-nobus', EventPattern: '{"source":["a"]}' })), 'ResourceNotFoundException', 'Event bus wire-nobus does not exist.');
      // Deleting a rule that does not exist succeeds, as in AWS.
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-none' }));
    });

    it('pages ListRules (test_list_rule_with_limit)', async () => {
      for (let i = 0; i < 5; i++) await client.send(new eb.PutRuleCommand({ Name: `wire-limit-${i}`, EventPattern: '{"source":["a"]}' }));
      const first = await client.send(new eb.ListRulesCommand({ NamePrefix: 'wire-limit-', Limit: 3 }));
      assert.deepEqual(first.Rules?.map((r) => r.Name), ['wire-limit-0', 'wire-limit-1', 'wire-limit-2']);
      const second = await client.send(new eb.ListRulesCommand({ NamePrefix: 'wire-limit-', Limit: 3, NextToken: first.NextToken }));
      assert.deepEqual(second.Rules?.map((r) => r.Name), ['wire-limit-3', 'wire-limit-4']);
      assert.equal(second.NextToken, undefined);
      // Limit is 1 to 100 in AWS's model: a page of nothing would have a paginator ask for ever.
      await refused(client.send(new eb.ListRulesCommand({ Limit: 0 })), 'ValidationException',
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
      await refused(client.send(new eb.ListEventBusesCommand({ Limit: 101 })), 'ValidationException',
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
      for (let i = 0; i < 5; i++) await client.send(new eb.DeleteRuleCommand({ Name: `wire-limit-${i}` }));
    });
  });

  describe('targets', () => {
    it('puts, lists and removes a target; a rule with targets cannot be deleted (test_put_list_remove_target, test_delete_rule_with_targets)', async () => {
      const { arn } = await queue('wire-target-q');
      await client.send(new eb.PutRuleCommand({ Name: 'wire-t', EventBusName: 'wire-rules', EventPattern: '{"source":["a"]}' }));
      const put = await client.send(new eb.PutTargetsCommand({ Rule: 'wire-t', EventBusName: 'wire-rules', Targets: [{ Id: 't1', Arn: arn }] }));
      assert.deepEqual([put.FailedEntryCount, put.FailedEntries], [0, []]);
      const listed = await client.send(new eb.ListTargetsByRuleCommand({ Rule: 'wire-t', EventBusName: 'wire-rules' }));
      assert.deepEqual(listed.Targets, [{ Id: 't1', Arn: arn }]);
      await refused(client.send(new eb.DeleteRuleCommand({ Name: 'wire-t', EventBusName: 'wire-rules' })), 'ValidationException', "Rule can't be deleted since it has targets.");
      const removed = await client.send(new eb.RemoveTargetsCommand({ Rule: 'wire-t', EventBusName: 'wire-rules', Ids: ['t1'] }));
      assert.deepEqual([removed.FailedEntryCount, removed.FailedEntries], [0, []]);
      assert.deepEqual((await client.send(new eb.ListTargetsByRuleCommand({ Rule: 'wire-t', EventBusName: 'wire-rules' }))).Targets, []);
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-t', EventBusName: 'wire-rules' }));
    });

    it('allows five targets a rule (test_add_exceed_fife_targets_per_rule) and checks target ids (test_put_target_id_validation)', async () => {
      const { arn } = await queue('wire-five-q');
      await client.send(new eb.PutRuleCommand({ Name: 'wire-five', EventPattern: '{"source":["a"]}' }));
      const targets = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: arn }));
      await refused(
        client.send(new eb.PutTargetsCommand({ Rule: 'wire-five', Targets: targets })),
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      );
      await client.send(new eb.PutTargetsCommand({ Rule: 'wire-five', Targets: targets.slice(0, 5) }));
      await refused(
        client.send(new eb.PutTargetsCommand({ Rule: 'wire-five', Targets: [targets[5]] })),
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      );
      const page = await client.send(new eb.ListTargetsByRuleCommand({ Rule: 'wire-five', Limit: 3 }));
      assert.deepEqual(page.Targets?.map((t) => t.Id), ['t0', 't1', 't2']);
      const rest = await client.send(new eb.ListTargetsByRuleCommand({ Rule: 'wire-five', Limit: 3, NextToken: page.NextToken }));
      assert.deepEqual(rest.Targets?.map((t) => t.Id), ['t3', 't4']);

      await refused(
        client.send(new eb.PutTargetsCommand({ Rule: 'wire-five', Targets: [{ Id: '!@#$@!#$', Arn: arn }] })),
        'ValidationException',
        "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
      );
      const long = 'second-invalid-target-id'.padEnd(65, '-');
      await refused(
        client.send(new eb.PutTargetsCommand({ Rule: 'wire-five', Targets: [{ Id: long, Arn: arn }] })),
        'ValidationException',
        `1 validation error detected: Value '${long}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64`,
      );
      await client.send(new eb.RemoveTargetsCommand({ Rule: 'wire-five', Ids: targets.map((t) => t.Id) }));
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-five' }));
    });

    it('lists the rules that name a target, a page at a time (test_list_rule_names_by_target*)', async () => {
      const { arn } = await queue('wire-names-q');
      for (let i = 0; i < 5; i++) {
        await client.send(new eb.PutRuleCommand({ Name: `wire-names-${i}`, EventBusName: 'wire-rules', EventPattern: '{"source":["a"]}' }));
        await client.send(new eb.PutTargetsCommand({ Rule: `wire-names-${i}`, EventBusName: 'wire-rules', Targets: [{ Id: 'q', Arn: arn }] }));
      }
      const all = await client.send(new eb.ListRuleNamesByTargetCommand({ TargetArn: arn, EventBusName: 'wire-rules' }));
      assert.deepEqual(all.RuleNames, [0, 1, 2, 3, 4].map((i) => `wire-names-${i}`));
      const pages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(new eb.ListRuleNamesByTargetCommand({ TargetArn: arn, EventBusName: 'wire-rules', Limit: 2, NextToken }));
        pages.push(page.RuleNames ?? []);
        NextToken = page.NextToken;
      } while (NextToken);
      assert.deepEqual(pages, [['wire-names-0', 'wire-names-1'], ['wire-names-2', 'wire-names-3'], ['wire-names-4']]);
      // test_list_rule_names_by_target_no_matches
      assert.deepEqual((await client.send(new eb.ListRuleNamesByTargetCommand({ TargetArn: `${arn}-other`, EventBusName: 'wire-rules' }))).RuleNames, []);
      assert.deepEqual((await client.send(new eb.ListRuleNamesByTargetCommand({ TargetArn: arn }))).RuleNames, [], 'the default bus has none');
      for (let i = 0; i < 5; i++) {
        await client.send(new eb.RemoveTargetsCommand({ Rule: `wire-names-${i}`, EventBusName: 'wire-rules', Ids: ['q'] }));
        await client.send(new eb.DeleteRuleCommand({ Name: `wire-names-${i}`, EventBusName: 'wire-rules' }));
      }
    });
  });

  describe('PutEvents', () => {
    it('routes a matching event to an SQS queue with the envelope AWS sends (test_put_events_with_time_field, test_process_*)', async () => {
      const q = await queue('wire-route-q');
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-route' }));
      await client.send(new eb.PutRuleCommand({ Name: 'wire-route-rule', EventBusName: 'wire-route', EventPattern: JSON.stringify(PATTERN) }));
      await client.send(new eb.PutTargetsCommand({ Rule: 'wire-route-rule', EventBusName: 'wire-route', Targets: [{ Id: 'q', Arn: q.arn }] }));
      const time = new Date('2026-11-30T12:34:56.789Z');
      const put = await client.send(
        new eb.PutEventsCommand({
          Entries: [
            { EventBusName: 'wire-route', Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: DETAIL, Time: time, Resources: ['arn:aws:s3:::b'] },
            { EventBusName: 'wire-route', Source: 'other', DetailType: 'core.update-account-command', Detail: DETAIL },
          ],
        }),
      );
      assert.equal(put.FailedEntryCount, 0);
      assert.equal(put.Entries?.length, 2);
      const [first, second] = put.Entries!;
      assert.match(first.EventId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.notEqual(first.EventId, second.EventId);
      const bodies = await receive(q.url, 1);
      assert.equal(bodies.length, 1, 'only the matching event arrives');
      // The envelope as AWS writes it: members in this order, compact JSON, the time in whole seconds.
      const expected = {
        version: '0',
        id: first.EventId,
        'detail-type': 'core.update-account-command',
        source: 'core.update-account-command',
        account: ACCOUNT,
        time: '2026-11-30T12:34:56Z',
        region: REGION,
        resources: ['arn:aws:s3:::b'],
        detail: { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } },
      };
      assert.equal(bodies[0], JSON.stringify(expected));
    });

    it('stamps an event without Time with the time it was put', async () => {
      const q = await queue('wire-now-q');
      await client.send(new eb.PutRuleCommand({ Name: 'wire-now', EventPattern: '{"source":["wire.now"]}' }));
      await client.send(new eb.PutTargetsCommand({ Rule: 'wire-now', Targets: [{ Id: 'q', Arn: q.arn }] }));
      const before = Math.floor(Date.now() / 1000) * 1000;
      const put = await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 'wire.now', DetailType: 'd', Detail: '{"message":"test message"}' }] }));
      const [body] = await receive(q.url, 1);
      const event = JSON.parse(body);
      assert.equal(event.id, put.Entries![0].EventId);
      assert.match(event.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Date.parse(event.time) >= before && Date.parse(event.time) <= Date.now());
      assert.deepEqual(event.resources, []);
      assert.deepEqual(event.detail, { message: 'test message' });
      await client.send(new eb.RemoveTargetsCommand({ Rule: 'wire-now', Ids: ['q'] }));
      await client.send(new eb.DeleteRuleCommand({ Name: 'wire-now' }));
    });

    it('answers per-entry errors in entry order, putting the good entries (test_put_events_without_*, test_put_event_malformed_detail)', async () => {
      const put = await client.send(
        new eb.PutEventsCommand({
          Entries: [
            { DetailType: 'd', Detail: '{}' },
            { Source: 's', Detail: '{}' },
            { Source: 's', DetailType: 'd' },
            { Source: 's', DetailType: 'd', Detail: '{}' },
            { Source: 's', DetailType: 'd', Detail: '"detail"' },
            { Source: 's', DetailType: 'd', Detail: '["a"]' },
            { Source: 's', DetailType: 'd', Detail: '{"a": ' },
            { Source: 's', DetailType: 'd', Detail: JSON.stringify(JSON.stringify({ a: 1 })) },
          ],
        }),
      );
      const required = (name: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.` });
      const malformed = { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      assert.equal(put.FailedEntryCount, 7);
      assert.deepEqual(put.Entries?.[0], required('Source'));
      assert.deepEqual(put.Entries?.[1], required('DetailType'));
      assert.deepEqual(put.Entries?.[2], required('Detail'));
      assert.ok(put.Entries?.[3].EventId);
      assert.deepEqual(put.Entries?.slice(4), [malformed, malformed, malformed, malformed]);
    });

    it('refuses more than ten entries with the recorded message (test_put_events_exceed_limit_ten_entries[custom])', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-eleven' }));
      const entry = { Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: DETAIL, EventBusName: 'wire-eleven' };
      const javaEntry = `PutEventsRequestEntry(time=null, source=core.update-account-command, resources=null, detailType=core.update-account-command, detail=${DETAIL}, eventBusName=wire-eleven, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)`;
      await refused(
        client.send(new eb.PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
        'ValidationException',
        `1 validation error detected: Value '[${Array.from({ length: 11 }, () => javaEntry).join(', ')}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
      );
      const ten = await client.send(new eb.PutEventsCommand({ Entries: Array.from({ length: 10 }, () => entry) }));
      assert.equal(ten.Entries?.length, 10);
      // test_put_event_with_too_big_detail
      await refused(
        client.send(new eb.PutEventsCommand({ Entries: [{ ...entry, Detail: JSON.stringify({ a: 'x'.repeat(256 * 1024) }) }] })),
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
    });

    it('accepts events for a bus that does not exist and delivers nothing (test_put_events_nonexistent_event_bus)', async () => {
      const put = await client.send(new eb.PutEventsCommand({ Entries: [{ EventBusName: 'wire-ghost', Source: 'MySource', DetailType: 'CustomType', Detail: '{"message":"x"}' }] }));
      assert.equal(put.FailedEntryCount, 0);
      assert.ok(put.Entries?.[0].EventId);
    });
  });

  describe('TestEventPattern', () => {
    const event = JSON.stringify({
      id: '1', account: ACCOUNT, source: 'core.update-account-command', time: '2026-01-01T00:00:00Z', region: REGION,
      'detail-type': 'core.update-account-command', resources: [], detail: { command: 'update-account' },
    });

    it('answers whether a pattern matches an event', async () => {
      assert.equal((await client.send(new eb.TestEventPatternCommand({ EventPattern: JSON.stringify(PATTERN), Event: event }))).Result, true);
      assert.equal((await client.send(new eb.TestEventPatternCommand({ EventPattern: '{"detail":{"command":["delete-account"]}}', Event: event }))).Result, false);
      assert.equal((await client.send(new eb.TestEventPatternCommand({ EventPattern: '{"detail":{"command":[{"prefix":"update-"}]}}', Event: event }))).Result, true);
    });

    it('refuses an invalid pattern with InvalidEventPatternException and an invalid event with ValidationException', async () => {
      await refused(
        client.send(new eb.TestEventPatternCommand({ EventPattern: '{"source": "not-an-array"}', Event: event })),
        'InvalidEventPatternException',
        /^Event pattern is not valid\. Reason: /,
      );
      await refused(client.send(new eb.TestEventPatternCommand({ EventPattern: '{"a": ', Event: event })), 'InvalidEventPatternException', /^Event pattern is not valid\. Reason: /);
      await refused(client.send(new eb.TestEventPatternCommand({ EventPattern: JSON.stringify(PATTERN), Event: '{"id": "1"}' })), 'ValidationException', 'Parameter Event is not valid.');
    });
  });

  describe('tags', () => {
    it('tags, lists and untags buses and rules (tests_tag_untag_resource)', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-tags', Tags: [{ Key: 'tag0', Value: 'value0' }] }));
      const bus = busArn('wire-tags');
      assert.deepEqual((await client.send(new eb.ListTagsForResourceCommand({ ResourceARN: bus }))).Tags, [{ Key: 'tag0', Value: 'value0' }]);
      await client.send(new eb.UntagResourceCommand({ ResourceARN: bus, TagKeys: ['tag0'] }));
      const { RuleArn } = await client.send(new eb.PutRuleCommand({ Name: 'wire-tagged', EventBusName: 'wire-tags', EventPattern: '{"source":["a"]}' }));
      for (const ResourceARN of [bus, RuleArn!]) {
        await client.send(new eb.TagResourceCommand({ ResourceARN, Tags: [{ Key: 'tag1', Value: 'value1' }, { Key: 'tag2', Value: 'value2' }] }));
        assert.deepEqual((await client.send(new eb.ListTagsForResourceCommand({ ResourceARN }))).Tags, [{ Key: 'tag1', Value: 'value1' }, { Key: 'tag2', Value: 'value2' }]);
        await client.send(new eb.UntagResourceCommand({ ResourceARN, TagKeys: ['tag2'] }));
        assert.deepEqual((await client.send(new eb.ListTagsForResourceCommand({ ResourceARN }))).Tags, [{ Key: 'tag1', Value: 'value1' }]);
      }
    });

    it('refuses tags on a rule or bus that does not exist (tests_tag_list_untag_not_existing_resource)', async () => {
      const rule = ruleArn('default', 'wire-no-rule');
      const bus = busArn('wire-no-bus');
      for (const [ResourceARN, message] of [[rule, 'Rule wire-no-rule does not exist on EventBus default.'], [bus, 'Event bus wire-no-bus does not exist.']]) {
        await refused(client.send(new eb.TagResourceCommand({ ResourceARN, Tags: [{ Key: 'k', Value: 'v' }] })), 'ResourceNotFoundException', message);
        await refused(client.send(new eb.ListTagsForResourceCommand({ ResourceARN })), 'ResourceNotFoundException', message);
        await refused(client.send(new eb.UntagResourceCommand({ ResourceARN, TagKeys: ['k'] })), 'ResourceNotFoundException', message);
      }
    });
  });

  describe('malformed requests', () => {
    it('answers mistyped members with SerializationException and missing required ones with ValidationException', async () => {
      const typed = await raw(served.url, eventsJson('PutRule', JSON.stringify({ Name: 5, EventPattern: '{"source":["a"]}' })));
      assert.equal(typed.status, 400);
      assert.equal(typed.headers['content-type'], 'application/x-amz-json-1.1');
      // AWS's JSON 1.1 front end capitalises Message in a SerializationException (issue 25).
      assert.deepEqual(JSON.parse(typed.text), {
        __type: 'SerializationException',
        Message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      });
      for (const [action, body] of [
        ['PutTargets', { Rule: 'r', Targets: 'q' }],
        ['PutEvents', { Entries: [{ Time: 'yesterday' }] }],
        ['ListRules', { Limit: 1.5 }],
        ['DeleteRule', { Name: 'r', Force: 'yes' }],
        ['TagResource', { ResourceARN: ['a'], Tags: [] }],
      ] as const) {
        const r = await raw(served.url, eventsJson(action, JSON.stringify(body)));
        assert.equal(r.status, 400, `${action}: ${r.text}`);
        assert.equal(JSON.parse(r.text).__type, 'SerializationException', `${action}: ${r.text}`);
      }

      const missing = await raw(served.url, eventsJson('PutTargets', JSON.stringify({ Targets: [{ Id: 'a' }, null] })));
      assert.equal(missing.status, 400);
      assert.deepEqual(JSON.parse(missing.text), {
        __type: 'ValidationException',
        message:
          "3 validation errors detected: Value null at 'rule' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'targets.1.member.arn' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'targets.2.member' failed to satisfy constraint: Member must not be null",
      });
      const noEntries = await raw(served.url, eventsJson('PutEvents', '{}'));
      assert.equal(JSON.parse(noEntries.text).message, "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
      const unknownOp = await raw(served.url, eventsJson('CreatePartnerEventSource', JSON.stringify({ Name: 'aws.partner/x', Account: ACCOUNT })));
      assert.deepEqual([unknownOp.status, JSON.parse(unknownOp.text).__type], [400, 'UnknownOperationException']);
    });

    it('refuses JSON nested deeper than 1000 levels in details, events, patterns and policies, never failing', async () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const put = await client.send(new eb.PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: deep }] }));
      assert.deepEqual(put.Entries, [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }]);
      const event = `{"id":"1","account":"${ACCOUNT}","source":"s","time":"2026-01-01T00:00:00Z","region":"${REGION}","detail-type":"d","detail":${deep}}`;
      await refused(client.send(new eb.TestEventPatternCommand({ EventPattern: '{"source":["s"]}', Event: event })), 'ValidationException', 'Parameter Event is not valid.');
      const pattern = '{"a":'.repeat(5000) + '["x"]' + '}'.repeat(5000);
      await refused(
        client.send(new eb.TestEventPatternCommand({ EventPattern: pattern, Event: event.replace(deep, '{}') })),
        'InvalidEventPatternException',
        'Event pattern is not valid. Reason: Document nesting depth exceeds the maximum allowed (1000).',
      );
      await refused(client.send(new eb.PutPermissionCommand({ Policy: `{"Statement":${'['.repeat(5000)}${']'.repeat(5000)}}` })), 'ValidationException', 'Parameter Policy is not valid.');
      assert.equal((await client.send(new eb.DescribeEventBusCommand({}))).Policy, undefined);
    });
  });

  describe('admin reset', () => {
    it('POST /_eventyard/reset deletes every custom bus and every rule, and clears the default bus', async () => {
      await client.send(new eb.CreateEventBusCommand({ Name: 'wire-reset' }));
      await client.send(new eb.PutRuleCommand({ Name: 'wire-reset-rule', EventPattern: '{"source":["a"]}' }));
      const { arn } = await queue('wire-reset-q');
      await client.send(new eb.PutTargetsCommand({ Rule: 'wire-reset-rule', Targets: [{ Id: 'q', Arn: arn }] }));
      await client.send(new eb.PutPermissionCommand({ Action: 'events:PutEvents', Principal: '*', StatementId: 'open' }));
      await client.send(new eb.TagResourceCommand({ ResourceARN: busArn('default'), Tags: [{ Key: 'k', Value: 'v' }] }));
      const health = (await (await fetch(`${served.url}/_eventyard/health`)).json()) as { services: string[] };
      assert.ok(health.services.includes('events'));

      assert.equal((await raw(served.url, { method: 'POST', path: '/_eventyard/reset' })).status, 200);
      const buses = (await client.send(new eb.ListEventBusesCommand({}))).EventBuses!;
      assert.deepEqual(buses.map((b) => [b.Name, b.Policy]), [['default', undefined]]);
      assert.deepEqual((await client.send(new eb.ListRulesCommand({}))).Rules, []);
      assert.deepEqual((await client.send(new eb.ListTagsForResourceCommand({ ResourceARN: busArn('default') }))).Tags, []);
    });
  });
});

/** `serve --access-key`: EventBridge requests are checked as AWS checks them, with JSON 1.1's error names. */
describe('EventBridge with strict SigV4 signatures', function () {
  this.timeout(60_000);
  const KEY = { accessKeyId: 'AKIAEVENTYARDEVENTS1', secretAccessKey: 'events-secret' };
  let server: ServeProcess;
  const client = (creds = KEY) => new eb.EventBridgeClient({ endpoint: server.url, region: REGION, credentials: creds, maxAttempts: 1 });

  before(async () => {
    server = await startServe(['--access-key', `${KEY.accessKeyId}:${KEY.secretAccessKey}`]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it('accepts the SDK\'s signature and refuses a wrong secret, an unknown key and no signature', async () => {
    await client().send(new eb.CreateEventBusCommand({ Name: 'signed' }));
    const put = await client().send(new eb.PutEventsCommand({ Entries: [{ EventBusName: 'signed', Source: 's', DetailType: 'd', Detail: '{"é":"ü"}' }] }));
    assert.equal(put.FailedEntryCount, 0);

    const wrong = await sdkFailure(client({ ...KEY, secretAccessKey: 'nope' }).send(new eb.ListEventBusesCommand({})));
    assert.deepEqual([wrong.name, wrong.$metadata.httpStatusCode], ['InvalidSignatureException', 400]);
    assert.match(wrong.message, /^The request signature we calculated does not match the signature you provided/);
    const stranger = await sdkFailure(client({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).send(new eb.CreateEventBusCommand({ Name: 'never' })));
    assert.deepEqual([stranger.name, stranger.$metadata.httpStatusCode, stranger.message], ['UnrecognizedClientException', 400, 'The security token included in the request is invalid.']);
    const unsigned = await raw(server.url, eventsJson('ListEventBuses', '{}'));
    assert.deepEqual([unsigned.status, JSON.parse(unsigned.text).__type], [400, 'MissingAuthenticationTokenException']);

    const names = (await client().send(new eb.ListEventBusesCommand({}))).EventBuses!.map((b) => b.Name);
    assert.deepEqual(names.sort(), ['default', 'signed'], 'the refused CreateEventBus did not run');
  });
});
