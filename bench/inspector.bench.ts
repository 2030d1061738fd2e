// The inspector in the real workbench (code-server + Debian chromium, driven by Playwright): how long a queue of
// 100,000 messages takes to open, how the open view keeps up with a burst of sends from an app, and how long
// the peek list takes to show its last rows. Times come from the webview itself (bench/support/inspector-probe).
//
//   npx tsx bench/inspector.bench.ts [--quick] [--no-build]
//     --quick     10,000 messages in the queue, 1,000 in a burst, fewer repetitions
//     --no-build  use dist/eventyard.vsix as it is
//     --profile D write CPU profiles of chromium's renderer (workbench and inspector) during the last open of the
//                 big queue and the last burst to D/*.cpuprofile (open them in Chrome DevTools or VS Code)
// Progress goes to stderr; stdout carries one JSON document { name: "inspector", rows: [...] }.
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Frame } from 'playwright-core';
import { INSPECTOR_PROBE, ProbeReport, ProbeSample, probeSince, workbenchLongTasks } from './support/inspector-probe';
import { packageExtension, startWorkbench } from './support/workbench-server';

const { values: opt } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false }, profile: { type: 'string' } } });
const QUEUED = opt.quick ? 10_000 : 100_000;
const BURST = opt.quick ? 1_000 : 10_000;
const OPEN_RUNS = opt.quick ? 3 : 5;
const BURST_RUNS = 3;
const SCROLL_RUNS = opt.quick ? 3 : 5;
const SEND_CONCURRENCY = 16;

