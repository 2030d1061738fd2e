import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as sqs from '@aws-sdk/client-sqs';
import { Clients, clientsFor, RequestCounter } from '../support/clients';
import { Figures, seededRandom, sleep } from '../support/figures';
import { Problems } from '../support/problems';
import { idOf, QueueLedger } from '../support/queue-ledger';
import { createStream, peekAll, queueCounts, readStream } from '../support/reads';
import { ServeProcess, startServe } from '../../support/serve-process';
import { StreamLedger } from '../support/stream-ledger';
import { consumer, FifoGroup, fifoProducer, standardProducer, streamProducer, Workers } from '../support/workers';

export interface CrashOptions {
  cycles: number;
  /** Passed as `serve --persistence <mode>` when set; the default mode must keep every acknowledged write. */
  persistence?: string;
  seed: number;
  /** Each cycle runs the workload for a random time in [minRunMs, maxRunMs] before the SIGKILL. */
  minRunMs: number;
  maxRunMs: number;
  log: (line: string) => void;
}

export interface CrashResult {
  figures: Figures;
  /** Acknowledged writes per resource, so a run that did nothing cannot pass. */
  acknowledged: { standard: number; fifo: number; records: number; deletes: number };
  problems: Problems;
  dataDir: string;
}

const STANDARD = 'crash-standard';
const FIFO = 'crash-fifo.fifo';
const STREAM = 'crash-stream';

/**
 * The crash test: `serve --data-dir DIR` under heavy sends, receives, deletes and puts, killed with SIGKILL
 * at a random moment, restarted on the same directory, and its whole content held against what the clients
 * were told, cycle after cycle. Then a final drain through ReceiveMessage/DeleteMessage, one more kill, and
 * a check that the deletes stayed deleted.
 */
