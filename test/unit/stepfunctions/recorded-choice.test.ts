import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { execute, FIXTURES, snapshot, template } from './recorded';

/**
 * Choice operators against AWS's recorded cases (snapshots/choice_operators): the template's Choice with
 * one operator, `{Variable, Value}` as input (Value as a literal, or read through `$.Value` for the
 * `...Path` forms), and the branch AWS took.
 */
/**
 * The recorder scrubbed timestamps to "date"; these are the inputs the recorded tests sent
 * (test_timestamp_operators.py), case by case.
 */
const T0 = '2012-10-09T19:00:55Z';
const T1 = '2012-10-09T19:00:56Z';
const BASE: [unknown, unknown][] = [[T0, T0], [T0, T1], [T1, T0]];
const TYPE_VARS: unknown[] = [null, 0, 0.0, 1, 1.1, '', ' ', '2023-02-24 12:15:56.832957', [], [''], {}, { A: 0 }, false, true];
const TIMESTAMP_INPUTS: Record<string, [unknown, unknown][]> = {
  test_timestamp_equals: [...TYPE_VARS.map((v): [unknown, unknown] => [v, T0]), ...BASE],
  test_timestamp_equals_path: BASE,
  test_timestamp_greater_than: BASE,
  test_timestamp_greater_than_path: [[T0, T1]],
  test_timestamp_greater_than_equals: BASE,
  test_timestamp_greater_than_equals_path: [[T0, T1]],
  test_timestamp_less_than: BASE,
  test_timestamp_less_than_path: [[T1, T0]],
  test_timestamp_less_than_equals: BASE,
  test_timestamp_less_than_equals_path: [[T1, T0]],
};

const camel = (snake: string) => snake.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

describe('Step Functions Choice operators (recorded against AWS)', () => {
  for (const file of readdirSync(path.join(FIXTURES, 'snapshots/choice_operators'))) {
    for (const [key, entry] of Object.entries(snapshot(`choice_operators/${file}`))) {
      const test = key.split('::').pop()!;
      const operator = camel(test.replace(/^test_/, '')).replace(/Equals$/, 'Equals');
      const cases = (entry['recorded-content'].cases ?? []) as { input: { Variable?: unknown; Value: unknown }; output: unknown }[];
      it(`${operator}: ${cases.length} cases (${test})`, async () => {
        for (const [i, recorded] of cases.entries()) {
          const restored = TIMESTAMP_INPUTS[test]?.[i];
          const c = restored ? { ...recorded, input: { Variable: restored[0], Value: restored[1] } } : recorded;
          const definition = template('choiceoperators/template.json') as { States: { CheckValues: { Choices: Record<string, unknown>[] } } };
          const rule = definition.States.CheckValues.Choices[0];
          delete rule['%ComparisonOperatorType%'];
          rule[operator] = operator.endsWith('Path') ? '$.Value' : c.input.Value;
          const { describe } = await execute(definition, c.input);
          assert.equal(describe.status, 'SUCCEEDED', `${JSON.stringify(c.input)}: ${describe.error} ${describe.cause}`);
          assert.deepEqual(JSON.parse(describe.output!), c.output, `${operator} on ${JSON.stringify(c.input)}`);
        }
      });
    }
  }
});
