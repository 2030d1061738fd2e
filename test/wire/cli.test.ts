import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { raw } from './support/raw';
import { runCli, startServe } from './support/serve';

/** `eventyard serve` as a user meets it: help, banner, mistakes, a taken port, Ctrl+C. */
describe('eventyard serve command line', function () {
  this.timeout(30_000);

  it('prints help for eventyard and for serve', async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /Usage: eventyard <command>/);
    const serve = await runCli(['serve', '--help']);
    assert.equal(serve.code, 0);
    for (const flag of ['--port', '--host', '--data-dir', '--persistence', '--max-data-mb', '--config', '--allowed-host']) {
      assert.ok(serve.stdout.includes(flag), flag);
    }
    assert.match(serve.stdout, /--data-dir[^]*across restarts/);
  });

  it('prints the endpoint and the environment an application needs', async () => {
    const server = await startServe();
    try {
      const out = server.output();
      assert.match(out, new RegExp(`export AWS_ENDPOINT_URL=${server.url}`));
      assert.match(out, /export AWS_REGION=us-east-1/);
      assert.match(out, /export AWS_ACCESS_KEY_ID=\S+/);
      assert.match(out, /export AWS_SECRET_ACCESS_KEY=\S+/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('stops cleanly on SIGINT and frees the port', async () => {
    const server = await startServe();
    server.child.kill('SIGINT');
    // Waits for the exit the SIGINT causes: stop() would add a SIGTERM, which may be handled first.
    assert.equal(await server.exited, 0);
    assert.match(server.output(), /SIGINT: stopping Eventyard/);
    await assert.rejects(raw(server.url, { method: 'GET', path: '/_eventyard/health' }), /ECONNREFUSED/);
  });

  it('explains a taken port without a stack trace and exits 1', async () => {
    const first = await startServe();
    try {
      const second = await runCli(['serve', '--port', String(first.port)]);
      assert.equal(second.code, 1);
      assert.equal(
        second.stderr.trim(),
        `eventyard: Port ${first.port} on 127.0.0.1 is already in use (is another Eventyard or LocalStack running?). ` +
          'Stop that process or choose another port with --port <number> (--port 0 picks any free port).',
      );
    } finally {
      await first.stop();
    }
  });

  it('refuses bad options with exit code 2 and a usage hint', async () => {
    const missingDir = path.join(os.tmpdir(), 'eventyard-no-such-parent', 'data');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-cli-')), 'not-a-dir');
    fs.writeFileSync(file, '');
    const cases: [string[], RegExp][] = [
      [['serve', '--port', 'http'], /--port must be a number from 0 to 65535, not "http"/],
      [['serve', '--port', '70000'], /--port must be a number/],
      [['serve', '--bogus'], /Unknown option '--bogus'/],
      [['serve', '--data-dir', missingDir], /parent directory .* does not exist/],
      [['serve', '--data-dir', file], /exists and is not a directory/],
      [['serve', '--persistence', 'fast'], /--persistence fast needs --data-dir <dir>/],
      [['serve', '--data-dir', os.tmpdir(), '--persistence', 'always'], /--persistence must be sync, fast or off, not "always"/],
      [['serve', '--data-dir', os.tmpdir(), '--max-data-mb', 'lots'], /--max-data-mb must be a positive number of MiB/],
      [['serve', '--config', '/no/such/eventyard.yaml'], /--config \/no\/such\/eventyard\.yaml: no such file/],
      [['frobnicate'], /Unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Run "eventyard --help" for usage\./);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('refuses a default account or region AWS would not have, with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['serve', '--account-id', '1234'], /--account-id must be 12 digits, not "1234"/],
      [['serve', '--region', 'Mars'], /--region must be a region name such as us-east-1, not "Mars"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('listens on another host only when asked, and accepts its own address as Host', async () => {
    const server = await startServe(['--host', '127.0.0.2']);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.2:/);
      const res = await raw(server.url, { method: 'GET', path: '/_eventyard/health' });
      assert.equal(res.status, 200);
    } finally {
      await server.stop();
    }
  });
});
