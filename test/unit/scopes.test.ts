import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../src/broker/broker';
import { FakeClock } from '../../src/broker/clock';
import { queueUrlRegion } from '../../src/broker/scope';

const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

/** One set of engines per (account, region): src/broker/scope.ts and Broker.scope. */
describe('broker scopes (accounts and regions)', () => {
  let broker: Broker;
  afterEach(() => broker?.dispose());

  it('the default scope is the broker\'s own services; another is made on first use with its identity in every ARN', () => {
    broker = new Broker({ clock: new FakeClock() });
    assert.equal(broker.scope('000000000000', 'us-east-1'), broker.defaultScope);
    assert.equal(broker.defaultScope.sqs, broker.sqs);
    assert.equal(broker.existingScope('111111111111', 'eu-west-1'), undefined);
    const other = broker.scope('111111111111', 'eu-west-1');
    assert.equal(broker.existingScope('111111111111', 'eu-west-1'), other);
    assert.equal(broker.scope('111111111111', 'eu-west-1'), other, 'made once');
    assert.equal(other.sns.operations.CreateTopic({ Name: 't' }).TopicArn, 'arn:aws:sns:eu-west-1:111111111111:t');
    assert.equal(broker.sns.operations.CreateTopic({ Name: 't' }).TopicArn, 'arn:aws:sns:us-east-1:000000000000:t');
    assert.deepEqual(other.sns.operations.ListTopics({}).Topics, [{ TopicArn: 'arn:aws:sns:eu-west-1:111111111111:t' }]);
    assert.deepEqual(broker.scopes(), [broker.defaultScope, other]);
  });

  it('EventBridge and Step Functions reach a queue, a topic and a state machine of another scope by their ARN', async () => {
    broker = new Broker({ clock: new FakeClock() });
    const west = broker.scope('222222222222', 'us-west-2');
    const { QueueUrl } = west.sqs.operations.CreateQueue({ QueueName: 'q' });
    const queueArn = 'arn:aws:sqs:us-west-2:222222222222:q';
    const { stateMachineArn } = west.stepfunctions.operations.CreateStateMachine({ name: 'm', definition: pass, roleArn: 'arn:aws:iam::222222222222:role/r' });
    const events = broker.eventbridge.operations;
    events.PutRule({ Name: 'r', EventPattern: '{"source":["shop"]}' });
    events.PutTargets({ Rule: 'r', Targets: [{ Id: 'q', Arn: queueArn }, { Id: 'm', Arn: stateMachineArn }] });
    events.PutEvents({ Entries: [{ Source: 'shop', DetailType: 'order', Detail: '{"n":1}' }] });
    await broker.eventbridge.settled();
    const received = await west.sqs.operations.ReceiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    assert.equal(JSON.parse(received.Messages![0].Body).source, 'shop');
    assert.equal(west.stepfunctions.operations.ListExecutions({ stateMachineArn }).executions.length, 1);

    const task = JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'http://127.0.0.1:4566/queue/us-west-2/222222222222/q', MessageBody: 'from a task' }, End: true } } });
    const machine = broker.stepfunctions.operations.CreateStateMachine({ name: 'sender', definition: task, roleArn: 'arn:aws:iam::000000000000:role/r' });
    broker.stepfunctions.operations.StartExecution({ stateMachineArn: machine.stateMachineArn });
    await new Promise((resolve) => setImmediate(resolve));
    const fromTask = await west.sqs.operations.ReceiveMessage({ QueueUrl });
    assert.equal(fromTask.Messages?.[0].Body, 'from a task');
  });

  it('a target in a scope nobody used is answered by the sender\'s own scope, as a missing resource', async () => {
    broker = new Broker({ clock: new FakeClock() });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:ap-south-1:999999999999:nowhere' });
    broker.sns.operations.Publish({ TopicArn, Message: 'lost' });
    await broker.sns.settled();
    assert.equal(broker.existingScope('999999999999', 'ap-south-1'), undefined, 'delivering made no scope');
  });

  it('reads the region of a queue URL from AWS\'s host or the path-style form', () => {
    assert.equal(queueUrlRegion('https://sqs.eu-west-1.amazonaws.com/111111111111/q'), 'eu-west-1');
    assert.equal(queueUrlRegion('http://127.0.0.1:4566/queue/us-west-2/111111111111/q.fifo'), 'us-west-2');
    assert.equal(queueUrlRegion('http://127.0.0.1:4566/111111111111/q'), undefined);
  });

  it('keeps each scope in its own folder of the data folder and reopens it at start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-scopes-unit-'));
    try {
      const clock = new FakeClock();
      broker = new Broker({ clock, persistence: { dataDir } });
      broker.scope('111111111111', 'eu-west-1').sqs.operations.CreateQueue({ QueueName: 'kept' });
      broker.sqs.operations.CreateQueue({ QueueName: 'default' });
      await broker.close();
      assert.ok(fs.existsSync(path.join(dataDir, 'scopes', '111111111111', 'eu-west-1')));
      broker = new Broker({ clock, persistence: { dataDir } });
      const reopened = broker.existingScope('111111111111', 'eu-west-1');
      assert.ok(reopened, 'the scope is back without a request');
      assert.deepEqual(reopened.sqs.operations.ListQueues({}).QueueUrls, ['http://127.0.0.1:4566/111111111111/kept']);
      assert.deepEqual(broker.sqs.operations.ListQueues({}).QueueUrls, ['http://127.0.0.1:4566/000000000000/default']);
      await broker.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
