import type { EventsHttpClient } from '../../broker/eventbridge/http-client';
import { requestOnce } from '../http-post';

/** EventBridge gives an API destination 5 seconds to answer (AWS's documented invocation timeout). */
const TIMEOUT_MS = 5_000;
/** OAuth token answers are small JSON objects; invocation answers are not read past this. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The real network half of EventBridge's HTTP requests (API destination invocations, OAuth token
 * requests): one request per attempt, the status and body back to the engine, which decides about retries.
 */
export const nodeEventsHttpClient: EventsHttpClient = {
  send: ({ method, url, headers, body }) => requestOnce(method, url, headers, body, { timeoutMs: TIMEOUT_MS, maxAnswerBytes: MAX_ANSWER_BYTES }),
};
