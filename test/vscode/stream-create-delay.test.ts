import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension, eventually } from './support';

suite('extension: eventyard.kinesis.streamCreateDelayMs', () => {
  test('keeps a new stream CREATING for the set time, then ACTIVE (issue 25)', async () => {
    const a = (await activatedExtension()).exports as unknown as EventyardApi;
    const config = vscode.workspace.getConfiguration('eventyard');
    const before = a.broker;
    try {
      await config.update('kinesis.streamCreateDelayMs', 1500, vscode.ConfigurationTarget.Workspace);
      await eventually('the broker restarted with the delay', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker !== before);
      const ops = a.broker!.kinesis.operations;
      const name = `slow-${Date.now()}`;
      ops.CreateStream({ StreamName: name, ShardCount: 1 });
      const status = () => ops.DescribeStreamSummary({ StreamName: name }).StreamDescriptionSummary.StreamStatus;
      assert.equal(status(), 'CREATING');
      await eventually('the stream ACTIVE', () => status() === 'ACTIVE');
      ops.DeleteStream({ StreamName: name });
    } finally {
      const delayed = a.broker;
      await config.update('kinesis.streamCreateDelayMs', undefined, vscode.ConfigurationTarget.Workspace);
      await eventually('the broker without the delay', () => a.host.state.kind === 'serving' && a.broker !== undefined && a.broker !== delayed);
    }
  });
});
