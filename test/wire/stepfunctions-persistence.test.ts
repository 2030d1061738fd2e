import assert from 'node:assert/strict';
import * as sfn from '@aws-sdk/client-sfn';
import * as s from '@aws-sdk/client-sqs';
import { credentials } from './support/clients';
import { dataDirDuringTests } from './support/serve';

/** `serve --data-dir` keeps a running execution through a SIGKILL: a Wait resumes, a task token still works. */
describe('Step Functions running executions with serve --data-dir', function () {
  this.timeout(60_000);
  const data = dataDirDuringTests('eventyard-wire-states-');
  const ROLE = 'arn:aws:iam::000000000000:role/sfn';

  async function start() {
    const server = await data.start();
    const states = data.track(new sfn.SFNClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    const sqs = data.track(new s.SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 }));
    return { states, sqs };
  }

  async function finished(states: sfn.SFNClient, executionArn: string): Promise<sfn.DescribeExecutionCommandOutput> {
    const end = Date.now() + 20_000;
    for (;;) {
      const d = await states.send(new sfn.DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING') return d;
      if (Date.now() > end) throw new Error(`${executionArn} still RUNNING`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('an execution in a Wait when serve was killed resumes and ends after the restart, its history whole', async () => {
    let { states } = await start();
    const definition = JSON.stringify({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { order: 'o-1' }, Next: 'Hold' },
        Hold: { Type: 'Wait', Seconds: 2, Next: 'Done' },
        Done: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { order: '{% $order %}' }, End: true },
      },
    });
    const { stateMachineArn } = await states.send(new sfn.CreateStateMachineCommand({ name: 'waits', definition, roleArn: ROLE }));
    const { executionArn } = await states.send(new sfn.StartExecutionCommand({ stateMachineArn, name: 'w' }));
    await data.kill();

    ({ states } = await start());
    const d = await finished(states, executionArn!);
    assert.equal(d.status, 'SUCCEEDED', d.cause);
    assert.equal(d.output, '{"order":"o-1"}');
    const { events } = await states.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    assert.deepEqual(
      events!.map((e) => [e.id, e.previousEventId, e.type]),
      [
        [1, 0, 'ExecutionStarted'],
        [2, 0, 'PassStateEntered'],
        [3, 2, 'PassStateExited'],
        [4, 3, 'WaitStateEntered'],
        [5, 4, 'WaitStateExited'],
        [6, 5, 'PassStateEntered'],
        [7, 6, 'PassStateExited'],
        [8, 7, 'ExecutionSucceeded'],
      ],
    );
  });

  it('a .waitForTaskToken task waiting when serve was killed takes SendTaskSuccess after the restart', async () => {
    let { states, sqs } = await start();
    const { QueueUrl } = await sqs.send(new s.CreateQueueCommand({ QueueName: 'approvals' }));
    const definition = JSON.stringify({
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token' } },
          ResultPath: '$.approval',
          End: true,
        },
      },
    });
    const { stateMachineArn } = await states.send(new sfn.CreateStateMachineCommand({ name: 'approve', definition, roleArn: ROLE }));
    const { executionArn } = await states.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{"order":7}' }));
    const got = await sqs.send(new s.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    const { token } = JSON.parse(got.Messages![0].Body!) as { token: string };
    await data.kill();

    ({ states, sqs } = await start());
    assert.equal((await states.send(new sfn.DescribeExecutionCommand({ executionArn }))).status, 'RUNNING');
    await states.send(new sfn.SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const d = await finished(states, executionArn!);
    assert.equal(d.status, 'SUCCEEDED', d.cause);
    assert.deepEqual(JSON.parse(d.output!), { order: 7, approval: { approved: true } });
  });
});
