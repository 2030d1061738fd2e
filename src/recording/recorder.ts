import fs from 'node:fs';
import type { Broker } from '../broker/broker';
import type { TappedRequest } from '../broker/request-tap';
import { busName, encodeLine, isRecorded, resourceOf, type RecordedRequest } from './recording';

export interface RecorderOptions {
  /** Only requests to these resources (queue, topic, stream, delivery stream or bus names); all when absent or empty. */
  resources?: string[];
}

type Entries = Record<string, unknown>[];

/**
 * Records a broker's traffic: every request that sent messages, records or events (from the wire or the
 * editor) and succeeded, as one NDJSON line with its time. A batch keeps only the entries the broker
 * accepted, so a replay sends what was really sent. Nothing is recorded of what the broker did on its own
 * (an SNS fan-out, a rule's delivery): a replay makes that happen again.
 */
export class Recorder {
  private readonly started: number;
  private readonly unsubscribe: () => void;
  private readonly only?: Set<string>;
  count = 0;

  constructor(broker: Broker, private readonly write: (line: string) => void, options: RecorderOptions = {}) {
    this.started = broker.clock.now();
    this.only = options.resources?.length ? new Set(options.resources) : undefined;
    this.unsubscribe = broker.requests.on((r) => this.take(r));
  }

  stop(): void {
    this.unsubscribe();
  }

  private take(request: TappedRequest): void {
    if (!isRecorded(request.service, request.action)) return;
    const service = request.service;
    const input = accepted(request.action, request.input as Record<string, unknown>, request.output as Record<string, unknown> | undefined, this.only);
    if (!input) return;
    const resource = resourceOf(service, input) ?? '';
    if (this.only && service !== 'events' && !this.only.has(resource)) return;
    const line: RecordedRequest = { t: request.at - this.started, at: new Date(request.at).toISOString(), service, action: request.action, resource, input };
    this.write(encodeLine(line) + '\n');
    this.count++;
  }
}

/** The input with only the batch entries the broker accepted (and, for PutEvents, on the chosen buses); undefined when none is left. */
function accepted(action: string, input: Record<string, unknown>, output: Record<string, unknown> | undefined, only?: Set<string>): Record<string, unknown> | undefined {
  const keep = (key: string, ok: (entry: Record<string, unknown>, i: number) => boolean) => {
    const entries = ((input[key] as Entries | undefined) ?? []).filter(ok);
    return entries.length ? { ...input, [key]: entries } : undefined;
  };
  const succeededIds = () => new Set(((output?.Successful as Entries | undefined) ?? []).map((s) => s.Id));
  const noError = (key: string) => (_e: unknown, i: number) => !((output?.[key] as Entries | undefined)?.[i]?.ErrorCode);
  switch (action) {
    case 'SendMessageBatch': {
      const ids = succeededIds();
      return keep('Entries', (e) => ids.has(e.Id));
    }
    case 'PublishBatch': {
      const ids = succeededIds();
      return keep('PublishBatchRequestEntries', (e) => ids.has(e.Id));
    }
    case 'PutRecords':
      return keep('Records', noError('Records'));
    case 'PutRecordBatch':
      return keep('Records', noError('RequestResponses'));
    case 'PutEvents': {
      const ok = noError('Entries');
      return keep('Entries', (e, i) => ok(e, i) && (!only || only.has(busName(e.EventBusName as string | undefined))));
    }
    default:
      return input;
  }
}

/** A recording into a file (created or emptied); `stop` ends it once every line is written. */
export function recordToFile(broker: Broker, file: string, options: RecorderOptions = {}): { recorder: Recorder; stop: () => Promise<void> } {
  const out = fs.createWriteStream(file, { flags: 'w' });
  let failure: Error | undefined;
  out.on('error', (e) => {
    failure ??= e;
  });
  const recorder = new Recorder(broker, (line) => {
    if (!failure) out.write(line);
  }, options);
  const stop = () => {
    recorder.stop();
    return new Promise<void>((resolve, reject) => out.end(() => (failure ? reject(failure) : resolve())));
  };
  return { recorder, stop };
}
