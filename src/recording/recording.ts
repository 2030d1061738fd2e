import { parseArn } from '../broker/identity';
import { queueNameFromUrl } from '../broker/sqs/urls';

/**
 * One line of a recording (NDJSON): a request a client made that added messages, records or events.
 * `input` is the AWS action's input in its own member names, so a replay sends the same request again.
 */
export interface RecordedRequest {
  /** Milliseconds since the recording started: the pace a replay keeps. */
  t: number;
  /** When it happened (ISO 8601), for people reading the file. */
  at: string;
  service: RecordedService;
  action: string;
  /** The queue, topic, stream, delivery stream or bus it went to, by name. */
  resource: string;
  input: Record<string, unknown>;
}

export type RecordedService = 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events';

/** The actions a recording keeps: those that send something; reads and control requests are not traffic. */
export const RECORDED_ACTIONS: Record<RecordedService, readonly string[]> = {
  sqs: ['SendMessage', 'SendMessageBatch'],
  sns: ['Publish', 'PublishBatch'],
  kinesis: ['PutRecord', 'PutRecords'],
  firehose: ['PutRecord', 'PutRecordBatch'],
  events: ['PutEvents'],
};

export function isRecorded(service: string, action: string): service is RecordedService {
  return (RECORDED_ACTIONS as Record<string, readonly string[] | undefined>)[service]?.includes(action) ?? false;
}

/** The resource a request names, by name (a queue URL, a topic or stream ARN all come down to the name). */
export function resourceOf(service: RecordedService, input: Record<string, unknown>): string | undefined {
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
  const arnName = (arn: string | undefined) => arn && parseArn(arn)?.resource.split(/[/:]/).pop();
  switch (service) {
    case 'sqs':
      return text('QueueUrl') && (queueNameFromUrl(text('QueueUrl')!) ?? text('QueueUrl'));
    case 'sns':
      return arnName(text('TopicArn') ?? text('TargetArn')) ?? text('PhoneNumber');
    case 'kinesis':
      return text('StreamName') ?? arnName(text('StreamARN'));
    case 'firehose':
      return text('DeliveryStreamName');
    case 'events': {
      const first = (input.Entries as { EventBusName?: string }[] | undefined)?.[0]?.EventBusName;
      return busName(first);
    }
  }
}

/** A bus named by name or ARN; none is the default bus. */
export function busName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  return nameOrArn.startsWith('arn:') ? (parseArn(nameOrArn)?.resource.replace(/^event-bus\//, '') ?? nameOrArn) : nameOrArn;
}

/** One NDJSON line; bytes as `{"$base64": ...}` and dates as `{"$date": ...}` so they read back as they were. */
export function encodeLine(request: RecordedRequest): string {
  return JSON.stringify(request, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return { $base64: Buffer.from(raw).toString('base64') };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    return value;
  });
}

/** Reads a recording; a line that is not a recorded request is an error naming its line number. */
export function decodeRecording(text: string): RecordedRequest[] {
  const lines: RecordedRequest[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line, (_key, v: unknown) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const o = v as Record<string, unknown>;
          const keys = Object.keys(o);
          if (keys.length === 1 && typeof o.$base64 === 'string') return new Uint8Array(Buffer.from(o.$base64, 'base64'));
          if (keys.length === 1 && typeof o.$date === 'string') return new Date(o.$date);
        }
        return v;
      });
    } catch (e) {
      throw new Error(`Line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    const r = value as Partial<RecordedRequest> | null;
    if (!r || typeof r !== 'object' || typeof r.t !== 'number' || typeof r.service !== 'string' || typeof r.action !== 'string' || !isRecorded(r.service, r.action) || !r.input || typeof r.input !== 'object') {
      throw new Error(`Line ${i + 1} is not a recorded request (t, service, action and input, of ${Object.entries(RECORDED_ACTIONS).map(([s, a]) => `${s} ${a.join('/')}`).join(', ')}).`);
    }
    lines.push({ t: r.t, at: typeof r.at === 'string' ? r.at : '', service: r.service, action: r.action, resource: typeof r.resource === 'string' ? r.resource : '', input: r.input });
  });
  return lines;
}

/** The entries a request carries: a batch's entries, or the one input of a single send. */
export function entriesOf(request: RecordedRequest): Record<string, unknown>[] {
  const input = request.input;
  const list = (key: string) => (Array.isArray(input[key]) ? (input[key] as Record<string, unknown>[]) : []);
  switch (`${request.service}.${request.action}`) {
    case 'sqs.SendMessageBatch': return list('Entries');
    case 'sns.PublishBatch': return list('PublishBatchRequestEntries');
    case 'kinesis.PutRecords': return list('Records');
    case 'firehose.PutRecord': return input.Record && typeof input.Record === 'object' ? [input.Record as Record<string, unknown>] : [];
    case 'firehose.PutRecordBatch': return list('Records');
    case 'events.PutEvents': return list('Entries');
    default: return [input];
  }
}

/**
 * The requests from..to-1 as a recording of their own, starting at 0 ms: a replay from the middle of a
 * recording keeps the pace between them without first waiting out the time before the first.
 */
export function sliceRecording(requests: RecordedRequest[], from: number, to: number): RecordedRequest[] {
  const part = requests.slice(Math.max(0, from), Math.max(0, to));
  const start = part[0]?.t ?? 0;
  return part.map((r) => ({ ...r, t: r.t - start }));
}
