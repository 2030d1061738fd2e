import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { InvocationOutcome, InvocationRequest } from '../broker/functions/runner';
import { environmentSource, EnvironmentMessage, InvokeMessage } from './bootstrap';
import { LogBuffer } from './log-buffer';
import { loaderArgs } from './loader';

/** Lambda gives a function's init phase (starting the runtime, loading the module) ten seconds of its own. */
const initAllowanceMs = 10_000;

interface Running {
  requestId: string;
  logs: LogBuffer;
  started: number;
  timer: NodeJS.Timeout;
  startHandlerClock: () => void;
  resolve: (outcome: InvocationOutcome) => void;
}

/**
 * One execution environment: a child process that has loaded one function's handler and runs its
 * invocations one at a time. Whatever the handler does (throws, loops, exits, leaks) stays in the child;
 * the worst case is that this environment is killed and the next invocation starts a fresh one.
 */
export class ExecutionEnvironment {
  private readonly child: ChildProcess;
  private running: Running | undefined;
  private exited = false;
  private exitReason = '';
  /** The first invocation also pays for starting the process and loading the module: Lambda's init. */
  private cold = true;

  constructor(readonly key: string, request: InvocationRequest) {
    // The process starts in the module's folder; without one, say what is missing rather than ENOENT.
    if (!existsSync(path.dirname(request.module))) throw new Error(`Error: Cannot find module '${request.module}'`);
    const tsArgs = loaderArgs(request.module);
    this.child = spawn(process.execPath, [...tsArgs, '-e', environmentSource()], {
      cwd: path.dirname(request.module),
      env: {
        ...process.env,
        AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
        ...request.environment,
        // Inside VS Code process.execPath is the editor's Electron binary; this makes it behave as node.
        ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.on('message', (message: EnvironmentMessage) => this.onMessage(message));
    const raw = (data: Buffer) => this.running?.logs.append(data.toString('utf8'));
    this.child.stdout?.on('data', raw);
    this.child.stderr?.on('data', raw);
    this.child.on('error', (e) => {
      this.exitReason = e.message;
      this.onExit();
    });
    this.child.on('close', (code, signal) => {
      this.exitReason = signal ? `signal: ${signal}` : `exit status ${code}`;
      this.onExit();
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    this.hold(true);
    return new Promise((resolve) => {
      const timeoutMs = request.timeoutSeconds * 1000;
      const logs = new LogBuffer();
      const timedOut = () => {
        const error = {
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${request.requestId} Error: Task timed out after ${request.timeoutSeconds.toFixed(2)} seconds`,
        };
        logs.append(`${new Date().toISOString()} ${request.requestId} Task timed out after ${request.timeoutSeconds.toFixed(2)} seconds\n`);
        this.settle({ error, timedOut: true, logs: logs.text(), durationMs: timeoutMs });
        this.kill();
      };
      // Wall-clock timers, not the broker's scheduler: they guard a foreign process in real time, and a
      // broker running on a fake clock must still stop a handler stuck in an endless loop. Until the
      // handler is called, loading the module gets Lambda's init allowance on top of the timeout.
      this.running = {
        requestId: request.requestId,
        logs,
        started: performance.now(),
        timer: setTimeout(timedOut, initAllowanceMs + timeoutMs),
        startHandlerClock: () => {
          if (!this.running) return;
          clearTimeout(this.running.timer);
          this.running.timer = setTimeout(timedOut, timeoutMs);
        },
        resolve,
      };
      if (this.exited) {
        this.settle(this.exitOutcome(request.requestId));
        return;
      }
      const message: InvokeMessage = {
        type: 'invoke',
        requestId: request.requestId,
        payload: request.payload,
        timeoutMs,
        functionName: request.functionName,
        functionArn: request.functionArn,
        module: request.module,
        handler: request.handler,
      };
      try {
        this.child.send(message, (e) => {
          if (e) this.settle(this.exitOutcome(request.requestId));
        });
      } catch {
        // The channel closed between the liveness check and the send: the process is on its way out.
        this.settle(this.exitOutcome(request.requestId));
      }
    });
  }

  kill(): void {
    if (this.exited) return;
    // Dead from this moment: the exit event comes later, and no invocation may be sent in between.
    this.exited = true;
    this.exitReason = 'signal: SIGKILL';
    this.child.kill('SIGKILL');
  }

  /** An idle environment must not keep the host process alive; a busy one must, until it answers. */
  private hold(busy: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stdout, this.child.stderr] as (Socket | null | undefined)[];
    for (const h of handles) {
      if (busy) h?.ref?.();
      else h?.unref?.();
    }
  }

  private onMessage(message: EnvironmentMessage): void {
    const running = this.running;
    if (!running || message.requestId !== running.requestId) return;
    if (message.type === 'log') {
      running.logs.append(message.text);
      return;
    }
    if (message.type === 'started') {
      running.startHandlerClock();
      return;
    }
    const durationMs = message.durationMs;
    const initDurationMs = this.cold ? Math.max(0, performance.now() - running.started - durationMs) : undefined;
    this.cold = false;
    const logs = running.logs.text();
    if (message.fatal) this.exited = true;
    this.settle(message.error
      ? { error: message.error, logs, durationMs, initDurationMs }
      : { result: message.result ?? null, logs, durationMs, initDurationMs });
  }

  private onExit(): void {
    this.exited = true;
    if (this.running) this.settle(this.exitOutcome(this.running.requestId));
  }

  private exitOutcome(requestId: string): InvocationOutcome {
    const running = this.running;
    return {
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${this.exitReason || 'unknown'}`,
      },
      logs: running?.logs.text() ?? '',
      durationMs: running ? performance.now() - running.started : 0,
    };
  }

  private settle(outcome: InvocationOutcome): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (!this.exited) this.hold(false);
    running.resolve(outcome);
  }
}