export async function runCrashTest(options: CrashOptions): Promise<CrashResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-crash-'));
  const args = ['--data-dir', dataDir, ...(options.persistence ? ['--persistence', options.persistence] : [])];
  const random = seededRandom(options.seed);
  const problems = new Problems();
  const counter = new RequestCounter();
  const standard = new QueueLedger(STANDARD, false, problems);
  const fifo = new QueueLedger(FIFO, true, problems);
  const stream = new StreamLedger(STREAM, problems);
  const groups: FifoGroup[] = ['a', 'b', 'c', 'd'].map((name) => ({ name, next: 0 }));
  let idCounter = 0;
  const startTimes: number[] = [];
  let resends = 0;
  let lateDeletes = 0;
  const started = Date.now();

  let current: ServeProcess | undefined;
  const start = async (): Promise<{ server: ServeProcess; clients: Clients; harness: Clients }> => {
    const t = Date.now();
    const server = await startServe(args);
    current = server;
    startTimes.push(Date.now() - t);
    return { server, clients: clientsFor(server.url), harness: clientsFor(server.url, 8, 4) };
  };

  try {
    for (let cycle = 0; cycle <= options.cycles; cycle++) {
      const { server, clients, harness } = await start();
      const urls = await ensureResources(harness, problems, cycle === 0);
      if (cycle > 0) await verify(server.url, harness, urls, standard, fifo, stream);
      if (cycle === options.cycles) {
        await finalDrainAndKill(server, harness, urls, standard, fifo, counter);
        clients.destroy();
        harness.destroy();
        break;
      }
      const runMs = options.minRunMs + random() * (options.maxRunMs - options.minRunMs);
      const w: Workers = {
        clients,
        counter,
        problems,
        random,
        producing: true,
        consuming: true,
        killed: false,
        nextId: (prefix) => `${prefix}-${cycle}-${idCounter++}`,
        pad: 'x'.repeat(Math.floor(random() * 600)),
        resends: 0,
        lateDeletes: 0,
      };
      const workers = startWorkers(w, urls, standard, fifo, stream, groups);
      await sleep(runMs);
      w.killed = true;
      w.producing = false;
      w.consuming = false;
      await server.kill();
      await Promise.all(workers);
      clients.destroy();
      harness.destroy();
      resends += w.resends;
      lateDeletes += w.lateDeletes;
      options.log(
        `cycle ${cycle + 1}/${options.cycles}: killed after ${Math.round(runMs)} ms; ` +
          `${standard.live.size} standard + ${fifo.live.size} FIFO messages live, ${stream.acknowledged.size} records; ` +
          `${problems.total} problems so far`,
      );
    }
    // The final restart finds the queues drained: verify() above ran once more after the last drain's kill.
    const { server, clients, harness } = await start();
    const urls = await ensureResources(harness, problems, false);
    await verify(server.url, harness, urls, standard, fifo, stream);
    clients.destroy();
    harness.destroy();
    const exitCode = await server.stop();
    if (exitCode !== 0) problems.add('unclean stop', `serve exited with ${exitCode} on SIGTERM:\n${server.output()}`);
  } catch (e) {
    // No serve may outlive the test; the data dir stays, to reproduce with.
    await current?.kill();
    throw new Error(`${(e as Error).message}\n(seed ${options.seed}; data dir kept: ${dataDir})`, { cause: e });
  }

  const figures: Figures = [
    ['cycles (SIGKILLs)', options.cycles + 1],
    ['persistence', options.persistence ?? '(default)'],
    ['seed', options.seed],
    ['wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
    ['restart to listening, mean / max', `${mean(startTimes)} / ${Math.max(...startTimes)} ms`],
    ['requests (failed, mostly at a kill)', `${counter.total} (${counter.totalFailed})`],
    ['standard: sends acknowledged', standard.sends],
    ['standard: unanswered sends found / absent', `${standard.uncertainSendsFound} / ${standard.uncertainSendsAbsent}`],
    ['standard: receives / deletes acknowledged', `${standard.receives} / ${standard.deletes}`],
    ['FIFO: sends acknowledged (dedup resends)', `${fifo.sends} (${resends})`],
    ['FIFO: unanswered sends found / absent (retried)', `${fifo.uncertainSendsFound} / ${fifo.uncertainSendsAbsent}`],
    ['FIFO: receives / deletes acknowledged / refused late', `${fifo.receives} / ${fifo.deletes} / ${lateDeletes}`],
    ['Kinesis: records acknowledged', stream.puts],
    ['Kinesis: unanswered puts found / absent', `${stream.uncertainFound} / ${stream.uncertainAbsent}`],
    ['Kinesis: records read back in verifications', stream.recordsRead],
    ['data dir size at end', `${(dirSize(dataDir) / 1024).toFixed(0)} KiB`],
    ['lost (acknowledged, not deleted, gone)', problems.count('lost')],
    ['resources lost', problems.count('resource lost')],
    ['delivered / back after acknowledged delete', `${problems.count('delivered after delete')} / ${problems.count('came back after delete')}`],
    ['duplicates (FIFO dedup, stream)', problems.count('duplicate') + problems.count('duplicate FIFO send')],
    ['FIFO / stream order violations', `${problems.count('FIFO order')} / ${problems.count('stream order')}`],
    ['counts disagree', problems.count('counts disagree')],
    ['all problems', problems.total],
  ];
  if (problems.total === 0) fs.rmSync(dataDir, { recursive: true, force: true });
  const acknowledged = { standard: standard.sends, fifo: fifo.sends, records: stream.puts, deletes: standard.deletes + fifo.deletes };
  return { figures, acknowledged, problems, dataDir };
}

/** Consumers' visibility timeout: long enough that a delete acknowledged within it is final. */
const VISIBILITY_SECONDS = 10;

