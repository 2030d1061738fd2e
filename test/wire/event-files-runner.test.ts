import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseEventFile } from '../../src/event-files/parse';
import { runEventFile } from '../../src/event-files/runner';
import type { EventFile } from '../../src/event-files/model';
import { root, startServe, type ServeProcess } from './support/serve';

/** The runner module the editor and the CLI share, against a real `eventyard serve`. */
describe('event-file runner against eventyard serve', function () {
  this.timeout(60_000);
  let dir: string;
  let server: ServeProcess;
  let sqs: SQSClient;

  const file = (text: string): EventFile => {
    const parsed = parseEventFile(text);
    assert.deepEqual(parsed.issues, []);
    return parsed.file!;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-runner-'));
    fs.copyFileSync(path.join(root, 'test/fixtures/functions/ok.cjs'), path.join(dir, 'ok.cjs'));
    fs.writeFileSync(path.join(dir, 'eventyard.yaml'), [
      'queues:', '  - name: jobs', '  - name: notes',
      'functions:', '  - name: worker', '    module: ok.cjs', '    events:', '      - { type: sqs, queue: jobs }', '',
    ].join('\n'));
    server = await startServe(['--config', path.join(dir, 'eventyard.yaml')]);
    sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  after(async () => {
    sqs.destroy();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a function invoked by what a step sent passes "invoked"; the event it got is matched by "with"', async () => {
    const result = await runEventFile('jobs', file(`steps:
  - name: job
    send: { queue: jobs, body: { task: resize } }
  - name: ran
    expect: { invoked: { function: worker, with: { Records: [ { body: '{"task":"resize"}' } ] }, within: 10s } }
  - name: ran-otherwise
    expect: { invoked: { function: worker, with: { Records: [ { body: nope } ] }, within: 200ms } }
`), { endpoint: server.url });
    assert.deepEqual(result.steps.map((s) => s.status), ['passed', 'passed', 'failed']);
    assert.match(result.steps[2].message!, /^Expected worker to be invoked with .* within 200 ms; it was invoked 1 time, but in the closest, event\.Records\[0\]\.body is "\{\\"task\\":\\"resize\\"\}", expected "nope"\.$/);
    assert.equal(result.steps[0].output?.MessageId, (result.steps[0].output?.MessageIds as string[])[0]);
  });

  it('a whole run counts only messages that arrived after it began; running one step looks at what is there', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'notes' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old note' }));
    const notes = file(`steps:
  - expect: { message: { queue: notes, matching: { body: old note }, within: 200ms } }
`);
    const whole = await runEventFile('notes', notes, { endpoint: server.url });
    assert.equal(whole.steps[0].status, 'failed');
    assert.match(whole.steps[0].message!, /No new message matching \{"body":"old note"\} reached notes within 200 ms: no new message arrived at all\./);
    const one = await runEventFile('notes', notes, { endpoint: server.url, only: 0 });
    assert.equal(one.steps[0].status, 'passed');
  });

  it('reports each step as it finishes and stops waiting when cancelled', async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const run = runEventFile('slow', file('steps:\n  - name: long\n    wait: 30s\n  - name: next\n    wait: 1ms\n'), {
      endpoint: server.url,
      signal: abort.signal,
      onStep: (s) => seen.push(`${s.label}:${s.status}`),
    });
    setTimeout(() => abort.abort(), 200);
    const result = await run;
    assert.ok(Date.now() - started < 5000, 'the wait ended on cancel');
    assert.deepEqual(seen, ['long:failed', 'next:skipped']);
    assert.equal(result.steps[0].message, 'The run was cancelled.');
    assert.equal(result.passed, false);
  });

  it('a variable it cannot fill fails the step with the reason, and names a missing environment for every step', async () => {
    const result = await runEventFile('vars', file('steps:\n  - send: { queue: notes, body: "${vars.missing}" }\n'), { endpoint: server.url });
    assert.equal(result.steps[0].message, '${vars.missing} is not defined; the file has no vars.');
    const env = await runEventFile('env', file('environments: { a: {} }\nsteps:\n  - wait: 1ms\n  - wait: 1ms\n'), { endpoint: server.url, environment: 'b' });
    assert.deepEqual(env.steps.map((s) => s.message), ['The file has no environment "b"; it has a.', 'The file has no environment "b"; it has a.']);
  });

  it('starts a state machine by name and checks how its execution ended and what it output', async () => {
    const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const roleArn = 'arn:aws:iam::000000000000:role/runner';
      await sfn.send(new CreateStateMachineCommand({ name: 'greet', roleArn, definition: JSON.stringify({
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Refuse' }], Default: 'Greet' },
          Greet: { Type: 'Pass', Parameters: { 'text.$': "States.Format('hello {}', $.who)", 'total.$': '$.total' }, End: true },
          Refuse: { Type: 'Fail', Error: 'TooBig', Cause: 'over 100' },
        },
      }) }));
      const result = await runEventFile('sfn', file([
        'steps:',
        '  - name: small',
        '    startExecution: { stateMachine: greet, input: { who: ada, total: 5 } }',
        '  - expect: { execution: { arn: "${steps.small.ExecutionArn}", output: { text: hello ada } } }',
        '  - expect: { execution: { arn: "${steps.small.ExecutionArn}", output: { text: hello bob } } }',
        '  - name: big',
        '    startExecution: { stateMachine: greet, input: { who: bob, total: 500 }, name: big-order }',
        '  - expect: { execution: { arn: "${steps.big.ExecutionArn}", status: FAILED } }',
        '  - expect: { execution: { arn: "${steps.big.ExecutionArn}" } }',
        '  - startExecution: { stateMachine: no-such-machine }',
        '',
      ].join('\n')), { endpoint: server.url });
      assert.deepEqual(result.steps.map((s) => [s.status, s.message]), [
        ['passed', undefined],
        ['passed', undefined],
        ['failed', `Execution ${String(result.steps[0].output!.ExecutionArn).split(':').pop()} ended SUCCEEDED, but output.text is "hello ada", expected "hello bob".`],
        ['passed', undefined],
        ['passed', undefined],
        ['failed', 'Execution big-order was to end SUCCEEDED, but it ended FAILED (TooBig: over 100).'],
        ['failed', 'State machine no-such-machine does not exist.'],
      ]);
      assert.match(String(result.steps[3].output!.ExecutionArn), /^arn:aws:states:us-east-1:000000000000:execution:greet:big-order$/);
    } finally {
      sfn.destroy();
    }
  });
});
