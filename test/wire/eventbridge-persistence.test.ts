import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as eb from '@aws-sdk/client-eventbridge';
import * as s from '@aws-sdk/client-sqs';
import { credentials } from './support/clients';
import { raw } from './support/raw';
import { dataDirDuringTests } from './support/serve';

/** `serve --data-dir` keeps what EventBridge's wire clients were told, through SIGKILL, and forgets what a reset deleted. */
describe('EventBridge with serve --data-dir', function () {
  this.timeout(60_000);
  const data = dataDirDuringTests('eventyard-wire-events-');

  async function start() {
    const server = await data.start();
    const events = data.track(new eb.EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    const sqs = data.track(new s.SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    return { events, sqs, url: server.url };
  }
  const kill = () => data.kill();

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
    await data.stop();

    ({ events } = await start());
    assert.deepEqual((await events.send(new eb.ListEventBusesCommand({}))).EventBuses!.map((b) => [b.Name, b.Policy]), [['default', undefined]]);
    assert.deepEqual((await events.send(new eb.ListRulesCommand({}))).Rules, []);
  });

  it('keeps connections (with their secrets, to deliver after the restart) and API destinations through a SIGKILL, and forgets them after a reset', async () => {
    const received: { url: string; authorization?: string; body: string }[] = [];
    const endpoint = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url!, authorization: req.headers.authorization, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/kept`;
    try {
      let { events, url } = await start();
      const { ConnectionArn } = await events.send(
        new eb.CreateConnectionCommand({ Name: 'kept-conn', Description: 'c', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'kept-pass' } } }),
      );
      const { ApiDestinationArn } = await events.send(
        new eb.CreateApiDestinationCommand({ Name: 'kept-dest', ConnectionArn, InvocationEndpoint: target, HttpMethod: 'POST', InvocationRateLimitPerSecond: 5 }),
      );
      await events.send(new eb.PutRuleCommand({ Name: 'kept-api', EventPattern: '{"source":["api"]}' }));
      await events.send(new eb.PutTargetsCommand({ Rule: 'kept-api', Targets: [{ Id: 'api', Arn: ApiDestinationArn }] }));
      await kill();

      ({ events, url } = await start());
      const c = await events.send(new eb.DescribeConnectionCommand({ Name: 'kept-conn' }));
      assert.deepEqual([c.ConnectionArn, c.ConnectionState, c.Description, c.AuthParameters], [ConnectionArn, 'AUTHORIZED', 'c', { BasicAuthParameters: { Username: 'u' } }]);
      const d = await events.send(new eb.DescribeApiDestinationCommand({ Name: 'kept-dest' }));
      assert.deepEqual([d.ApiDestinationArn, d.InvocationEndpoint, d.InvocationRateLimitPerSecond, d.ApiDestinationState], [ApiDestinationArn, target, 5, 'ACTIVE']);
      await events.send(new eb.PutEventsCommand({ Entries: [{ Source: 'api', DetailType: 'd', Detail: '{"after":"restart"}' }] }));
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(received.length, 1);
      assert.equal(received[0].authorization, `Basic ${Buffer.from('u:kept-pass').toString('base64')}`);
      assert.deepEqual(JSON.parse(received[0].body).detail, { after: 'restart' });

      assert.equal((await raw(url, { method: 'POST', path: '/_eventyard/reset' })).status, 200);
      await data.stop();
      ({ events } = await start());
      assert.deepEqual((await events.send(new eb.ListConnectionsCommand({}))).Connections, []);
      assert.deepEqual((await events.send(new eb.ListApiDestinationsCommand({}))).ApiDestinations, []);
    } finally {
      await new Promise((resolve) => endpoint.close(resolve));
    }
  });
});
