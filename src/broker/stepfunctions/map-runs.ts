/**
 * Map runs: what a distributed Map (`ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED`) keeps while and
 * after it runs its child executions, and the actions that read and change them (DescribeMapRun,
 * ListMapRuns, UpdateMapRun). Shapes as recorded in test_sfn_api_map_run (itemCounts, executionCounts,
 * a float toleratedFailurePercentage). The counts move as children start and end (distributed-map.ts).
 */
import { statesErrors } from './errors';
import { pageSize, pageStart, pageToken } from './paging';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

export interface MapRun {
  arn: string;
  executionArn: string;
  /** The child executions' machine: the parent's ARN and the Map's label, `<machine>/<label>`. */
  stateMachineArn: string;
  status: MapRunStatus;
  startDate: number;
  stopDate?: number;
  /** 0: no limit. UpdateMapRun may change these three while the run goes on. */
  maxConcurrency: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  /** The child started for each input, in the inputs' order ('' for one never started): what a redrive reruns. */
  children: string[];
  redriveCount?: number;
  redriveDate?: number;
  /** Told when UpdateMapRun changed a limit, so the running map starts more children or stops. */
  updated?: () => void;
}

export const emptyCounts = (total: number): MapRunCounts => ({
  pending: total,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
});

/**
 * Whether a run's failed, timed-out and aborted items exceed what it tolerates: with neither limit set it
 * tolerates none; with both, exceeding either fails it.
 */
export function toleranceExceeded(run: Pick<MapRun, 'toleratedFailureCount' | 'toleratedFailurePercentage' | 'itemCounts'>): boolean {
  const c = run.itemCounts;
  const failed = c.failed + c.timedOut + c.aborted;
  if (failed === 0) return false;
  const byCount = run.toleratedFailureCount !== undefined && failed > run.toleratedFailureCount;
  const byPercentage = run.toleratedFailurePercentage !== undefined && c.total > 0 && (failed * 100) / c.total > run.toleratedFailurePercentage;
  if (run.toleratedFailureCount === undefined && run.toleratedFailurePercentage === undefined) return true;
  return byCount || byPercentage;
}

/** The map runs of one service, and their three actions. */
export class MapRuns {
  readonly runs = new Map<string, MapRun>();

  constructor(
    private readonly executionExists: (arn: string) => void,
    private readonly changed: (run: MapRun) => void,
  ) {}

  add(run: MapRun): void {
    this.runs.set(run.arn, run);
    this.changed(run);
  }

  /** A map run by ARN, with AWS's errors for a bad ARN and an unknown run. */
  get(arn: string): MapRun {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw statesErrors.invalidArn(String(arn));
    const run = this.runs.get(arn);
    if (!run) throw statesErrors.resourceNotFound(arn);
    return run;
  }

  /** Forgets the runs of executions that are gone (reset). */
  clear(): void {
    this.runs.clear();
  }

  readonly operations = {
    DescribeMapRun: ({ mapRunArn }: { mapRunArn: string }) => {
      const r = this.get(mapRunArn);
      return {
        mapRunArn: r.arn,
        executionArn: r.executionArn,
        status: r.status,
        startDate: new Date(r.startDate),
        ...(r.stopDate !== undefined ? { stopDate: new Date(r.stopDate) } : {}),
        maxConcurrency: r.maxConcurrency,
        toleratedFailurePercentage: r.toleratedFailurePercentage ?? 0,
        toleratedFailureCount: r.toleratedFailureCount ?? 0,
        itemCounts: { ...r.itemCounts },
        executionCounts: { ...r.executionCounts },
        redriveCount: r.redriveCount ?? 0,
        ...(r.redriveDate !== undefined ? { redriveDate: new Date(r.redriveDate) } : {}),
      };
    },
    ListMapRuns: ({ executionArn, maxResults, nextToken }: { executionArn: string; maxResults?: number; nextToken?: string }) => {
      this.executionExists(executionArn);
      const size = pageSize(maxResults, 100);
      const start = pageStart(nextToken, 1024);
      const all = [...this.runs.values()].filter((r) => r.executionArn === executionArn).sort((a, b) => b.startDate - a.startDate);
      return {
        mapRuns: all.slice(start, start + size).map((r) => ({
          executionArn: r.executionArn,
          mapRunArn: r.arn,
          stateMachineArn: r.stateMachineArn,
          startDate: new Date(r.startDate),
          ...(r.stopDate !== undefined ? { stopDate: new Date(r.stopDate) } : {}),
        })),
        ...(start + size < all.length ? { nextToken: pageToken(start + size) } : {}),
      };
    },
    UpdateMapRun: (input: { mapRunArn: string; maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number }) => {
      const r = this.get(input.mapRunArn);
      const { maxConcurrency, toleratedFailurePercentage: pct, toleratedFailureCount: count } = input;
      // The API's own constraints (the model's ranges); AWS's words for a run that ended are not recorded.
      if (maxConcurrency === undefined && pct === undefined && count === undefined) {
        throw statesErrors.testStateValidation('At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified');
      }
      if (maxConcurrency !== undefined && (!Number.isInteger(maxConcurrency) || maxConcurrency < 0)) {
        throw statesErrors.validation(`Value '${maxConcurrency}' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0`);
      }
      if (pct !== undefined && (pct < 0 || pct > 100)) {
        throw statesErrors.validation(`Value '${pct}' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value ${pct < 0 ? 'greater than or equal to 0' : 'less than or equal to 100'}`);
      }
      if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
        throw statesErrors.validation(`Value '${count}' at 'toleratedFailureCount' failed to satisfy constraint: Member must have value greater than or equal to 0`);
      }
      if (maxConcurrency !== undefined) r.maxConcurrency = maxConcurrency;
      if (pct !== undefined) r.toleratedFailurePercentage = pct;
      if (count !== undefined) r.toleratedFailureCount = count;
      this.changed(r);
      r.updated?.();
      return {};
    },
  };
}
