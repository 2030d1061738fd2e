import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sqsClient } from './support/clients';
import { runCli, startServe } from './support/serve';

/** `eventyard serve --config`: a project's eventyard.yaml brings up its resources and functions headless. */
describe('eventyard serve --config', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** An eventyard.yaml with a queue `orders` that triggers the function in consumer.cjs (written by the test). */
  const writeQueueConsumer = () =>
    fs.writeFileSync(
      path.join(dir, 'eventyard.yaml'),
      ['queues:', '  - name: orders', 'functions:', '  - name: consumer', '    module: consumer.cjs',
        '    events:', '      - type: sqs', '        queue: orders', ''].join('\n'),
    );

  it('creates the declared queues and runs a function the queue triggers', async () => {
    const seen = path.join(dir, 'seen.txt');
    // The handler proves it ran in a real process by leaving the message body on disk.
    fs.writeFileSync(
      path.join(dir, 'consumer.cjs'),
      `const fs = require('node:fs');
exports.handler = async (event) => { for (const r of event.Records) fs.appendFileSync(${JSON.stringify(seen)}, r.body + '\\n'); };`,
    );
    writeQueueConsumer();
    const server = await startServe(['--config', path.join(dir, 'eventyard.yaml')]);
    try {
      assert.match(server.output(), /Applied .*eventyard\.yaml: 2 resources/);
      const sqs = sqsClient(server.url);
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'order 17' }));
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.equal(fs.readFileSync(seen, 'utf8'), 'order 17\n');
    } finally {
      await server.stop();
    }
  });

  it('with signatures checked, prints and hands functions the configured key, and a signed send triggers them', async () => {
    const seen = path.join(dir, 'key.txt');
    fs.writeFileSync(
      path.join(dir, 'consumer.cjs'),
      `const fs = require('node:fs');
exports.handler = async () => { fs.writeFileSync(${JSON.stringify(seen)}, process.env.AWS_ACCESS_KEY_ID + ':' + process.env.AWS_SECRET_ACCESS_KEY); };`,
    );
    writeQueueConsumer();
    const server = await startServe(['--config', path.join(dir, 'eventyard.yaml'), '--access-key', 'AKIDLOCAL:local-secret']);
    try {
      assert.match(server.output(), /export AWS_ACCESS_KEY_ID=AKIDLOCAL\n\s+export AWS_SECRET_ACCESS_KEY=local-secret\n/);
      const sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' } });
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'signed' }));
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.equal(fs.readFileSync(seen, 'utf8'), 'AKIDLOCAL:local-secret');
    } finally {
      await server.stop();
    }
  });

  it('refuses a file that does not fit the schema, naming the line, with exit code 2', async () => {
    const file = path.join(dir, 'eventyard.yaml');
    fs.writeFileSync(file, 'queues:\n  - name: orders\n    visibilityTimeout: "soon"\n');
    const result = await runCli(['serve', '--port', '0', '--config', file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:3:\\d+: .*visibilityTimeout`));
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('serves the rest when AWS would refuse one resource, and says which', async () => {
    const file = path.join(dir, 'eventyard.yaml');
    fs.writeFileSync(file, 'queues:\n  - name: good\n  - name: bad.fifo\n');
    const server = await startServe(['--config', file]);
    try {
      // The warning goes to stderr, a pipe of its own that may be read after the banner on stdout.
      const deadline = Date.now() + 5_000;
      while (!/warning: /.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(server.output(), /warning: .*eventyard\.yaml:3:\d+: /);
      const { QueueUrl } = await sqsClient(server.url).send(new GetQueueUrlCommand({ QueueName: 'good' }));
      assert.ok(QueueUrl?.endsWith('/good'));
    } finally {
      await server.stop();
    }
  });
});
