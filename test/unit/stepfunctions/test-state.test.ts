import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';

/**
 * TestState against AWS's answers as recorded in LocalStack's
 * tests/aws/services/stepfunctions/v2/test_state/test_test_state_scenarios.snapshot.json (AWS, 2025-11),
 * cited by test name; values there are JSON, here the JSON text the API carries.
 */
describe('Step Functions TestState', () => {
  const role = 'arn:aws:iam::000000000000:role/sfn';
  let broker: Broker;
  beforeEach(() => {
    broker = new Broker({ clock: new FakeClock() });
  });
  afterEach(() => broker.dispose());
  const test = (input: Parameters<Broker['stepfunctions']['operations']['TestState']>[0]) => broker.stepfunctions.operations.TestState(input);
  const json = (v: unknown) => JSON.stringify(v);
  const NESTED = { initialData: { fieldFromInput: 'value from input', otherField: 'other' }, unrelatedData: { someOtherField: 1234 } };
  const IO_PASS = { Type: 'Pass', InputPath: '$.initialData', Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' }, ResultPath: '$.modifiedData', End: true };

  it('INFO gives the output and status only (test_base_inspection_level_info[IO_PASS_STATE])', async () => {
    const out = await test({ definition: json(IO_PASS), roleArn: role, input: json(NESTED), inspectionLevel: 'INFO' });
    assert.deepEqual(out, { status: 'SUCCEEDED', output: json({ ...NESTED, modifiedData: { staticValue: 'some value', inputValue: 'value from input' } }) });
  });

  it('DEBUG shows each step of a Pass state\'s data flow (test_base_inspection_level_debug[IO_PASS_STATE], [IO_RESULT_PASS_STATE])', async () => {
    const out = await test({ definition: json(IO_PASS), roleArn: role, input: json(NESTED), inspectionLevel: 'DEBUG' });
    const parameters = { staticValue: 'some value', inputValue: 'value from input' };
    assert.deepEqual(out.inspectionData, {
      input: json(NESTED),
      afterInputPath: json(NESTED.initialData),
      afterParameters: json(parameters),
      afterResultSelector: json(parameters),
      afterResultPath: json({ ...NESTED, modifiedData: parameters }),
    });
    // With a Result, AWS shows the result and neither InputPath nor Parameters.
    const withResult = await test({ definition: json({ ...IO_PASS, Parameters: undefined, Result: { resultKey: 'result value' } }), roleArn: role, input: json(NESTED), inspectionLevel: 'TRACE' });
    assert.deepEqual(withResult.inspectionData, {
      input: json(NESTED),
      result: json({ resultKey: 'result value' }),
      afterResultSelector: json({ resultKey: 'result value' }),
      afterResultPath: json({ ...NESTED, modifiedData: { resultKey: 'result value' } }),
    });
  });

  it('a Choice gives the next state, a Fail its error and cause (test_base_inspection_level_debug[BASE_CHOICE_STATE], [BASE_FAIL_STATE])', async () => {
    const choice = { Type: 'Choice', Choices: [{ And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }], Next: 'ValueInTwenties' }], Default: 'DefaultState' };
    const input = json({ type: 'Private', value: 22 });
    assert.deepEqual(await test({ definition: json(choice), roleArn: role, input, inspectionLevel: 'DEBUG' }), {
      status: 'SUCCEEDED',
      output: input,
      nextState: 'ValueInTwenties',
      inspectionData: { input, afterInputPath: input },
    });
    const fail = { Type: 'Fail', Error: 'SomeFailure', Cause: "This state machines raises a 'SomeFailure' failure." };
    assert.deepEqual(await test({ definition: json(fail), roleArn: role, input: '{"Value":"HelloWorld"}', inspectionLevel: 'DEBUG' }), {
      status: 'FAILED',
      error: 'SomeFailure',
      cause: "This state machines raises a 'SomeFailure' failure.",
      inspectionData: { input: '{"Value":"HelloWorld"}', afterInputPath: '{"Value":"HelloWorld"}' },
    });
  });

  it('runs an unmocked task for real: a missing function fails as AWS\'s Lambda fails', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:nope', End: true };
    // A missing function fails the task as AWS's Lambda does.
    const missing = await test({ definition: json(task), roleArn: role, input: '{"inputData":"HelloWorld"}', inspectionLevel: 'DEBUG' });
    assert.equal(missing.status, 'FAILED');
    assert.match(missing.error ?? '', /^Lambda\./);
    assert.deepEqual(missing.inspectionData?.afterParameters, '{"inputData":"HelloWorld"}');
  });

  it('refuses a Task without a role unless it is mocked (test_base_lambda_service_task_state_no_role_arn_validation)', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.FunctionName', Payload: null }, End: true };
    await assert.rejects(test({ definition: json(task), input: '{"FunctionName":"f"}', inspectionLevel: 'TRACE' }), {
      code: 'ValidationException',
      message: 'RoleArn must be specified when testing a Task state',
      status: 400,
    });
    const mocked = await test({ definition: json(task), input: '{"FunctionName":"f"}', mock: { result: '{"Payload":1}' } });
    assert.deepEqual(mocked, { status: 'SUCCEEDED', output: '{"Payload":1}' });
  });

  it('a mocked error goes to the Catch that matches it (test_state_task_catch_error[DEBUG])', async () => {
    const task = {
      QueryLanguage: 'JSONata',
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'foo', Payload: 'bar' },
      Catch: [
        { ErrorEquals: ['MockException'], Next: 'HandleMockError', Output: '{% $states %}' },
        { ErrorEquals: ['States.TaskFailed'], Next: 'HandleThreshold', Output: '{% $states %}' },
      ],
      End: true,
    };
    const out = await test({ definition: json(task), roleArn: role, input: '{"Value":"HelloWorld"}', inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'States.TaskFailed', cause: 'The task failed.' } } });
    assert.equal(out.status, 'CAUGHT_ERROR');
    assert.deepEqual([out.error, out.cause, out.nextState], ['States.TaskFailed', 'The task failed.', 'HandleThreshold']);
    assert.deepEqual(out.inspectionData, { input: '{"Value":"HelloWorld"}', afterArguments: '{"FunctionName":"foo","Payload":"bar"}', errorDetails: { catchIndex: 1 } });
    const states = JSON.parse(out.output!) as { errorOutput: unknown; context: { State: { Name: string }; Execution: { Id: string; RoleArn: string } } };
    assert.deepEqual(states.errorOutput, { Error: 'States.TaskFailed', Cause: 'The task failed.' });
    // The context of a test: an express execution, the lone state called StateName.
    assert.equal(states.context.State.Name, 'StateName');
    assert.match(states.context.Execution.Id, /^arn:aws:states:us-east-1:000000000000:express:[\w-]+:[\w-]+$/);
    assert.equal(states.context.Execution.RoleArn, role);
  });

  it('a matching retrier makes the result RETRIABLE instead of waiting', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Retry: [{ ErrorEquals: ['Nope'] }, { ErrorEquals: ['States.ALL'], IntervalSeconds: 3 }], End: true };
    const out = await test({ definition: json(task), roleArn: role, input: '{}', inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Boom', cause: 'c' } } });
    assert.deepEqual([out.status, out.error, out.cause], ['RETRIABLE', 'Boom', 'c']);
    assert.deepEqual(out.inspectionData?.errorDetails, { retryIndex: 1, retryBackoffIntervalSeconds: 3 });
  });

  it('tests one state of a whole machine by name, with variables (test_localstack_blogpost_scenario)', async () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'Approval Required',
      States: {
        'Approval Required': { Type: 'Choice', Choices: [{ Condition: '{% $states.input.cost > 9 %}', Next: 'Ask' }], Default: 'Approved' },
        Ask: { Type: 'Pass', Output: '{% {"limit": $limit} %}', Assign: { seen: true }, Next: 'Approved' },
        Approved: { Type: 'Succeed' },
      },
    };
    const small = await test({ definition: json(machine), stateName: 'Approval Required', input: '{"cost":9}', inspectionLevel: 'TRACE' });
    assert.deepEqual(small, { status: 'SUCCEEDED', output: '{"cost":9}', nextState: 'Approved', inspectionData: { input: '{"cost":9}' } });
    const ask = await test({ definition: json(machine), stateName: 'Ask', input: '{}', variables: '{"limit":10}', inspectionLevel: 'DEBUG' });
    assert.deepEqual([ask.output, ask.nextState, ask.inspectionData?.variables], ['{"limit":10}', 'Approved', '{"limit":10,"seen":true}']);
  });

  it('refuses an invalid state as AWS refuses an invalid definition', async () => {
    await assert.rejects(test({ definition: json({ Type: 'Nope', End: true }), roleArn: role }), { code: 'InvalidDefinition' });
    await assert.rejects(test({ definition: 'not json', roleArn: role }), { code: 'InvalidDefinition' });
  });
});
