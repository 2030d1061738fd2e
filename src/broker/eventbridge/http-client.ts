/**
 * The HTTP requests EventBridge makes itself: API destination invocations and OAuth token requests of
 * connections. The engine has no sockets: the runtime injects a node:http implementation
 * (src/server/eventbridge/http-client.ts), as it does for SNS and Firehose; tests may inject their own.
 */
export interface EventsHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface EventsHttpClient {
  /** Resolves with the answer's status and (the start of) its body; rejects when no answer came. */
  send(request: EventsHttpRequest): Promise<{ status: number; body: string }>;
}
