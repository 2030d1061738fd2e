import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { variableReferences } from '../../../src/broker/stepfunctions/variable-references';
import { FIXTURES, snapshot, template } from './recorded';

/**
 * DescribeStateMachine and DescribeStateMachineForExecution list the variables each state reads as AWS
 * recorded them (test_sfn_api_variable_references.snapshot.json). The definition is the test's template
 * where the fixtures have it (the recorder rewrote some paths inside the recorded definitions), else the
 * recorded one.
 */
describe('Step Functions variableReferences (recorded against AWS)', () => {
  for (const [key, entry] of Object.entries(snapshot('test_sfn_api_variable_references.snapshot.json'))) {
    const test = key.split('::').pop()!;
    const content = entry['recorded-content'] as { describe_response: { definition: unknown; variableReferences?: Record<string, string[]> } };
    it(test, () => {
      const id = /\[(.*)\]$/.exec(test)![1].toLowerCase();
      const file = `assign/${id}.json`;
      const definition = existsSync(path.join(FIXTURES, 'templates', file)) ? template(file) : content.describe_response.definition;
      const broker = new Broker();
      try {
        const sfn = broker.stepfunctions.operations;
        const { stateMachineArn } = sfn.CreateStateMachine({ name: 'refs', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' });
        assert.deepEqual(sfn.DescribeStateMachine({ stateMachineArn }).variableReferences, content.describe_response.variableReferences);
        const { executionArn } = sfn.StartExecution({ stateMachineArn });
        assert.deepEqual(sfn.DescribeStateMachineForExecution({ executionArn }).variableReferences, content.describe_response.variableReferences);
      } finally {
        broker.dispose();
      }
    });
  }
});

describe('Step Functions variableReferences in JSONata', () => {
  it("lists a JSONata state's $variables, not $states, functions or quoted text", () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: { total: "{% $price * $count($items) & '$notAVariable' %}", input: '{% $states.input %}' }, Next: 'M' },
        M: { Type: 'Map', Items: '{% $list %}', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Output: '{% $tax %}', End: true } } }, End: true },
      },
    };
    assert.deepEqual(variableReferences(JSON.stringify(definition)), { A: ['items', 'price'], M: ['list'], I: ['tax'] });
  });
});
