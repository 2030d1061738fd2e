import assert from 'node:assert/strict';
import type { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

/**
 * Applies a definitions file given as text, as the editor does on save; the file itself must match the schema.
 * `located` gives each issue with its line and column in the text.
 */
export async function applyText(broker: Broker, text: string, previous?: Set<string>) {
  const parsed = parseDefinitions(text);
  assert.deepEqual(parsed.issues, [], 'the test file should match the schema');
  const result = await applyDefinitions(broker, parsed.definitions!, { baseDir: '/tmp', previous });
  return { ...result, located: result.issues.map(parsed.locate) };
}
