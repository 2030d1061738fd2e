import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Broker } from '../../src/broker/broker';
import type { EventyardApi } from '../../src/extension/extension';
import { startServer } from '../../src/server/server';
import { activatedExtension, configuredPort, endpointUrl, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

suite('extension: an attached window\'s commands through the AWS SDK', () => {
  test('Receive Messages in an attached window shows binary attributes as the base64 text sent, and a gone broker fails at once with a clear error', async () => {
    const a = await api();
    await a.host.stop();
    const other = new Broker({ endpoint: endpointUrl() });
    const server = await startServer(other, { port: configuredPort(), log: () => undefined });
    let closed = false;
    try {
      const bytes = Buffer.from([0, 1, 2, 254, 255]);
      const binary = bytes.toString('base64');
      const { QueueUrl } = other.sqs.operations.CreateQueue({ QueueName: 'binary-attributes' });
      other.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'with bytes', MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: bytes } } });
      await a.host.start();
      assert.equal(a.host.state.kind, 'attached');

      await vscode.commands.executeCommand('eventyard.receiveMessages', { kind: 'queue', name: 'binary-attributes' });
      const editor = await eventually('the received messages shown', () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.getText().includes('with bytes') ? e : undefined;
      });
      const [message] = JSON.parse(editor!.document.getText()) as { Body: string; MessageAttributes: Record<string, { DataType: string; BinaryValue: string }> }[];
      assert.deepEqual(message.MessageAttributes.blob, { DataType: 'Binary', BinaryValue: binary });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      await server.close();
      closed = true;
      const started = Date.now();
      await assert.rejects(a.client!.sqs('ListQueues', {}), (e: Error) => e.message.startsWith(`The broker at ${endpointUrl()} does not answer`));
      assert.ok(Date.now() - started < 3000, `the call failed only after ${Date.now() - started} ms`);
    } finally {
      await a.host.stop();
      if (!closed) await server.close();
      other.dispose();
      await a.host.start();
    }
    await eventually('this window serving again', () => a.host.state.kind === 'serving');
  });
});
