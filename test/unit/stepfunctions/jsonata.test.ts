import assert from 'node:assert/strict';
import { execute } from './recorded';

/** JSONata states and variables beyond the recorded executions: scoping, Catch, errors, Wait and Map fields. */
const types = (history: Record<string, unknown>[]) => history.map((e) => e.type);
const output = (describe: { output?: string }) => JSON.parse(describe.output!) as unknown;

describe('Step Functions JSONata and variables', () => {
  it('a Parallel branch reads the outer variables; what it assigns stays inside it', async () => {
    const { describe, history } = await execute(
      {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { x: 1 }, Next: 'Fork' },
          Fork: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { x: 2, inner: true }, Next: 'C' }, C: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } },
              { StartAt: 'D', States: { D: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } },
            ],
            Next: 'After',
          },
          After: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { branches: '{% $states.input %}', x: '{% $x %}', inner: '{% $exists($inner) %}' }, End: true },
        },
      },
      {},
    );
    assert.equal(describe.status, 'SUCCEEDED', JSON.stringify(history));
    assert.deepEqual(output(describe), { branches: [{ x: 2 }, { x: 1 }], x: 1, inner: false });
  });

  it("a JSONata Catch's Output and Assign see $states.errorOutput; Assign applies after the state", async () => {
    const { describe, history } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Fork',
        States: {
          Fork: {
            Type: 'Parallel',
            Assign: { n: 0 },
            Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: "{% 'bad ' & $states.input.what %}" } } }],
            Arguments: { what: 'thing' },
            Catch: [{ ErrorEquals: ['States.ALL'], Assign: { caught: '{% $states.errorOutput.Error %}' }, Output: { error: '{% $states.errorOutput %}', input: '{% $states.input %}' }, Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', Output: { caught: '{% $caught %}', error: '{% $states.input.error %}' }, End: true },
        },
      },
      { k: 1 },
    );
    assert.equal(describe.status, 'SUCCEEDED', JSON.stringify(history));
    assert.deepEqual(output(describe), { caught: 'Oops', error: { Error: 'Oops', Cause: 'bad thing' } });
    const exited = history.find((e) => e.type === 'ParallelStateExited')!.stateExitedEventDetails as Record<string, unknown>;
    assert.deepEqual(exited.assignedVariables, { caught: '"Oops"' });
  });

  it('an expression that fails records EvaluationFailed and fails with States.QueryEvaluationError, as AWS words it', async () => {
    const { describe, history } = await execute({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $undefinedFunction() %}', End: true } } }, {});
    assert.deepEqual(types(history), ['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
    assert.equal(describe.error, 'States.QueryEvaluationError');
    assert.equal(
      describe.cause,
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$undefinedFunction()' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
    assert.deepEqual(history[2].evaluationFailedEventDetails, { error: 'States.QueryEvaluationError', cause: describe.cause, location: 'Output', state: 'P' });
  });

  it('a Catch on States.QueryEvaluationError handles a failed Arguments expression', async () => {
    const { describe } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Fork',
        States: {
          Fork: {
            Type: 'Parallel',
            Arguments: '{% $nothing %}',
            Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
            Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
        },
      },
      {},
    );
    assert.equal(describe.status, 'SUCCEEDED');
    assert.equal(output(describe), 'States.QueryEvaluationError');
  });

  it('Wait takes Seconds and Timestamp from expressions, on the broker clock', async () => {
    const { describe, history } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: '{% $states.input.seconds %}', Next: 'T' },
          T: { Type: 'Wait', Timestamp: '{% $states.input.at %}', Output: '{% $states.context.State.Name %}', End: true },
        },
      },
      { seconds: 5, at: '2020-01-01T00:00:00Z' },
    );
    assert.equal(describe.status, 'SUCCEEDED');
    assert.equal(output(describe), 'T');
    const waited = (history[2].timestamp as Date).getTime() - (history[1].timestamp as Date).getTime();
    assert.ok(waited >= 5000, `waited ${waited} ms`);
  });

  it('a Map reads Items and ItemSelector from expressions; an iteration sees $states.context.Map.Item', async () => {
    const { describe } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: { value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}', tag: '{% $tag %}' },
            Assign: { count: '{% $count($states.result) %}' },
            ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input.value * 2 + $states.input.index %}', End: true } } },
            Next: 'Count',
          },
          Count: { Type: 'Pass', Output: { doubled: '{% $states.input %}', count: '{% $count %}' }, End: true },
        },
      },
      { list: [1, 2, 3] },
    );
    assert.equal(describe.status, 'FAILED', 'the undefined $tag fails the ItemSelector');
    assert.equal(describe.error, 'States.QueryEvaluationError');

    const ok = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: { value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
            Assign: { count: '{% $count($states.result) %}' },
            ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input.value * 2 + $states.input.index %}', End: true } } },
            Next: 'Count',
          },
          Count: { Type: 'Pass', Output: { doubled: '{% $states.input %}', count: '{% $count %}' }, End: true },
        },
      },
      { list: [1, 2, 3] },
    );
    assert.deepEqual(output(ok.describe), { doubled: [2, 5, 8], count: 3 });
  });

  it('a Choice Condition that is not a boolean fails with States.QueryEvaluationError', async () => {
    const { describe } = await execute(
      { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } } },
      { n: 3 },
    );
    assert.equal(describe.status, 'FAILED');
    assert.equal(describe.error, 'States.QueryEvaluationError');
  });

  it('JSONPath reads variables in Parameters, InputPath and Choice; $states in a JSONPath Assign', async () => {
    const { describe, history } = await execute(
      {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Result: { limit: 10 }, Assign: { 'limit.$': '$.limit', 'original.$': '$states.input.v' }, Next: 'Check' },
          Check: { Type: 'Choice', Choices: [{ Variable: '$limit', NumericGreaterThan: 5, Next: 'Use' }], Default: 'Use' },
          Use: { Type: 'Pass', Parameters: { 'limit.$': '$limit', 'original.$': '$original', 'sum.$': 'States.MathAdd($limit, $original)' }, End: true },
        },
      },
      { v: 4 },
    );
    assert.equal(describe.status, 'SUCCEEDED', JSON.stringify(history));
    assert.deepEqual(output(describe), { limit: 10, original: 4, sum: 14 });
  });
});
