import { formatDuration, parseDuration } from './duration';
import { FakeData } from './fake-data';
import { mismatch, subsetMismatch, type SeenMessage } from './match';
import { actionOf, stepLabel, type EventFile, type Expectation, type Step } from './model';
import { resolveVars, substitute, VariableError, type Scope } from './variables';
import { EndpointClient, type EndpointOptions, type PeekedMessage } from './wire-client';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** Position in the file's `steps`. */
  index: number;
  /** The step's name, or "step 3 (send)". */
  label: string;
  status: StepStatus;
  durationMs: number;
  /** Why it failed or was skipped, in words: what was expected and what was seen. */
  message?: string;
  /** What the step produced (MessageId and the like), as `${steps.NAME.*}` sees it. */
  output?: Record<string, unknown>;
}

export interface FileResult {
  name: string;
  steps: StepResult[];
  durationMs: number;
  passed: boolean;
}

export interface RunOptions extends EndpointOptions {
  /** Picks `environments.<name>` of the file. */
  environment?: string;
  /** Replaces the file's seed. */
  seed?: number;
  /** The process environment for `${env:NAME}` (default process.env). */
  env?: Record<string, string | undefined>;
  /** Run only this step (the editor's "Run step"); expectations then look at everything already there. */
  only?: number;
  signal?: AbortSignal;
  /** Called as each step finishes, for live output. */
  onStep?: (result: StepResult) => void;
}

const DEFAULT_WITHIN_MS = 5000;
const DEFAULT_EMPTY_FOR_MS = 1000;
const POLL_MS = 100;
const DEFAULT_SEED = 1;

/** Thrown by a step: its message is the step's failure as the user reads it. */
class StepFailure extends Error {}

/**
 * Runs an event file's steps in order against a broker endpoint, over the wire, so the editor and
 * `eventyard run` behave the same against any Eventyard. A failed send, publish or put skips the steps after
 * it (they would build on what it did not do); a failed expectation does not. Expectations never consume:
 * they peek. In a whole-file run, "a message reaches queue X" counts only messages that were not in X when
 * the run began, and "stream S gets N records" only records put after it began.
 */
export async function runEventFile(name: string, file: EventFile, options: RunOptions): Promise<FileResult> {
  const started = Date.now();
  const client = new EndpointClient(options);
  const results: StepResult[] = [];
  try {
    const env = options.env ?? process.env;
    let vars: Record<string, unknown>;
    try {
      vars = resolveVars(file, options.environment, env);
    } catch (e) {
      // Nothing can run without the file's vars: every step reports why.
      file.steps.forEach((step, index) => {
        if (options.only !== undefined && index !== options.only) return;
        const result: StepResult = { index, label: stepLabel(step, index), status: 'failed', durationMs: 0, message: (e as Error).message };
        results.push(result);
        options.onStep?.(result);
      });
      return { name, steps: results, durationMs: Date.now() - started, passed: false };
    }
    const scope: Scope = { vars, env, steps: {}, fake: new FakeData(options.seed ?? file.seed ?? DEFAULT_SEED) };
    const baseline = options.only === undefined ? await takeBaseline(file, scope, client) : new Baseline();
    let blocked: string | undefined;
    for (const [index, step] of file.steps.entries()) {
      if (options.only !== undefined && index !== options.only) continue;
      const label = stepLabel(step, index);
      if (options.signal?.aborted) blocked = 'The run was cancelled.';
      if (blocked) {
        const result: StepResult = { index, label, status: 'skipped', durationMs: 0, message: blocked };
        results.push(result);
        options.onStep?.(result);
        continue;
      }
      const stepStarted = Date.now();
      let result: StepResult;
      try {
        const output = await runStep(step, scope, client, baseline, options.signal);
        if (output && step.name) scope.steps[step.name] = output;
        result = { index, label, status: 'passed', durationMs: Date.now() - stepStarted, output };
      } catch (e) {
        const message = e instanceof StepFailure || e instanceof VariableError ? e.message : awsMessage(e);
        result = { index, label, status: 'failed', durationMs: Date.now() - stepStarted, message };
        if (actionOf(step) !== 'expect') blocked = `Skipped: ${label} failed before it.`;
      }
      results.push(result);
      options.onStep?.(result);
    }
    return { name, steps: results, durationMs: Date.now() - started, passed: results.every((r) => r.status === 'passed') };
  } finally {
    client.dispose();
  }
}

