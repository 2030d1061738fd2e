import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { EventBridgeClient, CreateEventBusCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { EventyardApi } from '../../src/extension/extension';
import type { ConnectionCommandResult } from '../../src/extension/connections/connection-commands';
import type { ConnectionInspectorResult } from '../../src/extension/connections/connection-inspector';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

const KEY = { accessKeyId: 'AKIDCONNECTIONS', secretAccessKey: 'connections-secret' };

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts a program that serves HTTP on `port` and resolves once it answers. */
async function startServing(command: string, args: string[], url: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await eventually(`${args.join(' ')} answering (${stderr})`, async () => (await fetch(url, { method: 'POST' }).then(() => true, () => false)), 30_000);
  return child;
}

function stopServing(child: ChildProcess | undefined): void {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

const run = (command: string, node: unknown, args: object = {}) => vscode.commands.executeCommand<ConnectionCommandResult | undefined>(command, node, args);

suite('connections: profiles and endpoints besides this window\'s broker', () => {
  let a: EventyardApi;
  let dir: string;
  let serve: ChildProcess | undefined;
  let kinesalite: ChildProcess | undefined;
  let fauxqs: ChildProcess | undefined;
  let serveUrl: string;
  let kinesaliteUrl: string;
  let fauxqsUrl: string;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  suiteSetup(async function () {
    this.timeout(90_000);
    const ext = await activatedExtension();
    a = ext.exports as unknown as EventyardApi;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-connections-'));
    // the profile the connection signs as, in temporary AWS files: only the SDK's loader reads them
    fs.writeFileSync(path.join(dir, 'config'), '[profile strict]\nregion = us-east-1\n\n[profile wrong]\nregion = us-east-1\n');
    fs.writeFileSync(path.join(dir, 'credentials'), `[strict]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n\n[wrong]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = not-the-secret\n`);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    const [servePort, kinesalitePort, fauxqsPort] = [await freePort(), await freePort(), await freePort()];
    fauxqsUrl = `http://127.0.0.1:${fauxqsPort}`;
    serveUrl = `http://127.0.0.1:${servePort}`;
    kinesaliteUrl = `http://127.0.0.1:${kinesalitePort}`;
    // a second Eventyard in strict SigV4 mode, and kinesalite (an emulator from npm) on Node from PATH
    serve = await startServing(process.execPath, [path.join(ext.extensionPath, 'dist/cli.js'), 'serve', '--port', String(servePort), '--access-key', `${KEY.accessKeyId}:${KEY.secretAccessKey}`], serveUrl);
    kinesalite = await startServing('node', [path.join(ext.extensionPath, 'node_modules/kinesalite/cli.js'), '--port', String(kinesalitePort), '--createStreamMs', '0', '--updateStreamMs', '0'], kinesaliteUrl);
    // fauxqs (SQS and SNS) needs Node 22.5 or later: the extension host's own Node is
    fauxqs = await startServing(process.execPath, [path.join(ext.extensionPath, 'node_modules/fauxqs/dist/cli.js')], fauxqsUrl, { FAUXQS_PORT: String(fauxqsPort), FAUXQS_LOGGER: 'false' });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.workspace.getConfiguration('eventyard').update('connections', undefined, vscode.ConfigurationTarget.Workspace);
    stopServing(serve);
    stopServing(kinesalite);
    stopServing(fauxqs);
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await a.connections.reload();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rows = async (parent?: TreeNode) => (await a.tree.getChildren(parent)).map((node) => ({ node, item: a.tree.getTreeItem(node) }));
  const row = async (parent: TreeNode | undefined, label: string) => {
    const found = (await rows(parent)).find((r) => r.item.label === label);
    assert.ok(found, `a row ${label} under ${parent?.name ?? 'the root'}: ${(await rows(parent)).map((r) => r.item.label).join(', ')}`);
    return found;
  };

  /** A connection's row, once the setting's change reached the tree. */
  const connectionRow = async (label: string) => {
    await eventually(`${label} in the tree`, async () => (await rows()).some((r) => r.item.label === label));
    return row(undefined, label);
  };

  test('a second Eventyard checking signatures, through a profile: read-only, poll, typed confirmation, send, purge, redrive', async function () {
    this.timeout(120_000);
    const sqs = new SQSClient({ endpoint: serveUrl, region: 'us-east-1', credentials: KEY });
    const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs-dlq' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
    const { QueueUrl: jobsUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 1 }) } }));
    // a message dead-lettered as a consumer's failures do it (a redrive moves messages back to where they came from)
    await sqs.send(new SendMessageCommand({ QueueUrl: jobsUrl, MessageBody: 'failed job' }));
    for (let i = 0; i < 2; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: jobsUrl, VisibilityTimeout: 0 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: jobsUrl, MessageBody: '{"job":1}' }));
    const counts = async (url: string | undefined) => {
      const { Attributes: q = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
      return { visible: Number(q.ApproximateNumberOfMessages), inFlight: Number(q.ApproximateNumberOfMessagesNotVisible) };
    };

    const added = await run('eventyard.addConnection', undefined, { name: 'strict-serve', endpoint: serveUrl, profile: 'strict', region: 'us-east-1' });
    assert.match(added?.message ?? added?.error ?? '', /added connection strict-serve .* read-only until you enable writes/);
    const connection = await connectionRow('strict-serve');
    assert.equal(connection.item.description, `127.0.0.1:${new URL(serveUrl).port} · us-east-1 · profile strict · read-only`);
    assert.equal(connection.item.contextValue, 'aws.connection.endpoint.readonly.normal');
    // the AWS config file's profiles are connections too
    assert.ok((await rows()).some((r) => r.item.label === 'strict' && r.item.contextValue?.startsWith('aws.connection.profile')));

    const queues = await row(connection.node, 'Queues');
    assert.equal(queues.item.description, '2');
    const jobs = await row(queues.node, 'jobs');
    assert.equal(jobs.item.contextValue, 'aws.queue');
    assert.deepEqual([jobs.item.command?.command, jobs.item.command?.arguments], ['eventyard.connection.openInspector', [jobs.node]], 'a click opens the inspector on the connection');
    const dlq = await row(queues.node, 'jobs-dlq');
    assert.equal(dlq.item.contextValue, 'aws.queue.dlq');

    // read-only: nothing changes, and the message says how to allow it
    const refused = await run('eventyard.connection.sendMessage', jobs.node, { body: 'not sent' });
    assert.match(refused?.error ?? '', /strict-serve is read-only\. Use "Enable Writes" on the connection/);
    const purgeRefused = await run('eventyard.connection.purgeQueue', jobs.node, { confirm: 'jobs' });
    assert.match(purgeRefused?.error ?? '', /read-only/);
    assert.deepEqual(await counts(jobsUrl), { visible: 1, inFlight: 0 });

    // poll receives (a read-only connection may look): the count rises, and the message hides for the time set
    const polled = await run('eventyard.connection.pollQueue', jobs.node, { visibilityTimeout: 2 });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(polled?.messages?.length, 1);
    assert.equal(polled.messages[0].body, '{"job":1}');
    assert.equal(polled.messages[0].receiveCount, 1);
    assert.equal(polled.messages[0].receiptHandle, '', 'no receipt handle leaves the window');
    assert.match(polled.message ?? '', /their receive counts rose and they are hidden for 2 s/);
    assert.deepEqual(await counts(jobsUrl), { visible: 0, inFlight: 1 });
    await eventually('the message visible again after 2 s', async () => (await counts(jobsUrl)).visible === 1, 10_000);

    assert.equal((await run('eventyard.enableConnectionWrites', connection.node))?.message, 'writes enabled on strict-serve for this window.');
    assert.match((await rows()).find((r) => r.item.label === 'strict-serve')!.item.description as string, /writes enabled$/);
    const sent = await run('eventyard.connection.sendMessage', jobs.node, { body: 'sent from the tree' });
    assert.match(sent?.message ?? sent?.error ?? '', /^sent message [-0-9a-f]+ to jobs on strict-serve\.$/);
    assert.deepEqual(await counts(jobsUrl), { visible: 2, inFlight: 0 });

    // destructive actions want the name typed: a wrong name does nothing
    const mistyped = await run('eventyard.connection.purgeQueue', jobs.node, { confirm: 'job' });
    assert.match(mistyped?.error ?? '', /Nothing was done: "job" is not jobs/);
    assert.deepEqual(await counts(jobsUrl), { visible: 2, inFlight: 0 });
    assert.match((await run('eventyard.connection.purgeQueue', jobs.node, { confirm: 'jobs' }))?.message ?? '', /^purged jobs on strict-serve/);
    await eventually('jobs purged', async () => (await counts(jobsUrl)).visible === 0);

    const redriven = await run('eventyard.connection.redriveQueue', dlq.node, { confirm: 'jobs-dlq' });
    assert.match(redriven?.message ?? redriven?.error ?? '', /^redrive of jobs-dlq completed: 1 messages moved back to jobs\.$/);
    assert.deepEqual(await counts(jobsUrl), { visible: 1, inFlight: 0 });
    assert.deepEqual(await counts(dlqUrl), { visible: 0, inFlight: 0 });

    const details = await run('eventyard.connection.showDetails', jobs.node);
    assert.equal((details?.details as { Attributes: Record<string, string> }).Attributes.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:jobs');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // the region picker's choice is remembered for the workspace; production is a mark in the row
    await run('eventyard.chooseConnectionRegion', connection.node, { region: 'eu-west-1' });
    await run('eventyard.markConnectionProduction', connection.node);
    const marked = (await rows()).find((r) => r.item.label === 'strict-serve')!;
    assert.match(marked.item.description as string, /^PRODUCTION · 127\.0\.0\.1:\d+ · eu-west-1 · /);
    assert.equal(marked.item.contextValue, 'aws.connection.endpoint.writable.production');
    assert.equal(a.connections.region(a.connections.get('endpoint:strict-serve')), 'eu-west-1');
    await run('eventyard.unmarkConnectionProduction', connection.node);
    sqs.destroy();

    // Kinesis on the same connection: reshard after the name is typed; the lineage shows in the tree
    const kinesis = new KinesisClient({ endpoint: serveUrl, region: 'eu-west-1', credentials: KEY });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 }));
    await run('eventyard.refreshConnection', connection.node);
    const orders = await row(await row(connection.node, 'Streams').then((r) => r.node), 'orders');
    const resharded = await run('eventyard.connection.reshard', orders.node, { shardCount: 2, confirm: 'orders' });
    assert.match(resharded?.message ?? resharded?.error ?? '', /^resharding orders from 1 to 2 open shards/);
    const shards = await rows((await row(await row(connection.node, 'Streams').then((r) => r.node), 'orders')).node);
    assert.deepEqual(shards.map((s) => s.item.contextValue), ['shard.closed', 'shard.open', 'shard.open'].map((c) => `aws.${c}`));
    kinesis.destroy();
  });

  test('a profile whose key the endpoint refuses shows why and what to do, as a row, never a stack trace', async function () {
    this.timeout(60_000);
    await run('eventyard.addConnection', undefined, { name: 'wrong-key', endpoint: serveUrl, profile: 'wrong', region: 'us-east-1' });
    const connection = await connectionRow('wrong-key');
    const children = await rows(connection.node);
    assert.equal(children.length, 1);
    assert.equal(children[0].item.contextValue, 'aws.problem');
    assert.match(String(children[0].item.label), new RegExp(`^${serveUrl.replace(/[.:/]/g, '\\$&')} refused the credentials of profile wrong \\(\\w+: .*\\)\\. Check the access key and secret of the profile`));
    assert.doesNotMatch(String(children[0].item.label), /not-the-secret|\n\s+at /);
    assert.equal((await run('eventyard.removeConnection', connection.node))?.message, 'removed connection wrong-key.');
    assert.ok(!(await rows()).some((r) => r.item.label === 'wrong-key'));
  });

  test('kinesalite: the streams answer (the services it lacks say so), put needs writes, reshard needs the name typed', async function () {
    this.timeout(60_000);
    // kinesalite speaks HTTP/1.1 only (the Kinesis client's default is HTTP/2)
    const kinesis = new KinesisClient({ endpoint: kinesaliteUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: new NodeHttpHandler() });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    await eventually('clicks active', async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }))).StreamDescriptionSummary?.StreamStatus === 'ACTIVE');
    await run('eventyard.addConnection', undefined, { name: 'kinesalite', endpoint: kinesaliteUrl, region: 'us-east-1' });
    const connection = await connectionRow('kinesalite');
    const streams = await row(connection.node, 'Streams');
    assert.equal(streams.item.description, '1');
    const queues = await row(connection.node, 'Queues');
    assert.equal(queues.item.description, 'unavailable', 'kinesalite speaks no SQS');
    const problem = (await rows(queues.node))[0];
    assert.equal(problem.item.contextValue, 'aws.problem');
    assert.match(String(problem.item.label), new RegExp(`^${kinesaliteUrl.replace(/[.:/]/g, '\\$&')} (does not implement this action|answered in a form this service's client cannot read)`));
    const clicks = await row(streams.node, 'clicks');
    assert.equal(clicks.item.contextValue, 'aws.stream');
    assert.match((await run('eventyard.connection.putRecord', clicks.node, { body: 'click' }))?.error ?? '', /kinesalite is read-only/);
    await run('eventyard.enableConnectionWrites', connection.node);
    assert.match((await run('eventyard.connection.putRecord', clicks.node, { body: 'click', partitionKey: 'user-1' }))?.message ?? '', /^put a record on clicks \(shardId-000000000000, sequence \d+\)\.$/);
    const read = await run('eventyard.connection.readRecords', clicks.node);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(read?.message, 'read 1 record of clicks from the oldest kept (GetRecords changes nothing).');
    assert.deepEqual((read?.details as { Data: string; PartitionKey: string; DataEncoding: string }[]).map((r) => [r.Data, r.PartitionKey, r.DataEncoding]), [['click', 'user-1', 'utf-8']]);
    assert.match((await run('eventyard.connection.reshard', clicks.node, { shardCount: 2, confirm: 'click' }))?.error ?? '', /Nothing was done/);
    const unsupported = await run('eventyard.connection.reshard', clicks.node, { shardCount: 2, confirm: 'clicks' });
    assert.match(unsupported?.error ?? '', /does not implement this action \(UnknownOperationException\)\. An emulator may cover only part of a service/, 'kinesalite has no UpdateShardCount');
    kinesis.destroy();
  });

  /** The titles of the editor tabs open now. */
  const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
  const openInspector = (node: unknown) => vscode.commands.executeCommand<ConnectionInspectorResult & { error?: string }>('eventyard.connection.openInspector', node);

  test('the inspector opens on a connection\'s resources, titled with the connection (PRODUCTION first when marked): a strict Eventyard and fauxqs', async function () {
    this.timeout(90_000);
    const sqs = new SQSClient({ endpoint: serveUrl, region: 'us-east-1', credentials: KEY });
    await sqs.send(new CreateQueueCommand({ QueueName: 'inspected' }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'inspected-too' }));
    sqs.destroy();
    await run('eventyard.addConnection', undefined, { name: 'inspect-serve', endpoint: serveUrl, profile: 'strict', region: 'us-east-1' });
    const connection = await connectionRow('inspect-serve');
    const inspected = await row((await row(connection.node, 'Queues')).node, 'inspected');
    const opened = await openInspector(inspected.node);
    assert.equal(opened?.title, 'Queue: inspected — inspect-serve');
    assert.deepEqual(opened?.connection, { name: 'inspect-serve', region: 'us-east-1', where: `127.0.0.1:${new URL(serveUrl).port}`, production: false });
    assert.equal(opened?.writable, false, 'read-only until writes are enabled');
    assert.doesNotMatch(JSON.stringify(opened), new RegExp(`${KEY.secretAccessKey}|${KEY.accessKeyId}`), 'nothing of the credentials');
    await eventually('the inspector tab', async () => tabLabels().includes('Queue: inspected — inspect-serve'));
    // the row's own click target does the same, and a second open reveals the same tab
    await vscode.commands.executeCommand(inspected.item.command!.command, ...(inspected.item.command!.arguments ?? []));
    assert.equal(tabLabels().filter((l) => l === 'Queue: inspected — inspect-serve').length, 1);

    await run('eventyard.markConnectionProduction', connection.node);
    const marked = await openInspector((await row((await row((await connectionRow('inspect-serve')).node, 'Queues')).node, 'inspected-too')).node);
    assert.equal(marked?.title, 'PRODUCTION · Queue: inspected-too — inspect-serve');
    assert.equal(marked?.connection.production, true);
    await eventually('the production tab', async () => tabLabels().includes('PRODUCTION · Queue: inspected-too — inspect-serve'));
    await run('eventyard.unmarkConnectionProduction', connection.node);
    assert.match((await openInspector(connection.node))?.error ?? '', /Run this on a queue, topic, stream, delivery stream, event bus, state machine or execution of a connection/);

    // fauxqs, an SQS and SNS emulator from npm, signed with the test keys
    const faux = new SQSClient({ endpoint: fauxqsUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await faux.send(new CreateQueueCommand({ QueueName: 'faux-orders' }));
    faux.destroy();
    await run('eventyard.addConnection', undefined, { name: 'fauxqs', endpoint: fauxqsUrl, region: 'us-east-1' });
    const fauxRow = await connectionRow('fauxqs');
    const orders = await row((await row(fauxRow.node, 'Queues')).node, 'faux-orders');
    assert.equal((await openInspector(orders.node))?.title, 'Queue: faux-orders — fauxqs');
    await eventually('the fauxqs inspector tab', async () => tabLabels().includes('Queue: faux-orders — fauxqs'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('eventyard.removeConnection', fauxRow.node);
    await run('eventyard.removeConnection', (await connectionRow('inspect-serve')).node);
  });
  test('the inspector opens on a connection\'s event bus, state machine and execution rows (the machines listed for the connection)', async function () {
    this.timeout(90_000);
    const events = new EventBridgeClient({ endpoint: serveUrl, region: 'us-east-1', credentials: KEY });
    await events.send(new CreateEventBusCommand({ Name: 'shop' }));
    await events.send(new PutRuleCommand({ Name: 'placed', EventBusName: 'shop', EventPattern: '{"detail-type":["OrderPlaced"]}' }));
    events.destroy();
    const sfn = new SFNClient({ endpoint: serveUrl, region: 'us-east-1', credentials: KEY });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'fulfil', roleArn: 'arn:aws:iam::000000000000:role/states', definition: '{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}' }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'first', input: '{}' }));
    sfn.destroy();

    await run('eventyard.addConnection', undefined, { name: 'flows-serve', endpoint: serveUrl, profile: 'strict', region: 'us-east-1' });
    const connection = await connectionRow('flows-serve');
    const shop = await row((await row(connection.node, 'Event buses')).node, 'shop');
    assert.equal(shop.item.contextValue, 'aws.bus');
    assert.deepEqual([shop.item.command?.command, shop.item.command?.arguments], ['eventyard.connection.openInspector', [shop.node]], 'a click opens the bus\'s inspector on the connection');
    assert.deepEqual((await rows(shop.node)).map((r) => r.item.label), ['placed']);
    const bus = await openInspector(shop.node);
    assert.equal(bus?.title, 'Event bus: shop — flows-serve');
    assert.equal(bus?.writable, false);
    await eventually('the bus inspector tab', async () => tabLabels().includes('Event bus: shop — flows-serve'));

    const machines = await row(connection.node, 'State machines');
    assert.equal(machines.item.description, '1', 'the connection lists its state machines');
    const fulfil = await row(machines.node, 'fulfil');
    assert.equal(fulfil.item.contextValue, 'aws.stateMachine');
    const machine = await openInspector(fulfil.node);
    assert.deepEqual([machine?.title, machine?.connection.where], ['State machine: fulfil — flows-serve', `127.0.0.1:${new URL(serveUrl).port}`]);
    await eventually('the state machine inspector tab', async () => tabLabels().includes('State machine: fulfil — flows-serve'));
    // an execution's row opens its machine's panel (the same one) on that execution
    const first = await row(fulfil.node, 'first');
    assert.equal(first.item.contextValue, 'aws.execution.running');
    assert.deepEqual(first.item.command?.arguments, [first.node]);
    assert.equal((await openInspector(first.node))?.title, 'State machine: fulfil — flows-serve');
    assert.equal(tabLabels().filter((l) => l === 'State machine: fulfil — flows-serve').length, 1);
    assert.ok(executionArn?.endsWith(':first'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('eventyard.removeConnection', (await connectionRow('flows-serve')).node);
  });
});
