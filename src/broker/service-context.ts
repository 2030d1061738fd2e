import type { EventBus } from './events';
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

/** The dispatch table a service offers the wire server: AWS action name to handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationTable = Record<string, (input: any, ctx?: { endpoint?: string; signal?: AbortSignal }) => unknown>;
