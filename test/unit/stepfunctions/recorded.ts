/**
 * Replays executions recorded against AWS (test/fixtures/aws-reference/stepfunctions): a template and the
 * input its ExecutionStarted event recorded, run on a broker with a fake clock, and the history compared
 * event by event (type, id, previousEventId, details). The recording's placeholders (`<uuid:1>`,
 * `snf_role_arn`, ARNs with `<ArnPart_0idx>`) match any value; payloads the recorder parsed are compared
 * parsed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';

export const FIXTURES = path.join(__dirname, '../../fixtures/aws-reference/stepfunctions');

export interface RecordedEvent {
  id: number | string;
  previousEventId: number | string;
  type: string;
  [details: string]: unknown;
}

export function snapshot(file: string): Record<string, { 'recorded-content': Record<string, unknown> }> {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'snapshots', file), 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;
}

export function template(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'templates', file), 'utf8')) as Record<string, unknown>;
}

/** Every recorded history of a snapshot entry, in order (an entry may run several executions). */
export function histories(content: unknown): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const events = (v as { events?: unknown }).events;
      if (Array.isArray(events) && events.length && (events[0] as RecordedEvent).type === 'ExecutionStarted') out.push(events as RecordedEvent[]);
      else Object.values(v).forEach(visit);
    }
  };
  visit(content);
  return out;
}

const PLACEHOLDER = /<[^<>]+>|^snf_role_arn$|^timestamp$|^date$|^datetime$|^start-time$|^entered-time$|^start-date$|^stop-date$|^RequestId$|^sqs_queue_url$/;

/** Whether `actual` (ours, with JSON text payloads) matches `expected` (recorded, placeholders allowed). */
export function sameValue(expected: unknown, actual: unknown, where: string): void {
  // a placeholder inside JSON text (an assigned variable's value): `"date"`
  if (typeof expected === 'string' && typeof actual === 'string' && /^"[^"]*"$/.test(expected) && PLACEHOLDER.test(expected.slice(1, -1))) {
    sameValue(expected.slice(1, -1), JSON.parse(actual), where);
    return;
  }
  if (typeof expected === 'string' && PLACEHOLDER.test(expected)) {
    const pattern = new RegExp(
      `^${expected
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/<<[^<>]+>:\d+>/g, '.*')
        .replace(/<[^<>]+>/g, '.*')
        .replace(/^(snf_role_arn|start-time|entered-time|timestamp|date|datetime|start-date|stop-date|RequestId|sqs_queue_url)$/, '.*')
        .replace(/111111111111/g, '\\d{12}')}$`,
      's',
    );
    if (typeof actual === 'string') assert.match(actual, pattern, where);
    return;
  }
  if (typeof actual === 'string' && typeof expected !== 'string') {
    // the recorder parsed JSON payloads: compare parsed
    sameValue(expected, JSON.parse(actual), where);
    return;
  }
  if (typeof expected === 'string' && typeof actual === 'string' && expected !== actual) {
    try {
      assert.deepEqual(JSON.parse(actual), JSON.parse(expected), where);
      return;
    } catch {
      assert.equal(actual, expected, where);
    }
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => sameValue(e, actual[i], `${where}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', `${where}: expected an object, got ${JSON.stringify(actual)}`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: members`);
    for (const [k, v] of Object.entries(expected)) {
      // The HTTP response's headers (lengths, dates, connection) are transport, not the integration's answer.
      if (k === 'SdkHttpMetadata') assert.equal((actual as { SdkHttpMetadata?: { HttpStatusCode?: number } }).SdkHttpMetadata?.HttpStatusCode, 200, `${where}.${k}`);
      else sameValue(v, (actual as Record<string, unknown>)[k], `${where}.${k}`);
    }
    return;
  }
  assert.deepEqual(actual, expected, where);
}

export function sameHistory(expected: RecordedEvent[], actual: Record<string, unknown>[]): void {
  assert.deepEqual(
    actual.map((e) => e.type),
    expected.map((e) => e.type),
    'event types',
  );
  expected.forEach((e, i) => {
    const a = actual[i];
    const where = `event ${i + 1} (${e.type})`;
    // The recorder numbers concurrent branches' events as [n]; those ids are not compared.
    if (typeof e.id === 'number') assert.equal(a.id, e.id, `${where}: id`);
    if (typeof e.previousEventId === 'number' && typeof e.id === 'number') assert.equal(a.previousEventId, e.previousEventId, `${where}: previousEventId`);
    for (const [k, v] of Object.entries(e)) {
      if (k.endsWith('Details')) sameValue(v, a[k], `${where}.${k}`);
    }
  });
}

/** Runs `definition` with `input` to its end on a fake clock and gives its history and description. */
export async function execute(definition: unknown, input: unknown, broker?: Broker, clock?: FakeClock) {
  const ownBroker = !broker;
  clock ??= new FakeClock();
  broker ??= new Broker({ clock });
  try {
    const ops = broker.stepfunctions.operations;
    const name = `sm-${Math.random().toString(36).slice(2)}`;
    const { stateMachineArn } = ops.CreateStateMachine({ name, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' });
    const { executionArn } = ops.StartExecution({ stateMachineArn, input: JSON.stringify(input) });
    const run = broker.stepfunctions.executions.get(executionArn)!.run;
    // Waits and retries are on the broker's scheduler: move the fake clock until the execution ends.
    for (let i = 0; i < 100_000 && run.status === 'RUNNING'; i++) {
      await new Promise((r) => setImmediate(r));
      if (run.status === 'RUNNING') clock.advance(1000);
    }
    return { history: ops.GetExecutionHistory({ executionArn, maxResults: 1000 }).events, describe: ops.DescribeExecution({ executionArn }), executionArn, broker };
  } finally {
    if (ownBroker) broker.dispose();
  }
}

/** The input an execution was started with, from its recorded ExecutionStarted event. */
export function recordedInput(events: RecordedEvent[]): unknown {
  const details = events[0].executionStartedEventDetails as { input: unknown };
  return details.input;
}
