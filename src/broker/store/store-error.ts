/**
 * A data folder the store cannot use: damaged, unreadable or held by another process. The message is
 * meant for the user as is (serve prints it and exits; the editor shows it and runs in memory).
 */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
