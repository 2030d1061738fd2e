// What the extension-host suites share: the activated extension's API and where its endpoint listens.
import * as vscode from 'vscode';
import type { Broker } from '../../src/broker/broker';
import type { EventyardApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'eventyard.eventyard';

export async function activatedExtension(): Promise<vscode.Extension<EventyardApi>> {
  const ext = vscode.extensions.getExtension<EventyardApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  await ext.activate();
  return ext;
}

/** The broker this window runs (the tests' workspace gives it a free port, so it never attaches to another). */
export async function runningBroker(): Promise<Broker> {
  const { exports: api } = await activatedExtension();
  if (!api.broker) throw new Error('activate() returned no running broker');
  return api.broker;
}

/** The port from the workspace settings the runner wrote (a free port, never the default 4566). */
export function configuredPort(): number {
  const port = vscode.workspace.getConfiguration('eventyard').get<number>('port');
  if (typeof port !== 'number') throw new Error('eventyard.port is not set');
  return port;
}

export function endpointUrl(): string {
  return `http://127.0.0.1:${configuredPort()}`;
}

/** Resolves once `predicate` holds, polling briefly; rejects with `what` after timeoutMs. */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
