import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { InvocationRequest } from '../../../src/broker/functions/runner';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture } from './helpers';

// Real child processes: generous limits, because a busy machine starts them slowly.
describe('functions: the child-process runner', function () {
  this.timeout(30_000);
  let runner: NodeInvocationRunner;

  beforeEach(() => {
    runner = new NodeInvocationRunner();
  });
  afterEach(() => runner.dispose());

  const request = (module: string, over: Partial<InvocationRequest> = {}): InvocationRequest => ({
    functionName: 'fn',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
    module: fixture(module),
    handler: 'handler',
    timeoutSeconds: 3,
    environment: { GREETING: 'hello' },
    revision: 0,
    requestId: randomUUID(),
    payload: { n: 1 },
    ...over,
  });

  it('runs an async handler with Lambda’s context, its environment and console output as logs', async () => {
    const req = request('ok.cjs');
    const out = await runner.run(req);
    assert.equal(out.error, undefined);
    const result = out.result as Record<string, unknown>;
    assert.deepEqual(result.event, { n: 1 });
    assert.equal(result.functionName, 'fn');
    assert.equal(result.awsRequestId, req.requestId);
    assert.equal(result.greeting, 'hello');
    assert.ok((result.remainingMs as number) > 0 && (result.remainingMs as number) <= 3000);
    assert.match(out.logs, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${req.requestId}\\tINFO\\tgot event \\{"n":1\\}\\n`));
    assert.match(out.logs, /\tERROR\ta warning on stderr\n$/);
    assert.ok(out.initDurationMs !== undefined, 'a first invocation is a cold start');
  });

  it('keeps the environment warm: module state survives and no init is paid again', async () => {
    await runner.run(request('ok.cjs'));
    const second = await runner.run(request('ok.cjs'));
    assert.equal((second.result as { invocations: number }).invocations, 2);
    assert.equal(second.initDurationMs, undefined);
  });

  it('ends a warm environment left unused for the idle timeout', async () => {
    const reaping = new NodeInvocationRunner({ idleTimeoutMs: 100 });
    try {
      await reaping.run(request('ok.cjs'));
      await new Promise((r) => setTimeout(r, 300));
      const later = await reaping.run(request('ok.cjs'));
      assert.equal((later.result as { invocations: number }).invocations, 1, 'module state is gone');
      assert.ok(later.initDurationMs !== undefined, 'a cold start again');
    } finally {
      reaping.dispose();
    }
  });

  it('starts afresh when the function’s revision changes', async () => {
    await runner.run(request('ok.cjs'));
    const updated = await runner.run(request('ok.cjs', { revision: 1 }));
    assert.equal((updated.result as { invocations: number }).invocations, 1);
  });

  it('reports a thrown error with its type, message and stack, and keeps the logs written before it', async () => {
    const out = await runner.run(request('throwing.cjs'));
    assert.equal(out.error?.errorType, 'OrderRejected');
    assert.equal(out.error?.errorMessage, 'cannot process event');
    assert.match(out.error?.trace?.[1] ?? '', /throwing\.cjs/);
    assert.match(out.logs, /INFO\tabout to fail\n.*\tERROR\tInvoke Error \t\{"errorType":"OrderRejected","errorMessage":"cannot process event","stack":\[/);
  });

  it('ends a handler that never yields when its timeout passes, and the next invocation still works', async () => {
    const started = Date.now();
    const out = await runner.run(request('slow.cjs', { handler: 'spin', timeoutSeconds: 1 }));
    assert.ok(out.timedOut);
    assert.equal(out.error?.errorType, 'Sandbox.Timedout');
    assert.match(out.error?.errorMessage ?? '', /Task timed out after 1\.00 seconds$/);
    assert.match(out.logs, /spinning\n.* Task timed out after 1\.00 seconds\n$/);
    assert.ok(Date.now() - started >= 1000, 'the handler had its whole second, loading not counted');
    assert.equal(out.durationMs, 1000);
    const next = await runner.run(request('slow.cjs', { payload: { ms: 10 } }));
    assert.equal(next.result, 'finished');
  });

  it('starts the timeout when the handler is called, so a slow module load does not eat into it', async () => {
    const out = await runner.run(request('slow-init.cjs', { timeoutSeconds: 1 }));
    assert.equal(out.error, undefined);
    assert.ok((out.initDurationMs ?? 0) >= 1200, `init took ${out.initDurationMs} ms`);
    assert.ok((out.result as { remainingMs: number }).remainingMs > 500, 'the handler saw most of its second left');
  });

  it('never reuses the environment it ended for a timeout', async () => {
    const slow = await runner.run(request('slow.cjs', { timeoutSeconds: 1, payload: { ms: 5000 } }));
    assert.ok(slow.timedOut);
    const next = await runner.run(request('slow.cjs', { timeoutSeconds: 1, payload: { ms: 10 } }));
    assert.equal(next.error, undefined);
    assert.equal(next.result, 'finished');
  });

  it('survives a handler that exits its process', async () => {
    const out = await runner.run(request('crash.cjs'));
    assert.equal(out.error?.errorType, 'Runtime.ExitError');
    assert.match(out.error?.errorMessage ?? '', /Runtime exited with error: exit status 3/);
    assert.match(out.logs, /exiting/);
    const again = await runner.run(request('ok.cjs'));
    assert.equal(again.error, undefined);
  });

  it('reports an error thrown from a timer as the invocation’s error and replaces the environment', async () => {
    const out = await runner.run(request('crash.cjs', { handler: 'uncaught' }));
    assert.equal(out.error?.errorType, 'TypeError');
    assert.equal(out.error?.errorMessage, 'thrown from a timer');
    const next = await runner.run(request('crash.cjs', { handler: 'uncaught' }));
    assert.ok(next.initDurationMs !== undefined, 'a crashed environment is not reused');
  });

  it('supports callback-style handlers, for results and for errors', async () => {
    const ok = await runner.run(request('callback.cjs', { payload: { value: 21 } }));
    assert.equal((ok.result as { doubled: number }).doubled, 42);
    const failed = await runner.run(request('callback.cjs', { payload: { fail: true } }));
    assert.equal(failed.error?.errorMessage, 'callback failure');
  });

  it('runs TypeScript and ES module handlers', async () => {
    const ts = await runner.run(request('typed.ts', { payload: { order: { id: 'o-1', quantity: 3 }, price: 4 } }));
    assert.deepEqual(ts.result, { id: 'o-1', total: 12 });
    assert.match(ts.logs, /INFO\torder o-1 totals 12/);
    const esm = await runner.run(request('esm.mjs', { payload: { a: 1, b: 2 } }));
    assert.deepEqual(esm.result, { esm: true, keys: ['a', 'b'] });
  });

  it('names a missing module or a missing export the way Lambda does', async () => {
    const missing = await runner.run(request('no-such-module.cjs'));
    assert.equal(missing.error?.errorType, 'Runtime.ImportModuleError');
    assert.match(missing.error?.errorMessage ?? '', /Cannot find module/);
    const noFolder = await runner.run(request('no-such-folder/index.cjs'));
    assert.equal(noFolder.error?.errorType, 'Runtime.ImportModuleError');
    assert.match(noFolder.error?.errorMessage ?? '', /Cannot find module '.*no-such-folder\/index\.cjs'/);
    const notExported = await runner.run(request('ok.cjs', { handler: 'notAFunction' }));
    assert.equal(notExported.error?.errorType, 'Runtime.HandlerNotFound');
    assert.equal(notExported.error?.errorMessage, 'ok.notAFunction is undefined or not exported');
  });

  it('runs concurrent invocations of one function in separate environments', async () => {
    const [a, b] = await Promise.all([
      runner.run(request('slow.cjs', { payload: { ms: 300 } })),
      runner.run(request('slow.cjs', { payload: { ms: 300 } })),
    ]);
    assert.equal(a.result, 'finished');
    assert.equal(b.result, 'finished');
  });
});
