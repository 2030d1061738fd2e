import assert from 'node:assert/strict';
import * as eb from '@aws-sdk/client-eventbridge';
import * as s from '@aws-sdk/client-sqs';
import { credentials } from './support/clients';
import { raw } from './support/raw';
import { dataDirDuringTests } from './support/serve';

const busArn = (name: string) => `arn:aws:events:us-east-1:000000000000:event-bus/${name}`;
const archiveArn = (name: string) => `arn:aws:events:us-east-1:000000000000:archive/${name}`;

/** `serve --data-dir` keeps archives, their events and replays through SIGKILL, and a reset forgets them. */
describe('EventBridge archives and replays with serve --data-dir', function () {
  this.timeout(60_000);
  const data = dataDirDuringTests('eventyard-wire-archive-');

  async function start() {
    const server = await data.start();
    const events = data.track(new eb.EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    const sqs = data.track(new s.SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    return { events, sqs, url: server.url };
  }
  const kill = () => data.kill();
  async function completed(events: eb.EventBridgeClient, ReplayName: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await events.send(new eb.DescribeReplayCommand({ ReplayName }))).State === 'COMPLETED') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`${ReplayName} did not complete`);
  }

  it('keeps an archive, its events and its replays across a SIGKILL, and replays the kept events afterwards', async () => {
    let { events, sqs } = await start();
    const start0 = new Date(Date.now() - 1000);
    await events.send(new eb.CreateEventBusCommand({ Name: 'kept' }));
    await events.send(new eb.CreateArchiveCommand({ ArchiveName: 'kept-archive', EventSourceArn: busArn('kept'), EventPattern: '{"source":["kept"]}', Description: 'd', RetentionDays: 3 }));
    await events.send(new eb.PutEventsCommand({ Entries: [1, 2, 3].map((n) => ({ EventBusName: 'kept', Source: 'kept', DetailType: 'd', Detail: JSON.stringify({ n }) })) }));
    await events.send(new eb.StartReplayCommand({ ReplayName: 'before', EventSourceArn: archiveArn('kept-archive'), EventStartTime: start0, EventEndTime: new Date(Date.now() + 60_000), Destination: { Arn: busArn('kept') } }));
    await completed(events, 'before');
    const archived = await events.send(new eb.DescribeArchiveCommand({ ArchiveName: 'kept-archive' }));
    await kill();

    ({ events, sqs } = await start());
    const { $metadata: _a, ...kept } = await events.send(new eb.DescribeArchiveCommand({ ArchiveName: 'kept-archive' }));
    const { $metadata: _b, ...was } = archived;
    assert.deepEqual(kept, was);
    assert.equal(kept.EventCount, 3);
    const rule = await events.send(new eb.DescribeRuleCommand({ Name: 'Events-Archive-kept-archive', EventBusName: 'kept' }));
    assert.equal(rule.ManagedBy, 'prod.vhs.events.aws.internal');
    assert.deepEqual((await events.send(new eb.ListReplaysCommand({}))).Replays?.map((r) => [r.ReplayName, r.State]), [['before', 'COMPLETED']]);

    // The kept events are whole: a replay after the restart delivers them.
    const { QueueUrl } = await sqs.send(new s.CreateQueueCommand({ QueueName: 'after-restart' }));
    await events.send(new eb.PutRuleCommand({ Name: 'to-q', EventBusName: 'kept', EventPattern: '{"source":["kept"]}' }));
    await events.send(new eb.PutTargetsCommand({ Rule: 'to-q', EventBusName: 'kept', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:after-restart', InputPath: '$.detail.n' }] }));
    await events.send(new eb.StartReplayCommand({ ReplayName: 'after', EventSourceArn: archiveArn('kept-archive'), EventStartTime: start0, EventEndTime: new Date(Date.now() + 60_000), Destination: { Arn: busArn('kept') } }));
    await completed(events, 'after');
    const bodies: string[] = [];
    for (let i = 0; i < 10 && bodies.length < 3; i++) {
      const got = await sqs.send(new s.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      bodies.push(...(got.Messages ?? []).map((m) => m.Body!));
    }
    assert.deepEqual(bodies.sort(), ['1', '2', '3']);
    assert.equal((await events.send(new eb.DescribeArchiveCommand({ ArchiveName: 'kept-archive' }))).EventCount, 3, 'replayed events were not archived again');
  });

  it('forgets archives and replays after POST /_eventyard/reset, across a restart too', async () => {
    const first = await start();
    await first.events.send(new eb.CreateArchiveCommand({ ArchiveName: 'gone', EventSourceArn: busArn('default') }));
    await first.events.send(new eb.PutEventsCommand({ Entries: [{ Source: 'x', DetailType: 'd', Detail: '{}' }] }));
    await first.events.send(new eb.StartReplayCommand({ ReplayName: 'gone', EventSourceArn: archiveArn('gone'), EventStartTime: new Date(Date.now() - 60_000), EventEndTime: new Date(), Destination: { Arn: busArn('default') } }));
    assert.equal((await raw(first.url, { method: 'POST', path: '/_eventyard/reset' })).status, 200);
    await data.stop();

    const { events } = await start();
    assert.deepEqual((await events.send(new eb.ListArchivesCommand({}))).Archives, []);
    assert.deepEqual((await events.send(new eb.ListReplaysCommand({}))).Replays, []);
    assert.deepEqual((await events.send(new eb.ListRulesCommand({}))).Rules, []);
  });
});
