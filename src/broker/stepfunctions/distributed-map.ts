/**
 * The distributed Map's mechanics beside the interpreter: reading items from S3 (ItemReader: a JSON
 * array, JSON Lines or CSV object through GetObject, or a ListObjectsV2 listing), grouping them
 * (ItemBatcher), running one child execution per item or batch under the map run's concurrency and
 * failure tolerance (both changeable by UpdateMapRun while it runs), and writing the results to S3
 * (ResultWriter: AWS's manifest.json with SUCCEEDED_/FAILED_/PENDING_ files). S3 is reached through the
 * broker's own S3 engine, so items put with any S3 client are what the Map reads.
 */
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import type { OperationTable } from '../service-context';
import { StatesFailure } from './failure';
import { emptyCounts, toleranceExceeded, type MapRun, type MapRunCounts } from './map-runs';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface ReaderConfig {
  InputType?: 'JSON' | 'JSONL' | 'CSV' | 'MANIFEST' | string;
  CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
  CSVHeaders?: string[];
  CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
  MaxItems?: number;
}

const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

const readerFailed = (cause: string) => new StatesFailure('States.ItemReaderFailed', cause);

/** S3 through the broker's engine, or the reader's failure when there is none. */
function s3Of(s3: OperationTable | undefined, fail: (cause: string) => StatesFailure): OperationTable {
  if (!s3) throw fail('S3 is not available in this broker.');
  return s3;
}

/**
 * The items an ItemReader gives: `arn:aws:states:::s3:getObject` reads one object as the ReaderConfig
 * says; `arn:aws:states:::s3:listObjectsV2` lists the bucket (after Prefix), one item per object.
 */
export async function readItems(resource: string, params: Record<string, any>, config: ReaderConfig, s3Ops: OperationTable | undefined): Promise<unknown[]> {
  const s3 = s3Of(s3Ops, readerFailed);
  const max = config.MaxItems !== undefined && config.MaxItems > 0 ? config.MaxItems : Infinity;
  const action = /^arn:aws[\w-]*:states:::s3:(getObject|listObjectsV2)$/.exec(resource)?.[1];
  try {
    if (action === 'listObjectsV2') {
      const items: unknown[] = [];
      let token: string | undefined;
      do {
        const page = (await s3.ListObjectsV2({ ...params, ...(token ? { ContinuationToken: token } : {}) })) as {
          Contents: { Key: string; ETag: string; LastModified: Date; Size: number; StorageClass: string }[];
          NextContinuationToken?: string;
        };
        // AWS's item for an object: its ETag as `Etag`, LastModified in epoch seconds.
        for (const o of page.Contents) items.push({ Etag: o.ETag, Key: o.Key, LastModified: Math.floor(o.LastModified.getTime() / 1000), Size: o.Size, StorageClass: o.StorageClass });
        token = page.NextContinuationToken;
      } while (token && items.length < max);
      return items.slice(0, max);
    }
    if (action !== 'getObject') throw readerFailed(`The ItemReader resource ${resource} is not supported.`);
    const out = (await s3.GetObject(params)) as { Body: AsyncIterable<Uint8Array> };
    const chunks: Buffer[] = [];
    for await (const c of out.Body) chunks.push(Buffer.from(c));
    return parseObject(Buffer.concat(chunks).toString('utf8'), config).slice(0, max);
  } catch (e) {
    if (e instanceof StatesFailure) throw e;
    throw readerFailed(e instanceof Error ? e.message : String(e));
  }
}

/** An object's text as items, by the reader's InputType. */
export function parseObject(text: string, config: ReaderConfig): unknown[] {
  switch (config.InputType) {
    case 'JSON': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw readerFailed('Attempting to map file content to JSON failed: the object is not valid JSON.');
      }
      if (!Array.isArray(value)) throw readerFailed('Attempting to map file content to a JSON array failed: the object is not an array.');
      return value;
    }
    case 'JSONL':
      return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, i) => {
          try {
            return JSON.parse(line) as unknown;
          } catch {
            throw readerFailed(`Attempting to map line ${i + 1} of the file content to JSON failed.`);
          }
        });
    case 'CSV':
      return csvItems(text, config);
    default:
      throw readerFailed(`The ItemReader InputType ${String(config.InputType)} is not supported.`);
  }
}

/** CSV rows as objects keyed by the header row (FIRST_ROW) or the given CSVHeaders, every value text. */
function csvItems(text: string, config: ReaderConfig): Record<string, string>[] {
  const rows = csvRows(text, DELIMITERS[config.CSVDelimiter ?? 'COMMA'] ?? ',');
  const headers = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders ?? []) : (rows.shift() ?? []);
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

