import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { Clients, clientsFor, RequestCounter } from '../support/clients';
import { Figures, mib, seededRandom, sleep } from '../support/figures';
import { Problems } from '../support/problems';
import { QueueLedger } from '../support/queue-ledger';
import { createStream, peekAll, queueCounts } from '../support/reads';
import { residentBytes, startServe } from '../../support/serve-process';
import { StreamLedger, StreamRecord } from '../support/stream-ledger';
import { consumer, fifoProducer, standardProducer, streamProducer, Workers } from '../support/workers';
import { cuttingConsumer, publisher, shardReader, snsIdOf } from './load-workers';

export interface LoadOptions {
  durationMs: number;
  /**
   * Rounds of the same fixed work, each produced then drained, run until durationMs has passed (at least
   * minRounds): the same work per round makes the drained memory of rounds comparable on a busy machine.
   */
  minRounds: number;
  /** The work of a round, relative to ROUND_WORK. */
  scale: number;
  seed: number;
  /** Runs serve with a fresh data dir in this persistence mode (sync, fast); in memory without it. */
  persistence?: string;
  log: (line: string) => void;
}

/** Queue visibility timeout: messages of consumers that die come back this soon. */
const VISIBILITY_SECONDS = 5;
/** How much the drained server's memory may exceed the first round's: V8 keeps some heap it grew into. */
const DRAINED_GROWTH_ALLOWANCE = 48 * 1024 * 1024;
/** How much memory may grow while the drained server sits idle for IDLE_WATCH_MS. */
const IDLE_GROWTH_ALLOWANCE = 8 * 1024 * 1024;
const IDLE_WATCH_MS = 6000;
/** Producer requests per round at scale 1 (single sends and batches of 10 or 20, half and half). */
const ROUND_WORK = { standard: 800, fifo: 600, publish: 300, stream: 300 };

interface Standing {
  standardUrl: string;
  topicArn: string;
  fanout: { url: string; ledger: QueueLedger }[];
}

/**
 * The load test: one `eventyard serve`, many concurrent producers and consumers over HTTP with the real
 * AWS SDK on SQS (standard and FIFO), SNS fan-out to queues and Kinesis, in rounds. Each round produces,
 * then lets the consumers drain, then holds every queue and stream against what its clients were told.
 * The server's resident memory is sampled all along and must come back down after each drain.
 */
export interface LoadResult {
  figures: Figures;
  /** Messages that went all the way through, per service, so a run that did nothing cannot pass. */
  completed: { standard: number; fifo: number; sns: number; records: number };
  problems: Problems;
}

