import { readdirSync } from 'node:fs';
import path from 'node:path';
import { execute, FIXTURES, histories, recordedInput, sameHistory, snapshot, template } from './recorded';

/**
 * Executions recorded against AWS, replayed: each recorded history's template and input, run here, must
 * give the same history (event types, ids, previousEventIds and details) and so the same output or error.
 */
interface Case {
  file: string;
  /** The recorded test's name (after the last `::`), or a prefix of it ending in `[`. */
  test: string;
  template: string;
  /** Adjusts the template for a parametrised test (its parameter in the brackets). */
  adjust?: (definition: Record<string, unknown>, parameter: string) => void;
}

const arrayAccess = (definition: Record<string, unknown>, parameter: string) => {
  ((definition.States as Record<string, Record<string, Record<string, unknown>>>).EntryState.Parameters as Record<string, unknown>)['item.$'] = parameter;
};

/** The context object tests put the path they test where their template says %CONTEXT_OBJECT_LITERAL_PLACEHOLDER%. */
const contextPath = (value?: string) => (definition: Record<string, unknown>, parameter: string) => {
  const visit = (node: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(node)) {
      if (v === '%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%') node[k] = value ?? parameter;
      else if (v && typeof v === 'object') visit(v as Record<string, unknown>);
    }
  };
  visit(definition);
};

const CASES: Case[] = [
  { file: 'context_object/test_context_object.snapshot.json', test: 'test_input_path[', template: 'context_object/context_object_input_path.json', adjust: contextPath() },
  { file: 'context_object/test_context_object.snapshot.json', test: 'test_output_path[', template: 'context_object/context_object_output_path.json', adjust: contextPath() },
  { file: 'context_object/test_context_object.snapshot.json', test: 'test_variable', template: 'context_object/context_object_variable.json', adjust: contextPath('$$.Execution.Input.input-value') },
  { file: 'context_object/test_context_object.snapshot.json', test: 'test_items_path', template: 'context_object/context_object_items_path.json', adjust: contextPath('$$.Execution.Input.input-values') },
  { file: 'context_object/test_context_object.snapshot.json', test: 'test_error_cause_path', template: 'context_object/context_object_error_cause_path.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_fail', template: 'base/raise_failure.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_fail_path', template: 'base/raise_failure_path.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_fail_intrinsic', template: 'base/raise_failure_path_intrinsic.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_fail_empty', template: 'base/raise_empty_failure.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_pass_result', template: 'base/pass_result.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_decl_version_1_0', template: 'base/decl_version_1_0.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_query_context_object_values', template: 'base/query_context_object_values.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_pass_result_null_input_output_paths', template: 'base/pass_result_null_input_output_paths.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_state_pass_regex_json_path_base', template: 'base/pass_result_regex_json_path_base.json' },
  { file: 'base/test_base.snapshot.json', test: 'test_json_path_array_access[', template: 'base/json_path_array_access.json', adjust: arrayAccess },
  { file: 'base/test_base.snapshot.json', test: 'test_json_path_array_wildcard_or_slice_with_no_input[', template: 'base/json_path_array_access.json', adjust: arrayAccess },
  { file: 'base/test_wait.snapshot.json', test: 'test_base_wait_seconds_path', template: 'base/wait_seconds_path.json' },
  { file: 'base/test_wait.snapshot.json', test: 'test_base_wait_seconds_path[', template: 'base/wait_seconds_path.json' },
];

// The intrinsic function tests name their template: test_array_partition -> intrinsicfunctions/array/array_partition.json.
const intrinsicTemplates = new Map<string, string>();
for (const group of readdirSync(path.join(FIXTURES, 'templates/intrinsicfunctions'))) {
  for (const file of readdirSync(path.join(FIXTURES, 'templates/intrinsicfunctions', group))) intrinsicTemplates.set(file.replace(/\.json$/, ''), `intrinsicfunctions/${group}/${file}`);
}
for (const file of readdirSync(path.join(FIXTURES, 'snapshots/intrinsic_functions'))) {
  for (const key of Object.keys(snapshot(`intrinsic_functions/${file}`))) {
    const test = key.split('::').pop()!;
    // the JSONata recordings (test_array_jsonata.snapshot.json) ran the `_jsonata` templates: recorded-jsonata.test.ts
    if (file.includes('_jsonata')) continue;
    const name = test.replace(/^test_/, '').replace(/\[.*$/, '');
    const found = intrinsicTemplates.get(name) ?? intrinsicTemplates.get(name.replace(/^format_context_json_path$/, 'format_context_path'));
    if (found && !CASES.some((c) => c.file === `intrinsic_functions/${file}` && c.test === test)) CASES.push({ file: `intrinsic_functions/${file}`, test, template: found });
  }
}

/**
 * Values AWS generates that no replay can repeat (UUIDs, random numbers), and test_array_unique, whose
 * recording holds ArrayLength's answer (20) for ArrayUnique's template: interpreter.test.ts covers them.
 */
const NONDETERMINISTIC = /uuid|math_random|array_unique/;

describe('Step Functions executions recorded against AWS', () => {
  for (const c of CASES) {
    const entries = Object.entries(snapshot(c.file)).filter(([key]) => {
      const test = key.split('::').pop()!;
      return c.test.endsWith('[') ? test.startsWith(c.test) : test === c.test;
    });
    for (const [key, entry] of entries) {
      const test = key.split('::').pop()!;
      const recorded = histories(entry['recorded-content']);
      if (!recorded.length || NONDETERMINISTIC.test(test)) continue;
      it(`${test}: ${recorded.length} execution(s) (${c.template})`, async () => {
        for (const events of recorded) {
          const definition = template(c.template);
          c.adjust?.(definition, /\[(.*)\]$/.exec(test)?.[1] ?? '');
          const { history } = await execute(definition, recordedInput(events));
          sameHistory(events, history);
        }
      });
    }
  }
});
