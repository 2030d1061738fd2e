import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { SdkError } from './clients';

/**
 * SNS answers as AWS recorded them, read from test/fixtures/aws-reference/test_sns.snapshot.json (LocalStack's
 * recordings against real AWS, Apache License 2.0). `recordedSns(test, key)` is one named response of a test:
 * `test` is what follows `test_sns.py::` in the entry's key.
 */
const snapshot = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../fixtures/aws-reference/test_sns.snapshot.json'), 'utf8'),
) as Record<string, { 'recorded-content': Record<string, RecordedSnsAnswer> }>;

/** The SDK names a modelled error by its shape (InvalidParameterException); AWS's recording has the query code. */
const model = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../src/server/models/sns.json'), 'utf8')) as {
  errors: Record<string, { queryCode?: string }>;
};
function sdkErrorName(queryCode: string): string {
  return Object.entries(model.errors).find(([, e]) => e.queryCode === queryCode)?.[0] ?? queryCode;
}

export interface RecordedSnsAnswer {
  Error?: { Code: string; Message: string; Type: string };
  ResponseMetadata: { HTTPStatusCode: number };
  [member: string]: unknown;
}

export function recordedSns(test: string, key: string): RecordedSnsAnswer {
  const entry = snapshot[`tests/aws/services/sns/test_sns.py::${test}`];
  assert.ok(entry, `no recording for ${test}`);
  const answer = entry['recorded-content'][key];
  assert.ok(answer, `no answer ${key} in the recording of ${test}`);
  return answer;
}

/**
 * The SDK error matches the recorded one: code, message (its `<...>` placeholders, which stand for ARNs and
 * names the recording anonymised, filled by `fill`), HTTP status and sender fault.
 */
export function assertRecordedSnsError(error: SdkError, test: string, key: string, fill: Record<string, string> = {}): void {
  const recorded = recordedSns(test, key);
  assert.ok(recorded.Error, `${test} ${key} recorded a success`);
  let message = recorded.Error.Message;
  for (const [placeholder, value] of Object.entries(fill)) message = message.split(placeholder).join(value);
  assert.equal(error.name, sdkErrorName(recorded.Error.Code), error.message);
  assert.equal(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, recorded.ResponseMetadata.HTTPStatusCode);
  assert.equal(error.$fault, 'client');
}
