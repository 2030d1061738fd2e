import { XMLBuilder } from 'fast-xml-parser';
import type { FileResult } from './runner';

/**
 * JUnit XML, the report CI systems read: one testsuite per file, one testcase per step; a failed step is a
 * `<failure>` with its message, a skipped one `<skipped>`. Times in seconds, as the format has them.
 */
export function junitXml(files: { path: string; result: FileResult }[]): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const count = (r: FileResult, status: string) => r.steps.filter((s) => s.status === status).length;
  const suites = files.map(({ path, result }) => ({
    '@_name': result.name,
    '@_file': path,
    '@_tests': result.steps.length,
    '@_failures': count(result, 'failed'),
    '@_errors': 0,
    '@_skipped': count(result, 'skipped'),
    '@_time': seconds(result.durationMs),
    testcase: result.steps.map((step) => ({
      '@_name': step.label,
      '@_classname': result.name,
      '@_time': seconds(step.durationMs),
      ...(step.status === 'failed' ? { failure: { '@_message': step.message ?? 'failed', '#text': step.message ?? '' } } : {}),
      ...(step.status === 'skipped' ? { skipped: { '@_message': step.message ?? '' } } : {}),
    })),
  }));
  const all = files.map((f) => f.result);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'eventyard run',
      '@_tests': all.reduce((n, r) => n + r.steps.length, 0),
      '@_failures': all.reduce((n, r) => n + count(r, 'failed'), 0),
      '@_errors': 0,
      '@_skipped': all.reduce((n, r) => n + count(r, 'skipped'), 0),
      '@_time': seconds(all.reduce((n, r) => n + r.durationMs, 0)),
      testsuite: suites,
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true }).build(doc) as string;
}
