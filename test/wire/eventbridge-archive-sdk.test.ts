import assert from 'node:assert/strict';
import * as eb from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { credentials, refused } from './support/clients';
import { serveDuringSuite } from './support/serve';

/**
 * EventBridge archives and replays over JSON 1.1 with @aws-sdk/client-eventbridge, against
 * test/fixtures/aws-reference/events/test_archive_and_replay.snapshot.json (cited by test name; the
 * broker's account is 000000000000).
 */
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
const archiveArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:archive/${name}`;
const PATTERN = { source: ['core.update-account-command'], 'detail-type': ['core.update-account-command'], detail: { command: ['update-account'] } };
const ENTRY = { Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: '{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}' };

describe('EventBridge archives and replays with @aws-sdk/client-eventbridge', function () {
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

  async function receive(url: string, count: number): Promise<string[]> {
    const bodies: string[] = [];
    for (let i = 0; i < 20 && bodies.length < count; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      bodies.push(...(Messages ?? []).map((m) => m.Body!));
    }
    return bodies;
  }
  async function replayState(name: string, state: string): Promise<eb.DescribeReplayCommandOutput> {
    for (let i = 0; i < 100; i++) {
      const described = await client.send(new eb.DescribeReplayCommand({ ReplayName: name }));
      if (described.State === state) return described;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`replay ${name} never reached ${state}`);
  }

  for (const bus of ['default', 'sdk-archive-bus']) {
    it(`creates, lists, describes, updates and deletes an archive on the ${bus} bus (test_create_list_describe_update_delete_archive)`, async () => {
      if (bus !== 'default') await client.send(new eb.CreateEventBusCommand({ Name: bus }));
      const name = `sdk-archive-${bus}`;
      const created = await client.send(
        new eb.CreateArchiveCommand({ ArchiveName: name, EventSourceArn: busArn(bus), Description: 'description of the archive', EventPattern: JSON.stringify(PATTERN), RetentionDays: 1 }),
      );
      assert.deepEqual([created.ArchiveArn, created.State], [archiveArn(name), 'ENABLED']);
      assert.ok(created.CreationTime instanceof Date && Math.abs(created.CreationTime.getTime() - Date.now()) < 60_000);
      const listed = await client.send(new eb.ListArchivesCommand({ NamePrefix: name }));
      assert.deepEqual(listed.Archives, [
        { ArchiveName: name, EventSourceArn: busArn(bus), State: 'ENABLED', RetentionDays: 1, SizeBytes: 0, EventCount: 0, CreationTime: created.CreationTime },
      ]);
      const { $metadata: _m, ...described } = await client.send(new eb.DescribeArchiveCommand({ ArchiveName: name }));
      assert.deepEqual(described, {
        ArchiveArn: archiveArn(name), ArchiveName: name, CreationTime: created.CreationTime, Description: 'description of the archive', EventCount: 0,
        EventPattern: JSON.stringify(PATTERN), EventSourceArn: busArn(bus), RetentionDays: 1, SizeBytes: 0, State: 'ENABLED',
      });
      // The managed rule that feeds the archive, as AWS lists it.
      const rules = await client.send(new eb.ListRulesCommand({ EventBusName: bus, NamePrefix: 'Events-Archive-' }));
      assert.deepEqual(
        rules.Rules?.map((r) => [r.Name, r.ManagedBy, JSON.parse(r.EventPattern!)]),
        [[`Events-Archive-${name}`, 'prod.vhs.events.aws.internal', { ...PATTERN, 'replay-name': [{ exists: false }] }]],
      );
      await refused(
        client.send(new eb.DeleteRuleCommand({ Name: `Events-Archive-${name}`, EventBusName: bus })),
        'ManagedRuleException',
        `Rule Events-Archive-${name} is managed by an AWS service can only be modified if force is true.`,
      );
      const updated = await client.send(new eb.UpdateArchiveCommand({ ArchiveName: name, Description: 'updated description of the archive', EventPattern: '{"source":["core.update-account-command"]}', RetentionDays: 2 }));
      assert.deepEqual([updated.ArchiveArn, updated.State, updated.CreationTime], [archiveArn(name), 'ENABLED', created.CreationTime]);
      await client.send(new eb.DeleteArchiveCommand({ ArchiveName: name }));
      assert.deepEqual((await client.send(new eb.ListArchivesCommand({ NamePrefix: name }))).Archives, []);
      assert.deepEqual((await client.send(new eb.ListRulesCommand({ EventBusName: bus, NamePrefix: 'Events-Archive-' }))).Rules, []);
    });
  }

  it('archives the events the pattern matches (test_list_archive_with_events), and filters ListArchives by source and state', async () => {
    await client.send(new eb.CreateEventBusCommand({ Name: 'sdk-counted' }));
    await client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-counted', EventSourceArn: busArn('sdk-counted'), EventPattern: JSON.stringify(PATTERN), RetentionDays: 1 }));
    const put = await client.send(new eb.PutEventsCommand({ Entries: Array.from({ length: 10 }, () => ({ ...ENTRY, EventBusName: 'sdk-counted' })) }));
    assert.equal(put.FailedEntryCount, 0);
    await client.send(new eb.PutEventsCommand({ Entries: [{ EventBusName: 'sdk-counted', Source: 'other', DetailType: 'x', Detail: '{}' }] }));
    const described = await client.send(new eb.DescribeArchiveCommand({ ArchiveName: 'sdk-counted' }));
    assert.equal(described.EventCount, 10);
    assert.ok(described.SizeBytes! > 1000 && described.SizeBytes! < 2000, `SizeBytes ${described.SizeBytes} near AWS's 1590`);
    assert.deepEqual((await client.send(new eb.ListArchivesCommand({ EventSourceArn: busArn('sdk-counted') }))).Archives?.map((a) => a.ArchiveName), ['sdk-counted']);
    assert.ok((await client.send(new eb.ListArchivesCommand({ State: 'ENABLED' }))).Archives?.some((a) => a.ArchiveName === 'sdk-counted'));
  });

  it('refuses archive requests with the recorded errors', async () => {
    await client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-twice', EventSourceArn: busArn('default') }));
    // test_create_archive_error_duplicate, test_create_archive_error_unknown_event_bus
    await refused(client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-twice', EventSourceArn: busArn('default') })), 'ResourceAlreadyExistsException', 'Archive sdk-twice already exists.');
    await refused(
      client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-x', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/doesnotexist' })),
      'ResourceNotFoundException',
      'Event bus doesnotexist does not exist.',
    );
    // test_describe_archive_error_unknown_archive, test_delete_archive_error_unknown_archive
    await refused(client.send(new eb.DescribeArchiveCommand({ ArchiveName: 'doesnotexist' })), 'ResourceNotFoundException', 'Archive doesnotexist does not exist.');
    await refused(client.send(new eb.DeleteArchiveCommand({ ArchiveName: 'doesnotexist' })), 'ResourceNotFoundException', 'Archive doesnotexist does not exist.');
    // test_list_archive_error_unknown_source_arn, test_update_archive_error_unknown_archive
    await refused(client.send(new eb.ListArchivesCommand({ EventSourceArn: busArn('doesnotexist') })), 'ResourceNotFoundException', 'Event bus doesnotexist does not exist.');
    await refused(client.send(new eb.UpdateArchiveCommand({ ArchiveName: 'doesnotexist' })), 'ValidationException', 'At least one of EventPattern, RetentionDays or Description must be provided.');
  });

  it('replays to the rules of FilterArns with replay-name, then COMPLETED; a cancelled replay is CANCELLING (test_start_list_describe_canceled_replay)', async () => {
    await client.send(new eb.CreateEventBusCommand({ Name: 'sdk-replay' }));
    const { RuleArn } = await client.send(new eb.PutRuleCommand({ Name: 'sdk-replay-rule', EventBusName: 'sdk-replay', EventPattern: JSON.stringify(PATTERN) }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-replay-q' }));
    await client.send(new eb.PutTargetsCommand({ Rule: 'sdk-replay-rule', EventBusName: 'sdk-replay', Targets: [{ Id: 'q', Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:sdk-replay-q` }] }));
    const start = new Date();
    const end = new Date(start.getTime() + 60_000);
    const { ArchiveArn } = await client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-replay', EventSourceArn: busArn('sdk-replay'), EventPattern: JSON.stringify(PATTERN) }));
    await client.send(new eb.PutEventsCommand({ Entries: Array.from({ length: 3 }, () => ({ ...ENTRY, EventBusName: 'sdk-replay' })) }));
    const first = await receive(QueueUrl!, 3);
    assert.equal(first.length, 3);

    const started = await client.send(
      new eb.StartReplayCommand({ ReplayName: 'sdk-replay-1', Description: 'description of the replay', EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('sdk-replay'), FilterArns: [RuleArn!] } }),
    );
    assert.deepEqual([started.ReplayArn, started.State], [`arn:aws:events:${REGION}:${ACCOUNT}:replay/sdk-replay-1`, 'STARTING']);
    const { $metadata: _m, ...done } = await replayState('sdk-replay-1', 'COMPLETED');
    const replayed = (await receive(QueueUrl!, 3)).map((b) => JSON.parse(b) as Record<string, unknown>);
    assert.equal(replayed.length, 3);
    for (const body of replayed) {
      assert.deepEqual(Object.keys(body), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'replay-name', 'resources', 'detail']);
      assert.equal(body['replay-name'], 'sdk-replay-1');
    }
    assert.deepEqual(
      { ...done, EventLastReplayedTime: 'datetime', ReplayStartTime: 'datetime', ReplayEndTime: 'datetime' },
      {
        Description: 'description of the replay', Destination: { Arn: busArn('sdk-replay'), FilterArns: [RuleArn] }, EventEndTime: new Date(end.getTime()), EventLastReplayedTime: 'datetime',
        EventSourceArn: ArchiveArn, EventStartTime: new Date(start.getTime()), ReplayArn: started.ReplayArn, ReplayEndTime: 'datetime', ReplayName: 'sdk-replay-1', ReplayStartTime: 'datetime', State: 'COMPLETED',
      },
    );
    assert.equal((await client.send(new eb.DescribeArchiveCommand({ ArchiveName: 'sdk-replay' }))).EventCount, 3, 'replayed events are not archived again');
    const listed = await client.send(new eb.ListReplaysCommand({ NamePrefix: 'sdk-replay-1' }));
    assert.deepEqual(listed.Replays?.map((r) => [r.ReplayName, r.State, r.EventSourceArn]), [['sdk-replay-1', 'COMPLETED', ArchiveArn]]);

    await client.send(new eb.StartReplayCommand({ ReplayName: 'sdk-replay-cancelled', EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('sdk-replay') } }));
    const cancel = await client.send(new eb.CancelReplayCommand({ ReplayName: 'sdk-replay-cancelled' }));
    assert.deepEqual([cancel.ReplayArn, cancel.State], [`arn:aws:events:${REGION}:${ACCOUNT}:replay/sdk-replay-cancelled`, 'CANCELLING']);
    const cancelling = await client.send(new eb.DescribeReplayCommand({ ReplayName: 'sdk-replay-cancelled' }));
    assert.deepEqual([cancelling.State, cancelling.ReplayEndTime, cancelling.EventLastReplayedTime], ['CANCELLING', undefined, undefined]);
    await replayState('sdk-replay-cancelled', 'CANCELLED');
    const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    assert.equal(after.Messages, undefined, 'a cancelled replay sent nothing');
  });

  it('refuses replay requests with the recorded errors', async () => {
    await client.send(new eb.CreateEventBusCommand({ Name: 'sdk-replay-errors' }));
    const { ArchiveArn } = await client.send(new eb.CreateArchiveCommand({ ArchiveName: 'sdk-replay-errors', EventSourceArn: busArn('default'), RetentionDays: 1 }));
    const start = new Date(Date.now() - 60_000);
    const end = new Date();
    const replay = (over: Partial<eb.StartReplayCommandInput>) =>
      client.send(new eb.StartReplayCommand({ ReplayName: 'sdk-replay-err', EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('default') }, ...over }));
    // test_start_replay_error_unknown_event_bus
    await refused(replay({ Destination: { Arn: busArn('doesnotexist') } }), 'ResourceNotFoundException', 'Event bus doesnotexist does not exist.');
    await refused(replay({ Destination: { Arn: busArn('sdk-replay-errors') } }), 'ValidationException', 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
    // test_start_replay_error_unknown_archive
    await refused(replay({ EventSourceArn: archiveArn('doesnotexist') }), 'ValidationException', 'Parameter EventSourceArn is not valid. Reason: Archive doesnotexist does not exist.');
    // test_start_replay_error_invalid_end_time
    await refused(replay({ EventEndTime: start }), 'ValidationException', 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
    // test_start_replay_error_duplicate_name_same_archive
    await replay({});
    await refused(replay({}), 'ResourceAlreadyExistsException', 'Replay sdk-replay-err already exists.');
    // test_describe_replay_error_unknown_replay
    await refused(client.send(new eb.DescribeReplayCommand({ ReplayName: 'doesnotexist' })), 'ResourceNotFoundException', 'Replay doesnotexist does not exist.');
  });
});