/** RFC 4180 rows (csv-parse): quoted fields may hold the delimiter, line breaks and doubled quotes; any line ending; blank lines skipped. */
export function csvRows(text: string, delimiter: string): string[][] {
  try {
    return parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw readerFailed(`Attempting to map the file content to CSV failed: ${(e as Error).message}`);
  }
}

export interface Batcher {
  MaxItemsPerBatch?: number;
  MaxInputBytesPerBatch?: number;
  BatchInput?: unknown;
}

/**
 * Items grouped into child inputs `{ BatchInput, Items }`: at most MaxItemsPerBatch items and
 * MaxInputBytesPerBatch bytes of JSON each (256 KiB, a child's input limit, when not given).
 */
export function batches(items: unknown[], batcher: Batcher): { input: Record<string, unknown>; size: number }[] {
  const maxItems = batcher.MaxItemsPerBatch && batcher.MaxItemsPerBatch > 0 ? batcher.MaxItemsPerBatch : Infinity;
  const maxBytes = batcher.MaxInputBytesPerBatch && batcher.MaxInputBytesPerBatch > 0 ? batcher.MaxInputBytesPerBatch : 256 * 1024;
  const out: { input: Record<string, unknown>; size: number }[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  const flush = () => {
    if (!current.length) return;
    out.push({ input: { ...(batcher.BatchInput !== undefined ? { BatchInput: batcher.BatchInput } : {}), Items: current }, size: current.length });
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null', 'utf8') + 1;
    if (current.length >= maxItems || (current.length > 0 && bytes + size > maxBytes)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return out;
}

/**
 * What a map run does with one input: start a child for it, or (a redriven run) keep the outcome of the
 * child that succeeded, or run the child that did not `again` (RedriveExecution of that child).
 */
export interface ChildPlan {
  input: unknown;
  /** How many items the input holds (a batch's). */
  size: number;
  kept?: ChildOutcome;
  again?: () => ChildHandle;
}

/** How one child execution ended, as ResultWriter's files and the Map's output describe it. */
export interface ChildOutcome {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate: number;
}

export interface ChildHandle {
  arn: string;
  /** Stops the child (ABORTED) when the run fails or its parent stops. */
  stop: () => void;
  ended: Promise<ChildOutcome>;
}

/**
 * Runs one child per input under the run's limits, read afresh as each child ends (UpdateMapRun):
 * no more than maxConcurrency at once (0: no limit), and none started once the tolerated failures are
 * exceeded, when the running ones are stopped too. `abandon` stops everything (the parent ended).
 */
export function driveChildren(
  run: MapRun,
  inputs: ChildPlan[],
  start: (input: unknown) => ChildHandle,
  changed: () => void,
): { done: Promise<{ outcomes: (ChildOutcome | undefined)[]; exceeded: boolean }>; abandon: () => void } {
  // A redriven run keeps the children that succeeded.
  const outcomes: (ChildOutcome | undefined)[] = inputs.map((p) => p.kept);
  const running = new Map<number, ChildHandle>();
  let next = 0;
  let exceeded = false;
  let abandoned = false;
  let finish: (v: { outcomes: (ChildOutcome | undefined)[]; exceeded: boolean }) => void = () => undefined;
  const done = new Promise<{ outcomes: (ChildOutcome | undefined)[]; exceeded: boolean }>((resolve) => (finish = resolve));
  const move = (counts: keyof Pick<MapRun, 'itemCounts' | 'executionCounts'>, from: keyof MapRunCounts, to: keyof MapRunCounts, n: number) => {
    run[counts][from] -= n;
    run[counts][to] += n;
  };
  const bucket = (status: ChildOutcome['status']): keyof MapRunCounts =>
    status === 'SUCCEEDED' ? 'succeeded' : status === 'TIMED_OUT' ? 'timedOut' : status === 'ABORTED' ? 'aborted' : 'failed';
  const pump = () => {
    while (!exceeded && !abandoned && next < inputs.length && (run.maxConcurrency === 0 || running.size < run.maxConcurrency)) {
      const index = next++;
      const { input, size, kept, again } = inputs[index];
      if (kept) continue;
      move('itemCounts', 'pending', 'running', size);
      move('executionCounts', 'pending', 'running', 1);
      const child = again ? again() : start(input);
      run.children[index] = child.arn;
      running.set(index, child);
      changed();
      void child.ended.then((outcome) => {
        running.delete(index);
        outcomes[index] = outcome;
        move('itemCounts', 'running', bucket(outcome.status), size);
        move('executionCounts', 'running', bucket(outcome.status), 1);
        if (!exceeded && toleranceExceeded(run)) {
          exceeded = true;
          for (const c of running.values()) c.stop();
        }
        changed();
        pump();
      });
    }
    if (running.size === 0 && (exceeded || abandoned || next >= inputs.length)) finish({ outcomes, exceeded });
  };
  run.updated = () => {
    if (!exceeded && toleranceExceeded(run)) {
      exceeded = true;
      for (const c of running.values()) c.stop();
    }
    pump();
  };
  pump();
  return {
    done,
    abandon: () => {
      abandoned = true;
      for (const c of running.values()) c.stop();
    },
  };
}

/** A new map run's record: ARN `mapRun:<machine>/<label>:<id>`, children's machine `<machine>/<label>`. */
export function newMapRun(parent: { executionArn: string; stateMachineArn: string }, label: string, limits: Pick<MapRun, 'maxConcurrency' | 'toleratedFailureCount' | 'toleratedFailurePercentage'>, items: number, executions: number, now: number): MapRun {
  const [prefix, machineName] = [parent.stateMachineArn.split(':stateMachine:')[0], parent.stateMachineArn.split(':stateMachine:')[1]];
  return {
    arn: `${prefix}:mapRun:${machineName}/${label}:${randomUUID()}`,
    executionArn: parent.executionArn,
    stateMachineArn: `${parent.stateMachineArn}/${label}`,
    status: 'RUNNING',
    startDate: now,
    ...limits,
    itemCounts: emptyCounts(items),
    executionCounts: emptyCounts(executions),
    children: new Array<string>(executions).fill(''),
  };
}

/** A child's entry in ResultWriter's files, as DescribeExecution's members in PascalCase. */
function resultEntry(o: ChildOutcome): Record<string, unknown> {
  return {
    ...(o.cause !== undefined ? { Cause: o.cause } : {}),
    ...(o.error !== undefined ? { Error: o.error } : {}),
    ExecutionArn: o.executionArn,
    Input: o.input,
    InputDetails: { Included: true },
    Name: o.name,
    ...(o.output !== undefined ? { Output: o.output, OutputDetails: { Included: true } } : {}),
    RedriveCount: 0,
    RedriveStatus: o.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    ...(o.status === 'SUCCEEDED' ? { RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    StartDate: new Date(o.startDate).toISOString(),
    StateMachineArn: o.stateMachineArn,
    Status: o.status,
    StopDate: new Date(o.stopDate).toISOString(),
  };
}

/**
 * ResultWriter: the children's results under `<Prefix>/<map run id>/` in the bucket (SUCCEEDED_0.json,
 * FAILED_0.json, PENDING_0.json for inputs never run, each written only when it has entries) and
 * manifest.json naming them; gives the Map's output, `{ MapRunArn, ResultWriterDetails }`.
 */
export async function writeResults(
  run: MapRun,
  params: Record<string, any>,
  outcomes: (ChildOutcome | undefined)[],
  pendingInputs: unknown[],
  s3Ops: OperationTable | undefined,
): Promise<Record<string, unknown>> {
  const s3 = s3Of(s3Ops, (cause) => new StatesFailure('States.ResultWriterFailed', cause));
  const bucket = String(params.Bucket);
  const prefix = params.Prefix ? `${String(params.Prefix).replace(/\/+$/, '')}/` : '';
  const folder = `${prefix}${run.arn.slice(run.arn.lastIndexOf(':') + 1)}/`;
  const ended = outcomes.filter((o): o is ChildOutcome => o !== undefined);
  const groups: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', unknown[]> = {
    SUCCEEDED: ended.filter((o) => o.status === 'SUCCEEDED').map(resultEntry),
    FAILED: ended.filter((o) => o.status !== 'SUCCEEDED').map(resultEntry),
    PENDING: pendingInputs.map((input) => ({ Input: JSON.stringify(input), InputDetails: { Included: true } })),
  };
  const put = async (key: string, value: unknown): Promise<number> => {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    await s3.PutObject({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' });
    return body.length;
  };
  try {
    const files: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
    for (const kind of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
      if (!groups[kind].length) continue;
      const key = `${folder}${kind}_0.json`;
      files[kind].push({ Key: key, Size: await put(key, groups[kind]) });
    }
    const manifestKey = `${folder}manifest.json`;
    await put(manifestKey, { DestinationBucket: bucket, MapRunArn: run.arn, ResultFiles: files });
    return { MapRunArn: run.arn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
  } catch (e) {
    throw new StatesFailure('States.ResultWriterFailed', e instanceof Error ? e.message : String(e));
  }
}
