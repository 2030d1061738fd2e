import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

suite('extension: state kept in the workspace storage', () => {
  test('a queue and its in-flight message survive a restart of the broker (eventyard.persistence: sync)', async () => {
    const a = await api();
    assert.ok(a.host.dataDir, 'the broker keeps its state by default');
    const name = `kept-${Date.now()}`;
    const { QueueUrl } = a.broker!.sqs.operations.CreateQueue({ QueueName: name });
    a.broker!.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'survives' });
    await a.broker!.sqs.operations.ReceiveMessage({ QueueUrl, VisibilityTimeout: 600 });
    await vscode.commands.executeCommand('eventyard.restartBroker');
    const [message] = a.broker!.sqs.peek(name).messages;
    assert.equal(message?.body, 'survives');
    assert.equal(message.state, 'inFlight');
    assert.equal(message.receiveCount, 1);
  });

  test('a damaged data folder is reported and the broker runs in memory until it is repaired', async () => {
    const a = await api();
    const dataDir = a.host.dataDir!;
    await a.host.stop();
    const snapshot = path.join(dataDir, 'snapshot.eyd');
    const saved = fs.existsSync(snapshot) ? fs.readFileSync(snapshot) : undefined;
    fs.writeFileSync(snapshot, 'damaged');
    try {
      await a.host.start();
      assert.equal(a.host.state.kind, 'serving');
      assert.equal(a.broker!.store, undefined, 'runs in memory');
      assert.equal(a.host.dataDir, undefined);
    } finally {
      await a.host.stop();
      if (saved) fs.writeFileSync(snapshot, saved);
      else fs.rmSync(snapshot);
      await a.host.start();
    }
    assert.ok(a.broker!.store, 'keeps state again once the folder is readable');
  });
});
