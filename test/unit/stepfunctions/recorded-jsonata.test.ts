import { existsSync } from 'node:fs';
import path from 'node:path';
/* eslint-disable @typescript-eslint/no-explicit-any */
import { execute, FIXTURES, histories, recordedInput, sameHistory, snapshot, template } from './recorded';

/**
 * Executions recorded against AWS with the JSONata query language, variables (Assign) and both query
 * languages mixed, replayed: the recorded template and input must give the same history (event types,
 * ids, previousEventIds, details with assignedVariables) and so the same output or error.
 * A parametrised test's id names its template (`test_base_cases[BASE_EMPTY]` → `base_empty.json`) unless
 * a case below says otherwise; tests that need a local function (Lambda) are not replayed here.
 */
interface Area {
  snapshot: string;
  templates: string;
  /** Templates for tests whose id does not name one, or whose test changes the template. */
  special?: Record<string, { template: string; adjust?: (definition: Record<string, any>) => void }>;
  /** Tests whose template has a Lambda task or needs AWS resources the replay does not make. */
  skip?: RegExp;
}

const setStart = (field: string, value: unknown) => (d: Record<string, any>) => {
  d.States.Start[field] = value;
};
const setOutput = (state: string, value: unknown) => (d: Record<string, any>) => {
  d.States[state].Output = value;
};

