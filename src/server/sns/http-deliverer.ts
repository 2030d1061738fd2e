import type { HttpDeliverer } from '../../broker/sns/delivery';
import { postOnce } from '../http-post';

/** How long SNS waits for an http(s) subscriber before counting the attempt as failed. */
const TIMEOUT_MS = 15_000;

/**
 * The real network half of SNS http/https delivery: one POST per attempt, the answer's status back to the
 * engine, which decides about retries. The body of the answer is drained and ignored, as SNS does.
 */
export const nodeHttpDeliverer: HttpDeliverer = {
  post: (url, headers, body) => postOnce(url, headers, body, { timeoutMs: TIMEOUT_MS, maxAnswerBytes: 0 }),
};
