import type { InvocationOutcome, InvocationRequest, InvocationRunner } from '../broker/functions/runner';
import { ExecutionEnvironment } from './environment';

export interface NodeInvocationRunnerOptions {
  /** Warm environments kept per function between invocations (Lambda reuses them too). */
  maxIdlePerFunction?: number;
  /** How long an unused warm environment lives before its process ends; default ten minutes. */
  idleTimeoutMs?: number;
}

interface Idle {
  env: ExecutionEnvironment;
  timer: NodeJS.Timeout;
}

/**
 * Runs handlers in child processes and keeps them warm, as Lambda keeps execution environments: module
 * state survives between invocations, a cold start pays the module load once. Concurrent invocations of
 * one function get environments of their own.
 */
export class NodeInvocationRunner implements InvocationRunner {
  private readonly idle = new Map<string, Idle[]>();
  private readonly busy = new Map<ExecutionEnvironment, string>();
  /** Bumped by retire(): an environment busy at that moment is ended when its invocation returns. */
  private readonly generation = new Map<string, number>();
  private readonly maxIdle: number;
  private readonly idleTimeoutMs: number;
  private disposed = false;

  constructor(options: NodeInvocationRunnerOptions = {}) {
    this.maxIdle = options.maxIdlePerFunction ?? 4;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
  }

  async run(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.disposed) {
      return { error: { errorType: 'ServiceException', errorMessage: 'The function runner has stopped.' }, logs: '', durationMs: 0 };
    }
    const key = JSON.stringify([request.revision, request.module, request.handler, request.environment]);
    const name = request.functionName;
    const generation = this.generation.get(name) ?? 0;
    let env = this.takeWarm(name, key);
    if (!env) {
      try {
        env = new ExecutionEnvironment(key, request);
      } catch (e) {
        const errorMessage = e instanceof Error ? e.message : String(e);
        return { error: { errorType: 'Runtime.ImportModuleError', errorMessage }, logs: '', durationMs: 0 };
      }
    }
    this.busy.set(env, name);
    const outcome = await env.invoke(request);
    this.busy.delete(env);
    const keep = env.alive && !this.disposed && (this.generation.get(name) ?? 0) === generation;
    const pool = this.idle.get(name) ?? [];
    if (keep && pool.length < this.maxIdle) {
      this.park(name, env, pool);
    } else {
      env.kill();
    }
    return outcome;
  }

  retire(functionName: string): void {
    this.generation.set(functionName, (this.generation.get(functionName) ?? 0) + 1);
    for (const idle of this.idle.get(functionName) ?? []) this.end(idle);
    this.idle.delete(functionName);
  }

  dispose(): void {
    this.disposed = true;
    for (const pool of this.idle.values()) for (const idle of pool) this.end(idle);
    this.idle.clear();
    for (const env of this.busy.keys()) env.kill();
  }

  /** A warm environment of the function's current definition, if one is idle; stale ones are ended. */
  private takeWarm(name: string, key: string): ExecutionEnvironment | undefined {
    const usable = (this.idle.get(name) ?? []).filter((idle) => {
      const ok = idle.env.alive && idle.env.key === key;
      if (!ok) this.end(idle);
      return ok;
    });
    const taken = usable.pop();
    if (taken) clearTimeout(taken.timer);
    this.idle.set(name, usable);
    return taken?.env;
  }

  /** Keeps an environment warm; an unused one is ended after the idle timeout, as Lambda reclaims them. */
  private park(name: string, env: ExecutionEnvironment, pool: Idle[]): void {
    const idle: Idle = {
      env,
      timer: setTimeout(() => {
        this.end(idle);
        const rest = (this.idle.get(name) ?? []).filter((i) => i !== idle);
        if (rest.length) this.idle.set(name, rest);
        else this.idle.delete(name);
      }, this.idleTimeoutMs),
    };
    // The reaper alone must not keep the host process alive.
    idle.timer.unref();
    pool.push(idle);
    this.idle.set(name, pool);
  }

  private end(idle: Idle): void {
    clearTimeout(idle.timer);
    idle.env.kill();
  }
}
