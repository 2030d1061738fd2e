import type { HttpEndpointPoster } from '../../broker/firehose/http-endpoint';
import { postOnce } from '../http-post';

/** Firehose waits this long for an endpoint's answer (AWS's own default request timeout is 3 minutes). */
const TIMEOUT_MS = 30_000;
/** An acknowledgement is a small JSON object; anything longer is not read to its end. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The real network half of Firehose HTTP endpoint delivery: one POST per attempt, the status and body back
 * to the engine, which checks the acknowledgement and decides about retries.
 */
export const nodeHttpEndpointPoster: HttpEndpointPoster = {
  post: (url, headers, body) => postOnce(url, headers, body, { timeoutMs: TIMEOUT_MS, maxAnswerBytes: MAX_ANSWER_BYTES }),
};
