import http from 'node:http';
import https from 'node:https';
import type { HttpDeliverer } from '../../broker/sns/delivery';

/** How long SNS waits for an http(s) subscriber before counting the attempt as failed. */
const TIMEOUT_MS = 15_000;

/**
 * The real network half of SNS http/https delivery: one POST per attempt, the answer's status back to the
 * engine, which decides about retries. The body of the answer is drained and ignored, as SNS does.
 */
export const nodeHttpDeliverer: HttpDeliverer = {
  post(url, headers, body) {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const req = client.request(
        target,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: TIMEOUT_MS },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  },
};
