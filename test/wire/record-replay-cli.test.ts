import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awsCliJson } from './support/clients';
import { runCli, startServe, type ServeProcess } from './support/serve';

/**
 * `eventyard serve --record` as a user meets it: the Debian AWS CLI sends through a recording serve, and
 * `eventyard replay` sends the recording into a second serve, ten times faster.
 */
describe('record and replay from the command line', function () {
  this.timeout(120_000);
  let dir = '';
  const servers: ServeProcess[] = [];

  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-record-'))));
  after(async () => {
    for (const s of servers) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records what the AWS CLI sent and replays it at 10x into another broker, same bodies in the same order', async () => {
    const file = path.join(dir, 'traffic.ndjson');
    const recording = await startServe(['--record', file, '--record-resource', 'orders']);
    servers.push(recording);
    assert.match(recording.output(), /Recording the traffic of orders to /);
    const { QueueUrl } = await awsCliJson(recording.url, ['sqs', 'create-queue', '--queue-name', 'orders']);
    await awsCliJson(recording.url, ['sqs', 'create-queue', '--queue-name', 'other']);
    for (let i = 0; i < 3; i++) {
      await awsCliJson(recording.url, ['sqs', 'send-message', '--queue-url', String(QueueUrl), '--message-body', `{"n":${i}}`, '--message-attributes', '{"kind":{"DataType":"String","StringValue":"test"}}']);
    }
    await awsCliJson(recording.url, ['sqs', 'send-message', '--queue-url', `${recording.url}/000000000000/other`, '--message-body', 'not chosen']);
    assert.equal(await recording.stop(), 0);
    assert.match(recording.output(), /Recorded 3 requests to /);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; resource: string; input: { MessageBody: string } });
    assert.deepEqual(lines.map((l) => [l.action, l.resource, l.input.MessageBody]), [0, 1, 2].map((i) => ['SendMessage', 'orders', `{"n":${i}}`]));

    const target = await startServe();
    servers.push(target);
    await awsCliJson(target.url, ['sqs', 'create-queue', '--queue-name', 'orders']);
    const replayed = await runCli(['replay', file, '--endpoint', target.url, '--speed', '10']);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.match(replayed.stdout, /Replaying 3 requests .* 10x faster\.\n3 sent, 0 refused/s);
    const received = await awsCliJson(target.url, ['sqs', 'receive-message', '--queue-url', `${target.url}/000000000000/orders`, '--max-number-of-messages', '10', '--message-attribute-names', 'All']);
    const messages = received.Messages as { Body: string; MessageAttributes: { kind: { StringValue: string } } }[];
    assert.deepEqual(messages.map((m) => m.Body).sort(), ['{"n":0}', '{"n":1}', '{"n":2}']);
    assert.ok(messages.every((m) => m.MessageAttributes.kind.StringValue === 'test'));
  });

  it('refuses a recording it cannot read and a bad transform, with exit code 2 and no stack trace', async () => {
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, '{"t":0}\n');
    const result = await runCli(['replay', bad, '--endpoint', 'http://127.0.0.1:9']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Line 1 is not a recorded request/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    const good = path.join(dir, 'empty.ndjson');
    fs.writeFileSync(good, '');
    const transform = await runCli(['replay', good, '--transform', '$merge([']);
    assert.equal(transform.code, 2);
    assert.match(transform.stderr, /not a JSONata expression/);
    assert.equal((await runCli(['replay', good, '--speed', 'fast'])).code, 2);
  });
});
