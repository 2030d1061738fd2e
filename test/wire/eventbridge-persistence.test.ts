import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as eb from '@aws-sdk/client-eventbridge';
import * as s from '@aws-sdk/client-sqs';
import { credentials } from './support/clients';
import { raw } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/** `serve --data-dir` keeps what EventBridge's wire clients were told, through SIGKILL, and forgets what a reset deleted. */
describe('EventBridge with serve --data-dir', function () {
  this.timeout(60_000);
  let dir: string;
  let server: ServeProcess | undefined;
  const clients: { destroy(): void }[] = [];

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-wire-events-'))));
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    if (server) await server.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    server = await startServe(['--data-dir', dir]);
    const events = new eb.EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const sqs = new s.SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    clients.push(events, sqs);
    return { events, sqs, url: server.url };
  }
  async function kill(): Promise<void> {
    const child = server!.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    server = undefined;
  }

  it('keeps buses, rules, targets, tags and policies acknowledged before a SIGKILL, and routes with them afterwards', async () => {
    let { events, sqs } = await start();
    await sqs.send(new s.CreateQueueCommand({ QueueName: 'kept-q' }));
    await events.send(new eb.CreateEventBusCommand({ Name: 'kept', Description: 'kept bus', Tags: [{ Key: 't', Value: '1' }] }));
    await events.send(new eb.PutPermissionCommand({ EventBusName: 'kept', Action: 'events:PutEvents', Principal: '111122223333', StatementId: 's1' }));
    await events.send(new eb.PutRuleCommand({ Name: 'kept-rule', EventBusName: 'kept', EventPattern: '{"source":["kept"]}', Description: 'r' }));
    await events.send(new eb.PutTargetsCommand({ Rule: 'kept-rule', EventBusName: 'kept', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:kept-q', InputPath: '$.detail' }] }));
    await events.send(new eb.PutRuleCommand({ Name: 'kept-schedule', ScheduleExpression: 'rate(1 day)', State: 'DISABLED' }));
    await events.send(new eb.DisableRuleCommand({ Name: 'kept-rule', EventBusName: 'kept' }));
    await events.send(new eb.EnableRuleCommand({ Name: 'kept-rule', EventBusName: 'kept' }));
    await kill();

    ({ events, sqs } = await start());
    const bus = await events.send(new eb.DescribeEventBusCommand({ Name: 'kept' }));
    assert.equal(bus.Description, 'kept bus');
    assert.deepEqual(JSON.parse(bus.Policy!).Statement.map((st: { Sid: string }) => st.Sid), ['s1']);
    assert.deepEqual((await events.send(new eb.ListTagsForResourceCommand({ ResourceARN: bus.Arn }))).Tags, [{ Key: 't', Value: '1' }]);
    const rule = await events.send(new eb.DescribeRuleCommand({ Name: 'kept-rule', EventBusName: 'kept' }));
    assert.deepEqual([rule.State, rule.EventPattern, rule.Description], ['ENABLED', '{"source":["kept"]}', 'r']);
    assert.deepEqual((await events.send(new eb.ListTargetsByRuleCommand({ Rule: 'kept-rule', EventBusName: 'kept' }))).Targets, [
      { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:kept-q', InputPath: '$.detail' },
    ]);
    assert.equal((await events.send(new eb.DescribeRuleCommand({ Name: 'kept-schedule' }))).State, 'DISABLED');

    await events.send(new eb.PutEventsCommand({ Entries: [{ EventBusName: 'kept', Source: 'kept', DetailType: 'd', Detail: '{"after":"restart"}' }] }));
    const { QueueUrl } = await sqs.send(new s.GetQueueUrlCommand({ QueueName: 'kept-q' }));
    const got = await sqs.send(new s.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    assert.equal(got.Messages?.[0]?.Body, '{"after":"restart"}');
  });

  it('forgets what POST /_eventyard/reset deleted, after a restart too', async () => {
    const first = await start();
    let events = first.events;
    await events.send(new eb.CreateEventBusCommand({ Name: 'gone' }));
    await events.send(new eb.PutRuleCommand({ Name: 'gone-rule', EventPattern: '{"source":["x"]}' }));
    await events.send(new eb.PutTargetsCommand({ Rule: 'gone-rule', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:none' }] }));
    await events.send(new eb.PutPermissionCommand({ Action: 'events:PutEvents', Principal: '*', StatementId: 'open' }));
    assert.equal((await raw(first.url, { method: 'POST', path: '/_eventyard/reset' })).status, 200);
    await server!.stop();
    server = undefined;

    ({ events } = await start());
    assert.deepEqual((await events.send(new eb.ListEventBusesCommand({}))).EventBuses!.map((b) => [b.Name, b.Policy]), [['default', undefined]]);
    assert.deepEqual((await events.send(new eb.ListRulesCommand({}))).Rules, []);
  });
});
