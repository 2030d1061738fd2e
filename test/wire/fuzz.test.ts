import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../src/broker/broker';
import { corpus, PROTOCOLS, Seed } from './support/fuzz-corpus';
import { encodeSeed, FuzzRequest, generator, mutate } from './support/fuzz-mutations';
import {
  Answer, cutMidRequest, cutMidResponse, parseRawAnswer, problemWith, RawOutcome, sendHttp1, sendHttp2, shortContentLength, trickle,
} from './support/fuzz-transport';
import { ServeProcess, startServe } from './support/serve';

/**
 * Structure-aware mutations of a valid request for every action of every service, in every protocol each
 * speaks (SQS JSON 1.0 and query, SNS and STS query, Kinesis JSON 1.1 and CBOR, Firehose and EventBridge JSON 1.1): members dropped,
 * retyped, oversized, nested and added; bodies truncated, bit-flipped and padded; headers swapped; over
 * HTTP/1.1 and HTTP/2 with streams reset; slow, cut and mis-framed connections. Every complete request must
 * get a success or an AWS error in its protocol, never an internal failure; the process stays up and
 * resources seeded before the run come through untouched.
 *
 * Short by default (npm test); the long form: EVENTYARD_FUZZ_ROUNDS=100000 npm run test:fuzz.
 */
const SEED = Number(process.env.EVENTYARD_FUZZ_SEED ?? 20261129);
const ROUNDS = Number(process.env.EVENTYARD_FUZZ_ROUNDS ?? 4000);
const CONCURRENCY = 12;

type Transport = 'http1' | 'http2' | 'h2-reset-request' | 'h2-reset-response' | RawOutcome['kind'] | 'oversized';

function chooseTransport(round: number, draw: number): Transport {
  if (round % 1000 === 999) return 'oversized';
  if (draw < 0.68) return 'http1';
  if (draw < 0.83) return 'http2';
  if (draw < 0.86) return 'h2-reset-request';
  if (draw < 0.89) return 'h2-reset-response';
  if (draw < 0.93) return 'cut-request';
  if (draw < 0.96) return 'cut-response';
  if (draw < 0.985) return 'short-length';
  return 'trickle';
}