const t0 = Date.now();
const say = (m: string) => process.stderr.write(`[inspector-bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);

interface Row {
  case: string;
  metric: string;
  unit: string;
  median: number;
  runs: number[];
  target?: { value: number; better: 'higher' | 'lower' };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;
const row = (c: string, metric: string, unit: string, runs: number[], target?: Row['target']): Row => ({
  case: c, metric, unit, median: round(median(runs)), runs: runs.map(round), ...(target ? { target } : {}),
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function body(i: number): string {
  return JSON.stringify({ orderId: `order-${i}`, customer: `customer-${i % 977}`, amount: (i % 10_000) / 100, items: [{ sku: `sku-${i % 31}`, qty: 1 + (i % 3) }], note: 'seeded by the inspector benchmark' });
}

/** Sends `count` messages with SendMessageBatch, SEND_CONCURRENCY batches at a time, as an app would. */
async function sendMessages(sqs: SQSClient, queueUrl: string, count: number, from = 0): Promise<void> {
  let next = 0;
  const batches = Math.ceil(count / 10);
  const worker = async () => {
    for (let b = next++; b < batches; b = next++) {
      const Entries = [];
      for (let k = b * 10; k < Math.min(count, b * 10 + 10); k++) Entries.push({ Id: `m${k}`, MessageBody: body(from + k) });
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
      if (out.Failed?.length) throw new Error(`SendMessageBatch failed: ${JSON.stringify(out.Failed[0])}`);
    }
  };
  await Promise.all(Array.from({ length: SEND_CONCURRENCY }, worker));
}

async function visibleCount(sqs: SQSClient, queueUrl: string): Promise<number> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? NaN);
}

async function main() {
  if (!opt['no-build']) {
    say('building and packaging the extension');
    packageExtension();
  }
  const server = await startWorkbench(say);
  process.env.EVENTYARD_E2E_URL = server.url;
  process.env.EVENTYARD_E2E_BROKER_PORT = String(server.brokerPort);
  process.env.EVENTYARD_E2E_WORKSPACE = server.workspace;
  // the e2e helpers read their environment when first imported
  const { workbench } = await import('../test/e2e/support/workbench');
  const consoleFile = path.join(os.tmpdir(), `eventyard-bench-console-${process.pid}.log`);
  const consoleLog = fs.createWriteStream(consoleFile);
  const rows: Row[] = [];
  try {
    await workbench.open(consoleLog);
    await workbench.waitForEndpoint();
    await workbench.page.context().addInitScript(INSPECTOR_PROBE);
    // the workbench page loaded before the init script was added
    await workbench.page.evaluate(INSPECTOR_PROBE);
    const page = workbench.page;
    const cdp = opt.profile ? await page.context().newCDPSession(page) : undefined;
    /** Runs `fn` under the renderer's sampling profiler when --profile asks for it, and only for `last`. */
    const profiled = async <T>(label: string, last: boolean, fn: () => Promise<T>): Promise<T> => {
      if (!cdp || !last) return fn();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      try {
        return await fn();
      } finally {
        const { profile } = await cdp.send('Profiler.stop');
        fs.mkdirSync(opt.profile!, { recursive: true });
        fs.writeFileSync(path.join(opt.profile!, `${label}.cpuprofile`), JSON.stringify(profile));
        say(`wrote ${path.join(opt.profile!, `${label}.cpuprofile`)}`);
      }
    };
    // The e2e client makes one attempt; an app under a burst retries a reset connection as the SDK does by default.
    const sqs = new SQSClient({
      endpoint: workbench.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3,
    });
    const name = `bench-inspector-${Date.now()}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    say(`seeding ${QUEUED} messages into ${name} with SendMessageBatch`);
    const seedStart = Date.now();
    await sendMessages(sqs, QueueUrl!, QUEUED);
    say(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    /** The frames of inspector webviews the probe watches; after "Close All Editors", the one just opened. */
    const probeFrames = async (): Promise<Frame[]> => {
      const found: Frame[] = [];
      for (const f of page.frames()) {
        const has = await f.evaluate('!!(window.__eyBench && document.querySelector("ey-app"))').catch(() => false);
        if (has) found.push(f);
      }
      return found;
    };

    /** Waits until the probe saw a sample after `since` that satisfies `done`; resolves with it and the report. */
    const waitForSample = async (since: number, done: (s: ProbeSample) => boolean, what: string, timeoutMs = 120000, acceptShowing = false) => {
      const deadline = Date.now() + timeoutMs;
      let last: ProbeSample | null = null;
      while (Date.now() < deadline) {
        for (const f of await probeFrames()) {
          const report = (await f.evaluate(probeSince(since)).catch(() => null)) as ProbeReport | null;
          if (!report) continue;
          last = report.last;
          const hit = report.history.find(done) ?? (acceptShowing && report.last && done(report.last) ? report.last : undefined);
          if (hit) return { hit, report };
        }
        await sleep(100);
      }
      throw new Error(`${what}: not seen within ${timeoutMs / 1000} s; the view last showed ${JSON.stringify(last)}`);
    };

    const shows = (count: number) => (s: ProbeSample) =>
      s.visible === String(count) && new RegExp(`^${count} messages`).test(s.total) && s.rows > 0;

    /** Opens the inspector of `queue` from the palette `runs` times (after a warm-up); ms to the right counts and rows. */
    const measureOpen = async (queue: string, count: number, runs: number): Promise<{ times: number[]; afterScript: number[] }> => {
      const times: number[] = [];
      const afterScript: number[] = [];
      // run 0 warms up; with --profile, one more run after the timed ones is profiled and not counted
      const profiling = cdp ? 1 : 0;
      for (let run = 0; run < runs + 1 + profiling; run++) {
        await workbench.runCommand('View: Close All Editors');
        await sleep(1000);
        await workbench.runCommand('Eventyard: Open Inspector');
        // the command's own quick pick, not the palette it replaces
        const input = page.locator('.quick-input-widget input[placeholder*="to inspect"]').first();
        await input.waitFor({ state: 'visible', timeout: 15000 });
        await input.fill(queue);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: queue }).first().waitFor({ timeout: 15000 });
        const start = Date.now();
        const extra = run > runs;
        const { hit, report } = await profiled(`open-${count}`, extra, async () => {
          await input.press('Enter');
          return waitForSample(start, shows(count), `open ${queue}`);
        });
        // the first open also loads the webview's script into chromium's cache; it is a warm-up, not a sample
        if (run > 0 && !extra) {
          times.push(hit.at - start);
          afterScript.push(hit.at - (report.marks.app ?? start));
        }
        const since = (t: number | undefined) => (t === undefined ? '?' : (t - start).toFixed(0));
        say(`open ${queue} ${run === 0 ? '(warm-up)' : extra ? '(profiled)' : run}: ${(hit.at - start).toFixed(0)} ms to ${hit.visible} visible and ${hit.rows} rows ` +
          `(script running at ${since(report.marks.app)} ms, queue view at ${since(report.history[0]?.at)} ms)`);
      }
      return { times, afterScript };
    };

    // ---- open a queue: a small one shows what opening any webview costs, the big one what its size adds ----
    const small = name.replace("inspector", "small");
    const smallUrl = (await sqs.send(new CreateQueueCommand({ QueueName: small }))).QueueUrl!;
    await sendMessages(sqs, smallUrl, 10);
    const smallOpen = await measureOpen(small, 10, OPEN_RUNS);
    const bigOpen = await measureOpen(name, QUEUED, OPEN_RUNS);
    rows.push(row('open a queue of 10 messages', 'time to counts and first rows shown', 'ms', smallOpen.times));
    rows.push(row(`open a queue of ${QUEUED} messages`, 'time to counts and first rows shown', 'ms', bigOpen.times, { value: 1000, better: 'lower' }));
    rows.push(row(`open a queue of ${QUEUED} messages`, "of which after the inspector's script started", 'ms', bigOpen.afterScript, { value: 100, better: 'lower' }));

    // ---- scroll the peek list to its end ----
    // A live queue: one message arrives before each run, so the list has only the rows in view and must
    // fetch the last ones, as it would for a user watching an app at work.
    const scrollTimes: number[] = [];
    const list = workbench.webview().locator('ey-virtual-list');
    let count = QUEUED;
    for (let run = 0; run < SCROLL_RUNS; run++) {
      await list.focus();
      await page.keyboard.press('Home');
      await waitForSample(Date.now(), (s) => s.firstPos === 1 && s.rows > 0, 'back to the top', 30000, true);
      const arrived = Date.now();
      await sendMessages(sqs, QueueUrl!, 1, count);
      count++;
      await waitForSample(arrived, shows(count), 'the new count');
      await sleep(300);
      const start = Date.now();
      await page.keyboard.press('End');
      const { hit } = await waitForSample(start, (s) => s.lastPos === count, 'the last rows');
      scrollTimes.push(hit.at - start);
      say(`scroll ${run + 1}: ${(hit.at - start).toFixed(0)} ms to row ${hit.lastPos}`);
    }
    rows.push(row(`scroll the peek list of ${QUEUED} to its end`, 'time to last rows shown', 'ms', scrollTimes, { value: 200, better: 'lower' }));
    await list.focus();
    await page.keyboard.press('Home');

    // ---- a burst of BURST sends while the queue is open ----
    const total: number[] = [];
    const lag: number[] = [];
    const sendTime: number[] = [];
    const ownLongTasks: number[] = [];
    const threadLongTasks: number[] = [];
    const workbenchLongTaskMs: number[] = [];
    const maxGap: number[] = [];
    const fps: number[] = [];
    for (let run = 0; run < BURST_RUNS + (cdp ? 1 : 0); run++) {
      await sleep(1500);
      const before = await visibleCount(sqs, QueueUrl!);
      const start = Date.now();
      let sent = 0;
      const extra = run === BURST_RUNS;
      const { hit, report } = await profiled('burst', extra, async () => {
        await sendMessages(sqs, QueueUrl!, BURST, before);
        sent = Date.now();
        return waitForSample(start, shows(before + BURST), `burst to ${before + BURST}`);
      });
      const frames = report.frames.filter((t) => t <= hit.at);
      const gaps = frames.slice(1).map((t, i) => t - frames[i]);
      // 'self' is the inspector's own script; the rest ran in the workbench around it, on the same thread
      const tasks = report.longTasks.filter((t) => t.start <= hit.at);
      const own = tasks.filter((t) => t.source === 'self').reduce((sum, t) => sum + t.duration, 0);
      const around = tasks.filter((t) => t.source !== 'self').reduce((sum, t) => sum + t.duration, 0);
      const gap = gaps.length ? Math.max(...gaps) : hit.at - start;
      const rate = (frames.length * 1000) / Math.max(1, hit.at - start);
      say(`burst ${extra ? '(profiled)' : run + 1}: sent in ${sent - start} ms, view right ${(hit.at - sent).toFixed(0)} ms after the last send; ` +
        `long tasks ${own.toFixed(0)} ms in the inspector, ${around.toFixed(0)} ms in the workbench; longest frame gap ${gap.toFixed(0)} ms, ${rate.toFixed(0)} frames/s`);
      if (extra) continue;
      threadLongTasks.push(Number(await page.evaluate(workbenchLongTasks(start, hit.at))));
      total.push(hit.at - start);
      lag.push(Math.max(0, hit.at - sent));
      sendTime.push(sent - start);
      ownLongTasks.push(own);
      workbenchLongTaskMs.push(around);
      maxGap.push(gap);
      fps.push(rate);
    }
    const burstCase = `a burst of ${BURST} sends into the open queue`;
    rows.push(row(burstCase, 'time from first send to final count shown', 'ms', total));
    rows.push(row(burstCase, 'wire send time of the burst (16 SendMessageBatch in parallel)', 'ms', sendTime));
    rows.push(row(burstCase, 'final count shown after the last send answered', 'ms', lag, { value: 100, better: 'lower' }));
    rows.push(row(burstCase, 'long tasks of the inspector webview during the burst', 'ms', ownLongTasks, { value: 0, better: 'lower' }));
    rows.push(row(burstCase, 'long tasks of the workbench page around it', 'ms', workbenchLongTaskMs));
    rows.push(row(burstCase, 'long tasks on the page thread, seen from the workbench', 'ms', threadLongTasks));

    // ---- the same burst with no inspector open: what the workbench pays anyway (tree, status bar) ----
    await workbench.runCommand('View: Close All Editors');
    const closedLongTasks: number[] = [];
    for (let run = 0; run < BURST_RUNS; run++) {
      await sleep(1500);
      const before = await visibleCount(sqs, QueueUrl!);
      const start = Date.now();
      await sendMessages(sqs, QueueUrl!, BURST, before);
      await sleep(300);
      closedLongTasks.push(Number(await page.evaluate(workbenchLongTasks(start, Date.now()))));
      say(`burst without an inspector ${run + 1}: ${closedLongTasks[run].toFixed(0)} ms of long tasks in the workbench`);
    }
    rows.push(row(`a burst of ${BURST} sends with no inspector open`, 'long tasks on the page thread, seen from the workbench', 'ms', closedLongTasks));
    rows.push(row(burstCase, 'longest gap between webview frames', 'ms', maxGap, { value: 50, better: 'lower' }));
    rows.push(row(burstCase, 'webview frames during the burst', 'frames/s', fps, { value: 30, better: 'higher' }));
  } catch (e) {
    await workbench.screenshot(path.join(os.tmpdir(), `eventyard-bench-inspector-${process.pid}.png`)).catch(() => undefined);
    say(`failed; browser console in ${consoleFile}, code-server log in ${server.logFile} (removed on exit)`);
    throw e;
  } finally {
    await workbench.close();
    consoleLog.end();
    await server.stop();
  }
  process.stdout.write(JSON.stringify({ name: 'inspector', rows }, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    say(e.stack ?? e.message);
    process.exit(1);
  },
);
