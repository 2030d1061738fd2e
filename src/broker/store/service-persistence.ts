/**
 * One service's state as store entries. Each service keeps its own mapping next to its engine
 * (src/broker/<service>/persistence.ts), so the store knows keys and values only and imports no engine.
 */
export interface ServicePersistence {
  /** Writes what one change event of this service says changed. */
  record(event: { service: string }): void;
  /** Every live entry of the service, for a snapshot. */
  collect(): Iterable<[string, unknown]>;
  /** Rebuilds the service from the entries loaded at start. */
  restore(entries: Map<string, unknown>): void;
}
