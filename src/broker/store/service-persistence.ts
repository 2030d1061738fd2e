/**
 * One service's state as store entries. Each service keeps its own mapping next to its engine
 * (src/broker/<service>/persistence.ts), so the store knows keys and values only and imports no engine.
 */
import type { StateWriter } from './state-writer';

export interface ServicePersistence {
  /** Writes what one change event of this service says changed. */
  record(event: { service: string }): void;
  /** Every live entry of the service, for a snapshot. */
  collect(): Iterable<[string, unknown]>;
  /** Rebuilds the service from the entries loaded at start. */
  restore(entries: Map<string, unknown>): void;
}

/** The usual mapping: made with the engine it restores and collects, and the store's writer it records to. */
export abstract class EnginePersistence<Engine> implements ServicePersistence {
  constructor(
    protected readonly engine: Engine,
    protected readonly writer: StateWriter,
  ) {}

  abstract record(event: { service: string }): void;
  abstract collect(): Iterable<[string, unknown]>;
  abstract restore(entries: Map<string, unknown>): void;
}