export async function runLoadTest(options: LoadOptions): Promise<LoadResult> {
  const dataDir = options.persistence ? fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-load-')) : undefined;
  const server = await startServe(dataDir ? ['--data-dir', dataDir, '--persistence', options.persistence!] : []);
  const clients = clientsFor(server.url, 128);
  const harness = clientsFor(server.url, 8, 4);
  const problems = new Problems();
  const counter = new RequestCounter();
  const random = seededRandom(options.seed);
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = residentBytes(server.pid);
    if (rss !== undefined) samples.push(rss);
  }, 200);
  const startRss = residentBytes(server.pid);
  const started = Date.now();
  const standard = new QueueLedger('load-standard', false, problems);
  const standing = await createStanding(harness, problems);
  const totals = { fifoSends: 0, fifoReceives: 0, fifoDeletes: 0, resends: 0, lateDeletes: 0, records: 0, recordsRead: 0 };
  const drainedRss: number[] = [];
  let idCounter = 0;
  let idleGrowth = 0;
  try {
    for (let round = 0; round < options.minRounds || Date.now() - started < options.durationMs; round++) {
      const w: Workers = {
        clients,
        counter,
        problems,
        random,
        producing: true,
        consuming: true,
        killed: false,
        nextId: (prefix) => `${prefix}-${round}-${idCounter++}`,
        pad: 'p'.repeat(100 + Math.floor(random() * 900)),
        resends: 0,
        lateDeletes: 0,
        quota: {
          standard: Math.round(ROUND_WORK.standard * options.scale),
          fifo: Math.round(ROUND_WORK.fifo * options.scale),
          publish: Math.round(ROUND_WORK.publish * options.scale),
          stream: Math.round(ROUND_WORK.stream * options.scale),
        },
      };
      const fifoName = `load-fifo-${round}.fifo`;
      const fifoUrl = (await harness.sqs.send(
        new sqs.CreateQueueCommand({ QueueName: fifoName, Attributes: { FifoQueue: 'true', VisibilityTimeout: String(VISIBILITY_SECONDS) } }),
      )).QueueUrl!;
      const fifo = new QueueLedger(fifoName, true, problems);
      const streamName = `load-stream-${round}`;
      await createStream(harness, streamName, 4);
      const stream = new StreamLedger(streamName, problems);
      const { Shards = [] } = await harness.kinesis.send(new kinesis.ListShardsCommand({ StreamName: streamName }));
      const shardRecords = new Map<string, StreamRecord[]>(Shards.map((s) => [s.ShardId!, []]));
      const reading = { reading: true };
      const deleting = { visibilitySeconds: VISIBILITY_SECONDS, deletes: true };
      const dropping = { visibilitySeconds: 1, deletes: false };
      const keys = Array.from({ length: 16 }, (_, i) => `key-${i}`);
      const roundStarted = Date.now();
      // Each stream producer owns half the partition keys, so per key the puts are in a known order.
      const producers = [
        ...Array.from({ length: 4 }, () => standardProducer(w, standard, standing.standardUrl)),
        ...Array.from({ length: 8 }, (_, g) => fifoProducer(w, fifo, fifoUrl, { name: `group-${g}`, next: 0 })),
        publisher(w, standing.topicArn, standing.fanout.map((f) => f.ledger)),
        publisher(w, standing.topicArn, standing.fanout.map((f) => f.ledger)),
        streamProducer(w, stream, streamName, keys.slice(0, 8)),
        streamProducer(w, stream, streamName, keys.slice(8)),
      ];
      const consumers = [
        ...Array.from({ length: 3 }, () => consumer(w, standard, standing.standardUrl, deleting)),
        consumer(w, standard, standing.standardUrl, dropping),
        cuttingConsumer(w, server.url, standing.standardUrl),
        consumer(w, fifo, fifoUrl, deleting),
        consumer(w, fifo, fifoUrl, deleting),
        consumer(w, fifo, fifoUrl, dropping),
        ...standing.fanout.map((f) => consumer(w, f.ledger, f.url, { ...deleting, idOf: snsIdOf })),
        consumer(w, standing.fanout[0].ledger, standing.fanout[0].url, { ...dropping, idOf: snsIdOf }),
        ...Shards.map((s) => shardReader(w, streamName, s.ShardId!, shardRecords.get(s.ShardId!)!, reading)),
      ];
      await Promise.all(producers);
      w.producing = false;
      const queues = [
        { ledger: standard, url: standing.standardUrl },
        { ledger: fifo, url: fifoUrl },
        ...standing.fanout,
      ];
      const drained = await drain(harness, queues, 120_000);
      if (!drained) problems.add('not drained', `round ${round + 1}: the consumers did not empty the queues within 120 s`);
      w.consuming = false;
      reading.reading = false;
      await Promise.all(consumers);
      for (const q of queues) q.ledger.reconcile(await peekAll(server.url, q.ledger.name), await queueCounts(harness, q.url));
      stream.reconcile(shardRecords, false);
      await harness.sqs.send(new sqs.DeleteQueueCommand({ QueueUrl: fifoUrl }));
      await harness.kinesis.send(new kinesis.DeleteStreamCommand({ StreamName: streamName }));
      totals.fifoSends += fifo.sends;
      totals.fifoReceives += fifo.receives;
      totals.fifoDeletes += fifo.deletes;
      totals.resends += w.resends;
      totals.lateDeletes += w.lateDeletes;
      totals.records += stream.puts;
      totals.recordsRead += stream.recordsRead;
      // Idle, so V8's memory reducer gives back what the burst needed; then the floor of what is left.
      const before = samples.length;
      await sleep(IDLE_WATCH_MS);
      const idle = samples.slice(before);
      drainedRss.push(Math.min(...idle.slice(-10)));
      idleGrowth = idle[idle.length - 1] - Math.min(...idle.slice(0, 5));
      options.log(
        `round ${round + 1}: ${Math.round((Date.now() - roundStarted) / 1000)} s, ${counter.total} requests so far, ` +
          `drained RSS ${mib(drainedRss[round])}, ${problems.total} problems so far`,
      );
      if (problems.total) options.log(problems.describe());
    }
  } catch (e) {
    await server.kill();
    throw e;
  } finally {
    clearInterval(sampler);
    clients.destroy();
    harness.destroy();
  }
  const exitCode = await server.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (exitCode !== 0) problems.add('unclean stop', `serve exited with ${exitCode} on SIGTERM:\n${server.output()}`);
  // Round 1 warms up (V8 grows its heap, compiles); with three rounds or more, round 2 is the baseline.
  const rounds = drainedRss.length;
  const baseline = rounds >= 3 ? 1 : 0;
  const growth = Math.max(...drainedRss.slice(baseline + 1)) - drainedRss[baseline];
  if (growth > DRAINED_GROWTH_ALLOWANCE) {
    problems.add('memory unbounded', `drained RSS grew ${mib(growth)} after round ${baseline + 1} (${drainedRss.map(mib).join(', ')})`);
  }
  if (idleGrowth > IDLE_GROWTH_ALLOWANCE) problems.add('memory unbounded', `RSS grew ${mib(idleGrowth)} while the drained server sat idle`);

  const seconds = (Date.now() - started) / 1000;
  const fan = standing.fanout.map((f) => f.ledger);
  const figures: Figures = [
    ['duration / rounds', `${seconds.toFixed(0)} s / ${rounds}`],
    ['persistence', options.persistence ?? 'off (in memory)'],
    ['seed', options.seed],
    ['requests (failed)', `${counter.total} (${counter.totalFailed})`],
    ['requests per second', (counter.total / seconds).toFixed(0)],
    ['standard: sent / received / deleted', `${standard.sends} / ${standard.receives} / ${standard.deletes}`],
    ['standard: redeliveries (dropped, cut, late)', standard.receives - standard.deletes],
    ['FIFO: sent / dedup resends / received / deleted', `${totals.fifoSends} / ${totals.resends} / ${totals.fifoReceives} / ${totals.fifoDeletes}`],
    ['FIFO: deletes refused after visibility timeout', totals.lateDeletes],
    ['SNS: published / deliveries received (3 queues)', `${fan[0].sends} / ${fan.reduce((n, l) => n + l.receives, 0)}`],
    ['Kinesis: records put / read', `${totals.records} / ${totals.recordsRead}`],
    ['lost (acknowledged, never received)', problems.count('lost')],
    ['delivered after acknowledged delete', problems.count('delivered after delete')],
    ['duplicates (FIFO dedup, stream)', problems.count('duplicate') + problems.count('duplicate FIFO send')],
    ['FIFO / stream order violations', `${problems.count('FIFO order')} / ${problems.count('stream order')}`],
    ['server RSS: start / peak', `${mib(startRss)} / ${mib(Math.max(...samples))}`],
    ['server RSS drained, per round', drainedRss.map(mib).join(', ')],
    [`server RSS growth: after round ${baseline + 1} / idle after drain`, `${mib(growth)} / ${mib(idleGrowth)}`],
    ['all problems', problems.total],
  ];
  const completed = { standard: standard.deletes, fifo: totals.fifoDeletes, sns: Math.min(...fan.map((l) => l.deletes)), records: totals.recordsRead };
  return { figures, completed, problems };
}

