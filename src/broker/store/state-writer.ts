/** What a service's state mapping writes to: the store's journal, one entry change at a time. */
export interface StateWriter {
  put(key: string, value: unknown): void;
  delete(key: string): void;
  deletePrefix(prefix: string): void;
}
