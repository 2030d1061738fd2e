import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Broker } from '../../src/broker/broker';
import type { EventyardApi } from '../../src/extension/extension';
import { startServer } from '../../src/server/server';
import { activatedExtension, configuredPort, endpointUrl, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

suite('extension: the broker host', () => {
  test('activate() returns the broker and the endpoint apps use', async () => {
    const a = await api();
    assert.equal(a.endpoint, endpointUrl());
    assert.equal(a.host.state.kind, 'serving');
    assert.ok(a.broker);
  });

  test('"Copy Environment" puts what an AWS SDK needs on the clipboard', async () => {
    await vscode.commands.executeCommand('eventyard.copyEnvironment');
    assert.equal(await vscode.env.clipboard.readText(),
      `AWS_ENDPOINT_URL=${endpointUrl()}\nAWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=test\nAWS_SECRET_ACCESS_KEY=test\n`);
  });

  test('"Copy Queue URL" copies the URL of the queue it was invoked on', async () => {
    const a = await api();
    const name = `copy-url-${Date.now()}`;
    a.broker!.sqs.operations.CreateQueue({ QueueName: name });
    const groups = await a.tree.getChildren();
    const queue = (await a.tree.getChildren(groups[0])).find((q) => q.name === name);
    await vscode.commands.executeCommand('eventyard.copyUrl', queue);
    assert.equal(await vscode.env.clipboard.readText(), `${endpointUrl()}/000000000000/${name}`);
  });

  test('a delivery stream lands its objects in .eventyard/buckets in the workspace, where the user can open them', async () => {
    const a = await api();
    const name = `landing-${Date.now()}`;
    a.broker!.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: 'arn:aws:s3:::landing', Prefix: `${name}/`,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      },
    });
    a.broker!.firehose.operations.PutRecord({ DeliveryStreamName: name, Record: { Data: Buffer.from('{"order":17}\n') } });
    await a.broker!.firehose.flushAll();
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.eventyard', 'buckets', 'landing', name);
    const found: string[] = [];
    const walk = async (dir: vscode.Uri): Promise<void> => {
      for (const [entry, type] of await vscode.workspace.fs.readDirectory(dir)) {
        const child = vscode.Uri.joinPath(dir, entry);
        if (type === vscode.FileType.Directory) await walk(child);
        else found.push(Buffer.from(await vscode.workspace.fs.readFile(child)).toString('utf8'));
      }
    };
    await walk(folder);
    assert.deepEqual(found, ['{"order":17}\n']);
  });

  test('restart gives a fresh broker on the same endpoint', async () => {
    const a = await api();
    const before = a.broker;
    await vscode.commands.executeCommand('eventyard.restartBroker');
    assert.equal(a.host.state.kind, 'serving');
    assert.notEqual(a.broker, before);
    const res = await fetch(`${endpointUrl()}/_eventyard/health`);
    assert.equal(res.status, 200);
  });

  test('a second window finds another Eventyard on the port and attaches to it instead of failing', async () => {
    const a = await api();
    await a.host.stop();
    const other = new Broker({ endpoint: endpointUrl() });
    const server = await startServer(other, { port: configuredPort(), log: () => undefined });
    try {
      const { QueueUrl } = other.sqs.operations.CreateQueue({ QueueName: 'served-by-the-other-window' });
      other.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'hello' });
      await a.host.start();
      assert.equal(a.host.state.kind, 'attached');
      assert.equal(a.broker, undefined, 'this window runs no broker of its own');
      const groups = await a.tree.getChildren();
      const queues = await a.tree.getChildren(groups[0]);
      const row = queues.find((q) => q.name === 'served-by-the-other-window');
      assert.ok(row, 'the other broker\'s queue is in this window\'s tree');
      assert.equal(a.tree.getTreeItem(row).description, '1 visible');
      await a.client!.sqs('SendMessage', { QueueUrl, MessageBody: 'from the attached window' });
      assert.equal(other.sqs.listQueueSummaries()[0].visible, 2);
    } finally {
      await a.host.stop();
      await server.close();
      other.dispose();
      await a.host.start();
    }
    await eventually('this window serving again', () => a.host.state.kind === 'serving');
  });
});