async function createStanding(clients: Clients, problems: Problems): Promise<Standing> {
  const createQueue = async (QueueName: string) =>
    (await clients.sqs.send(new sqs.CreateQueueCommand({ QueueName, Attributes: { VisibilityTimeout: String(VISIBILITY_SECONDS) } }))).QueueUrl!;
  const standardUrl = await createQueue('load-standard');
  const { TopicArn } = await clients.sns.send(new sns.CreateTopicCommand({ Name: 'load-topic' }));
  const fanout = [];
  for (let i = 1; i <= 3; i++) {
    const url = await createQueue(`load-fanout-${i}`);
    const { Attributes } = await clients.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    // One raw subscriber, two with the SNS envelope: both shapes must arrive complete.
    await clients.sns.send(
      new sns.SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
        Attributes: i === 3 ? { RawMessageDelivery: 'true' } : undefined,
      }),
    );
    fanout.push({ url, ledger: new QueueLedger(`load-fanout-${i}`, false, problems) });
  }
  return { standardUrl, topicArn: TopicArn!, fanout };
}

/**
 * Waits until the consumers have emptied every queue: no message left in any state, and each message the
 * producers were told about deleted (or its delete answered too late to be sure, which the peek settles).
 */
async function drain(clients: Clients, queues: { ledger: QueueLedger; url: string }[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let empty = true;
    for (const { ledger, url } of queues) {
      const unsettled = [...ledger.live].some((id) => !ledger.maybeDeleted.has(id)) || ledger.sending.size > 0 || ledger.deleting.size > 0;
      const c = await queueCounts(clients, url);
      if (unsettled || c.visible + c.notVisible + c.delayed > 0) empty = false;
    }
    if (empty) return true;
    await sleep(500);
  }
  return false;
}