/** What was already there when the run began, so expectations look only at what came after. */
class Baseline {
  readonly messageIds = new Map<string, Set<string>>();
  readonly invocationIds = new Map<string, Set<string>>();
  readonly iterators = new Map<string, Map<string, string>>();
}

async function takeBaseline(file: EventFile, scope: Scope, client: EndpointClient): Promise<Baseline> {
  const baseline = new Baseline();
  // Only vars and env here: the fake data must stay the same sequence the steps draw from.
  const plain = (value: string): string | undefined => {
    try {
      return String(substitute(value, { ...scope, fake: new FakeData(0) }));
    } catch {
      return undefined;
    }
  };
  for (const step of file.steps) {
    const e = step.expect;
    // A resource that does not exist yet has nothing to exclude; the expectation itself reports it.
    try {
      const queue = e?.message && plain(e.message.queue);
      if (queue && !baseline.messageIds.has(queue)) baseline.messageIds.set(queue, new Set((await client.peek(queue)).map((m) => m.messageId)));
      const fn = e?.invoked && plain(e.invoked.function);
      if (fn && !baseline.invocationIds.has(fn)) baseline.invocationIds.set(fn, new Set((await client.invocations(fn)).map((i) => i.requestId)));
      const stream = e?.records && plain(e.records.stream);
      if (stream && !baseline.iterators.has(stream)) baseline.iterators.set(stream, await client.latestIterators(stream));
    } catch {
      // nothing to exclude
    }
  }
  return baseline;
}

async function runStep(step: Step, scope: Scope, client: EndpointClient, baseline: Baseline, signal?: AbortSignal): Promise<Record<string, unknown> | undefined> {
  const fill = <T>(value: T, index?: number): T => substitute(value, { ...scope, index }) as T;
  if (step.send) {
    const count = step.send.repeat ?? 1;
    const entries = Array.from({ length: count }, (_, i) => {
      const s = fill({ ...step.send!, repeat: undefined }, step.send!.repeat ? i : undefined);
      return { ...s, body: text(s.body), attributes: s.attributes };
    });
    const sent = await client.sendMessages(entries[0].queue, entries);
    return { ...sent[0], MessageIds: sent.map((s) => s.MessageId), Count: sent.length };
  }
  if (step.publish) {
    const ids: string[] = [];
    const count = step.publish.repeat ?? 1;
    for (let i = 0; i < count; i++) {
      const p = fill({ ...step.publish, repeat: undefined }, step.publish.repeat ? i : undefined);
      ids.push((await client.publish(p.topic, { ...p, message: text(p.message) })).MessageId);
    }
    return { MessageId: ids[0], MessageIds: ids, Count: ids.length };
  }
  if (step.putRecords) {
    const count = step.putRecords.repeat ?? 1;
    const records = Array.from({ length: count }, (_, i) => {
      const r = fill({ ...step.putRecords!, repeat: undefined }, step.putRecords!.repeat ? i : undefined);
      return { stream: r.stream, data: text(r.data), partitionKey: r.partitionKey ?? String(i) };
    });
    const put = await client.putRecords(records[0].stream, records);
    return { ...put[0], SequenceNumbers: put.map((p) => p.SequenceNumber), Count: put.length };
  }
  if (step.putEvents) {
    const count = step.putEvents.repeat ?? 1;
    const entries = Array.from({ length: count }, (_, i) => {
      const e = fill({ ...step.putEvents!, repeat: undefined }, step.putEvents!.repeat ? i : undefined);
      return { EventBusName: e.bus, Source: e.source, DetailType: e.detailType, Detail: text(e.detail), Resources: e.resources };
    });
    const ids = await client.putEvents(entries);
    return { EventId: ids[0], EventIds: ids, Count: ids.length };
  }
  if (step.startExecution) {
    const e = fill(step.startExecution);
    return client.startExecution(e.stateMachine, e.input === undefined ? '{}' : text(e.input), e.name);
  }
  if (step.wait !== undefined) {
    await sleep(parseDuration(step.wait) ?? 0, signal);
    if (signal?.aborted) throw new StepFailure('The run was cancelled.');
    return undefined;
  }
  if (step.expect) {
    await expect(fill(step.expect), client, baseline, signal);
    return undefined;
  }
  return undefined;
}