describe('fuzzing the endpoint with mutated real requests', function () {
  this.timeout(Math.max(180_000, ROUNDS * 60));
  let server: ServeProcess;
  let dataRoot: string;
  let agent: http.Agent;
  let session: http2.ClientHttp2Session;

  const send = (seed: Seed, protocol = PROTOCOLS[seed.service][0]) => sendHttp1(server.url, agent, encodeSeed(seed, protocol));
  const ok = async (seed: Seed): Promise<Record<string, unknown>> => {
    const answer = await send(seed);
    assert.equal(answer.status, 200, `${seed.action}: ${answer.body.toString()}`);
    return answer.body.length ? JSON.parse(answer.body.toString()) : {};
  };
  const sqs = (action: string, input: Record<string, unknown>) => ok({ service: 'sqs', action, input });
  const kinesis = (action: string, input: Record<string, unknown>) => ok({ service: 'kinesis', action, input });

  /** Seeds built on values only a live broker hands out: receipt handles, shard iterators, subscription and consumer ARNs. */
  const liveSeeds = async (): Promise<Seed[]> => {
    const out: Seed[] = [];
    const attempt = async <T>(f: () => Promise<T>): Promise<T | undefined> => f().catch(() => undefined);
    for (const QueueUrl of [`${server.url}/000000000000/fuzz-1`, `${server.url}/000000000000/fuzz-2.fifo`]) {
      await attempt(() => sqs('SendMessage', { QueueUrl, MessageBody: 'live', MessageGroupId: 'g', MessageDeduplicationId: String(Math.random()) }));
      await attempt(() => sqs('SendMessage', { QueueUrl, MessageBody: 'live' }));
      const received = await attempt(() => sqs('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }));
      for (const { ReceiptHandle } of (received?.Messages ?? []) as { ReceiptHandle: string }[]) {
        const s = (action: string, input: Record<string, unknown>): Seed => ({ service: 'sqs', action, input: { QueueUrl, ...input } });
        out.push(
          s('DeleteMessage', { ReceiptHandle }),
          s('ChangeMessageVisibility', { ReceiptHandle, VisibilityTimeout: 5 }),
          s('DeleteMessageBatch', { Entries: [{ Id: 'a', ReceiptHandle }, { Id: 'b', ReceiptHandle }] }),
          s('ChangeMessageVisibilityBatch', { Entries: [{ Id: 'a', ReceiptHandle, VisibilityTimeout: 0 }] }),
        );
      }
    }
    const shards = await attempt(() => kinesis('ListShards', { StreamName: 'fuzz-stream' }));
    for (const { ShardId } of ((shards?.Shards ?? []) as { ShardId: string }[]).slice(0, 3)) {
      const iterator = await attempt(() => kinesis('GetShardIterator', { StreamName: 'fuzz-stream', ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      if (iterator) out.push({ service: 'kinesis', action: 'GetRecords', input: { ShardIterator: iterator.ShardIterator, Limit: 5 } });
      out.push({ service: 'kinesis', action: 'SplitShard', input: { StreamName: 'fuzz-stream', ShardToSplit: ShardId, NewStartingHashKey: '170141183460469231731687303715884105727' } });
    }
    const consumer = await attempt(() => kinesis('DescribeStreamConsumer', { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-stream', ConsumerName: 'fuzz-consumer' }));
    const consumerArn = (consumer?.ConsumerDescription as { ConsumerARN?: string } | undefined)?.ConsumerARN;
    if (consumerArn) out.push({ service: 'kinesis', action: 'DescribeStreamConsumer', input: { ConsumerARN: consumerArn } });
    const subscriptions = await attempt(async () => (await send({ service: 'sns', action: 'ListSubscriptions', input: {} })).body.toString());
    for (const [, SubscriptionArn] of (subscriptions ?? '').matchAll(/<SubscriptionArn>(arn:[^<]+)<\/SubscriptionArn>/g)) {
      out.push(
        { service: 'sns', action: 'GetSubscriptionAttributes', input: { SubscriptionArn } },
        { service: 'sns', action: 'SetSubscriptionAttributes', input: { SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"k":[{"prefix":"v"}]}' } },
        { service: 'sns', action: 'Unsubscribe', input: { SubscriptionArn } },
      );
    }
    return out;
  };

  let sessionsRefused = 0;
  const connectHttp2 = () => {
    const fresh = http2.connect(server.url);
    fresh.on('error', () => undefined);
    // Resetting streams as fast as the fuzz does looks like the "rapid reset" attack: the server ends the
    // session with ENHANCE_YOUR_CALM, as it should, and a client then opens a new one.
    fresh.on('goaway', () => sessionsRefused++);
    return fresh;
  };
  const liveSession = () => {
    if (session.closed || session.destroyed) session = connectHttp2();
    return session;
  };

  before(async () => {
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-fuzz-'));
    server = await startServe(['--buckets-dir', path.join(dataRoot, 'buckets')]);
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    session = connectHttp2();
  });
  after(async () => {
    agent.destroy();
    session.destroy();
    assert.equal(await server.stop(), 0, 'the server exits cleanly after the fuzzing');
    fs.rmSync(dataRoot, { recursive: true, force: true });
  });

  it('the corpus has a valid request for every action of every service, each answered in every protocol', async () => {
    const broker = new Broker();
    const tables = { sqs: broker.sqs.operations, sns: broker.sns.operations, kinesis: broker.kinesis.operations, firehose: broker.firehose.operations, events: broker.eventbridge.operations, states: broker.stepfunctions.operations, sts: broker.sts.operations };
    broker.dispose();
    const seeds = corpus(server.url);
    for (const [service, table] of Object.entries(tables)) {
      const covered = new Set(seeds.filter((s) => s.service === service).map((s) => s.action));
      assert.deepEqual(Object.keys(table).filter((a) => !covered.has(a)), [], `${service} actions without a seed`);
    }
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    for (const seed of seeds) {
      for (const protocol of PROTOCOLS[seed.service]) {
        const request = encodeSeed(seed, protocol);
        const answer = await sendHttp1(server.url, agent, request);
        statuses.set(`${protocol} ${seed.action}`, answer.status);
        const problem = problemWith(request, answer);
        if (problem) failures.push(`${protocol} ${seed.action}: ${problem}`);
      }
    }
    assert.deepEqual(failures, []);
    const creates: Record<string, string> = {
      CreateQueue: 'sqs-json', CreateTopic: 'sns-query', CreateStream: 'kinesis-json', CreateDeliveryStream: 'firehose-json',
      CreateEventBus: 'events-json', PutRule: 'events-json', PutTargets: 'events-json', PutEvents: 'events-json',
      CreateStateMachine: 'states-json', StartExecution: 'states-json',
    };
    for (const [create, protocol] of Object.entries(creates)) {
      assert.equal(statuses.get(`${protocol} ${create}`), 200, `${create} seed succeeds`);
    }
    const succeeded = [...statuses.values()].filter((s) => s === 200).length;
    assert.ok(succeeded > statuses.size / 2, `most unmutated seeds succeed (${succeeded} of ${statuses.size})`);
  });

  it(`answers ${ROUNDS} mutated requests with success or an AWS error and keeps seeded resources intact`, async () => {
    const canary = `${server.url}/000000000000/canary`;
    await sqs('CreateQueue', { QueueName: 'canary' });
    const canaryBodies = Array.from({ length: 25 }, (_, i) => `canary message ${i} \u00e9\r\n<&>`);
    for (const MessageBody of canaryBodies) await sqs('SendMessage', { QueueUrl: canary, MessageBody });
    await kinesis('CreateStream', { StreamName: 'canary-stream', ShardCount: 1 });
    const canaryRecords = Array.from({ length: 10 }, (_, i) => Buffer.from(`record ${i} \u0000\u00ff`, 'latin1'));
    for (const Data of canaryRecords) await kinesis('PutRecord', { StreamName: 'canary-stream', PartitionKey: 'p', Data });

    const rng = generator(SEED);
    const fixed = corpus(server.url);
    let seeds = [...fixed, ...(await liveSeeds())];
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    const transports: Record<string, number> = {};
    let answered = 0;
    let next = 0;
    const judge = (round: number, request: FuzzRequest, answer: Answer, transport: Transport) => {
      answered++;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const problem = problemWith(request, answer);
      if (problem) failures.push(`round ${round} (${transport} ${request.protocol} ${request.action} ${request.mutation}): status ${answer.status}: ${problem}\n  request: ${request.body.toString('latin1').slice(0, 300)}`);
    };
    const worker = async () => {
      while (next < ROUNDS) {
        const round = next++;
        // Fresh receipt handles, iterators and ARNs now and then, so mutations reach past "not found".
        if (round % 500 === 499) seeds = [...fixed, ...(await liveSeeds())];
        const request = mutate(rng, rng.pick(seeds));
        const transport = chooseTransport(round, rng.next());
        transports[transport] = (transports[transport] ?? 0) + 1;
        try {
          if (transport === 'http1' || transport === 'oversized') {
            if (transport === 'oversized') request.body = Buffer.alloc(10 * 1024 * 1024 + 1 + rng.int(1000), 0x41);
            judge(round, request, await sendHttp1(server.url, agent, request), transport);
          } else if (transport === 'http2') {
            const h2 = liveSession();
            const answer = await sendHttp2(h2, request).catch((e: Error) => {
              if (h2.closed || h2.destroyed || /ENHANCE_YOUR_CALM|GOAWAY|session/i.test(e.message)) return undefined;
              throw e;
            });
            if (answer) judge(round, request, answer, transport);
            else transports['h2-session-ended'] = (transports['h2-session-ended'] ?? 0) + 1;
          } else if (transport === 'h2-reset-request' || transport === 'h2-reset-response') {
            await sendHttp2(liveSession(), request, transport === 'h2-reset-request' ? 'mid-request' : 'mid-response');
          } else if (transport === 'cut-request') {
            await cutMidRequest(server.url, rng, request);
          } else if (transport === 'cut-response') {
            await cutMidResponse(server.url, request);
          } else {
            const outcome = transport === 'trickle' ? await trickle(server.url, rng, request) : await shortContentLength(server.url, rng, request);
            const answer = parseRawAnswer(outcome.received);
            // The bytes past a short Content-Length are a malformed next request on the same connection: node's
            // HTTP layer may refuse them with a bare 400 and close before the first answer is written.
            const framingRefusal = transport === 'short-length' && answer?.status === 400 && answer.contentType === '';
            if (answer && !framingRefusal) judge(round, request, answer, transport);
            else if (transport === 'trickle') failures.push(`round ${round} (trickled ${request.protocol} ${request.action}): no answer`);
          }
        } catch (e) {
          failures.push(`round ${round} (${transport} ${request.protocol} ${request.action} ${request.mutation}): no answer: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const crashes = server.child.exitCode === null ? 0 : 1;
    console.log(
      `      fuzz: seed=${SEED} requests=${ROUNDS} answered=${answered} statuses=${JSON.stringify(statuses)} ` +
        `transports=${JSON.stringify(transports)} h2SessionsEndedByServer=${sessionsRefused} bad=${failures.length} crashes=${crashes}`,
    );

    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} bad answers (seed ${SEED})`);
    assert.equal(crashes, 0, 'the server is still running');
    assert.ok((statuses[200] ?? 0) > answered / 20, `some mutations still succeed: ${JSON.stringify(statuses)}`);
    assert.ok(answered - (statuses[200] ?? 0) > answered / 4, `most mutations are refused: ${JSON.stringify(statuses)}`);

    const health = await fetch(`${server.url}/_eventyard/health`);
    assert.equal(health.status, 200);
    const peek = (await (await fetch(`${server.url}/_eventyard/sqs/queues/canary/messages?limit=100`)).json()) as { messages: { body: string }[] };
    assert.deepEqual(peek.messages.map((m) => m.body), canaryBodies, 'the canary queue kept every message, in order, byte for byte');
    const attributes = (await sqs('GetQueueAttributes', { QueueUrl: canary, AttributeNames: ['All'] })).Attributes as Record<string, string>;
    assert.equal(attributes.ApproximateNumberOfMessages, '25');

    const { ShardIterator } = await kinesis('GetShardIterator', { StreamName: 'canary-stream', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const { Records } = (await kinesis('GetRecords', { ShardIterator })) as { Records: { Data: string }[] };
    assert.deepEqual(Records.map((r) => Buffer.from(r.Data, 'base64')), canaryRecords, 'the canary stream kept its records, in order');

    const listed = (await sqs('ListQueues', { MaxResults: 1000 })).QueueUrls as string[];
    assert.ok(listed.includes(canary));
    for (const url of listed) {
      const name = url.split('/').pop()!;
      // One peek reads the messages and the counters at one moment: a move task the fuzz started may still
      // be moving messages, so two separate reads could see different queues.
      type Peek = { total: number; counts: Record<string, number>; messages: { state: string }[] };
      const { total, counts, messages } = (await (await fetch(`${server.url}/_eventyard/sqs/queues/${encodeURIComponent(name)}/messages?limit=10000000`)).json()) as Peek;
      assert.equal(messages.length, total, `queue ${name}: the peek returned every message`);
      const stored: Record<string, number> = { visible: 0, inFlight: 0, delayed: 0 };
      for (const m of messages) stored[m.state]++;
      assert.deepEqual(counts, stored, `queue ${name}: the counters agree with the stored messages`);
    }
    assert.ok(((await kinesis('ListStreams', {})).StreamNames as string[]).includes('canary-stream'));
    assert.equal((await send({ service: 'sns', action: 'ListTopics', input: {} })).status, 200);
    assert.equal((await send({ service: 'firehose', action: 'ListDeliveryStreams', input: {} })).status, 200);
    assert.equal((await send({ service: 'events', action: 'ListEventBuses', input: {} })).status, 200);
    assert.deepEqual(fs.readdirSync(dataRoot), fs.existsSync(path.join(dataRoot, 'buckets')) ? ['buckets'] : [], 'nothing written beside the buckets folder');
    assert.doesNotMatch(server.output(), /Unhandled|InternalFailure/);
  });
});
