import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';

/**
 * Versions and aliases, against AWS's answers recorded in LocalStack's test_sfn_api_versioning and
 * test_sfn_api_aliasing snapshots (cited by test name).
 */
describe('Step Functions versions and aliases', () => {
  const role = 'arn:aws:iam::000000000000:role/sfn';
  const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';
  const pass = (comment: string) => JSON.stringify({ Comment: comment, StartAt: 'S', States: { S: { Type: 'Pass', Result: { comment }, End: true } } });
  let broker: Broker;
  beforeEach(() => {
    broker = new Broker({ clock: new FakeClock() });
  });
  afterEach(() => broker.dispose());
  const sfn = () => broker.stepfunctions.operations;
  const finish = async (executionArn: string) => {
    await broker.stepfunctions.executions.get(executionArn)!.run.done;
    return sfn().DescribeExecution({ executionArn });
  };

  it('publishes on creation and update, numbers versions without reuse, and is idempotent per revision (test_create_with_publish, test_update_state_machine, test_idempotent_publish, test_version_ids_between_deletions)', () => {
    assert.throws(() => sfn().CreateStateMachine({ name: 'orders', definition: pass('R1'), roleArn: role, versionDescription: 'd' }), {
      code: 'ValidationException',
      message: 'Version description can only be set when publish is true',
    });
    const created = sfn().CreateStateMachine({ name: 'orders', definition: pass('R1'), roleArn: role, publish: true, versionDescription: 'first' });
    assert.equal(created.stateMachineVersionArn, `${machineArn}:1`);
    // nothing changed since: the same version
    assert.equal(sfn().PublishStateMachineVersion({ stateMachineArn: machineArn }).stateMachineVersionArn, `${machineArn}:1`);
    const updated = sfn().UpdateStateMachine({ stateMachineArn: machineArn, definition: pass('R2'), publish: true });
    assert.equal(updated.stateMachineVersionArn, `${machineArn}:2`);
    assert.match(updated.revisionId!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(sfn().ListStateMachineVersions({ stateMachineArn: machineArn }).stateMachineVersions.map((v) => v.stateMachineVersionArn), [`${machineArn}:2`, `${machineArn}:1`]);
    // The version describes itself, its definition frozen; the machine goes on.
    const v1 = sfn().DescribeStateMachine({ stateMachineArn: `${machineArn}:1` });
    assert.deepEqual([v1.stateMachineArn, v1.definition, v1.description], [`${machineArn}:1`, pass('R1'), 'first']);
    assert.equal(sfn().DescribeStateMachine({ stateMachineArn: machineArn }).definition, pass('R2'));
    // a stale revision does not publish (test_publish_state_machine_version conflict_exception)
    const stale = updated.revisionId!;
    const third = sfn().UpdateStateMachine({ stateMachineArn: machineArn, definition: pass('R3') }).revisionId!;
    assert.throws(() => sfn().PublishStateMachineVersion({ stateMachineArn: machineArn, revisionId: stale }), {
      code: 'ConflictException',
      status: 409,
      message: `Failed to publish the State Machine version for revision ${stale}. The current State Machine revision is ${third}.`,
    });
    assert.deepEqual(sfn().DeleteStateMachineVersion({ stateMachineVersionArn: `${machineArn}:2` }), {});
    assert.deepEqual(sfn().DeleteStateMachineVersion({ stateMachineVersionArn: `${machineArn}:2` }), {});
    assert.equal(sfn().PublishStateMachineVersion({ stateMachineArn: machineArn, revisionId: third, description: 'v3' }).stateMachineVersionArn, `${machineArn}:3`);
    assert.throws(() => sfn().DescribeStateMachine({ stateMachineArn: `${machineArn}:2` }), { code: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${machineArn}:2'` });
    // versions cannot be tagged (test_tag_state_machine_version)
    assert.throws(() => sfn().TagResource({ resourceArn: `${machineArn}:1`, tags: [{ key: 'k', value: 'v' }] }), { code: 'ResourceNotFound', message: `Resource not found: '${machineArn}:1'` });
  });

  it('starts executions of a version, which record it and list under it (test_start_version_execution, test_list_executions_versions_pagination)', async () => {
    sfn().CreateStateMachine({ name: 'orders', definition: pass('R1'), roleArn: role, publish: true });
    sfn().UpdateStateMachine({ stateMachineArn: machineArn, definition: pass('R2') });
    const latest = await finish(sfn().StartExecution({ stateMachineArn: machineArn, name: 'latest' }).executionArn);
    const onV1 = await finish(sfn().StartExecution({ stateMachineArn: `${machineArn}:1`, name: 'on-v1' }).executionArn);
    assert.equal(latest.output, '{"comment":"R2"}');
    assert.equal(onV1.output, '{"comment":"R1"}');
    assert.equal(onV1.executionArn, 'arn:aws:states:us-east-1:000000000000:execution:orders:on-v1');
    assert.deepEqual([onV1.stateMachineArn, onV1.stateMachineVersionArn, onV1.stateMachineAliasArn], [machineArn, `${machineArn}:1`, undefined]);
    assert.equal(latest.stateMachineVersionArn, undefined);
    assert.deepEqual(sfn().ListExecutions({ stateMachineArn: `${machineArn}:1` }).executions.map((e) => e.name), ['on-v1']);
    assert.deepEqual(sfn().ListExecutions({ stateMachineArn: machineArn }).executions.map((e) => e.name).sort(), ['latest', 'on-v1']);
    assert.equal(sfn().DescribeStateMachineForExecution({ executionArn: onV1.executionArn }).definition, pass('R1'));
  });

  it('creates, routes through, updates and deletes aliases (test_base_lifecycle_*, test_delete_version_with_alias)', async () => {
    sfn().CreateStateMachine({ name: 'orders', definition: pass('R1'), roleArn: role, publish: true });
    sfn().UpdateStateMachine({ stateMachineArn: machineArn, definition: pass('R2'), publish: true });
    const routing = [{ stateMachineVersionArn: `${machineArn}:1`, weight: 100 }];
    const { stateMachineAliasArn } = sfn().CreateStateMachineAlias({ name: 'live', routingConfiguration: routing, description: 'd' });
    assert.equal(stateMachineAliasArn, `${machineArn}:live`);
    // the same again is the same alias; a different one is a conflict (test_idempotent_create_alias, test_error_create_alias_not_idempotent)
    assert.equal(sfn().CreateStateMachineAlias({ name: 'live', routingConfiguration: routing, description: 'd' }).stateMachineAliasArn, stateMachineAliasArn);
    assert.throws(() => sfn().CreateStateMachineAlias({ name: 'live', routingConfiguration: routing, description: 'other' }), {
      code: 'ConflictException',
      message: 'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
    });
    const through = await finish(sfn().StartExecution({ stateMachineArn: stateMachineAliasArn, name: 'through-alias' }).executionArn);
    assert.deepEqual([through.output, through.stateMachineAliasArn, through.stateMachineVersionArn], ['{"comment":"R1"}', stateMachineAliasArn, `${machineArn}:1`]);
    assert.deepEqual(sfn().ListExecutions({ stateMachineArn: stateMachineAliasArn }).executions.map((e) => e.name), ['through-alias']);
    assert.throws(() => sfn().DeleteStateMachineVersion({ stateMachineVersionArn: `${machineArn}:1` }), {
      code: 'ConflictException',
      message: 'Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]',
    });
    // 50/50: over many starts, both versions run
    sfn().UpdateStateMachineAlias({ stateMachineAliasArn, routingConfiguration: [{ stateMachineVersionArn: `${machineArn}:1`, weight: 50 }, { stateMachineVersionArn: `${machineArn}:2`, weight: 50 }] });
    const described = sfn().DescribeStateMachineAlias({ stateMachineAliasArn });
    assert.deepEqual([described.name, described.description, described.routingConfiguration.length], ['live', 'd', 2]);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(sfn().DescribeExecution({ executionArn: sfn().StartExecution({ stateMachineArn: stateMachineAliasArn }).executionArn }).stateMachineVersionArn!);
    assert.deepEqual([...seen].sort(), [`${machineArn}:1`, `${machineArn}:2`]);
    assert.deepEqual(sfn().ListStateMachineAliases({ stateMachineArn: machineArn }).stateMachineAliases.map((a) => a.stateMachineAliasArn), [stateMachineAliasArn]);
    assert.deepEqual(sfn().DeleteStateMachineAlias({ stateMachineAliasArn }), {});
    assert.deepEqual(sfn().ListStateMachineAliases({ stateMachineArn: machineArn }).stateMachineAliases, []);
    // test_update_no_such_alias_arn
    assert.throws(() => sfn().UpdateStateMachineAlias({ stateMachineAliasArn, description: 'x' }), { code: 'ResourceNotFound', message: 'Request references a resource that does not exist.' });
    await broker.stepfunctions.settled();
  });

  it('refuses invalid alias names and routing configurations in AWS\'s words (test_error_create_alias_invalid_name, test_error_create_alias_invalid_router_configs)', () => {
    sfn().CreateStateMachine({ name: 'orders', definition: pass('R1'), roleArn: role, publish: true });
    const v = (n: number) => `${machineArn}:${n}`;
    const ok = [{ stateMachineVersionArn: v(1), weight: 100 }];
    const create = (name: string, routingConfiguration = ok) => () => sfn().CreateStateMachineAlias({ name, routingConfiguration });
    assert.throws(create('123'), { code: 'ValidationException', message: "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\\\-\\\\.])[a-zA-Z0-9_\\\\-\\\\.]+$" });
    assert.throws(create('A'.repeat(81)), { message: `1 validation error detected: Value '${'A'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80` });
    assert.throws(create('a', [{ stateMachineVersionArn: machineArn, weight: 100 }]), { message: `Routing configuration must contain state machine version ARNs. Received: [${machineArn}]` });
    assert.throws(create('a', [{ stateMachineVersionArn: v(1), weight: 50 }, { stateMachineVersionArn: v(1), weight: 50 }]), { message: `Routing configuration must contain distinct state machine version ARNs. Received: [${v(1)}, ${v(1)}]` });
    assert.throws(create('a', [{ stateMachineVersionArn: v(1), weight: 70 }, { stateMachineVersionArn: v(2), weight: 29 }]), { message: 'Sum of routing configuration weights must equal 100. Received: [70, 29]' });
    assert.throws(create('a', [{ stateMachineVersionArn: v(1), weight: 101 }]), { message: "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100" });
    assert.throws(create('a', [1, 2, 3].map((n) => ({ stateMachineVersionArn: v(n), weight: [50, 30, 20][n - 1] }))), {
      message: `1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn=${v(1)}, weight=50), RoutingConfigurationListItem(stateMachineVersionArn=${v(2)}, weight=30), RoutingConfigurationListItem(stateMachineVersionArn=${v(3)}, weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`,
    });
  });
});
