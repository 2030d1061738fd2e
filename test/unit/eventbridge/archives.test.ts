import assert from 'node:assert/strict';
import { accountQueueArn, drain, makeQueue, newBroker, recordedEntry, thrown } from './helpers';

/** Archives and replays on the engine with a fake clock, against test_archive_and_replay.snapshot.json. */
const PATTERN = JSON.stringify({ source: ['core.update-account-command'], 'detail-type': ['core.update-account-command'], detail: { command: ['update-account'] } });
const busArn = (name: string) => `arn:aws:events:us-east-1:111111111111:event-bus/${name}`;
const archiveArn = (name: string) => `arn:aws:events:us-east-1:111111111111:archive/${name}`;

describe('EventBridge archives', () => {
  it('creates, lists, describes, updates and deletes an archive (test_create_list_describe_update_delete_archive)', () => {
    const { ops, clock } = newBroker();
    ops.CreateEventBus({ Name: 'bus' });
    const created = ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('bus'), Description: 'description of the archive', EventPattern: PATTERN, RetentionDays: 1 });
    assert.deepEqual(created, { ArchiveArn: archiveArn('arch'), State: 'ENABLED', CreationTime: new Date(clock.now()) });
    assert.deepEqual(ops.ListArchives({ NamePrefix: 'arch' }).Archives, [
      { ArchiveName: 'arch', EventSourceArn: busArn('bus'), State: 'ENABLED', RetentionDays: 1, SizeBytes: 0, EventCount: 0, CreationTime: new Date(clock.now()) },
    ]);
    assert.deepEqual(ops.DescribeArchive({ ArchiveName: 'arch' }), {
      ArchiveArn: archiveArn('arch'), ArchiveName: 'arch', EventSourceArn: busArn('bus'), State: 'ENABLED', RetentionDays: 1, SizeBytes: 0, EventCount: 0,
      CreationTime: new Date(clock.now()), Description: 'description of the archive', EventPattern: PATTERN,
    });
    const updated = ops.UpdateArchive({ ArchiveName: 'arch', Description: 'updated', EventPattern: '{"source":["x"]}', RetentionDays: 2 });
    assert.deepEqual(updated, created);
    assert.equal(ops.DescribeArchive({ ArchiveName: 'arch' }).RetentionDays, 2);
    assert.deepEqual(JSON.parse(ops.DescribeRule({ Name: 'Events-Archive-arch', EventBusName: 'bus' }).EventPattern!), { source: ['x'], 'replay-name': [{ exists: false }] });
    assert.deepEqual(ops.DeleteArchive({ ArchiveName: 'arch' }), {});
    assert.deepEqual(ops.ListArchives({}).Archives, []);
    assert.deepEqual(ops.ListRules({ EventBusName: 'bus' }).Rules, []);
  });

  it('feeds the archive through a managed rule users cannot change or delete', () => {
    const { ops } = newBroker();
    ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('default'), EventPattern: PATTERN });
    assert.deepEqual(ops.ListRules({}).Rules, [
      {
        Name: 'Events-Archive-arch',
        Arn: 'arn:aws:events:us-east-1:111111111111:rule/Events-Archive-arch',
        EventPattern: JSON.stringify({ ...JSON.parse(PATTERN), 'replay-name': [{ exists: false }] }),
        State: 'ENABLED',
        ManagedBy: 'prod.vhs.events.aws.internal',
        EventBusName: 'default',
      },
    ]);
    const managed = { code: 'ManagedRuleException', message: 'Rule Events-Archive-arch is managed by an AWS service can only be modified if force is true.', status: 400 };
    assert.deepEqual(thrown(() => ops.DeleteRule({ Name: 'Events-Archive-arch' })), managed);
    assert.deepEqual(thrown(() => ops.PutRule({ Name: 'Events-Archive-arch', EventPattern: '{"source":["a"]}' })), managed);
    assert.deepEqual(thrown(() => ops.DisableRule({ Name: 'Events-Archive-arch' })), managed);
  });

  it('keeps only the events its pattern matches, counting them and their size (test_list_archive_with_events)', () => {
    const { ops } = newBroker();
    ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('default'), EventPattern: PATTERN, RetentionDays: 1 });
    ops.PutEvents({ Entries: Array.from({ length: 10 }, () => recordedEntry) });
    ops.PutEvents({ Entries: [{ Source: 'other', DetailType: 'x', Detail: '{}' }] });
    const described = ops.DescribeArchive({ ArchiveName: 'arch' });
    assert.equal(described.EventCount, 10);
    // AWS counted 159 bytes for each of these events (its detail was written with spaces); here the compact detail: 153.
    assert.equal(described.SizeBytes, 1530);
  });

  it('drops events past RetentionDays and keeps them indefinitely with 0', () => {
    const { ops, clock } = newBroker();
    ops.CreateArchive({ ArchiveName: 'day', EventSourceArn: busArn('default'), RetentionDays: 1 });
    ops.CreateArchive({ ArchiveName: 'ever', EventSourceArn: busArn('default') });
    ops.PutEvents({ Entries: [recordedEntry] });
    clock.advance(86_400_001);
    assert.equal(ops.DescribeArchive({ ArchiveName: 'day' }).EventCount, 0);
    assert.equal(ops.DescribeArchive({ ArchiveName: 'ever' }).EventCount, 1);
    assert.equal(ops.DescribeArchive({ ArchiveName: 'ever' }).RetentionDays, 0);
  });

  it('refuses with the recorded errors', () => {
    const { ops } = newBroker();
    ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('default') });
    assert.deepEqual(thrown(() => ops.CreateArchive({ ArchiveName: 'x', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/doesnotexist' })), {
      code: 'ResourceNotFoundException', message: 'Event bus doesnotexist does not exist.', status: 400,
    });
    assert.deepEqual(thrown(() => ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('default') })), { code: 'ResourceAlreadyExistsException', message: 'Archive arch already exists.', status: 400 });
    assert.deepEqual(thrown(() => ops.DescribeArchive({ ArchiveName: 'nope' })), { code: 'ResourceNotFoundException', message: 'Archive nope does not exist.', status: 400 });
    assert.deepEqual(thrown(() => ops.DeleteArchive({ ArchiveName: 'nope' })), { code: 'ResourceNotFoundException', message: 'Archive nope does not exist.', status: 400 });
    assert.deepEqual(thrown(() => ops.UpdateArchive({ ArchiveName: 'nope' })), {
      code: 'ValidationException', message: 'At least one of EventPattern, RetentionDays or Description must be provided.', status: 400,
    });
    assert.deepEqual(thrown(() => ops.ListArchives({ EventSourceArn: busArn('nope') })), { code: 'ResourceNotFoundException', message: 'Event bus nope does not exist.', status: 400 });
    assert.equal(thrown(() => ops.CreateArchive({ ArchiveName: 'p', EventSourceArn: busArn('default'), EventPattern: '{"source":"x"}' })).code, 'InvalidEventPatternException');
    assert.equal(thrown(() => ops.CreateArchive({ ArchiveName: 'a'.repeat(49), EventSourceArn: busArn('default') })).code, 'ValidationException');
  });
});

