import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { serveDuringSuite } from './support/serve';

const busArn = (name: string) => `arn:aws:events:us-east-1:000000000000:event-bus/${name}`;

/** EventBridge through Debian's /usr/bin/aws (JSON 1.1, signed for `events`), routing to SQS. */
describe('EventBridge with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite();
  const aws = (...args: string[]) => awsCliJson(served.url, args);


  it('create-event-bus, put-rule, put-targets, put-events, and the event read back with sqs receive-message', async () => {
    const bus = await aws('events', 'create-event-bus', '--name', 'cli-bus', '--tags', 'Key=team,Value=a');
    assert.deepEqual(bus, { EventBusArn: busArn('cli-bus') });
    const { QueueUrl } = (await aws('sqs', 'create-queue', '--queue-name', 'cli-events-q')) as { QueueUrl: string };
    const rule = await aws('events', 'put-rule', '--name', 'cli-rule', '--event-bus-name', 'cli-bus', '--event-pattern', '{"source":["cli.app"],"detail":{"n":[{"numeric":[">",1]}]}}');
    assert.deepEqual(rule, { RuleArn: 'arn:aws:events:us-east-1:000000000000:rule/cli-bus/cli-rule' });
    const targets = await aws('events', 'put-targets', '--rule', 'cli-rule', '--event-bus-name', 'cli-bus', '--targets', 'Id=q,Arn=arn:aws:sqs:us-east-1:000000000000:cli-events-q');
    assert.deepEqual(targets, { FailedEntryCount: 0, FailedEntries: [] });

    const entries = JSON.stringify([
      { EventBusName: 'cli-bus', Source: 'cli.app', DetailType: 'Order', Detail: '{"n":1}' },
      { EventBusName: 'cli-bus', Source: 'cli.app', DetailType: 'Order', Detail: '{"n":2}', Time: '2026-11-30T08:00:00Z' },
      { EventBusName: 'cli-bus', DetailType: 'Order', Detail: '{"n":3}' },
    ]);
    const put = (await aws('events', 'put-events', '--entries', entries)) as { FailedEntryCount: number; Entries: { EventId?: string; ErrorCode?: string }[] };
    assert.equal(put.FailedEntryCount, 1);
    assert.deepEqual(put.Entries[2], { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' });
    const received = (await aws('sqs', 'receive-message', '--queue-url', QueueUrl, '--max-number-of-messages', '10', '--wait-time-seconds', '1')) as { Messages: { Body: string }[] };
    assert.equal(received.Messages.length, 1, 'only the event with n > 1 matches');
    assert.equal(
      received.Messages[0].Body,
      JSON.stringify({
        version: '0', id: put.Entries[1].EventId, 'detail-type': 'Order', source: 'cli.app', account: '000000000000',
        time: '2026-11-30T08:00:00Z', region: 'us-east-1', resources: [], detail: { n: 2 },
      }),
    );

    const names = await aws('events', 'list-rule-names-by-target', '--target-arn', 'arn:aws:sqs:us-east-1:000000000000:cli-events-q', '--event-bus-name', 'cli-bus');
    assert.deepEqual(names, { RuleNames: ['cli-rule'] });
    const listed = (await aws('events', 'list-targets-by-rule', '--rule', 'cli-rule', '--event-bus-name', 'cli-bus')) as { Targets: unknown[] };
    assert.deepEqual(listed.Targets, [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:cli-events-q' }]);
    assert.deepEqual(await aws('events', 'list-tags-for-resource', '--resource-arn', busArn('cli-bus')), { Tags: [{ Key: 'team', Value: 'a' }] });
  });

  it('describe, disable, enable and delete, and the recorded errors on stderr', async () => {
    await aws('events', 'put-rule', '--name', 'cli-sched', '--schedule-expression', 'rate(1 hour)', '--description', 'hourly');
    await aws('events', 'disable-rule', '--name', 'cli-sched');
    const described = (await aws('events', 'describe-rule', '--name', 'cli-sched')) as Record<string, string>;
    assert.deepEqual(
      [described.State, described.ScheduleExpression, described.Description, described.EventBusName, described.CreatedBy],
      ['DISABLED', 'rate(1 hour)', 'hourly', 'default', '000000000000'],
    );
    await aws('events', 'enable-rule', '--name', 'cli-sched');
    await aws('events', 'delete-rule', '--name', 'cli-sched');

    const missing = await awsCli(served.url, ['events', 'describe-event-bus', '--name', 'cli-none']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /An error occurred \(ResourceNotFoundException\) when calling the DescribeEventBus operation( \(reached max retries: 0\))?: Event bus cli-none does not exist\./);
    const busy = await awsCli(served.url, ['events', 'delete-rule', '--name', 'cli-rule', '--event-bus-name', 'cli-bus']);
    assert.match(busy.stderr, /\(ValidationException\) when calling the DeleteRule operation( \(reached max retries: 0\))?: Rule can't be deleted since it has targets\./);
  });

  it('test-event-pattern: match, no match and an invalid pattern', async () => {
    const event = JSON.stringify({ id: '1', account: '000000000000', source: 'cli.app', time: '2026-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'Order', resources: [], detail: { n: 5 } });
    assert.deepEqual(await aws('events', 'test-event-pattern', '--event-pattern', '{"detail":{"n":[{"numeric":[">=",5]}]}}', '--event', event), { Result: true });
    assert.deepEqual(await aws('events', 'test-event-pattern', '--event-pattern', '{"source":["other"]}', '--event', event), { Result: false });
    const invalid = await awsCli(served.url, ['events', 'test-event-pattern', '--event-pattern', '{"source":"cli.app"}', '--event', event]);
    assert.notEqual(invalid.code, 0);
    assert.match(invalid.stderr, /\(InvalidEventPatternException\) when calling the TestEventPattern operation( \(reached max retries: 0\))?: Event pattern is not valid\. Reason: /);
  });

  it('put-permission and remove-permission on the default bus', async () => {
    await aws('events', 'put-permission', '--action', 'events:PutEvents', '--principal', '111122223333', '--statement-id', 'cli-sid');
    const described = (await aws('events', 'describe-event-bus')) as { Name: string; Policy: string };
    assert.equal(described.Name, 'default');
    assert.deepEqual(JSON.parse(described.Policy).Statement, [
      { Sid: 'cli-sid', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: busArn('default') },
    ]);
    await aws('events', 'remove-permission', '--statement-id', 'cli-sid');
    const gone = await awsCli(served.url, ['events', 'remove-permission', '--statement-id', 'cli-sid']);
    assert.match(gone.stderr, /\(ResourceNotFoundException\) when calling the RemovePermission operation( \(reached max retries: 0\))?: Statement with the provided id does not exist\./);
  });
});
