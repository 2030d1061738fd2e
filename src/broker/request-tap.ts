import type { ServiceName } from './service-actions';

/** A request that `Broker.request` ran and that succeeded: what a client asked for and what it was answered. */
export interface TappedRequest {
  service: ServiceName;
  action: string;
  /** The operation's input in the AWS API's member names, as the engine took it (bytes as Uint8Array). */
  input: unknown;
  output: unknown;
  /** The broker's clock when the answer was ready (ms epoch). */
  at: number;
}

export type RequestListener = (request: TappedRequest) => void;

/**
 * Who listens to requests (the traffic recorder, src/recording). Unlike the change events, these are what
 * clients sent, not what the engine did with it: an SNS fan-out to a queue is not a SendMessage here.
 */
export class RequestTap {
  private readonly listeners = new Set<RequestListener>();

  on(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  emit(request: TappedRequest): void {
    for (const l of this.listeners) {
      try {
        l(request);
      } catch (e) {
        // A broken recorder must never fail the request it watched.
        console.error('eventyard: request listener failed', e);
      }
    }
  }
}
