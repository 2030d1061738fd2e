import fs from 'node:fs';
import path from 'node:path';
import {
  PREVIEW_LENGTH,
  type RecordedPayload,
  type RecordingOverview,
  type RecordingReplayRequest,
  type RecordingReplayResult,
  type RecordingRequestDetail,
  type RecordingRow,
  type RecordingRowsQuery,
} from '../../inspector/protocol';
import { decodeRecording, encodeLine, entriesOf, type RecordedRequest } from '../../recording/recording';
import type { ReplayResult } from '../../recording/replayer';

/** Replays part of a recording into this window's broker (the editor's `eventyard.replayRecording`). */
export type ReplayRange = (file: string, range: { from: number; to: number; speed: number }) => PromiseLike<ReplayResult | undefined>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The inspector's timeline of a recording file: the requests on a time axis, one lane per resource, the
 * ones up to the scrubber as a list, one request's payloads, and a replay of a stretch of it. The file is
 * read when the panel asks for the overview, so "Reload" shows what a running recording added since.
 */
export class RecordingHandler {
  private requests: RecordedRequest[] = [];
  private laneOf: number[] = [];

  constructor(
    private readonly file: string,
    private readonly replayRange?: ReplayRange,
  ) {}

  overview(): RecordingOverview {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read ${this.file}: ${(e as Error).message}`);
    }
    this.requests = decodeRecording(text);
    const lanes: RecordingOverview['lanes'] = [];
    const laneIndex = new Map<string, number>();
    this.laneOf = this.requests.map((r) => {
      const key = `${r.service}\u0000${r.resource}`;
      let lane = laneIndex.get(key);
      if (lane === undefined) {
        lane = lanes.push({ resource: r.resource, service: r.service, requests: 0 }) - 1;
        laneIndex.set(key, lane);
      }
      lanes[lane].requests++;
      return lane;
    });
    return {
      file: path.basename(this.file),
      requests: this.requests.length,
      durationMs: this.requests.reduce((last, r) => Math.max(last, r.t), 0),
      startedAt: this.requests[0]?.at ?? '',
      lanes,
      times: this.requests.map((r) => r.t),
      laneOf: this.laneOf,
    };
  }

  rows(query: RecordingRowsQuery): { total: number; items: RecordingRow[] } {
    const upTo = Math.max(0, Math.min(query.upTo, this.requests.length));
    // Newest first: the request at the scrubber is the first row.
    let indexes: number[] = [];
    for (let i = upTo - 1; i >= 0; i--) if (query.lane === undefined || this.laneOf[i] === query.lane) indexes.push(i);
    const total = indexes.length;
    indexes = indexes.slice(query.offset, query.offset + query.limit);
    return { total, items: indexes.map((i) => this.row(i)) };
  }

  request(index: number): RecordingRequestDetail {
    const r = this.at(index);
    return {
      ...this.row(index),
      payloads: entriesOf(r).map((e) => payload(r, e)),
      input: JSON.stringify(JSON.parse(encodeLine(r)), null, 2),
    };
  }

  async replay(p: RecordingReplayRequest): Promise<RecordingReplayResult> {
    if (!this.replayRange) throw new Error('Replay is not available here.');
    const from = Math.max(0, Math.floor(p.from));
    const to = Math.min(this.requests.length, Math.floor(p.to));
    if (!(to > from)) throw new Error('Choose at least one request to replay.');
    const result = await this.replayRange(this.file, { from, to, speed: p.speed > 0 ? p.speed : Infinity });
    if (!result) throw new Error('The replay did not run.');
    return { sent: result.sent, refused: result.failed.length, firstError: result.failed[0]?.message, elapsedMs: Math.round(result.elapsed) };
  }

  private at(index: number): RecordedRequest {
    const r = this.requests[index];
    if (!r) throw new Error(`The recording has no request ${index + 1}; reload it.`);
    return r;
  }

  private row(index: number): RecordingRow {
    const r = this.at(index);
    const entries = entriesOf(r);
    const first = entries[0] ? payload(r, entries[0]).body : '';
    return { index, t: r.t, at: r.at, service: r.service, action: r.action, resource: r.resource, entries: entries.length, preview: first.slice(0, PREVIEW_LENGTH) };
  }
}

/** One entry's body and the fields beside it, all as text. */
function payload(r: RecordedRequest, e: Record<string, unknown>): RecordedPayload {
  const details: Record<string, string> = {};
  const keep = (key: string, label = key) => {
    if (e[key] !== undefined && e[key] !== null && e[key] !== '') details[label] = typeof e[key] === 'string' ? e[key] : JSON.stringify(e[key]);
  };
  let raw: unknown;
  switch (r.service) {
    case 'sqs':
      raw = e.MessageBody;
      ['MessageGroupId', 'MessageDeduplicationId', 'DelaySeconds'].forEach((k) => keep(k));
      break;
    case 'sns':
      raw = e.Message;
      ['Subject', 'MessageStructure', 'MessageGroupId', 'MessageDeduplicationId', 'PhoneNumber', 'TargetArn'].forEach((k) => keep(k));
      break;
    case 'kinesis':
      raw = e.Data;
      ['PartitionKey', 'ExplicitHashKey'].forEach((k) => keep(k));
      break;
    case 'firehose':
      raw = e.Data;
      break;
    case 'events':
      raw = e.Detail;
      ['Source', 'DetailType', 'EventBusName', 'Resources', 'Time'].forEach((k) => keep(k));
      break;
  }
  const attributes = e.MessageAttributes as Record<string, { DataType?: string; StringValue?: string; BinaryValue?: unknown }> | undefined;
  for (const [name, a] of Object.entries(attributes ?? {})) {
    const value = a.StringValue ?? (a.BinaryValue instanceof Uint8Array ? Buffer.from(a.BinaryValue).toString('base64') : '');
    details[`attribute ${name}`] = `${a.DataType ?? ''}: ${value}`;
  }
  if (raw instanceof Uint8Array) {
    try {
      return { body: utf8.decode(raw), binary: false, details };
    } catch {
      return { body: Buffer.from(raw).toString('base64'), binary: true, details };
    }
  }
  return { body: typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw), binary: false, details };
}