describe('EventBridge replays', () => {
  function archived(count = 3) {
    const ctx = newBroker();
    const { url } = makeQueue(ctx.broker, 'q');
    const { RuleArn } = ctx.ops.PutRule({ Name: 'r', EventPattern: PATTERN });
    ctx.ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: accountQueueArn('q') }] });
    ctx.ops.PutRule({ Name: 'other', EventPattern: PATTERN });
    ctx.ops.CreateArchive({ ArchiveName: 'arch', EventSourceArn: busArn('default'), EventPattern: PATTERN });
    const start = new Date(ctx.clock.now());
    if (count) ctx.ops.PutEvents({ Entries: Array.from({ length: count }, () => recordedEntry) });
    return { ...ctx, url, RuleArn, start };
  }

  it('replays the window to the bus rules with replay-name, STARTING to RUNNING to COMPLETED, and does not archive them again', async () => {
    const { ops, clock, broker, url, RuleArn, start } = archived();
    assert.equal((await drain(broker, url)).length, 3);
    const end = new Date(start.getTime() + 60_000);
    const started = ops.StartReplay({ ReplayName: 'rep', Description: 'description of the replay', EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('default'), FilterArns: [RuleArn] } });
    assert.deepEqual(started, { ReplayArn: 'arn:aws:events:us-east-1:111111111111:replay/rep', State: 'STARTING', ReplayStartTime: new Date(clock.now()) });
    clock.advance(500);
    await broker.eventbridge.settled();
    const messages = await drain(broker, url);
    assert.equal(messages.length, 3);
    const body = JSON.parse(messages[0].Body!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'replay-name', 'resources', 'detail']);
    assert.equal(body['replay-name'], 'rep');
    const described = ops.DescribeReplay({ ReplayName: 'rep' });
    assert.equal(described.State, 'COMPLETED');
    assert.deepEqual(described.Destination, { Arn: busArn('default'), FilterArns: [RuleArn] });
    assert.deepEqual([described.EventStartTime, described.EventEndTime, described.ReplayEndTime], [start, end, new Date(clock.now())]);
    assert.equal(described.EventLastReplayedTime!.getTime(), start.getTime());
    assert.equal(ops.DescribeArchive({ ArchiveName: 'arch' }).EventCount, 3);
    assert.deepEqual(ops.ListReplays({ NamePrefix: 'rep' }).Replays.map((r) => [r.ReplayName, r.State]), [['rep', 'COMPLETED']]);
  });

  it('replays only to the rules in FilterArns', async () => {
    const { ops, clock, broker, url, start } = archived(1);
    await drain(broker, url);
    ops.StartReplay({ ReplayName: 'rep', EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: new Date(start.getTime() + 1000), Destination: { Arn: busArn('default'), FilterArns: ['arn:aws:events:us-east-1:111111111111:rule/other'] } });
    clock.advance(500);
    await broker.eventbridge.settled();
    assert.equal((await drain(broker, url)).length, 0);
    assert.deepEqual(broker.eventbridge.recentEvents('default').at(-1)!.matchedRules, ['other']);
  });

  it('cancels: CANCELLING then CANCELLED, nothing replayed; a finished replay cannot be cancelled', async () => {
    const { ops, clock, broker, url, start } = archived();
    await drain(broker, url);
    ops.StartReplay({ ReplayName: 'rep', EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: new Date(start.getTime() + 1000), Destination: { Arn: busArn('default') } });
    assert.deepEqual(ops.CancelReplay({ ReplayName: 'rep' }), { ReplayArn: 'arn:aws:events:us-east-1:111111111111:replay/rep', State: 'CANCELLING' });
    const cancelling = ops.DescribeReplay({ ReplayName: 'rep' });
    assert.equal(cancelling.State, 'CANCELLING');
    assert.equal(cancelling.ReplayEndTime, undefined);
    clock.advance(500);
    await broker.eventbridge.settled();
    assert.equal(ops.DescribeReplay({ ReplayName: 'rep' }).State, 'CANCELLED');
    assert.equal((await drain(broker, url)).length, 0);
    assert.deepEqual(thrown(() => ops.CancelReplay({ ReplayName: 'rep' })), { code: 'IllegalStatusException', message: 'Replay rep is not in a valid state for this operation.', status: 400 });
  });

  it('refuses with the recorded errors', () => {
    const { ops, start } = archived(0);
    ops.CreateEventBus({ Name: 'elsewhere' });
    const end = new Date(start.getTime() + 1000);
    const replay = (over: object) => () => ops.StartReplay({ ReplayName: 'rep', EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('default') }, ...over });
    assert.deepEqual(thrown(replay({ Destination: { Arn: busArn('doesnotexist') } })), { code: 'ResourceNotFoundException', message: 'Event bus doesnotexist does not exist.', status: 400 });
    assert.deepEqual(thrown(replay({ Destination: { Arn: busArn('elsewhere') } })), {
      code: 'ValidationException', message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.', status: 400,
    });
    assert.deepEqual(thrown(replay({ EventSourceArn: archiveArn('nope') })), {
      code: 'ValidationException', message: 'Parameter EventSourceArn is not valid. Reason: Archive nope does not exist.', status: 400,
    });
    assert.deepEqual(thrown(replay({ EventEndTime: start })), {
      code: 'ValidationException', message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.', status: 400,
    });
    replay({})();
    assert.deepEqual(thrown(replay({})), { code: 'ResourceAlreadyExistsException', message: 'Replay rep already exists.', status: 400 });
    assert.deepEqual(thrown(() => ops.DescribeReplay({ ReplayName: 'nope' })), { code: 'ResourceNotFoundException', message: 'Replay nope does not exist.', status: 400 });
    for (let i = 1; i < 10; i++) ops.StartReplay({ ReplayName: `rep-${i}`, EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: end, Destination: { Arn: busArn('default') } });
    assert.deepEqual(thrown(replay({ ReplayName: 'rep-10' })), { code: 'LimitExceededException', message: 'The requested resource exceeds the maximum number allowed.', status: 400 });
    const page1 = ops.ListReplays({ NamePrefix: 'rep', Limit: 3 });
    assert.deepEqual(page1.Replays.map((r) => r.ReplayName), ['rep', 'rep-1', 'rep-2']);
    assert.deepEqual(ops.ListReplays({ NamePrefix: 'rep', Limit: 5, NextToken: page1.NextToken }).Replays.map((r) => r.ReplayName), ['rep-3', 'rep-4', 'rep-5', 'rep-6', 'rep-7']);
  });

  it('reset deletes archives, their rules and replays', () => {
    const { ops, broker, start } = archived(1);
    ops.StartReplay({ ReplayName: 'rep', EventSourceArn: archiveArn('arch'), EventStartTime: start, EventEndTime: new Date(start.getTime() + 1000), Destination: { Arn: busArn('default') } });
    broker.eventbridge.reset();
    assert.deepEqual([ops.ListArchives({}).Archives, ops.ListReplays({}).Replays, ops.ListRules({}).Rules], [[], [], []]);
  });
});