async function expect(e: Expectation, client: EndpointClient, baseline: Baseline, signal?: AbortSignal): Promise<void> {
  if (e.message) {
    const { queue, matching } = e.message;
    const want = e.message.count ?? 1;
    const within = parseDuration(e.message.within) ?? DEFAULT_WITHIN_MS;
    const before = baseline.messageIds.get(queue);
    let seen: PeekedMessage[] = [];
    let matched = 0;
    await poll(within, signal, async () => {
      seen = (await client.peek(queue)).filter((m) => !before?.has(m.messageId));
      matched = seen.filter((m) => !mismatch(matching, seenMessage(m))).length;
      return matched >= want;
    }).catch(rethrowPlain);
    if (matched >= want) return;
    const what = matching ? `matching ${describePredicate(matching)}` : '';
    const fresh = before ? 'new ' : '';
    if (!seen.length) throw new StepFailure(`No ${fresh}message ${what} reached ${queue} within ${formatDuration(within)}: no ${fresh}message arrived at all.`.replace('  ', ' '));
    if (want > 1 && matched > 0) throw new StepFailure(`Expected ${want} ${fresh}messages ${what} in ${queue} within ${formatDuration(within)}, but ${matched} matched (of ${seen.length}).`.replace('  ', ' '));
    throw new StepFailure(`No ${fresh}message ${what} reached ${queue} within ${formatDuration(within)}. ${seen.length} ${fresh}message${seen.length === 1 ? '' : 's'} arrived; ${closest(seen.map((m) => mismatch(matching, seenMessage(m))!))}.`.replace('  ', ' '));
  }
  if (e.empty) {
    const { queue } = e.empty;
    const span = parseDuration(e.empty.for) ?? DEFAULT_EMPTY_FOR_MS;
    const started = Date.now();
    let found: PeekedMessage[] = [];
    // Polls for the whole span; succeeds when it ran out without seeing a message.
    await poll(span, signal, async () => {
      found = await client.peek(queue);
      return found.length > 0;
    }).catch(rethrowPlain);
    if (found.length) {
      throw new StepFailure(`${queue} was to stay empty for ${formatDuration(span)}, but after ${formatDuration(Date.now() - started)} it held ${found.length} message${found.length === 1 ? '' : 's'}; the first: ${shorten(found[0].body)}`);
    }
    return;
  }
  if (e.records) {
    const { stream, count } = e.records;
    const within = parseDuration(e.records.within) ?? DEFAULT_WITHIN_MS;
    const iterators = baseline.iterators.get(stream) ?? new Map<string, string>();
    baseline.iterators.set(stream, iterators);
    let total = 0;
    await poll(within, signal, async () => {
      total += await client.countRecords(stream, iterators);
      return total >= count;
    }).catch(rethrowPlain);
    if (total < count) throw new StepFailure(`Expected ${count} new record${count === 1 ? '' : 's'} on ${stream} within ${formatDuration(within)}, but it got ${total}.`);
    return;
  }
  if (e.invoked) {
    const fn = e.invoked.function;
    const want = e.invoked.count ?? 1;
    const within = parseDuration(e.invoked.within) ?? DEFAULT_WITHIN_MS;
    const before = baseline.invocationIds.get(fn);
    let seen: { input: unknown }[] = [];
    let matched = 0;
    await poll(within, signal, async () => {
      seen = (await client.invocations(fn)).filter((i) => !before?.has(i.requestId));
      matched = seen.filter((i) => e.invoked!.with === undefined || !subsetMismatch(e.invoked!.with, i.input, 'event')).length;
      return matched >= want;
    }).catch(rethrowPlain);
    if (matched >= want) return;
    const withText = e.invoked.with === undefined ? '' : ` with ${shorten(JSON.stringify(e.invoked.with))}`;
    if (!seen.length) throw new StepFailure(`Expected ${fn} to be invoked${withText} within ${formatDuration(within)}, but it was not invoked.`);
    if (matched > 0) throw new StepFailure(`Expected ${fn} to be invoked ${want} times${withText} within ${formatDuration(within)}, but ${matched} invocations matched (of ${seen.length}).`);
    const why = closest(seen.map((i) => subsetMismatch(e.invoked!.with, i.input, 'event')!));
    throw new StepFailure(`Expected ${fn} to be invoked${withText} within ${formatDuration(within)}; it was invoked ${seen.length} time${seen.length === 1 ? '' : 's'}, but ${why}.`);
  }
  if (e.execution) await expectExecution(e.execution, client, signal);
}

