import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { snapshot, template } from './recorded';

/**
 * Definition validation against AWS's recorded answers: ValidateStateMachineDefinition's diagnostics
 * (test_sfn_api_validation.snapshot.json) and CreateStateMachine's InvalidDefinition (test_sfn_api.snapshot.json).
 */
const recorded = snapshot('test_sfn_api_validation.snapshot.json');
const diagnosticsOf = (test: string) => {
  const entry = Object.entries(recorded).find(([k]) => k.endsWith(`::${test}`))![1];
  const response = entry['recorded-content'].validation_response as { result: string; diagnostics: unknown[] };
  return { result: response.result, diagnostics: response.diagnostics };
};

const passResult = template('base/pass_result.json');
const { StartAt: _omitted, ...noStartAt } = passResult;
void _omitted;
const definitions: Record<string, unknown> = {
  EMPTY_STRING: '',
  NOT_A_DEF: 'not a definition',
  EMPTY_DICT: {},
  VALID_BASE_PASS: passResult,
  INVALID_BASE_NO_STARTAT: noStartAt,
  ILLEGAL_WFTT: {
    StartAt: 'SendMessageWithWait',
    States: {
      SendMessageWithWait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } }, End: true },
    },
  },
  INVALID_DOWNGRADE_QUERY_LANGUAGE: { QueryLanguage: 'JSONata', StartAt: 'Pass', States: { Pass: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } },
};

describe('Step Functions definition validation (recorded against AWS)', () => {
  const broker = new Broker();
  after(() => broker.dispose());
  const ops = broker.stepfunctions.operations;

  const cases: [string, 'STANDARD' | 'EXPRESS'][] = [
    ['test_validate_state_machine_definition_not_a_definition[EMPTY_STRING]', 'STANDARD'],
    ['test_validate_state_machine_definition_not_a_definition[NOT_A_DEF]', 'STANDARD'],
    ['test_validate_state_machine_definition_not_a_definition[EMPTY_DICT]', 'STANDARD'],
    ['test_validate_state_machine_definition_type_standard[VALID_BASE_PASS]', 'STANDARD'],
    ['test_validate_state_machine_definition_type_standard[INVALID_BASE_NO_STARTAT]', 'STANDARD'],
    ['test_validate_state_machine_definition_type_express[INVALID_BASE_NO_STARTAT]', 'EXPRESS'],
    ['test_validate_state_machine_definition_type_express[ILLEGAL_WFTT]', 'EXPRESS'],
    ['test_validate_state_machine_definition_type_standard[INVALID_DOWNGRADE_QUERY_LANGUAGE]', 'STANDARD'],
  ];
  for (const [test, type] of cases) {
    it(test, () => {
      const name = /\[(.*)\]$/.exec(test)![1];
      const raw = definitions[name];
      const definition = typeof raw === 'string' ? raw : JSON.stringify(raw);
      assert.deepEqual(ops.ValidateStateMachineDefinition({ definition, type }), { ...diagnosticsOf(test), truncated: false });
    });
  }

  it('CreateStateMachine refuses an invalid definition with InvalidDefinition (test_create_delete_invalid_sm)', () => {
    const entry = Object.entries(snapshot('test_sfn_api.snapshot.json')).find(([k]) => k.endsWith('::test_create_delete_invalid_sm'))![1];
    const error = (entry['recorded-content'].invalid_definition_1 as { Error: { Code: string; Message: string } }).Error;
    const { States: _states, ...noStates } = passResult;
    void _states;
    assert.throws(() => ops.CreateStateMachine({ name: 'bad', definition: JSON.stringify(noStates), roleArn: 'arn:aws:iam::000000000000:role/r' }), {
      code: error.Code,
      message: error.Message,
    });
  });

  it('refuses unknown transition targets and task resources', () => {
    const def = (state: Record<string, unknown>) => JSON.stringify({ StartAt: 'A', States: { A: state } });
    assert.throws(() => ops.CreateStateMachine({ name: 'n1', definition: def({ Type: 'Pass', Next: 'Nowhere' }), roleArn: 'r' }), {
      code: 'InvalidDefinition',
      message: "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next'",
    });
    assert.throws(() => ops.CreateStateMachine({ name: 'n2', definition: def({ Type: 'Task', Resource: 'arn:aws:states:::nosuch:thing', End: true }), roleArn: 'r' }), {
      code: 'InvalidDefinition',
      message:
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::nosuch:thing not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/A/Resource'",
    });
  });
});
