import { Clock, SystemClock } from './clock';
import { EventBus } from './events';
import { FunctionsService } from './functions/service';
import type { InvocationRunner } from './functions/runner';
import { defaultIdentity, Identity } from './identity';
import { Scheduler } from './scheduler';
import { ServiceContext } from './service-context';
import { SnsService } from './sns/service';
import { SqsService } from './sqs/service';

export interface BrokerOptions {
  clock?: Clock;
  identity?: Partial<Identity>;
  /** Where clients reach the broker; used for queue URLs when a request does not name its host. */
  endpoint?: string;
  /** Runs local functions' handler code (src/functions-runtime/node-runner.ts); the broker disposes it. */
  functionRunner?: InvocationRunner;
}

/**
 * The engine: owns every service, one scheduler and one event bus. Pure TypeScript, no sockets,
 * no 'vscode'; the server, the CLI and the extension all drive this same object.
 */
export class Broker {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly events = new EventBus();
  readonly identity: Identity;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly functions: FunctionsService;

  constructor(options: BrokerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.scheduler = new Scheduler(this.clock);
    this.identity = { ...defaultIdentity, ...options.identity };
    const ctx: ServiceContext = {
      scheduler: this.scheduler,
      events: this.events,
      identity: this.identity,
      endpoint: options.endpoint ?? 'http://127.0.0.1:4566',
    };
    this.sqs = new SqsService(ctx);
    this.sns = new SnsService(ctx, this.sqs);
    this.functions = new FunctionsService(ctx, { sqs: this.sqs.operations }, { runner: options.functionRunner });
  }

  dispose(): void {
    this.functions.dispose();
    this.sns.dispose();
    this.sqs.dispose();
    this.scheduler.dispose();
  }
}
