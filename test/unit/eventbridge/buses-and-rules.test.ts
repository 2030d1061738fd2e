import assert from 'node:assert/strict';
import { newBroker, thrown } from './helpers';

describe('EventBridge buses', () => {
  it('creates, describes, lists and deletes a custom bus (test_create_list_describe_delete_custom_event_buses)', () => {
    const { ops } = newBroker();
    assert.deepEqual(ops.CreateEventBus({ Name: 'my-bus', Description: 'test bus' }), {
      EventBusArn: 'arn:aws:events:us-east-1:111111111111:event-bus/my-bus',
      Description: 'test bus',
    });
    const listed = ops.ListEventBuses({ NamePrefix: 'my-bus' }).EventBuses;
    assert.deepEqual(listed.map((b) => [b.Name, b.Arn, b.Description]), [['my-bus', 'arn:aws:events:us-east-1:111111111111:event-bus/my-bus', 'test bus']]);
    assert.ok(listed[0].CreationTime instanceof Date && listed[0].LastModifiedTime instanceof Date);
    assert.equal(ops.DescribeEventBus({ Name: 'my-bus' }).Description, 'test bus');
    ops.DeleteEventBus({ Name: 'my-bus' });
    assert.deepEqual(ops.ListEventBuses({ NamePrefix: 'my-bus' }).EventBuses, []);
  });

  it('answers with the recorded errors', () => {
    const { ops } = newBroker();
    ops.CreateEventBus({ Name: 'b' });
    assert.deepEqual(thrown(() => ops.CreateEventBus({ Name: 'b' })), { code: 'ResourceAlreadyExistsException', message: 'Event bus b already exists.', status: 400 });
    assert.deepEqual(thrown(() => ops.DescribeEventBus({ Name: 'nope' })), { code: 'ResourceNotFoundException', message: 'Event bus nope does not exist.', status: 400 });
    assert.deepEqual(thrown(() => ops.DeleteEventBus({ Name: 'nope' })), { code: 'ResourceNotFoundException', message: 'Event bus nope does not exist.', status: 400 });
    assert.deepEqual(thrown(() => ops.DeleteEventBus({ Name: 'default' })), { code: 'ValidationException', message: 'Cannot delete event bus default.', status: 400 });
  });

  it('lists with a prefix and pages with a limit', () => {
    const { ops } = newBroker();
    for (const n of ['a-1', 'a-2', 'a-3']) ops.CreateEventBus({ Name: n });
    const first = ops.ListEventBuses({ NamePrefix: 'a-', Limit: 2 });
    assert.deepEqual(first.EventBuses.map((b) => b.Name), ['a-1', 'a-2']);
    const second = ops.ListEventBuses({ NamePrefix: 'a-', Limit: 2, NextToken: first.NextToken });
    assert.deepEqual(second.EventBuses.map((b) => b.Name), ['a-3']);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual(ops.ListEventBuses({}).EventBuses.map((b) => b.Name), ['a-1', 'a-2', 'a-3', 'default']);
  });

  it('updates the description', () => {
    const { ops } = newBroker();
    ops.CreateEventBus({ Name: 'b' });
    assert.deepEqual(ops.UpdateEventBus({ Name: 'b', Description: 'new' }), { Arn: 'arn:aws:events:us-east-1:111111111111:event-bus/b', Name: 'b', Description: 'new' });
    assert.equal(ops.DescribeEventBus({ Name: 'b' }).Description, 'new');
  });

  it('keeps a resource policy with PutPermission and RemovePermission (test_put_permission, test_remove_permission)', () => {
    const { ops } = newBroker();
    ops.CreateEventBus({ Name: 'b' });
    ops.PutPermission({ EventBusName: 'b', Action: 'events:PutEvents', Principal: '111111111111', StatementId: 's1' });
    ops.PutPermission({ EventBusName: 'b', Action: 'events:PutEvents', Principal: '*', StatementId: 's2' });
    const policy = JSON.parse(ops.DescribeEventBus({ Name: 'b' }).Policy!);
    assert.deepEqual(policy, {
      Version: '2012-10-17',
      Statement: [
        { Sid: 's1', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:111111111111:event-bus/b' },
        { Sid: 's2', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:111111111111:event-bus/b' },
      ],
    });
    ops.RemovePermission({ EventBusName: 'b', StatementId: 's1' });
    assert.equal(JSON.parse(ops.DescribeEventBus({ Name: 'b' }).Policy!).Statement.length, 1);
    assert.deepEqual(thrown(() => ops.RemovePermission({ EventBusName: 'b', StatementId: 'nope' })), {
      code: 'ResourceNotFoundException',
      message: 'Statement with the provided id does not exist.',
      status: 400,
    });
    ops.RemovePermission({ EventBusName: 'b', RemoveAllPermissions: true });
    assert.equal(ops.DescribeEventBus({ Name: 'b' }).Policy, undefined);
  });

  it('tags buses and rules (tests_tag_untag_resource) and says when they do not exist', () => {
    const { ops } = newBroker();
    const { EventBusArn } = ops.CreateEventBus({ Name: 'b', Tags: [{ Key: 'k0', Value: 'v0' }] });
    ops.TagResource({ ResourceARN: EventBusArn, Tags: [{ Key: 'k1', Value: 'v1' }] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceARN: EventBusArn }).Tags, [{ Key: 'k0', Value: 'v0' }, { Key: 'k1', Value: 'v1' }]);
    ops.UntagResource({ ResourceARN: EventBusArn, TagKeys: ['k0', 'absent'] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceARN: EventBusArn }).Tags, [{ Key: 'k1', Value: 'v1' }]);
    const { RuleArn } = ops.PutRule({ Name: 'r', EventBusName: 'b', EventPattern: '{"source":["x"]}', Tags: [{ Key: 'a', Value: 'b' }] });
    assert.deepEqual(ops.ListTagsForResource({ ResourceARN: RuleArn }).Tags, [{ Key: 'a', Value: 'b' }]);
    assert.equal(thrown(() => ops.ListTagsForResource({ ResourceARN: 'arn:aws:events:us-east-1:111111111111:rule/b/nope' })).message, 'Rule nope does not exist on EventBus b.');
    assert.equal(thrown(() => ops.TagResource({ ResourceARN: 'arn:aws:events:us-east-1:111111111111:event-bus/nope', Tags: [] })).message, 'Event bus nope does not exist.');
  });
});

