import { formatDuration } from './duration';
import type { FileResult, StepResult } from './runner';

const MARK: Record<StepResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

/** One line per step, the failure's words indented under it; what `eventyard run` prints and the editor's output channel shows. */
export function formatStep(step: StepResult): string {
  const line = `  ${MARK[step.status]} ${step.label}${step.status === 'skipped' ? '' : ` (${formatDuration(step.durationMs)})`}`;
  return step.status === 'failed' && step.message ? `${line}\n       ${step.message}` : line;
}

/** "3 passed, 1 failed, 1 skipped in 5.2 s" over any number of files. */
export function formatTotals(results: FileResult[]): string {
  const steps = results.flatMap((r) => r.steps);
  const n = (status: StepResult['status']) => steps.filter((s) => s.status === status).length;
  const skipped = n('skipped');
  const files = results.length === 1 ? '' : ` (${results.length} files)`;
  return `${n('passed')} passed, ${n('failed')} failed${skipped ? `, ${skipped} skipped` : ''}${files} in ${formatDuration(results.reduce((t, r) => t + r.durationMs, 0))}`;
}