const AREAS: Area[] = [
  { snapshot: 'query_language/test_base_query_language.snapshot.json', templates: 'querylanguage', special: { '[JSON_PATH]': { template: 'base_pass_jsonpath' }, '[JSONATA]': { template: 'base_pass_jsonata' } } },
  {
    snapshot: 'query_language/test_mixed_query_language.snapshot.json',
    templates: 'querylanguage',
    special: { test_task_dataflow_to_state: { template: 'jsonpath_to_jsonata_dataflow' } },
    skip: /LAMBDA|test_task_dataflow_to_state/,
  },
  {
    snapshot: 'assign/test_assign_base.snapshot.json',
    templates: 'assign',
    special: { '[CONDITION_TRUE]': { template: 'choice_condition_jsonata' }, '[CONDITION_FALSE]': { template: 'choice_condition_jsonata' } },
    // The recorder rewrote the Parallel's events (ids, order, ParallelStateSucceeded): interpreter.test.ts checks its scoping
    skip: /BASE_SCOPE_PARALLEL/,
  },
  {
    snapshot: 'assign/test_assign_reference_variables.snapshot.json',
    templates: 'assign',
    special: {
      'test_assign_in_choice_state[CORRECT]': { template: 'base_assign_in_choice' },
      'test_assign_in_choice_state[INCORRECT]': { template: 'base_assign_in_choice' },
      test_assign_in_wait_state: { template: 'base_assign_in_wait' },
    },
    // Lambda tasks; distributed Map (S3 item readers, map runs) is not built yet
    skip: /LAMBDA|ARGUMENTS|catch_state|MAX_ITEMS_PATH|MAX_PER_BATCH|TOLERATED_FAILURE|ITEM_SELECTOR/,
  },
  {
    snapshot: 'outputdecl/test_output.snapshot.json',
    templates: 'outputdecl',
    special: {
      '[CONDITION_TRUE]': { template: 'choice_condition_jsonata' },
      '[CONDITION_FALSE]': { template: 'choice_condition_jsonata' },
      '[NULL]': { template: 'base_output_any', adjust: setOutput('State0', null) },
      '[INT]': { template: 'base_output_any', adjust: setOutput('State0', 0) },
      '[FLOAT]': { template: 'base_output_any', adjust: setOutput('State0', 0.1) },
      '[BOOL]': { template: 'base_output_any', adjust: setOutput('State0', true) },
      '[STR_LIT]': { template: 'base_output_any', adjust: setOutput('State0', 'string literal') },
      '[JSONATA_EXPR]': { template: 'base_output_any', adjust: setOutput('State0', '{% $states.input %}') },
      '[LIST_EMPY]': { template: 'base_output_any', adjust: setOutput('State0', []) },
      '[LIST_RICH]': { template: 'base_output_any', adjust: setOutput('State0', [null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', '{% $states.input %}', { key: '{% true %}' }]) },
    },
    skip: /LAMBDA/,
  },
  {
    snapshot: 'evaluate_jsonata/test_base_evaluate_expressions.snapshot.json',
    templates: 'evaluatejsonata',
    special: {
      'test_base_jsonata_regular_expressions[BASE]': { template: 'base_pass', adjust: setStart('Output', '{% $contains("hello$world", /^hello\\$/) %}') },
      'test_base_jsonata_regular_expressions[BASE_FALSE]': { template: 'base_pass', adjust: setStart('Output', '{% $contains("hello$world", /^hello\\ /) %}') },
      'test_base_jsonata_regular_expressions[BASE_SINGLE_QUOTE]': { template: 'base_pass', adjust: setStart('Output', "{% $contains('hello$world', /^hello\\$/) %}") },
      'test_base_jsonata_regular_expressions[BASE_SINGLE_QUOTE_FALSE]': { template: 'base_pass', adjust: setStart('Output', "{% $contains('hello$world', /^hello\\ /) %}") },
      'test_base_map[ITEMS]': { template: 'base_map', adjust: setStart('Items', [1, '{% $number("2") %}', 3]) },
      'test_base_map[ITEMS_DOUBLE_QUOTES]': { template: 'base_map', adjust: setStart('Items', [1, "{% $number('2') %}", 3]) },
      'test_base_map[MAX_CONCURRENCY]': { template: 'base_map', adjust: setStart('MaxConcurrency', '{% $variable := 1 %}') },
      'test_base_map_from_input[ITEMS]': { template: 'base_map', adjust: setStart('Items', '{% $states.input.input_value %}') },
      'test_base_map_from_input[MAX_CONCURRENCY]': { template: 'base_map', adjust: setStart('MaxConcurrency', '{% $states.input.input_value %}') },
      test_merge_with_dynamic_args: { template: 'base_pass', adjust: setStart('Output', '{% $merge([$states.input.part1, $states.input.part2]) %}') },
    },
    // Lambda tasks; map-run tolerance (not built yet)
    skip: /test_base_task|TOLERATED/,
  },
  {
    snapshot: 'intrinsic_functions/test_array_jsonata.snapshot.json',
    templates: 'intrinsicfunctions/array',
    special: { test_array_partition: { template: 'array_partition_jsonata' }, test_array_range: { template: 'array_range_jsonata' } },
  },
  { snapshot: 'intrinsic_functions/test_json_manipulation_jsonata.snapshot.json', templates: 'intrinsicfunctions/json_manipulation', special: { test_parse: { template: 'parse_jsonata' } } },
  {
    snapshot: 'intrinsic_functions/test_math_operations_jsonata.snapshot.json',
    templates: 'intrinsicfunctions/math_operations',
    special: { test_math_random_seeded: { template: 'math_random_seeded_jsonata' } },
  },
];

/** The template a recorded test ran: a special case, else the one its parametrisation id names. */
function templateFor(area: Area, test: string): { file: string; adjust?: (definition: Record<string, any>) => void } | undefined {
  const special = Object.entries(area.special ?? {}).find(([key]) => (key.startsWith('[') ? test.endsWith(key) : test === key));
  if (special) return { file: `${area.templates}/${special[1].template}.json`, adjust: special[1].adjust };
  const id = /\[(.*)\]$/.exec(test)?.[1];
  if (!id) return undefined;
  const file = `${area.templates}/${id.toLowerCase()}.json`;
  return existsSync(path.join(FIXTURES, 'templates', file)) ? { file } : undefined;
}

describe('Step Functions JSONata and variables executions recorded against AWS', () => {
  for (const area of AREAS) {
    for (const [key, entry] of Object.entries(snapshot(area.snapshot))) {
      const test = key.split('::').pop()!;
      const found = templateFor(area, test);
      const recorded = histories(entry['recorded-content']);
      if (!found || !recorded.length || area.skip?.test(test)) continue;
      it(`${area.snapshot.split('/')[0]} ${test}: ${recorded.length} execution(s) (${found.file})`, async () => {
        for (const events of recorded) {
          const definition = template(found.file);
          found.adjust?.(definition);
          const { history } = await execute(definition, recordedInput(events));
          sameHistory(events, history);
        }
      });
    }
  }
});