async function expectExecution(e: NonNullable<Expectation['execution']>, client: EndpointClient, signal?: AbortSignal): Promise<void> {
  const want = e.status ?? 'SUCCEEDED';
  const within = parseDuration(e.within) ?? DEFAULT_WITHIN_MS;
  let seen: Awaited<ReturnType<EndpointClient['describeExecution']>> | undefined;
  await poll(within, signal, async () => {
    seen = await client.describeExecution(e.arn);
    return seen.status !== 'RUNNING' && seen.status !== 'PENDING_REDRIVE';
  }).catch(rethrowPlain);
  const name = seen?.name ?? e.arn;
  if (!seen || seen.status === 'RUNNING' || seen.status === 'PENDING_REDRIVE') {
    throw new StepFailure(`Execution ${name} was to end ${want} within ${formatDuration(within)}, but it is still running.`);
  }
  if (seen.status !== want) {
    const why = seen.error ? ` (${seen.error}${seen.cause ? `: ${shorten(seen.cause)}` : ''})` : '';
    throw new StepFailure(`Execution ${name} was to end ${want}, but it ended ${seen.status}${why}.`);
  }
  if (e.output === undefined) return;
  if (typeof e.output === 'string') {
    if (seen.output !== e.output) throw new StepFailure(`Execution ${name} ended ${want}, but its output is ${shorten(seen.output ?? 'absent')}, expected ${shorten(e.output)}.`);
    return;
  }
  let output: unknown;
  try {
    output = JSON.parse(seen.output ?? 'null');
  } catch {
    throw new StepFailure(`Execution ${name} ended ${want}, but its output is not JSON: ${shorten(seen.output ?? '')}.`);
  }
  const why = subsetMismatch(e.output, output, 'output');
  if (why) throw new StepFailure(`Execution ${name} ended ${want}, but ${why}.`);
}

/** Calls `check` until it answers true or `ms` have passed (at least once); a failed call ends the wait. */
async function poll(ms: number, signal: AbortSignal | undefined, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) return;
    if (signal?.aborted) throw new StepFailure('The run was cancelled.');
    await sleep(Math.min(POLL_MS, deadline - Date.now()), signal);
  }
}

function rethrowPlain(e: unknown): never {
  if (e instanceof StepFailure) throw e;
  throw new StepFailure(awsMessage(e));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** An SDK error as the broker worded it ("QueueDoesNotExist: The specified queue does not exist."). */
function awsMessage(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const name = e.name && e.name !== 'Error' ? `${e.name}: ` : '';
  if ((e as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) return `Cannot reach the broker: ${e.message}`;
  return `${name}${e.message}`;
}

/**
 * The reason of the message nearest to matching, newest first: one whose value differs ("body.status is
 * "pending", expected "paid"") says more than one that lacks the member or is not JSON at all.
 */
function closest(reasons: string[]): string {
  const newestFirst = [...reasons].reverse();
  const near = newestFirst.find((r) => / is .*, expected /.test(r) && !/is missing|not JSON/.test(r)) ?? newestFirst[0];
  return `in the closest, ${near}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function seenMessage(m: PeekedMessage): SeenMessage {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.messageAttributes ?? {})) if (v.StringValue !== undefined) attributes[k] = v.StringValue;
  return { body: m.body, attributes };
}

function describePredicate(p: NonNullable<Expectation['message']>['matching']): string {
  return shorten(JSON.stringify(p));
}

function shorten(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
