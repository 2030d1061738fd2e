import assert from 'node:assert/strict';
import { MemoryObjectWriter } from '../../../src/broker/firehose/object-writer';
import { accountQueueArn, makeQueue, newBroker, normalized, receiveAll, recordedEntry, thrown } from './helpers';

/** A queue in the test account and a rule on `bus` sending matching events to it. */
function queueRule(ctx: ReturnType<typeof newBroker>, name: string, pattern: unknown, target: Record<string, unknown> = {}, bus?: string) {
  const { url } = makeQueue(ctx.broker, name);
  ctx.ops.PutRule({ Name: `rule-${name}`, EventPattern: JSON.stringify(pattern), ...(bus ? { EventBusName: bus } : {}) });
  ctx.ops.PutTargets({ Rule: `rule-${name}`, ...(bus ? { EventBusName: bus } : {}), Targets: [{ Id: `t-${name}`, Arn: accountQueueArn(name), ...target }] });
  return url;
}

const envelopeOf = (id: string) => ({
  version: '0',
  id,
  'detail-type': 'core.update-account-command',
  source: 'core.update-account-command',
  account: '111111111111',
  time: 'date',
  region: 'us-east-1',
  resources: [],
  detail: { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } },
});

describe('EventBridge PutEvents', () => {
  it('delivers the envelope exactly as AWS builds it to an SQS target (test_put_events_with_target_sqs)', async () => {
    const ctx = newBroker();
    const url = queueRule(ctx, 'q', { source: ['core.update-account-command'] });
    const { Entries, FailedEntryCount } = ctx.ops.PutEvents({ Entries: [recordedEntry] });
    assert.equal(FailedEntryCount, 0);
    const [message] = await receiveAll(ctx.broker, url);
    assert.deepEqual(normalized(message.Body!), envelopeOf(Entries[0].EventId!));
    // Compact JSON in AWS's member order, time in whole seconds.
    assert.ok(message.Body!.startsWith('{"version":"0","id":'));
    assert.match(JSON.parse(message.Body!).time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers per entry with the recorded errors', () => {
    const { ops } = newBroker();
    const { Source: _s, ...noSource } = recordedEntry;
    const { DetailType: _d, ...noType } = recordedEntry;
    const { Detail: _x, ...noDetail } = recordedEntry;
    const out = ops.PutEvents({ Entries: [noSource, noType, noDetail, { ...recordedEntry, Detail: '"a string"' }, { ...recordedEntry, Detail: '[1]' }, { ...recordedEntry, Detail: '{bad' }, recordedEntry] });
    assert.equal(out.FailedEntryCount, 6);
    assert.deepEqual(out.Entries.slice(0, 6), [
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    assert.match(out.Entries[6].EventId!, /^[0-9a-f-]{36}$/);
  });

  it('refuses more than 10 entries with the recorded message (test_put_events_exceed_limit_ten_entries)', () => {
    const { ops } = newBroker();
    const entry = { ...recordedEntry, Detail: '{"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}', EventBusName: 'my-bus' };
    const err = thrown(() => ops.PutEvents({ Entries: Array(11).fill(entry) }));
    const one =
      'PutEventsRequestEntry(time=null, source=core.update-account-command, resources=null, detailType=core.update-account-command, detail={"command": "update-account", "payload": {"acc_id": "0a787ecb-4015", "sf_id": "baz"}}, eventBusName=my-bus, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)';
    assert.deepEqual(err, {
      code: 'ValidationException',
      message: `1 validation error detected: Value '[${Array(11).fill(one).join(', ')}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
      status: 400,
    });
  });

  it('counts the 256 KiB as AWS does (test_put_event_with_too_big_detail)', () => {
    const { ops } = newBroker();
    const base = { Source: 's', DetailType: 'd' };
    // Source + DetailType + Detail bytes; 14 more for a Time.
    const detail = (n: number) => `{"a":"${'x'.repeat(n - 8)}"}`;
    assert.equal(ops.PutEvents({ Entries: [{ ...base, Detail: detail(262144 - 2) }] }).FailedEntryCount, 0);
    assert.deepEqual(thrown(() => ops.PutEvents({ Entries: [{ ...base, Detail: detail(262144 - 1) }] })), {
      code: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
      status: 400,
    });
    assert.equal(thrown(() => ops.PutEvents({ Entries: [{ ...base, Time: new Date(), Detail: detail(262144 - 15) }] })).code, 'ValidationException');
  });

  it('accepts events for a bus that does not exist and delivers nothing (test_put_events_nonexistent_event_bus)', () => {
    const { ops } = newBroker();
    const out = ops.PutEvents({ Entries: [{ ...recordedEntry, EventBusName: 'nope' }] });
    assert.equal(out.FailedEntryCount, 0);
  });

  it('uses the entry Time (test_put_events_with_time_field)', async () => {
    const ctx = newBroker();
    const url = queueRule(ctx, 'q', { source: ['core.update-account-command'] });
    ctx.ops.PutEvents({ Entries: [{ ...recordedEntry, Time: new Date('2022-01-01T12:34:56.789Z') }] });
    const [m] = await receiveAll(ctx.broker, url);
    assert.equal(JSON.parse(m.Body!).time, '2022-01-01T12:34:56Z');
  });

  it('delivers one event to every matching rule and only those (test_process_to_multiple_matching_rules_single_target)', async () => {
    const ctx = newBroker();
    const a = queueRule(ctx, 'a', { source: ['core.update-account-command'] });
    const b = queueRule(ctx, 'b', { detail: { command: ['update-account'] } });
    const c = queueRule(ctx, 'c', { source: ['other'] });
    ctx.ops.PutEvents({ Entries: [recordedEntry] });
    assert.equal((await receiveAll(ctx.broker, a)).length, 1);
    assert.equal((await receiveAll(ctx.broker, b)).length, 1);
    assert.equal((await receiveAll(ctx.broker, c)).length, 0);
    const put = ctx.events.find((e) => e.type === 'eventPut');
    assert.deepEqual(put && put.type === 'eventPut' && put.matchedRules, ['rule-a', 'rule-b']);
  });

  it('does not deliver for a disabled rule', async () => {
    const ctx = newBroker();
    const url = queueRule(ctx, 'q', { source: ['core.update-account-command'] });
    ctx.ops.DisableRule({ Name: 'rule-q' });
    ctx.ops.PutEvents({ Entries: [recordedEntry] });
    assert.equal((await receiveAll(ctx.broker, url)).length, 0);
  });

  it('routes on custom buses and from bus to bus (test_put_events_with_target_events)', async () => {
    const ctx = newBroker();
    ctx.ops.CreateEventBus({ Name: 'b1' });
    ctx.ops.CreateEventBus({ Name: 'b2' });
    const url = queueRule(ctx, 'q', { source: ['core.update-account-command'] }, {}, 'b2');
    ctx.ops.PutRule({ Name: 'forward', EventBusName: 'b1', EventPattern: '{"source":["core.update-account-command"]}' });
    ctx.ops.PutTargets({ Rule: 'forward', EventBusName: 'b1', Targets: [{ Id: 'bus', Arn: 'arn:aws:events:us-east-1:111111111111:event-bus/b2' }] });
    const { Entries } = ctx.ops.PutEvents({ Entries: [{ ...recordedEntry, EventBusName: 'b1' }] });
    const [m] = await receiveAll(ctx.broker, url);
    assert.deepEqual(normalized(m.Body!), envelopeOf(Entries[0].EventId!));
  });

  it('stops a loop between buses', () => {
    const ctx = newBroker();
    ctx.ops.PutRule({ Name: 'loop', EventPattern: '{"source":["s"]}' });
    ctx.ops.PutTargets({ Rule: 'loop', Targets: [{ Id: 'self', Arn: 'arn:aws:events:us-east-1:111111111111:event-bus/default' }] });
    ctx.ops.PutEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    assert.ok(ctx.events.filter((e) => e.type === 'eventPut').length <= 7);
  });

  it('delivers to SNS (test_put_events_with_target_sns), Kinesis (test_put_events_with_target_kinesis) and Firehose', async () => {
    const ctx = newBroker();
    const { broker, ops } = ctx;
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'topic' });
    const { url } = makeQueue(broker, 'sub');
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:sub' });
    broker.kinesis.operations.CreateStream({ StreamName: 'stream', ShardCount: 1 });
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
    ops.PutTargets({
      Rule: 'r',
      Targets: [
        { Id: 'sns', Arn: TopicArn },
        { Id: 'kinesis', Arn: 'arn:aws:kinesis:us-east-1:111111111111:stream/stream', KinesisParameters: { PartitionKeyPath: '$.detail.command' } },
      ],
    });
    const { Entries } = ops.PutEvents({ Entries: [recordedEntry] });
    await broker.sns.settled();
    const [m] = await receiveAll(broker, url);
    const notification = JSON.parse(m.Body!);
    assert.equal(notification.Type, 'Notification');
    assert.deepEqual(normalized(notification.Message), envelopeOf(Entries[0].EventId!));
    const { ShardIterator } = broker.kinesis.operations.GetShardIterator({ StreamName: 'stream', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const { Records } = broker.kinesis.operations.GetRecords({ ShardIterator: ShardIterator! });
    assert.equal(Records.length, 1);
    assert.equal(Records[0].PartitionKey, 'update-account');
    assert.deepEqual(normalized(Buffer.from(Records[0].Data as Uint8Array).toString()), envelopeOf(Entries[0].EventId!));
  });

  it('delivers to Firehose, one record per event (test_put_events_with_target_firehose)', async () => {
    const objects = new MemoryObjectWriter();
    const ctx = newBroker({ firehose: { objectWriter: objects } });
    ctx.broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'ds',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::111111111111:role/r', BucketARN: 'arn:aws:s3:::bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    ctx.ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
    ctx.ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'fh', Arn: 'arn:aws:firehose:us-east-1:111111111111:deliverystream/ds' }] });
    const ids = [0, 1].map(() => ctx.ops.PutEvents({ Entries: [recordedEntry] }).Entries[0].EventId!);
    ctx.clock.advance(60_000);
    await ctx.broker.firehose.flushAll();
    const [object] = [...objects.objects.values()];
    const text = object.toString();
    // Records are concatenated as they are: EventBridge adds no newline.
    const records = text.split('}{').map((part, i, all) => (i > 0 ? '{' : '') + part + (i < all.length - 1 ? '}' : ''));
    assert.deepEqual(records.map((r) => normalized(r)), ids.map(envelopeOf));
  });

  it('sends FIFO queue targets with the MessageGroupId and the event id for deduplication', async () => {
    const ctx = newBroker();
    const { url } = makeQueue(ctx.broker, 'q.fifo');
    ctx.ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
    assert.equal(
      thrown(() => ctx.ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: accountQueueArn('q.fifo') }] })).message,
      'Parameter(s) SqsParameters must be specified for target: t.',
    );
    ctx.ops.PutTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: accountQueueArn('q.fifo'), SqsParameters: { MessageGroupId: 'g1' } }] });
    const { Entries } = ctx.ops.PutEvents({ Entries: [recordedEntry] });
    const [m] = await receiveAll(ctx.broker, url);
    assert.equal(m.Attributes?.MessageGroupId, 'g1');
    assert.equal(m.Attributes?.MessageDeduplicationId, Entries[0].EventId);
  });

  it('retries a failing target by its RetryPolicy, then moves the event to its dead-letter queue', async () => {
    const ctx = newBroker();
    const { url: dlq } = makeQueue(ctx.broker, 'dlq');
    ctx.ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
    ctx.ops.PutTargets({
      Rule: 'r',
      Targets: [{ Id: 't', Arn: accountQueueArn('missing'), RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: accountQueueArn('dlq') } }],
    });
    ctx.ops.PutEvents({ Entries: [recordedEntry] });
    ctx.clock.advance(10_000);
    const statuses = ctx.events.filter((e) => e.type === 'delivery').map((e) => e.type === 'delivery' && e.status);
    assert.deepEqual(statuses, ['retrying', 'retrying', 'deadLettered']);
    const [m] = await receiveAll(ctx.broker, dlq);
    assert.equal(m.MessageAttributes?.RULE_ARN.StringValue, 'arn:aws:events:us-east-1:111111111111:rule/r');
    assert.equal(JSON.parse(m.Body!).source, 'core.update-account-command');
  });

  it('TestEventPattern answers true and false (test_event_pattern_source) and refuses a bad event', () => {
    const { ops } = newBroker();
    const event = JSON.stringify({ id: '1', source: 'order', 'detail-type': 'Test', account: '123456789012', region: 'us-east-1', time: '2022-01-01T00:00:00Z', detail: {} });
    assert.deepEqual(ops.TestEventPattern({ EventPattern: '{"source":["order"]}', Event: event }), { Result: true });
    assert.deepEqual(ops.TestEventPattern({ EventPattern: '{"source":["other"]}', Event: event }), { Result: false });
    assert.deepEqual(thrown(() => ops.TestEventPattern({ EventPattern: '{"source":["order"]}', Event: 'plain string' })), {
      code: 'ValidationException',
      message: 'Parameter Event is not valid.',
      status: 400,
    });
  });

  it('explains for each rule of a bus why an event does or does not match', () => {
    const ctx = newBroker();
    ctx.ops.PutRule({ Name: 'yes', EventPattern: '{"source":["s"]}' });
    ctx.ops.PutRule({ Name: 'no', EventPattern: '{"source":["s"],"detail":{"n":[{"numeric":[">",5]}]}}' });
    const verdicts = ctx.broker.eventbridge.explain('default', { source: 's', detail: { n: 3 } });
    const no = verdicts.find((v) => v.rule === 'no')!;
    assert.equal(verdicts.find((v) => v.rule === 'yes')!.result.matched, true);
    assert.ok(!no.result.matched && 'miss' in no.result && no.result.miss.text === 'detail.n: 3 does not match [{"numeric":[">",5]}]');
  });
});

describe('EventBridge recent events', () => {
  it('keeps the events put on each bus with the rules they matched, for the inspector', () => {
    const ctx = newBroker();
    ctx.ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
    const { Entries } = ctx.ops.PutEvents({ Entries: [recordedEntry, { ...recordedEntry, Source: 'other' }] });
    const recent = ctx.broker.eventbridge.recentEvents('default');
    assert.deepEqual(recent.map((e) => [e.event.id, e.matchedRules]), [[Entries[0].EventId, ['r']], [Entries[1].EventId, []]]);
    const verdict = ctx.broker.eventbridge.explain('default', recent[1].event).find((v) => v.rule === 'r')!;
    assert.ok(!verdict.result.matched && 'miss' in verdict.result && verdict.result.miss.text === 'source: "other" does not match ["core.update-account-command"]');
  });

  it('PutRule replaces a rule: an omitted State is ENABLED again and an omitted Description is gone', () => {
    const { ops } = newBroker();
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}', State: 'DISABLED', Description: 'd' });
    ops.PutRule({ Name: 'r', EventPattern: '{"source":["x"]}' });
    const rule = ops.DescribeRule({ Name: 'r' });
    assert.equal(rule.State, 'ENABLED');
    assert.equal(rule.Description, undefined);
  });
});
