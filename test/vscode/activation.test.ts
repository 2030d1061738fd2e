import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension, EXTENSION_ID, runningBroker } from './support';

suite('activation', () => {
  test('the extension is installed from this repository and activates', async () => {
    const ext = await activatedExtension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.displayName, 'Eventyard');
  });

  test('activate() returns the running broker', async () => {
    const broker = await runningBroker();
    assert.equal(typeof broker.events.on, 'function');
    assert.equal(broker.identity.accountId, '000000000000');
  });

  test('every command the manifest contributes is registered', async () => {
    await activatedExtension();
    const contributed: { command: string; category?: string }[] =
      vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.commands ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    const uncategorised = contributed.filter((c) => c.category !== 'Eventyard').map((c) => c.command);
    assert.deepEqual(uncategorised, [], 'every command is in the "Eventyard" category of the palette');
  });
});
