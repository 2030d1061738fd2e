/**
 * Finds, in a user's source file, the calls that send to a named resource: AWS SDK v3 commands
 * (`new SendMessageCommand({ QueueUrl: ... })`, `PublishCommand`, `PutRecordCommand`, `PutRecordsCommand`,
 * `PutEventsCommand`) and boto3 calls (`.send_message(QueueUrl=...)`, `.publish`, `.put_record(s)`,
 * `.put_events`), where the resource is a literal (queue URL, ARN or name) or a constant of the same file.
 * Free of `vscode` so it is unit-tested; the CodeLens provider calls it. It does nothing on a file over
 * MAX_SCAN_CHARS and costs one regular expression test on a file with no such call.
 */
export const MAX_SCAN_CHARS = 512 * 1024;

export type LensService = 'sqs' | 'sns' | 'kinesis' | 'events';

export interface SourceCall {
  /** Zero-based position of the call's name. */
  line: number;
  character: number;
  service: LensService;
  /** The queue, topic, stream or bus name. */
  resource: string;
}

const SDK_CALLS: Record<string, { service: LensService; keys: string[] }> = {
  SendMessageCommand: { service: 'sqs', keys: ['QueueUrl'] },
  SendMessageBatchCommand: { service: 'sqs', keys: ['QueueUrl'] },
  PublishCommand: { service: 'sns', keys: ['TopicArn'] },
  PutRecordCommand: { service: 'kinesis', keys: ['StreamName', 'StreamARN'] },
  PutRecordsCommand: { service: 'kinesis', keys: ['StreamName', 'StreamARN'] },
  PutEventsCommand: { service: 'events', keys: ['EventBusName'] },
};

const BOTO_CALLS: Record<string, { service: LensService; keys: string[] }> = {
  send_message: { service: 'sqs', keys: ['QueueUrl'] },
  send_message_batch: { service: 'sqs', keys: ['QueueUrl'] },
  publish: { service: 'sns', keys: ['TopicArn'] },
  put_record: { service: 'kinesis', keys: ['StreamName', 'StreamARN'] },
  put_records: { service: 'kinesis', keys: ['StreamName', 'StreamARN'] },
  put_events: { service: 'events', keys: ['EventBusName'] },
};

const ANY_CALL = /\bnew\s+(?:SendMessage|SendMessageBatch|Publish|PutRecord|PutRecords|PutEvents)Command\s*\(|\.(?:send_message|send_message_batch|publish|put_record|put_records|put_events)\s*\(/;
/** How far past the call's opening parenthesis its arguments are read. */
const ARGUMENT_WINDOW = 2000;

export function scanSource(text: string, language: 'js' | 'python'): SourceCall[] {
  if (text.length > MAX_SCAN_CHARS || !ANY_CALL.test(text)) return [];
  const constants = constantsOf(text, language);
  const calls: SourceCall[] = [];
  const pattern = language === 'python'
    ? /\.(send_message_batch|send_message|publish|put_records|put_record|put_events)\s*\(/g
    : /\bnew\s+(SendMessageBatchCommand|SendMessageCommand|PublishCommand|PutRecordsCommand|PutRecordCommand|PutEventsCommand)\s*\(/g;
  const table = language === 'python' ? BOTO_CALLS : SDK_CALLS;
  const lineStarts = lineStartsOf(text);
  for (const m of text.matchAll(pattern)) {
    const spec = table[m[1]];
    const args = argumentsOf(text, m.index + m[0].length);
    let resource: string | undefined;
    for (const key of spec.keys) {
      const value = valueOf(args, key, language, constants);
      if (value !== undefined) {
        resource = resourceName(spec.service, value);
        break;
      }
    }
    // PutEvents without a bus puts on the default bus; other calls without a readable resource get no lens.
    if (resource === undefined && spec.service === 'events' && !/\bEventBusName\b/.test(args)) resource = 'default';
    if (resource === undefined) continue;
    const at = m.index + m[0].indexOf(m[1]);
    const line = lineOf(lineStarts, at);
    calls.push({ line, character: at - lineStarts[line], service: spec.service, resource });
  }
  return calls;
}

/** The text of the call's arguments: up to its closing parenthesis, within ARGUMENT_WINDOW characters. */
function argumentsOf(text: string, from: number): string {
  let depth = 1;
  const end = Math.min(text.length, from + ARGUMENT_WINDOW);
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(from, i);
    }
  }
  return text.slice(from, end);
}

const STRING = String.raw`'([^'\\\n]*)'|"([^"\\\n]*)"|\x60([^\x60$\\]*)\x60`;

/** `key: 'literal'`, `key: CONSTANT`, `key` shorthand (JS) or `key='literal'`, `key=CONSTANT` (Python). */
function valueOf(args: string, key: string, language: 'js' | 'python', constants: Map<string, string>): string | undefined {
  const sep = language === 'python' ? '=' : ':';
  const m = new RegExp(String.raw`\b${key}\s*${sep}\s*(?:${STRING}|([A-Za-z_$][\w$.]*))`).exec(args);
  if (m) {
    const literal = m[1] ?? m[2] ?? m[3];
    if (literal !== undefined) return literal;
    return constants.get(m[4]) ?? constants.get(m[4].split('.').pop()!);
  }
  // `{ QueueUrl }` shorthand: the constant of that name.
  if (language === 'js' && new RegExp(String.raw`[{,]\s*${key}\s*[,}]`).test(args)) return constants.get(key);
  return undefined;
}

/** The file's constants with a string value: `const NAME = '...'` (also let/var/export) or Python's `NAME = '...'`. */
function constantsOf(text: string, language: 'js' | 'python'): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = language === 'python'
    ? new RegExp(String.raw`^[ \t]*([A-Za-z_]\w*)\s*(?::\s*str\s*)?=\s*(?:${STRING})`, 'gm')
    : new RegExp(String.raw`\b(?:const|let|var|readonly)\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(?:${STRING})`, 'g');
  for (const m of text.matchAll(pattern)) {
    // The first definition wins: a later reassignment is not what a reader takes the name to mean.
    if (!found.has(m[1])) found.set(m[1], m[2] ?? m[3] ?? m[4]);
  }
  // Class fields and object members: `QUEUE_URL = '...'` / `queueUrl: '...'` are also read, after the declarations.
  if (language === 'js') {
    for (const m of text.matchAll(new RegExp(String.raw`\b([A-Za-z_$][\w$]*)\s*[:=]\s*(?:${STRING})`, 'g'))) {
      if (!found.has(m[1])) found.set(m[1], m[2] ?? m[3] ?? m[4]);
    }
  }
  return found;
}

/** A queue URL, an ARN or a name, as the resource's name. */
export function resourceName(service: LensService, value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (/^https?:\/\//.test(v)) return service === 'sqs' ? v.replace(/\/+$/, '').split('/').pop() : undefined;
  if (v.startsWith('arn:')) {
    const resource = v.split(':').slice(5).join(':');
    if (service === 'kinesis') return resource.replace(/^stream\//, '').split('/')[0];
    if (service === 'events') return resource.replace(/^event-bus\//, '');
    return resource;
  }
  return v;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
