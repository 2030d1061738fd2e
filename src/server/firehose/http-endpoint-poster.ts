import http from 'node:http';
import https from 'node:https';
import type { HttpEndpointPoster } from '../../broker/firehose/http-endpoint';

/** Firehose waits this long for an endpoint's answer (AWS's own default request timeout is 3 minutes). */
const TIMEOUT_MS = 30_000;
/** An acknowledgement is a small JSON object; anything longer is not read to its end. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The real network half of Firehose HTTP endpoint delivery: one POST per attempt, the status and body back
 * to the engine, which checks the acknowledgement and decides about retries.
 */
export const nodeHttpEndpointPoster: HttpEndpointPoster = {
  post(url, headers, body) {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const req = client.request(
        target,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(body);
    });
  },
};
