import type { ApiCalls } from '../../client/broker-client';

/**
 * What a connection's inspector may do, given by the editor so the handlers stay free of 'vscode': the
 * connection's SDK calls for reading; the same calls for changing, refused (with how to allow it) while
 * the connection is read-only; and the typed confirmation a destructive action waits for.
 */
export interface ConnectionAccess {
  client(): ApiCalls;
  /** Throws while writes are not enabled on the connection. */
  writable(): ApiCalls;
  isWritable(): boolean;
  /** Resolves once the user typed `name`; rejects (nothing done) otherwise. */
  confirm(what: string, name: string): Promise<void>;
}