describe('EventBridge rules', () => {
  const pattern = JSON.stringify({ source: ['core.update-account-command'], 'detail-type': ['core.update-account-command'], detail: { command: ['update-account'] } });

  it('puts, lists with a prefix, describes and deletes (test_put_list_with_prefix_describe_delete_rule)', () => {
    const { ops } = newBroker();
    ops.CreateEventBus({ Name: 'bus' });
    assert.deepEqual(ops.PutRule({ Name: 'rule-1', EventBusName: 'bus', EventPattern: pattern }), { RuleArn: 'arn:aws:events:us-east-1:111111111111:rule/bus/rule-1' });
    assert.deepEqual(ops.ListRules({ NamePrefix: 'rule', EventBusName: 'bus' }), {
      Rules: [{ Arn: 'arn:aws:events:us-east-1:111111111111:rule/bus/rule-1', EventBusName: 'bus', EventPattern: pattern, Name: 'rule-1', State: 'ENABLED' }],
    });
    assert.deepEqual(ops.DescribeRule({ Name: 'rule-1', EventBusName: 'bus' }), {
      Arn: 'arn:aws:events:us-east-1:111111111111:rule/bus/rule-1',
      CreatedBy: '111111111111',
      EventBusName: 'bus',
      EventPattern: pattern,
      Name: 'rule-1',
      State: 'ENABLED',
    });
    ops.DeleteRule({ Name: 'rule-1', EventBusName: 'bus' });
    assert.deepEqual(ops.ListRules({ NamePrefix: 'rule', EventBusName: 'bus' }).Rules, []);
    assert.equal(ops.PutRule({ Name: 'r', EventPattern: pattern }).RuleArn, 'arn:aws:events:us-east-1:111111111111:rule/r');
  });

  it('disables and enables (test_disable_re_enable_rule)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: pattern });
    ops.DisableRule({ Name: 'r' });
    assert.equal(ops.DescribeRule({ Name: 'r' }).State, 'DISABLED');
    ops.EnableRule({ Name: 'r' });
    assert.equal(ops.DescribeRule({ Name: 'r' }).State, 'ENABLED');
  });

  it('answers with the recorded errors', () => {
    const { ops } = newBroker();
    assert.deepEqual(thrown(() => ops.DescribeRule({ Name: 'nope' })), { code: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus default.', status: 400 });
    ops.PutRule({ Name: 'r', EventPattern: pattern });
    ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] });
    assert.deepEqual(thrown(() => ops.DeleteRule({ Name: 'r' })), { code: 'ValidationException', message: "Rule can't be deleted since it has targets.", status: 400 });
    assert.equal(thrown(() => ops.PutRule({ Name: 'r', EventPattern: '{"source": "x"}' })).code, 'InvalidEventPatternException');
    ops.CreateEventBus({ Name: 'custom' });
    assert.deepEqual(thrown(() => ops.PutRule({ Name: 's', EventBusName: 'custom', ScheduleExpression: 'rate(1 minute)' })), {
      code: 'ValidationException',
      message: 'ScheduleExpression is supported only on the default event bus.',
      status: 400,
    });
  });

  it('keeps targets when a rule is put again (test_update_rule_with_targets)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: pattern });
    ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] });
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["other"]}' });
    assert.deepEqual(ops.ListTargetsByRule({ Rule: 'r' }).Targets, [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }]);
  });

  it('lists rule names by target, paged (test_list_rule_names_by_target_with_limit)', () => {
    const { ops } = newBroker();
    const arn = 'arn:aws:sqs:us-east-1:111111111111:q';
    for (let i = 0; i < 5; i++) {
      ops.PutRule({ Name: `rule-${i}`, EventPattern: pattern });
      ops.PutTargets({ Rule: `rule-${i}`, Targets: [{ Id: 't', Arn: arn }] });
    }
    const first = ops.ListRuleNamesByTarget({ TargetArn: arn, Limit: 2 });
    assert.deepEqual(first.RuleNames, ['rule-0', 'rule-1']);
    const second = ops.ListRuleNamesByTarget({ TargetArn: arn, Limit: 2, NextToken: first.NextToken });
    const third = ops.ListRuleNamesByTarget({ TargetArn: arn, Limit: 2, NextToken: second.NextToken });
    assert.deepEqual([second.RuleNames, third.RuleNames, third.NextToken], [['rule-2', 'rule-3'], ['rule-4'], undefined]);
    assert.deepEqual(ops.ListRuleNamesByTarget({ TargetArn: 'arn:aws:sqs:us-east-1:111111111111:other' }).RuleNames, []);
  });

  it('protects managed rules unless forced', () => {
    const { broker, ops } = newBroker();
    ops.PutRule({ Name: 'managed', EventPattern: pattern });
    broker.eventbridge.state.bus(undefined).rules.get('managed')!.managedBy = 'aws.example';
    assert.equal(thrown(() => ops.DisableRule({ Name: 'managed' })).code, 'ManagedRuleException');
    assert.equal(thrown(() => ops.DeleteRule({ Name: 'managed' })).code, 'ManagedRuleException');
    ops.DeleteRule({ Name: 'managed', Force: true });
  });
});

