import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { XMLParser } from 'fast-xml-parser';
import { cli } from '../support/serve-process';
import { root, startServe } from './support/serve';

/** `eventyard run` as a CI job meets it: the real CLI in a child process, its exit code, output and JUnit XML. */
function runIn(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'run', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ORDER_STATUS: 'placed' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const junit = (file: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(fs.readFileSync(file, 'utf8'));

const DEFINITIONS = `queues:
  - name: orders
  - name: orders-dlq
  - name: shipping
topics:
  - name: order-events
    subscriptions:
      - { protocol: sqs, queue: shipping, rawMessageDelivery: true }
streams:
  - name: clicks
    shards: 2
buses:
  - name: shop
rules:
  - name: placed
    bus: shop
    eventPattern: { source: [shop.orders], detail-type: [OrderPlaced] }
    targets:
      - { queue: orders, inputPath: $.detail }
`;

const PASSING = `name: order flow
seed: 11
vars:
  status: \${env:ORDER_STATUS}
environments:
  paid:
    vars: { status: paid }
steps:
  - name: place
    send:
      queue: orders
      body: { id: "\${faker:string.uuid}", customer: "\${faker:person.fullName}", status: "\${vars.status}" }
      attributes: { kind: order, total: 12.5 }
  - name: placed-arrives
    expect:
      message: { queue: orders, matching: { body: { status: "\${vars.status}" }, attributes: { kind: order } }, within: 3s }
  - name: announce
    publish: { topic: order-events, message: { orderRef: "\${steps.place.MessageId}" } }
  - name: shipping-gets-it
    expect:
      message: { queue: shipping, matching: { body: { orderRef: "\${steps.place.MessageId}" } }, within: 3s }
  - name: bulk
    send: { queue: orders, body: { n: "\${index}" }, repeat: 25 }
  - name: all-there
    expect: { message: { queue: orders, matching: { bodyContains: '"n":' }, count: 25, within: 3s } }
  - name: clicks
    putRecords: { stream: clicks, data: { page: "\${faker:internet.url}" }, partitionKey: "k\${index}", repeat: 30 }
  - name: click-count
    expect: { records: { stream: clicks, count: 30, within: 3s } }
  - name: event
    putEvents: { bus: shop, source: shop.orders, detailType: OrderPlaced, detail: { orderId: routed-1 } }
  - name: routed
    expect: { message: { queue: orders, matching: { body: { orderId: routed-1 } }, within: 3s } }
  - name: no-dead-letters
    expect: { empty: { queue: orders-dlq, for: 300ms } }
`;

describe('eventyard run (event files)', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-run-'));
    fs.writeFileSync(path.join(dir, 'eventyard.yaml'), DEFINITIONS);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs a file against a broker it starts with the folder\'s definitions, exits 0 and writes JUnit XML', async () => {
    fs.writeFileSync(path.join(dir, 'orders.events.yaml'), PASSING);
    const r = await runIn(dir, ['orders.events.yaml', '--junit', 'reports/junit.xml']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Applied eventyard\.yaml: 8 resources/);
    assert.match(r.stdout, /ok {3}placed-arrives/);
    assert.match(r.stdout, /11 passed, 0 failed in /);
    assert.equal(r.stderr, '');
    const doc = junit(path.join(dir, 'reports/junit.xml'));
    assert.equal(doc.testsuites.tests, '11');
    assert.equal(doc.testsuites.failures, '0');
    const suite = doc.testsuites.testsuite[0];
    assert.equal(suite.name, 'order flow');
    assert.equal(suite.file, 'orders.events.yaml');
    assert.deepEqual(suite.testcase.map((t: { name: string }) => t.name).slice(0, 3), ['place', 'placed-arrives', 'announce']);
  });

  it('exits 1 when an expectation fails, saying what was expected and seen, and the later steps still run', async () => {
    fs.writeFileSync(path.join(dir, 'orders.events.yaml'), PASSING);
    // --env paid: the first file sends and expects status "paid" (still passing); the second, without
    // environments, sends "placed" but expects "shipped", and its DLQ check finds the message it put there.
    fs.writeFileSync(path.join(dir, 'broken.events.yaml'), `steps:
  - send: { queue: orders, body: { status: placed } }
  - name: shipped
    expect: { message: { queue: orders, matching: { body: { status: shipped } }, within: 300ms } }
  - send: { queue: orders-dlq, body: poison }
  - name: dlq-empty
    expect: { empty: { queue: orders-dlq, for: 300ms } }
  - name: nobody-ran
    expect: { invoked: { function: nope, within: 100ms } }
  - name: after
    wait: 10ms
`);
    const r = await runIn(dir, ['orders.events.yaml', 'broken.events.yaml', '--env', 'paid', '--junit', 'junit.xml']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAIL shipped[^\n]*\n\s+No new message matching \{"body":\{"status":"shipped"\}\} reached orders within 300 ms\. 1 new message arrived; in the closest, body\.status is "placed", expected "shipped"\./);
    assert.match(r.stdout, /FAIL dlq-empty[^\n]*\n\s+orders-dlq was to stay empty for 300 ms, but after \d+ ms it held 1 message; the first: poison/);
    assert.match(r.stdout, /FAIL nobody-ran[^\n]*\n\s+Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope/);
    assert.match(r.stdout, /ok {3}after/);
    assert.match(r.stdout, /14 passed, 3 failed \(2 files\)/);
    const doc = junit(path.join(dir, 'junit.xml'));
    assert.equal(doc.testsuites.failures, '3');
    const broken = doc.testsuites.testsuite[1];
    assert.equal(broken.name, 'broken.events.yaml');
    const shipped = broken.testcase.find((t: { name: string }) => t.name === 'shipped');
    assert.match(shipped.failure.message, /expected "shipped"/);
  });

  it('a failed send skips the steps after it', async () => {
    fs.writeFileSync(path.join(dir, 'a.events.yaml'), 'steps:\n  - send: { queue: missing, body: x }\n  - name: later\n    wait: 1ms\n');
    const r = await runIn(dir, ['a.events.yaml', '--junit', 'j.xml']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAIL step 1 \(send\)[^\n]*\n\s+QueueDoesNotExist: The specified queue does not exist/);
    assert.match(r.stdout, /skip later/);
    assert.equal(junit(path.join(dir, 'j.xml')).testsuites.skipped, '1');
  });

  it('exits 2 on a malformed file with each problem\'s position, and runs nothing', async () => {
    fs.writeFileSync(path.join(dir, 'ok.events.yaml'), 'steps:\n  - send: { queue: orders, body: x }\n');
    fs.writeFileSync(path.join(dir, 'bad.events.yaml'), 'steps:\n  - send: { queue: orders, body: x }\n    wait: 1s\n  - expect: { message: { queue: orders, within: soon } }\n');
    const r = await runIn(dir, ['ok.events.yaml', 'bad.events.yaml', '--junit', 'j.xml']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, [
      'bad.events.yaml:2:5: A step does one thing; this one has send and wait. Split it into 2 steps.',
      'bad.events.yaml:4:49: "within" must be a time such as 500ms, 5s or 2m, or a number of seconds; not "soon".',
      '',
    ].join('\n'));
    assert.equal(r.stdout, '');
    assert.equal(fs.existsSync(path.join(dir, 'j.xml')), false);
  });

  it('runs against a given --endpoint without consuming what it checks', async () => {
    const server = await startServe();
    try {
      const sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'remote' }));
      fs.writeFileSync(path.join(dir, 'remote.events.yaml'), `steps:
  - name: hello
    send: { queue: remote, body: "hello \${faker:person.firstName}" }
  - expect: { message: { queue: remote, matching: { bodyContains: hello } } }
`);
      const first = await runIn(dir, ['remote.events.yaml', '--endpoint', server.url, '--seed', '5']);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      assert.doesNotMatch(first.stdout, /Applied/, 'the folder\'s definitions are not applied to someone else\'s broker');
      const second = await runIn(dir, ['remote.events.yaml', '--endpoint', server.url, '--seed', '5']);
      assert.equal(second.code, 0);
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      const bodies = received.Messages?.map((m) => m.Body) ?? [];
      assert.equal(bodies.length, 2, 'both messages are still there: the expectation only peeked');
      assert.equal(bodies[0], bodies[1], 'the same seed generates the same name');
      sqs.destroy();
    } finally {
      await server.stop();
    }
  });

  it('runs the demo workspace\'s event file with the demo\'s definitions, in its environment too', async () => {
    const demo = path.join(root, 'demo');
    const r = await runIn(demo, ['orders.events.yaml', '--junit', path.join(dir, 'demo.xml')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(junit(path.join(dir, 'demo.xml')).testsuites.failures, '0');
    // The staging environment names a queue the demo does not declare: the first step says so, the rest skip.
    const staging = await runIn(demo, ['orders.events.yaml', '--env', 'staging']);
    assert.equal(staging.code, 1);
    assert.match(staging.stdout, /FAIL place-order[^\n]*\n\s+QueueDoesNotExist/);
    assert.match(staging.stdout, /0 passed, 1 failed, 4 skipped/);
  });

  it('runs the demo\'s order workflow file: a shipped order, a declined card caught onto a queue, a big order awaiting approval', async () => {
    const demo = path.join(root, 'demo');
    const folder = fs.mkdtempSync(path.join(dir, 'workflow-'));
    // What the Step Functions walkthrough declares, with the machine declared rather than made by the CodeLens.
    fs.writeFileSync(path.join(folder, 'eventyard.yaml'), [
      'queues:', '  - name: order-approvals', '  - name: order-failures',
      'functions:', '  - name: charge', '    module: charge.mjs',
      'stateMachines:', '  - name: order', `    definitionFile: order.asl.json`, '',
    ].join('\n'));
    for (const name of ['order.asl.json', 'charge.mjs']) fs.copyFileSync(path.join(demo, 'workflows', name), path.join(folder, name));
    fs.copyFileSync(path.join(demo, 'workflows/order.events.yaml'), path.join(folder, 'order.events.yaml'));
    const r = await runIn(folder, ['order.events.yaml', '--junit', path.join(dir, 'workflow.xml')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /7 passed, 0 failed/);
    assert.equal(junit(path.join(dir, 'workflow.xml')).testsuites.failures, '0');
  });

  it('explains its usage mistakes with exit code 2', async () => {
    const none = await runIn(dir, []);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /eventyard run needs at least one event file/);
    const help = await runIn(dir, ['--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--endpoint', '--config', '--junit', '--env', '--seed']) assert.ok(help.stdout.includes(flag), flag);
    const missing = await runIn(dir, ['nope.events.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.events\.yaml: cannot read it/);
  });
});
