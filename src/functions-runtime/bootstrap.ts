/**
 * The program an execution environment (one child process) runs: it loads the user's handler module once,
 * then serves invocations sent over the IPC channel, one at a time, as Lambda's Node.js runtime does.
 *
 * It reaches the child as source text (environmentSource), not as a file, because the extension ships as
 * one esbuild bundle with no separate script to hand to `node`. So environmentMain must be self-contained:
 * everything it uses comes through its parameters, never from this module's scope.
 */

/** Parent to child. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  payload: unknown;
  /** The function's timeout; it runs from the handler's call, as Lambda's does (loading is the init phase). */
  timeoutMs: number;
  functionName: string;
  functionArn: string;
  module: string;
  handler: string;
}

/** Child to parent. */
export type EnvironmentMessage =
  | { type: 'log'; requestId?: string; text: string }
  /** The module is loaded and the handler is being called: the function's timeout starts now. */
  | { type: 'started'; requestId: string }
  | {
      type: 'done';
      requestId: string;
      result?: unknown;
      error?: { errorType: string; errorMessage: string; trace?: string[] };
      /** How long the handler itself ran, from its call to its answer. */
      durationMs: number;
      /** True when the environment is about to exit (an uncaught error): it must not be reused. */
      fatal?: boolean;
    };

type Loader = (id: string) => unknown;
type Importer = (url: string) => Promise<Record<string, unknown>>;
type Handler = (event: unknown, context: unknown, callback: (err?: unknown, result?: unknown) => void) => unknown;

export function environmentMain(load: Loader, importModule: Importer): void {
  const util = load('node:util') as typeof import('node:util');
  const url = load('node:url') as typeof import('node:url');
  const path = load('node:path') as typeof import('node:path');

  let current: string | undefined;
  let handler: Handler | undefined;
  let finish: ((err: unknown, result?: unknown, fatal?: boolean) => void) | undefined;

  const send = (message: EnvironmentMessage, then?: () => void): void => {
    if (!process.send || !process.connected) return;
    process.send(message, undefined, {}, () => then?.());
  };
  const forward = (text: string): void => send({ type: 'log', requestId: current, text });

  // Everything the handler prints is the invocation's log; the pipes stay for what bypasses these.
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      forward(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    }) as typeof stream.write;
  }
  // Lambda's Node.js runtime prefixes each console line with time, request id and level.
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const;
  for (const [method, level] of Object.entries(levels)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      forward(`${new Date().toISOString()}\t${current ?? 'undefined'}\t${level}\t${util.format(...args)}\n`);
  }

  const toError = (e: unknown): { errorType: string; errorMessage: string; trace?: string[] } => {
    if (e instanceof Error) {
      return { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
    }
    return { errorType: 'handled', errorMessage: typeof e === 'string' ? e : util.inspect(e) };
  };

  const loadHandler = async (modulePath: string, name: string): Promise<Handler> => {
    const base = path.basename(modulePath).replace(/\.[^.]*$/, '');
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(url.pathToFileURL(modulePath).href);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const type = error.name === 'SyntaxError' ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
      throw Object.assign(new Error(`${error.name}: ${error.message}`), { name: type });
    }
    const fromDefault = mod.default && typeof mod.default === 'object' ? (mod.default as Record<string, unknown>)[name] : undefined;
    const fn = typeof mod[name] === 'function' ? mod[name] : fromDefault;
    if (typeof fn !== 'function') {
      throw Object.assign(new Error(`${base}.${name} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
    }
    return fn as Handler;
  };

  const invoke = async (message: InvokeMessage): Promise<void> => {
    const requestId = message.requestId;
    current = requestId;
    let settled = false;
    let handlerStarted: number | undefined;
    finish = (err, result, fatal) => {
      if (settled) return;
      settled = true;
      finish = undefined;
      const durationMs = handlerStarted === undefined ? 0 : performance.now() - handlerStarted;
      const failed = err !== undefined && err !== null;
      const error = failed ? toError(err) : undefined;
      if (error) {
        // Lambda's runtime logs the failure too, so the log reads complete without the error pane.
        const logged = { errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace ?? [] };
        forward(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(logged)}\n`);
      }
      const done: EnvironmentMessage = error
        ? { type: 'done', requestId, error, durationMs, fatal }
        : { type: 'done', requestId, result, durationMs };
      try {
        JSON.stringify(done);
      } catch (e) {
        send({ type: 'done', requestId, error: { errorType: 'Runtime.MarshalError', errorMessage: String(e) }, durationMs });
        return;
      }
      send(done, () => {
        if (fatal) process.exit(128);
      });
    };
    const settle = finish;
    try {
      handler ??= await loadHandler(message.module, message.handler);
    } catch (e) {
      // As on Lambda, a failed init ends the environment; the next invocation loads the module afresh.
      settle(e, undefined, true);
      return;
    }
    try {
      const deadline = Date.now() + message.timeoutMs;
      send({ type: 'started', requestId });
      const context = {
        functionName: message.functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: message.functionArn,
        memoryLimitInMB: '128',
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/${message.functionName}`,
        logStreamName: `eventyard/[$LATEST]${process.pid}`,
        callbackWaitsForEmptyEventLoop: true,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        done: (err?: unknown, result?: unknown) => settle(err, result),
        succeed: (result?: unknown) => settle(undefined, result),
        fail: (err: unknown) => settle(err ?? new Error('handled')),
      };
      handlerStarted = performance.now();
      const returned = handler(message.payload, context, (err, result) => settle(err, result));
      if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<unknown>).then(
          (result) => settle(undefined, result),
          (err: unknown) => settle(err ?? new Error('handled')),
        );
      } else if (handler.length < 3) {
        // A synchronous handler without a callback parameter answers with what it returned.
        settle(undefined, returned);
      }
    } catch (e) {
      settle(e);
    }
  };

  // Lambda ends the environment after an uncaught error; report it as this invocation's error first.
  const fatal = (errorType: string) => (reason: unknown) => {
    const error = reason instanceof Error ? reason : Object.assign(new Error(String(reason)), { name: errorType });
    if (finish) finish(error, undefined, true);
    else process.exit(128);
  };
  process.on('uncaughtException', fatal('Runtime.UncaughtException'));
  process.on('unhandledRejection', fatal('Runtime.UnhandledPromiseRejection'));
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: InvokeMessage) => {
    if (message.type === 'invoke') void invoke(message);
  });
}

/** The `node -e` program: a no-op stand-in for the name helper esbuild and tsx insert into compiled functions. */
export function environmentSource(): string {
  return `var __name = (target) => target;\n(${environmentMain.toString()})(require, (u) => import(u));\n`;
}
