import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sfn from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { credentials, refused } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

/**
 * Step Functions over JSON 1.0 with @aws-sdk/client-sfn, against the answers recorded from AWS in
 * test/fixtures/aws-reference/stepfunctions/snapshots/test_sfn_api.snapshot.json (cited by test name;
 * placeholders filled with this test's names and the broker's account 000000000000).
 */
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn`;
const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
const PASS = JSON.stringify({ Comment: 'BASE_PASS_RESULT', StartAt: 'State_1', States: { State_1: { Type: 'Pass', Result: { Arg1: 'argument1' }, End: true } } });
const WAIT = JSON.stringify({ StartAt: 'State_1', States: { State_1: { Type: 'Wait', Seconds: 3600, End: true } } });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Step Functions over JSON 1.0 with @aws-sdk/client-sfn', function () {
  this.timeout(90_000);
  let server: ServeProcess;
  let client: sfn.SFNClient;
  let sqs: SQSClient;
  let dir: string;

  before(async () => {
    // A local function the end-to-end machine calls: it doubles the order's amount.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-sfn-'));
    fs.writeFileSync(path.join(dir, 'price.cjs'), 'exports.handler = async (event) => ({ ...event, amount: event.amount * 2 });\n');
    fs.writeFileSync(path.join(dir, 'eventyard.yaml'), ['functions:', '  - name: price', '    module: price.cjs', ''].join('\n'));
    server = await startServe(['--config', path.join(dir, 'eventyard.yaml')]);
    // StartSyncExecution's endpoint has a host prefix (`sync-`): a local endpoint has no such host name.
    client = new sfn.SFNClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1, disableHostPrefix: true });
    sqs = new SQSClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
  });
  after(async () => {
    client?.destroy();
    sqs?.destroy();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const create = (name: string, definition = PASS, type?: 'STANDARD' | 'EXPRESS') =>
    client.send(new sfn.CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...(type ? { type } : {}) }));
  const finished = (executionArn: string) =>
    until(
      () => client.send(new sfn.DescribeExecutionCommand({ executionArn })),
      (d) => d.status !== 'RUNNING',
      'the execution to end',
    );

  it('creates, describes, lists, updates and deletes state machines (test_create_delete_valid_sm, test_create_update_*)', async () => {
    const created = await create('sm-crud');
    assert.equal(created.stateMachineArn, machineArn('sm-crud'));
    assert.ok(created.creationDate instanceof Date);
    // an exact duplicate answers with the same machine (test_create_exact_duplicate_sm)
    assert.equal((await create('sm-crud')).stateMachineArn, created.stateMachineArn);
    const described = await client.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    assert.deepEqual(
      { ...described, creationDate: undefined, $metadata: undefined },
      {
        stateMachineArn: machineArn('sm-crud'),
        name: 'sm-crud',
        status: 'ACTIVE',
        definition: PASS,
        roleArn: ROLE,
        type: 'STANDARD',
        creationDate: undefined,
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
        $metadata: undefined,
      },
    );
    const listed = await client.send(new sfn.ListStateMachinesCommand({}));
    assert.ok(listed.stateMachines?.some((m) => m.name === 'sm-crud' && m.type === 'STANDARD'));
    const updated = await client.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: WAIT }));
    assert.ok(updated.updateDate instanceof Date);
    assert.equal((await client.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).definition, WAIT);
    await client.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    // deleting again is not an error (test_delete_nonexistent_sm)
    await client.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await refused(
      client.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
      'StateMachineDoesNotExist',
      `State Machine Does Not Exist: '${machineArn('sm-crud')}'`,
    );
  });

  it('answers bad requests with AWS errors (test_sfn_api.snapshot.json)', async () => {
    await refused(
      create('sm-bad', JSON.stringify({ StartAt: 'State_1' })),
      'InvalidDefinition',
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
    );
    await create('sm-dup');
    await refused(create('sm-dup', WAIT), 'StateMachineAlreadyExists', `State Machine Already Exists: '${machineArn('sm-dup')}'`);
    await refused(client.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: 'not_a_valid_arn' })), 'InvalidArn', "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
    await refused(
      client.send(new sfn.ListExecutionsCommand({ stateMachineArn: 'invalid_state_machine_arn' })),
      'InvalidArn',
      "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
    );
    await refused(
      client.send(new sfn.ListExecutionsCommand({ stateMachineArn: machineArn('sm-nonexistent') })),
      'StateMachineDoesNotExist',
      `State Machine Does Not Exist: '${machineArn('sm-nonexistent')}'`,
    );
    const gone = `arn:aws:states:${REGION}:${ACCOUNT}:execution:sm-dup:nope`;
    await refused(client.send(new sfn.DescribeExecutionCommand({ executionArn: gone })), 'ExecutionDoesNotExist', `Execution Does Not Exist: '${gone}'`);
    await refused(client.send(new sfn.GetExecutionHistoryCommand({ executionArn: gone })), 'ExecutionDoesNotExist', `Execution Does Not Exist: '${gone}'`);
    await refused(
      client.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: machineArn('sm-dup') })),
      'MissingRequiredParameter',
      'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
    );
    await refused(
      client.send(new sfn.ListStateMachinesCommand({ maxResults: 1001 })),
      'ValidationException',
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    await refused(
      client.send(new sfn.ListExecutionsCommand({ stateMachineArn: machineArn('sm-dup'), statusFilter: 'succeeded' as sfn.ExecutionStatus })),
      'ValidationException',
      "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    );
    // test_invalid_start_execution_input
    const start = (input: string) => client.send(new sfn.StartExecutionCommand({ stateMachineArn: machineArn('sm-dup'), input }));
    await refused(start('not json'), 'InvalidExecutionInput', "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'");
    await refused(start("{'not': 'json'}"), 'InvalidExecutionInput', "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'");
    await refused(start(''), 'InvalidExecutionInput', "Invalid State Machine Execution Input: 'Invalid execution input.'");
    // test_start_sync_execution: STANDARD machines have no synchronous executions
    await refused(client.send(new sfn.StartSyncExecutionCommand({ stateMachineArn: machineArn('sm-dup') })), 'StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  });

  it('runs an execution and gives its description and history (test_describe_execution, test_get_execution_history_reversed)', async () => {
    const { stateMachineArn } = await create('sm-run');
    const { executionArn, startDate } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, name: 'exec-1', input: '{}' }));
    assert.equal(executionArn, `arn:aws:states:${REGION}:${ACCOUNT}:execution:sm-run:exec-1`);
    assert.ok(startDate instanceof Date);
    const described = await finished(executionArn!);
    assert.equal(described.status, 'SUCCEEDED');
    assert.equal(described.output, '{"Arg1":"argument1"}');
    assert.deepEqual([described.redriveStatus, described.redriveStatusReason], ['NOT_REDRIVABLE', 'Execution is SUCCEEDED and cannot be redriven']);
    // the same name and input while it runs answers with it; once ended, the name is taken (test_start_execution_idempotent)
    await refused(
      client.send(new sfn.StartExecutionCommand({ stateMachineArn, name: 'exec-1', input: '{}' })),
      'ExecutionAlreadyExists',
      `Execution Already Exists: '${executionArn}'`,
    );
    const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    assert.deepEqual(
      events?.map((e) => [e.id, e.previousEventId, e.type]),
      [
        [1, 0, 'ExecutionStarted'],
        [2, 0, 'PassStateEntered'],
        [3, 2, 'PassStateExited'],
        [4, 3, 'ExecutionSucceeded'],
      ],
    );
    assert.deepEqual(events?.[0].executionStartedEventDetails, { input: '{}', inputDetails: { truncated: false }, roleArn: ROLE });
    assert.deepEqual(events?.[2].stateExitedEventDetails, { name: 'State_1', output: '{"Arg1":"argument1"}', outputDetails: { truncated: false } });
    const reversed = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    assert.deepEqual(reversed.events?.map((e) => e.id), [4, 3, 2, 1]);
    const first = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    assert.deepEqual(first.events?.map((e) => e.id), [1, 2, 3]);
    const rest = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: first.nextToken }));
    assert.deepEqual(rest.events?.map((e) => e.id), [4]);
    assert.equal(rest.nextToken, undefined);
    const listed = await client.send(new sfn.ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }));
    assert.deepEqual(listed.executions?.map((e) => [e.name, e.status]), [['exec-1', 'SUCCEEDED']]);
    const forExecution = await client.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn }));
    assert.equal(forExecution.definition, PASS);
  });

  it('stops a waiting execution (test_stop_execution)', async () => {
    const { stateMachineArn } = await create('sm-stop', WAIT);
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn }));
    await until(() => client.send(new sfn.GetExecutionHistoryCommand({ executionArn })), (h) => (h.events?.length ?? 0) >= 2, 'the Wait state');
    const { stopDate } = await client.send(new sfn.StopExecutionCommand({ executionArn }));
    assert.ok(stopDate instanceof Date);
    assert.equal((await client.send(new sfn.DescribeExecutionCommand({ executionArn }))).status, 'ABORTED');
    const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    assert.deepEqual(events?.map((e) => [e.id, e.previousEventId, e.type]), [
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'WaitStateEntered'],
      [3, 0, 'ExecutionAborted'],
    ]);
  });

  it('runs EXPRESS machines synchronously (StartSyncExecution)', async () => {
    const { stateMachineArn } = await create('sm-express', JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } }), 'EXPRESS');
    const answer = await client.send(new sfn.StartSyncExecutionCommand({ stateMachineArn, input: '{"a":2,"b":3}' }));
    assert.equal(answer.status, 'SUCCEEDED');
    assert.equal(answer.output, '{"sum":5}');
    assert.match(answer.executionArn!, new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:sm-express:`));
  });

  it('tags state machines', async () => {
    const { stateMachineArn } = await create('sm-tags');
    await client.send(new sfn.TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'team', value: 'a' }, { key: 'env', value: 'dev' }] }));
    await client.send(new sfn.UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['env'] }));
    assert.deepEqual((await client.send(new sfn.ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags, [{ key: 'team', value: 'a' }]);
  });

  it('end to end: a machine calls a local function, sends the result to a queue and waits for the app to answer', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sfn-orders' }));
    const definition = JSON.stringify({
      StartAt: 'Price',
      States: {
        Price: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'price', 'Payload.$': '$' }, ResultSelector: { 'order.$': '$.Payload' }, Next: 'Notify' },
        Notify: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, 'MessageBody.$': '$.order' }, ResultPath: null, Next: 'Approve' },
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
          ResultPath: '$.approval',
          End: true,
        },
      },
    });
    const { stateMachineArn } = await create('sm-orders', definition);
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{"id":"o-1","amount":21}' }));
    const receive = async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      const message = Messages?.[0];
      assert.ok(message, 'a message');
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      return JSON.parse(message.Body!) as Record<string, unknown>;
    };
    assert.deepEqual(await receive(), { id: 'o-1', amount: 42 });
    const ask = (await until(receive, () => true, 'the approval request')) as { token: string; order: unknown };
    assert.deepEqual(ask.order, { id: 'o-1', amount: 42 });
    await client.send(new sfn.SendTaskSuccessCommand({ taskToken: ask.token, output: '{"approved":true}' }));
    const described = await finished(executionArn!);
    assert.equal(described.status, 'SUCCEEDED', described.cause);
    assert.deepEqual(JSON.parse(described.output!), { order: { id: 'o-1', amount: 42 }, approval: { approved: true } });
    const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    assert.deepEqual(
      events?.map((e) => e.type),
      [
        'ExecutionStarted',
        'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
        'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
        'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited',
        'ExecutionSucceeded',
      ],
    );
    await refused(client.send(new sfn.SendTaskSuccessCommand({ taskToken: ask.token, output: '{}' })), 'TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  });

  it('runs JSONata states with variables, a nested .sync:2 execution, and redrives a failed execution', async () => {
    const child = await create('sdk-child', JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Echo', States: { Echo: { Type: 'Pass', Output: { got: '{% $states.input.n %}' }, End: true } } }));
    const parent = JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { n: '{% $states.input.n %}' }, Next: 'Nested' },
        Nested: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Arguments: { StateMachineArn: child.stateMachineArn, Input: { n: '{% $n * 2 %}' } }, Output: '{% $states.result.Output %}', Next: 'Gate' },
        Gate: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.got > 100 %}', Next: 'Big' }] },
        Big: { Type: 'Succeed' },
      },
    });
    const { stateMachineArn } = await create('sdk-parent', parent);
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{"n":21}' }));
    const failed = await finished(executionArn!);
    assert.deepEqual([failed.status, failed.error], ['FAILED', 'States.NoChoiceMatched']);
    assert.equal(failed.redriveStatus, 'REDRIVABLE');
    const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    const set = events!.find((e) => e.type === 'PassStateExited')!;
    assert.deepEqual(set.stateExitedEventDetails?.assignedVariables, { n: '21' });
    assert.equal(events!.find((e) => e.type === 'TaskSucceeded')!.taskSucceededEventDetails?.resource, 'startExecution.sync:2');

    const { redriveDate } = await client.send(new sfn.RedriveExecutionCommand({ executionArn }));
    assert.ok(redriveDate instanceof Date);
    const again = await finished(executionArn!);
    assert.deepEqual([again.status, again.redriveCount], ['FAILED', 1]);
    await refused(client.send(new sfn.RedriveExecutionCommand({ executionArn: executionArn!.replace(/:[^:]+$/, ':none') })), 'ExecutionDoesNotExist', /^Execution Does Not Exist: 'arn:aws:states:us-east-1:000000000000:execution:sdk-parent:none'$/);
  });
  it('TestState runs one state, a real local function included, with its data flow at DEBUG (test_test_state_scenarios)', async () => {
    const task = { Type: 'Task', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:price`, InputPath: '$.order', ResultPath: '$.priced', End: true };
    const input = JSON.stringify({ order: { amount: 21 } });
    const out = await client.send(new sfn.TestStateCommand({ definition: JSON.stringify(task), roleArn: ROLE, input, inspectionLevel: 'DEBUG' }));
    assert.equal(out.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(out.output!), { order: { amount: 21 }, priced: { amount: 42 } });
    assert.deepEqual(out.inspectionData?.input, input);
    assert.deepEqual(out.inspectionData?.afterInputPath, '{"amount":21}');
    assert.deepEqual(out.inspectionData?.result, '{"amount":42}');
    // INFO: no inspection data
    const info = await client.send(new sfn.TestStateCommand({ definition: JSON.stringify(task), roleArn: ROLE, input }));
    assert.equal(info.inspectionData, undefined);
    // test_base_lambda_service_task_state_no_role_arn_validation
    await refused(client.send(new sfn.TestStateCommand({ definition: JSON.stringify(task), input, inspectionLevel: 'TRACE', revealSecrets: true })), 'ValidationException', 'RoleArn must be specified when testing a Task state');
    // a mocked failure caught by the state's Catch (test_state_task_catch_error)
    const caught = await client.send(
      new sfn.TestStateCommand({
        definition: JSON.stringify({ ...task, Catch: [{ ErrorEquals: ['MockException'], ResultPath: '$.error', Next: 'HandleMockError' }] }),
        input,
        inspectionLevel: 'TRACE',
        mock: { errorOutput: { error: 'MockException', cause: 'Mock the cause of the error.' } },
      }),
    );
    assert.deepEqual([caught.status, caught.error, caught.cause, caught.nextState], ['CAUGHT_ERROR', 'MockException', 'Mock the cause of the error.', 'HandleMockError']);
    assert.deepEqual(caught.inspectionData?.errorDetails, { catchIndex: 0 });
  });
  it('versions and aliases: publish, run a version and an alias, list them, delete them (test_sfn_api_versioning, test_sfn_api_aliasing)', async () => {
    const created = await client.send(new sfn.CreateStateMachineCommand({ name: 'sdk-versions', definition: PASS, roleArn: ROLE, publish: true, versionDescription: 'first' }));
    const arn = machineArn('sdk-versions');
    assert.equal(created.stateMachineVersionArn, `${arn}:1`);
    const updated = await client.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: arn, definition: WAIT, publish: true }));
    assert.equal(updated.stateMachineVersionArn, `${arn}:2`);
    const versions = await client.send(new sfn.ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    assert.deepEqual(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn), [`${arn}:2`, `${arn}:1`]);
    const v1 = await client.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }));
    assert.deepEqual([v1.stateMachineArn, v1.definition, v1.description], [`${arn}:1`, PASS, 'first']);
    const { stateMachineAliasArn } = await client.send(new sfn.CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 100 }] }));
    assert.equal(stateMachineAliasArn, `${arn}:live`);
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: stateMachineAliasArn, name: 'via-alias' }));
    const done = await finished(executionArn!);
    assert.deepEqual([done.status, done.output, done.stateMachineArn, done.stateMachineVersionArn, done.stateMachineAliasArn], ['SUCCEEDED', '{"Arg1":"argument1"}', arn, `${arn}:1`, stateMachineAliasArn]);
    const listed = await client.send(new sfn.ListExecutionsCommand({ stateMachineArn: `${arn}:1` }));
    assert.deepEqual(listed.executions?.map((e) => [e.name, e.stateMachineAliasArn]), [['via-alias', stateMachineAliasArn]]);
    await refused(client.send(new sfn.DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` })).catch((e: { $metadata: { httpStatusCode: number } }) => {
      assert.equal(e.$metadata.httpStatusCode, 409);
      e.$metadata.httpStatusCode = 400; // refused() checks 400; AWS answers this conflict with 409
      throw e;
    }), 'ConflictException', 'Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]');
    await refused(
      client.send(new sfn.CreateStateMachineAliasCommand({ name: 'bad', routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 70 }, { stateMachineVersionArn: `${arn}:2`, weight: 29 }] })),
      'ValidationException',
      'Sum of routing configuration weights must equal 100. Received: [70, 29]',
    );
    await client.send(new sfn.DeleteStateMachineAliasCommand({ stateMachineAliasArn }));
    await client.send(new sfn.DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` }));
    const after = await client.send(new sfn.ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    assert.deepEqual(after.stateMachineVersions?.map((v) => v.stateMachineVersionArn), [`${arn}:2`]);
  });
});
