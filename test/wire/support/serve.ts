import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, startServe, type ServeProcess } from '../../support/serve-process';

export { root, startServe, type ServeProcess } from '../../support/serve-process';

/** Runs `eventyard` with arguments to completion (for usage errors and help). */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * One `eventyard serve` for the tests of a describe block: started before them and stopped after, when it must
 * exit cleanly with a log free of internal failures (and of `forbidden`, e.g. a secret the tests sent).
 */
export function serveDuringSuite(forbidden = /InternalFailure|Unhandled/): { readonly url: string } {
  let server: ServeProcess | undefined;
  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server!.stop(), 0);
    assert.doesNotMatch(server!.output(), forbidden);
  });
  return {
    get url() {
      return server!.url;
    },
  };
}

/**
 * A fresh data folder for each test and the `serve --data-dir` on it: `start` it, `kill` it (SIGKILL: no
 * chance to flush) or `stop` it, and `track` the SDK clients made for it; after each test everything is closed
 * and the folder removed.
 */
export function dataDirDuringTests(prefix: string) {
  let dir = '';
  let server: ServeProcess | undefined;
  const clients: { destroy(): void }[] = [];
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))));
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    if (server) await server.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async start(args: string[] = []): Promise<ServeProcess> {
      server = await startServe(['--data-dir', dir, ...args]);
      return server;
    },
    track<C extends { destroy(): void }>(client: C): C {
      clients.push(client);
      return client;
    },
    async kill(): Promise<void> {
      const child = server!.child;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      server = undefined;
    },
    async stop(): Promise<void> {
      await server!.stop();
      server = undefined;
    },
  };
}
