import assert from 'node:assert/strict';
import path from 'node:path';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { InspectorPage } from './inspector-page';
import { sfnClient, sqsClient } from './support/aws';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

describe('inspector: state machine graph', () => {
  it('colours an execution\'s states as they run: running, then succeeded, caught after a retry, failed', async () => {
    const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const name = `e2e-orders-${id}`;
    const sqs = sqsClient();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `e2e-approvals-${id}` }));
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token' } }, Next: 'Charge' },
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: `${QueueUrl}-missing`, MessageBody: 'x' },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refund' }],
          Next: 'Shipped',
        },
        Shipped: { Type: 'Succeed' },
        Refund: { Type: 'Pass', Next: 'Refused' },
        Refused: { Type: 'Fail', Error: 'Refused', Cause: '<b>not markup</b>' },
      },
    };
    const sfn = await sfnClient();
    await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/e2e' }));

    const inspector = await InspectorPage.open(name);
    const state = (n: string) => inspector.frame.locator(`g.state[data-state="${n}"]`);
    await state('Approve').waitFor({ timeout: 30000 });
    assert.equal(await state('Approve').getAttribute('data-status'), null, 'no execution yet: no colours');

    await inspector.frame.locator('vscode-textarea[data-testid="sfn-input"] textarea').fill('{"orderId": 7}');
    await inspector.byTestId('sfn-start').click();
    await inspector.frame.locator('g.state[data-state="Approve"][data-status="running"]').waitFor({ timeout: 15000 });
    const stroke = (n: string) => state(n).locator('rect.box').evaluate((r) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(r).stroke);
    const running = await stroke('Approve');

    await inspector.byTestId('sfn-task-success').click();
    await inspector.frame.locator('g.state[data-state="Refused"][data-status="failed"]').waitFor({ timeout: 20000 });
    assert.equal(await state('Approve').getAttribute('data-status'), 'succeeded');
    assert.equal(await state('Charge').getAttribute('data-status'), 'caught');
    assert.match((await state('Charge').getAttribute('aria-label'))!, /retried 1 time/);
    assert.equal(await state('Refund').getAttribute('data-status'), 'succeeded');
    assert.equal(await state('Shipped').getAttribute('data-status'), null, 'the branch not taken stays uncoloured');
    assert.notEqual(await stroke('Approve'), running, 'succeeded is drawn in another colour than running');
    assert.notEqual(await stroke('Charge'), await stroke('Refused'), 'caught is drawn in another colour than failed');
    assert.equal(await inspector.byTestId('sfn-status').innerText(), 'FAILED');

    await state('Approve').click();
    const detail = inspector.byTestId('sfn-state-detail');
    await detail.waitFor({ timeout: 5000 });
    assert.match(await inspector.byTestId('sfn-state-input').innerText(), /"orderId": 7/);
    assert.match(await inspector.frame.locator('p.error').first().innerText(), /<b>not markup<\/b>/, 'the cause is shown as text');
    if (results) await workbench.screenshot(path.join(results, 'inspector-state-machine.png'));
  });
});
