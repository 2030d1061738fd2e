import http from 'node:http';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface Clients {
  sqs: SQSClient;
  sns: SNSClient;
  kinesis: KinesisClient;
  destroy(): void;
}

/**
 * The real AWS SDK v3 clients against one endpoint. The workload's make one attempt: a request that fails
 * must be seen as failed, and the test decides whether to retry (as a FIFO producer with its dedup id does).
 * The harness's own set-up and checks retry transient failures (a keep-alive socket the server closed just
 * as it was reused), which say nothing about the broker.
 */
export function clientsFor(endpoint: string, maxSockets = 64, maxAttempts = 1): Clients {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
    requestHandler: { httpAgent, requestTimeout: 60_000, connectionTimeout: 10_000 },
  };
  const sqs = new SQSClient(config);
  const sns = new SNSClient(config);
  const kinesis = new KinesisClient(config);
  return {
    sqs,
    sns,
    kinesis,
    destroy: () => {
      sqs.destroy();
      sns.destroy();
      kinesis.destroy();
      httpAgent.destroy();
    },
  };
}

/** Counts requests by operation and outcome, for the figures table. */
export class RequestCounter {
  readonly ok = new Map<string, number>();
  readonly failed = new Map<string, number>();

  async count<T>(operation: string, call: Promise<T>): Promise<T> {
    try {
      const result = await call;
      this.ok.set(operation, (this.ok.get(operation) ?? 0) + 1);
      return result;
    } catch (e) {
      this.failed.set(operation, (this.failed.get(operation) ?? 0) + 1);
      throw e;
    }
  }

  get total(): number {
    let n = 0;
    for (const v of this.ok.values()) n += v;
    for (const v of this.failed.values()) n += v;
    return n;
  }

  get totalFailed(): number {
    let n = 0;
    for (const v of this.failed.values()) n += v;
    return n;
  }
}
