import assert from 'node:assert/strict';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension, endpointUrl, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

const sqsWith = (accessKeyId: string, secretAccessKey: string) =>
  new SQSClient({ endpoint: endpointUrl(), region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });

suite('extension: eventyard.accessKeys', () => {
  test('with keys set, only requests signed with one are served, and Copy Environment hands out that key', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('eventyard');
    const before = a.broker;
    await config.update('accessKeys', [{ accessKeyId: 'AKIDEDITOR', secretAccessKey: 'editor-secret' }], vscode.ConfigurationTarget.Workspace);
    try {
      await eventually('the restarted broker', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker !== before);
      await assert.rejects(sqsWith('test', 'test').send(new ListQueuesCommand({})), (e: Error) => e.name === 'InvalidClientTokenId');
      await assert.rejects(sqsWith('AKIDEDITOR', 'wrong').send(new ListQueuesCommand({})), (e: Error) => e.name === 'SignatureDoesNotMatch');
      await sqsWith('AKIDEDITOR', 'editor-secret').send(new ListQueuesCommand({}));
      await vscode.commands.executeCommand('eventyard.copyEnvironment');
      assert.match(await vscode.env.clipboard.readText(), /AWS_ACCESS_KEY_ID=AKIDEDITOR\nAWS_SECRET_ACCESS_KEY=editor-secret\n/);
    } finally {
      const strict = a.broker;
      await config.update('accessKeys', undefined, vscode.ConfigurationTarget.Workspace);
      await eventually('the broker without keys', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker !== strict);
    }
    await sqsWith('test', 'test').send(new ListQueuesCommand({}));
  });
});
