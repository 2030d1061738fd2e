import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import type { Trace } from '../../src/broker/trace/tracer';
import { credentials, sqsClient } from './support/clients';
import { startServe, type ServeProcess } from './support/serve';

const ACCOUNT = '000000000000';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

/** Polls until `check` holds on what `get` answers. */
async function until<T>(get: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Message traces over the admin route', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ServeProcess;
  let sns: SNSClient;
  let sqs: SQSClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-trace-'));
    // Fails the first time it sees a message, succeeds when the message comes back (after the redrive).
    fs.writeFileSync(
      path.join(dir, 'worker.cjs'),
      `const fs = require('node:fs');
exports.handler = async (event) => {
  for (const r of event.Records) {
    const mark = ${JSON.stringify(dir)} + '/seen-' + r.messageId;
    if (!fs.existsSync(mark)) { fs.writeFileSync(mark, ''); throw new Error('cannot ship order ' + r.body); }
  }
  return { shipped: event.Records.length };
};`,
    );
    fs.writeFileSync(
      path.join(dir, 'eventyard.yaml'),
      [
        'queues:',
        '  - name: orders-dlq',
        '  - name: orders',
        '    visibilityTimeout: 1',
        '    deadLetter: { queue: orders-dlq, maxReceiveCount: 1 }',
        '  - name: audit',
        'functions:',
        '  - name: worker',
        '    module: worker.cjs',
        // AWS refuses a mapping whose queue hides a message for less time than the function may run.
        '    timeout: 1',
        '    events:',
        '      - { type: sqs, queue: orders, batchSize: 1 }',
        '',
      ].join('\n'),
    );
    server = await startServe(['--config', path.join(dir, 'eventyard.yaml')]);
    sns = new SNSClient({ endpoint: server.url, region: 'us-east-1', credentials });
    sqs = sqsClient(server.url);
  });
  after(async () => {
    sns?.destroy();
    sqs?.destroy();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const traceOf = async (id: string): Promise<Trace | undefined> => {
    const r = await fetch(`${server.url}/_eventyard/traces/${encodeURIComponent(id)}`);
    if (r.status === 404) return undefined;
    assert.equal(r.status, 200);
    return ((await r.json()) as { trace: Trace }).trace;
  };

  it('follows SNS -> filtered SQS -> a failing function -> the DLQ -> a redrive -> success, hop by hop', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'order-events' }));
    await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'sqs', Endpoint: queueArn('orders'),
      Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ kind: ['order'] }) },
    }));
    await sns.send(new SubscribeCommand({
      TopicArn, Protocol: 'sqs', Endpoint: queueArn('audit'), Attributes: { FilterPolicy: JSON.stringify({ kind: ['audit'] }) },
    }));
    const { MessageId } = await sns.send(new PublishCommand({
      TopicArn, Message: '{"order":7}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
    }));

    // The function fails, the message comes back once, and its second receive moves it to the DLQ.
    const dlq = (await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders-dlq' }))).QueueUrl!;
    await until(
      () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] })),
      (a) => a.Attributes?.ApproximateNumberOfMessages === '1',
      'the message in the DLQ',
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; trace so far: ${JSON.stringify(await traceOf(MessageId!))}`);
    });
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: queueArn('orders-dlq'), DestinationArn: queueArn('orders') }));
    const trace = await until(() => traceOf(MessageId!), (t) => t?.hops.at(-1)?.kind === 'deleted', 'the redriven message deleted');

    assert.equal(trace!.traceId, MessageId);
    const steps = trace!.hops.map((h) => `${h.service} ${h.resource.split(':').pop()} ${h.kind}`);
    const expected = [
      'sns order-events published',
      'sqs orders sent',
      'sns order-events delivered',
      'sns order-events filteredOut',
      'sqs orders received',
      'functions worker invocationFailed',
      'sqs orders visibilityExpired',
      'sqs orders movedToDeadLetterQueue',
      'sqs orders-dlq sent',
      'sqs orders-dlq redriven',
      'sqs orders sent',
      'sqs orders received',
      'functions worker invoked',
      'sqs orders deleted',
    ];
    // Every hop is there. The filter's verdict on the second subscription may land before or after the first
    // one's delivery, and the worker's waiting long poll takes the redriven message before the move is reported.
    assert.deepEqual([...steps].sort(), [...expected].sort(), steps.join('\n'));
    const at = (step: string, from = 0) => steps.indexOf(step, from);
    const redrive = at('sqs orders-dlq redriven');
    assert.ok(at('sqs orders received') < at('functions worker invocationFailed'));
    assert.ok(at('functions worker invocationFailed') < at('sqs orders visibilityExpired'));
    assert.ok(at('sqs orders visibilityExpired') < at('sqs orders movedToDeadLetterQueue'));
    assert.ok(at('sqs orders movedToDeadLetterQueue') < redrive);
    assert.deepEqual(steps.slice(-2), ['functions worker invoked', 'sqs orders deleted']);
    assert.ok(at('sqs orders received', at('sqs orders-dlq sent')) < at('functions worker invoked'));
    assert.ok(redrive < at('functions worker invoked'));
    const byKind = (kind: string) => trace!.hops.find((h) => h.kind === kind)!;
    assert.equal(byKind('published').payload, '{"order":7}');
    assert.deepEqual(byKind('published').attributes, { kind: 'order' });
    assert.equal(trace!.hops[1].payload, '{"order":7}');
    assert.deepEqual(byKind('filteredOut').filter, { key: 'kind', condition: '["audit"]', seen: ['order'] });
    // Where it entered: the SDK's Publish over SNS's query protocol, its User-Agent's first product as the client.
    assert.equal(trace!.origin?.via, 'wire');
    assert.equal(trace!.origin?.action, 'Publish');
    assert.equal(trace!.origin?.protocol, 'query');
    assert.match(trace!.origin?.client ?? '', /^aws-sdk-js\/3\./);
    assert.match(trace!.origin?.userAgent ?? '', /api\/sns/);
    assert.match(byKind('invocationFailed').detail!, /Error: cannot ship order \{"order":7\}/);
    assert.equal(byKind('invoked').payload, '{"shipped":1}');
    assert.match(byKind('redriven').detail!, /to orders$/);

    // The SQS message id finds the same trace, and so does a search by body text or attribute value.
    const sqsId = trace!.hops[1].messageId!;
    assert.equal((await traceOf(sqsId))?.traceId, MessageId);
    const search = async (q: string) => ((await (await fetch(`${server.url}/_eventyard/traces?${q}`)).json()) as { traces: Trace[] }).traces.map((t) => t.traceId);
    assert.deepEqual(await search('text=%22order%22%3A7'), [MessageId]);
    assert.deepEqual(await search('attributeName=kind&attributeValue=order'), [MessageId]);
    assert.deepEqual(await search('text=nothing-like-this'), []);
    assert.equal((await fetch(`${server.url}/_eventyard/traces/no-such-id`)).status, 404);
    assert.equal((await fetch(`${server.url}/_eventyard/traces?limit=x`)).status, 400);
  });
});
