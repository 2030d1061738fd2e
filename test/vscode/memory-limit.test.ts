import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension, endpointUrl, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

/** Calls the endpoint as an app's SDK would (JSON 1.0), to see the status and error an app would see. */
async function sqsCall(action: string, input: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(endpointUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

suite('extension: eventyard.maxMemoryMb', () => {
  test('a full broker refuses sends with SQS OverLimit, and receives still drain it', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('eventyard');
    // What the earlier suites left in the kept state counts too: measure it under a roomy limit first,
    // then allow about 20 KiB more, so two 8 KiB messages fit and the third does not.
    const limitOf = (mb: number) => Math.floor(mb * 1024 * 1024);
    const withLimit = async (mb: number) => {
      await config.update('maxMemoryMb', mb, vscode.ConfigurationTarget.Workspace);
      await eventually(`the broker with a ${mb} MiB limit`, () => a.host.state.kind === 'serving' && a.broker?.memory.limitBytes === limitOf(mb));
    };
    try {
      await withLimit(1024);
      await withLimit((a.broker!.memory.usedBytes + 20 * 1024) / (1024 * 1024));
      const name = `full-${Date.now()}`;
      const QueueUrl = (await sqsCall('CreateQueue', { QueueName: name })).body.QueueUrl as string;
      const body = 'x'.repeat(8 * 1024);
      assert.equal((await sqsCall('SendMessage', { QueueUrl, MessageBody: body })).status, 200);
      assert.equal((await sqsCall('SendMessage', { QueueUrl, MessageBody: body })).status, 200);
      const refused = await sqsCall('SendMessage', { QueueUrl, MessageBody: body });
      assert.equal(refused.status, 403);
      assert.match(String(refused.body.__type), /OverLimit/);
      const received = await sqsCall('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10 });
      const messages = received.body.Messages as { ReceiptHandle: string }[];
      assert.equal(messages.length, 2);
      for (const m of messages) assert.equal((await sqsCall('DeleteMessage', { QueueUrl, ReceiptHandle: m.ReceiptHandle })).status, 200);
      assert.equal((await sqsCall('SendMessage', { QueueUrl, MessageBody: body })).status, 200);
    } finally {
      await config.update('maxMemoryMb', undefined, vscode.ConfigurationTarget.Workspace);
      await eventually('the broker without a limit', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker.memory.limitBytes === undefined);
    }
  });
});
