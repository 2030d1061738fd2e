import fs from 'node:fs';
import path from 'node:path';
import type { Broker } from '../broker/broker';
import { applyDefinitions } from '../broker/definitions/apply';
import { parseDefinitions, type LocatedIssue } from '../broker/definitions/parse';
import { UsageError } from './serve-options';

/**
 * `--config`: the same definitions file the extension applies (eventyard.yaml/.json), so a project's
 * resources come up identically in the editor and in CI. A file that does not parse or fit the schema
 * stops the start (serving half a setup would mislead the tests that rely on it); a resource AWS itself
 * would refuse is reported and the rest still come up, as in the editor.
 */
export async function applyConfig(broker: Broker, file: string): Promise<{ resources: number; warnings: string[] }> {
  const parsed = parseDefinitions(fs.readFileSync(file, 'utf8'));
  const where = (issue: LocatedIssue) => `${file}:${issue.range.start.line + 1}:${issue.range.start.character + 1}: ${issue.message}`;
  if (!parsed.definitions) {
    throw new UsageError(`--config has ${parsed.issues.length} problem(s):\n${parsed.issues.map(where).join('\n')}`);
  }
  const result = await applyDefinitions(broker, parsed.definitions, { baseDir: path.dirname(file) });
  return { resources: result.declared.size, warnings: result.issues.map((issue) => where(parsed.locate(issue))) };
}