describe('EventBridge targets', () => {
  it('puts, lists and removes (test_put_list_remove_target)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
    assert.deepEqual(ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] }), { FailedEntryCount: 0, FailedEntries: [] });
    assert.deepEqual(ops.ListTargetsByRule({ Rule: 'r' }).Targets, [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }]);
    assert.deepEqual(ops.RemoveTargets({ Rule: 'r', Ids: ['t1'] }), { FailedEntryCount: 0, FailedEntries: [] });
    assert.deepEqual(ops.ListTargetsByRule({ Rule: 'r' }).Targets, []);
  });

  it('refuses a sixth target (test_add_exceed_fife_targets_per_rule) and bad ids (test_put_target_id_validation)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
    const targets = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: `arn:aws:sqs:us-east-1:111111111111:q${i}` }));
    assert.deepEqual(thrown(() => ops.PutTargets({ Rule: 'r', Targets: targets })), {
      code: 'LimitExceededException',
      message: 'The requested resource exceeds the maximum number allowed.',
      status: 400,
    });
    assert.equal(
      thrown(() => ops.PutTargets({ Rule: 'r', Targets: [{ Id: '!@#$@!#$', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] })).message,
      "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    const long = 'second-invalid-target-id'.padEnd(65, 'x');
    assert.equal(
      thrown(() => ops.PutTargets({ Rule: 'r', Targets: [{ Id: long, Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] })).message,
      `1 validation error detected: Value '${long}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('keeps one target per id (test_put_multiple_targets_with_same_id_single_rule)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
    ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:a' }] });
    ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:b' }] });
    assert.deepEqual(ops.ListTargetsByRule({ Rule: 'r' }).Targets, [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:b' }]);
  });

  it('checks inputs with the recorded words (test_put_event_input_path_and_input_transformer, ..._missing_keys)', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
    const arn = 'arn:aws:sqs:us-east-1:111111111111:q';
    assert.deepEqual(thrown(() => ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'tid', Arn: arn, InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } }] })), {
      code: 'ValidationException',
      message: 'Only one of Input, InputPath, or InputTransformer must be provided for target tid.',
      status: 400,
    });
    assert.deepEqual(
      thrown(() => ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'tid', Arn: arn, InputTransformer: { InputPathsMap: { a: '$.detail' }, InputTemplate: '{"x": <notdefinedkey>}' } }] })),
      { code: 'ValidationException', message: 'InputTemplate for target tid contains invalid placeholder notdefinedkey.', status: 400 },
    );
  });
});