/** Producers, consumers that delete, and consumers that receive and drop, on every resource. */
function startWorkers(w: Workers, urls: Urls, standard: QueueLedger, fifo: QueueLedger, stream: StreamLedger, groups: FifoGroup[]) {
  const deleting = { visibilitySeconds: VISIBILITY_SECONDS, deletes: true };
  const dropping = { visibilitySeconds: 1, deletes: false };
  return [
    standardProducer(w, standard, urls.standard),
    standardProducer(w, standard, urls.standard),
    consumer(w, standard, urls.standard, deleting),
    consumer(w, standard, urls.standard, deleting),
    consumer(w, standard, urls.standard, dropping),
    ...groups.map((g) => fifoProducer(w, fifo, urls.fifo, g)),
    consumer(w, fifo, urls.fifo, deleting),
    consumer(w, fifo, urls.fifo, deleting),
    consumer(w, fifo, urls.fifo, dropping),
    // Each producer owns its partition keys, so per key the puts are in a known order.
    streamProducer(w, stream, STREAM, ['k0', 'k1', 'k2', 'k3']),
    streamProducer(w, stream, STREAM, ['k4', 'k5', 'k6', 'k7']),
  ];
}

interface Urls {
  standard: string;
  fifo: string;
}

/** The resources of the test; after a restart each must still exist (a lost one is recreated and reported). */
async function ensureResources(clients: Clients, problems: Problems, create: boolean): Promise<Urls> {
  const queue = async (QueueName: string, Attributes: Record<string, string>) => {
    if (!create) {
      try {
        return (await clients.sqs.send(new sqs.GetQueueUrlCommand({ QueueName }))).QueueUrl!;
      } catch (e) {
        if ((e as Error).name !== 'QueueDoesNotExist') throw e;
        problems.add('resource lost', `queue ${QueueName} is gone after a restart`);
      }
    }
    return (await clients.sqs.send(new sqs.CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
  };
  const urls = {
    standard: await queue(STANDARD, { VisibilityTimeout: '10' }),
    fifo: await queue(FIFO, { FifoQueue: 'true', VisibilityTimeout: '10' }),
  };
  if (!create) {
    try {
      await clients.kinesis.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: STREAM }));
      return urls;
    } catch (e) {
      if ((e as Error).name !== 'ResourceNotFoundException') throw e;
      problems.add('resource lost', `stream ${STREAM} is gone after a restart`);
    }
  }
  await createStream(clients, STREAM, 2);
  return urls;
}

async function verify(endpoint: string, clients: Clients, urls: Urls, standard: QueueLedger, fifo: QueueLedger, stream: StreamLedger) {
  for (const [ledger, url] of [[standard, urls.standard], [fifo, urls.fifo]] as const) {
    const before = await queueCounts(clients, url);
    const peeked = await peekAll(endpoint, ledger.name);
    ledger.reconcile(peeked, before, await queueCounts(clients, url));
  }
  stream.reconcile(await readStream(clients, STREAM), true);
}

/**
 * Receives and deletes every message through the SQS API (FIFO in group order), waiting out visibility
 * timeouts from before the last kill; then kills the server at once, so the next start shows whether
 * the deletes were durable.
 */
async function finalDrainAndKill(server: ServeProcess, clients: Clients, urls: Urls, standard: QueueLedger, fifo: QueueLedger, counter: RequestCounter) {
  for (const [ledger, QueueUrl] of [[standard, urls.standard], [fifo, urls.fifo]] as const) {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const counts = await queueCounts(clients, QueueUrl);
      if (counts.visible + counts.notVisible + counts.delayed === 0) break;
      if (Date.now() > deadline) throw new Error(`final drain: ${ledger.name} still holds ${JSON.stringify(counts)} after 300 s`);
      const { Messages = [] } = await counter.count(
        'ReceiveMessage',
        clients.sqs.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 })),
      );
      const batch = new Set<string>();
      for (const m of Messages) {
        ledger.received(idOf(m.Body), m.MessageId, batch);
        batch.add(idOf(m.Body));
      }
      if (Messages.length === 0) continue;
      const d = await counter.count(
        'DeleteMessageBatch',
        clients.sqs.send(
          new sqs.DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
        ),
      );
      for (const s of d.Successful ?? []) ledger.deleteAcknowledged(idOf(Messages[Number(s.Id)].Body));
      if (d.Failed?.length) throw new Error(`final drain: DeleteMessageBatch failed: ${JSON.stringify(d.Failed)}`);
    }
  }
  await server.kill();
}

const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}
