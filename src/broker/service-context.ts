import type { BrokerEvent, EventBus } from './events';
import type { Identity } from './identity';
import type { MemoryBudget } from './memory-budget';
import type { Scheduler } from './scheduler';

/** What every service of a broker shares: time, the change-event bus and who the broker pretends to be. */
export interface ServiceContext {
  scheduler: Scheduler;
  events: EventBus;
  identity: Identity;
  /** Default endpoint for URLs when a request does not say which host the client used. */
  endpoint: string;
  /** The payload bytes the broker may hold; writers check it before storing (absent: no limit, no counting). */
  memory?: MemoryBudget;
}

/** What a service engine reads from its context at every turn: its account, the broker clock, its change events. */
export abstract class ServiceEngine<Event extends BrokerEvent> {
  constructor(protected readonly ctx: ServiceContext) {}

  protected get account(): string {
    return this.ctx.identity.accountId;
  }

  protected now(): number {
    return this.ctx.scheduler.now();
  }

  protected emit(event: Event): void {
    this.ctx.events.emit(event);
  }
}

/** The dispatch table a service offers the wire server: AWS action name to handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationTable = Record<string, (input: any, ctx?: RequestContext) => unknown>;

/** What the wire knows of a request beyond its input: the host the client used, its abort signal, who signed it. */
export interface RequestContext {
  endpoint?: string;
  signal?: AbortSignal;
  /** The account (and key) the request acts as, when it differs from the engine's own or STS asks. */
  caller?: { accountId: string; accessKeyId?: string };
}
