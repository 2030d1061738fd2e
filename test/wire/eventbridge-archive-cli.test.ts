import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { serveDuringSuite } from './support/serve';

const busArn = (name: string) => `arn:aws:events:us-east-1:000000000000:event-bus/${name}`;
const archiveArn = (name: string) => `arn:aws:events:us-east-1:000000000000:archive/${name}`;

/** EventBridge archives and replays through Debian's /usr/bin/aws (JSON 1.1, signed for `events`). */
describe('EventBridge archives and replays with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite();
  const aws = (...args: string[]) => awsCliJson(served.url, args);


  it('create-archive, put-events, describe-archive, start-replay to completion, list-replays, and the recorded errors on stderr', async () => {
    await aws('events', 'create-event-bus', '--name', 'cli-archived');
    const created = (await aws('events', 'create-archive', '--archive-name', 'cli-archive', '--event-source-arn', busArn('cli-archived'), '--event-pattern', '{"source":["cli.app"]}', '--retention-days', '1')) as Record<string, unknown>;
    assert.deepEqual([created.ArchiveArn, created.State], [archiveArn('cli-archive'), 'ENABLED']);
    const { QueueUrl } = (await aws('sqs', 'create-queue', '--queue-name', 'cli-replayed')) as { QueueUrl: string };
    await aws('events', 'put-rule', '--name', 'cli-rule', '--event-bus-name', 'cli-archived', '--event-pattern', '{"source":["cli.app"]}');
    await aws('events', 'put-targets', '--rule', 'cli-rule', '--event-bus-name', 'cli-archived', '--targets', 'Id=q,Arn=arn:aws:sqs:us-east-1:000000000000:cli-replayed');
    const start = new Date(Date.now() - 1000).toISOString();
    const entries = JSON.stringify([
      { EventBusName: 'cli-archived', Source: 'cli.app', DetailType: 'Order', Detail: '{"n":1}' },
      { EventBusName: 'cli-archived', Source: 'not.archived', DetailType: 'Order', Detail: '{"n":2}' },
    ]);
    await aws('events', 'put-events', '--entries', entries);
    await aws('sqs', 'purge-queue', '--queue-url', QueueUrl);
    const described = (await aws('events', 'describe-archive', '--archive-name', 'cli-archive')) as Record<string, unknown>;
    assert.deepEqual([described.EventCount, described.RetentionDays, described.EventPattern], [1, 1, '{"source":["cli.app"]}']);

    const end = new Date(Date.now() + 60_000).toISOString();
    const started = (await aws('events', 'start-replay', '--replay-name', 'cli-replay', '--event-source-arn', archiveArn('cli-archive'), '--event-start-time', start, '--event-end-time', end, '--destination', `Arn=${busArn('cli-archived')}`)) as Record<string, unknown>;
    assert.deepEqual([started.ReplayArn, started.State], ['arn:aws:events:us-east-1:000000000000:replay/cli-replay', 'STARTING']);
    let state = '';
    for (let i = 0; i < 20 && state !== 'COMPLETED'; i++) state = ((await aws('events', 'describe-replay', '--replay-name', 'cli-replay')) as { State: string }).State;
    assert.equal(state, 'COMPLETED');
    const received = (await aws('sqs', 'receive-message', '--queue-url', QueueUrl, '--wait-time-seconds', '2')) as { Messages: { Body: string }[] };
    const body = JSON.parse(received.Messages[0].Body) as Record<string, unknown>;
    assert.deepEqual([body['replay-name'], body.detail], ['cli-replay', { n: 1 }]);
    const listed = (await aws('events', 'list-replays', '--event-source-arn', archiveArn('cli-archive'))) as { Replays: { ReplayName: string; State: string }[] };
    assert.deepEqual(listed.Replays.map((r) => [r.ReplayName, r.State]), [['cli-replay', 'COMPLETED']]);

    const unknown = await awsCli(served.url, ['events', 'describe-archive', '--archive-name', 'cli-none']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /\(ResourceNotFoundException\) when calling the DescribeArchive operation(?: \(reached max retries: \d+\))?: Archive cli-none does not exist\./);
    const cross = await awsCli(served.url, ['events', 'start-replay', '--replay-name', 'cli-cross', '--event-source-arn', archiveArn('cli-archive'), '--event-start-time', start, '--event-end-time', end, '--destination', `Arn=${busArn('default')}`]);
    assert.match(cross.stderr, /\(ValidationException\) when calling the StartReplay operation(?: \(reached max retries: \d+\))?: Parameter Destination\.Arn is not valid\. Reason: Cross event bus replay is not permitted\./);
    const cancel = await awsCli(served.url, ['events', 'cancel-replay', '--replay-name', 'cli-replay']);
    assert.match(cancel.stderr, /\(IllegalStatusException\) when calling the CancelReplay operation(?: \(reached max retries: \d+\))?: Replay cli-replay is not in a valid state for this operation\./);
    assert.deepEqual(await aws('events', 'delete-archive', '--archive-name', 'cli-archive'), {});
  });
});
