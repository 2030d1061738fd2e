import type { InvocationOutcome, InvocationRequest, InvocationRunner } from '../broker/functions/runner';
import { ExecutionEnvironment } from './environment';

export interface NodeInvocationRunnerOptions {
  /** Warm environments kept per function between invocations (Lambda reuses them too). */
  maxIdlePerFunction?: number;
}

/**
 * Runs handlers in child processes and keeps them warm, as Lambda keeps execution environments: module
 * state survives between invocations, a cold start pays the module load once. Concurrent invocations of
 * one function get environments of their own.
 */
export class NodeInvocationRunner implements InvocationRunner {
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly busy = new Map<ExecutionEnvironment, string>();
  /** Bumped by retire(): an environment busy at that moment is ended when its invocation returns. */
  private readonly generation = new Map<string, number>();
  private readonly maxIdle: number;
  private disposed = false;

  constructor(options: NodeInvocationRunnerOptions = {}) {
    this.maxIdle = options.maxIdlePerFunction ?? 4;
  }

  async run(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.disposed) {
      return { error: { errorType: 'ServiceException', errorMessage: 'The function runner has stopped.' }, logs: '', durationMs: 0 };
    }
    const key = JSON.stringify([request.revision, request.module, request.handler, request.environment]);
    const name = request.functionName;
    const generation = this.generation.get(name) ?? 0;
    const pool = (this.idle.get(name) ?? []).filter((env) => {
      const usable = env.alive && env.key === key;
      if (!usable) env.kill();
      return usable;
    });
    let env = pool.pop();
    this.idle.set(name, pool);
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
    const idle = this.idle.get(name) ?? [];
    if (keep && idle.length < this.maxIdle) {
      idle.push(env);
      this.idle.set(name, idle);
    } else {
      env.kill();
    }
    return outcome;
  }

  retire(functionName: string): void {
    this.generation.set(functionName, (this.generation.get(functionName) ?? 0) + 1);
    for (const env of this.idle.get(functionName) ?? []) env.kill();
    this.idle.delete(functionName);
  }

  dispose(): void {
    this.disposed = true;
    for (const envs of this.idle.values()) for (const env of envs) env.kill();
    this.idle.clear();
    for (const env of this.busy.keys()) env.kill();
  }
}
