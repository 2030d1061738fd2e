import type { FunctionError } from './runner';

/** What made a function run. */
export type InvocationTrigger =
  | { type: 'manual' }
  | { type: 'sqs'; eventSourceArn: string; mappingUuid: string }
  | { type: 'kinesis'; eventSourceArn: string; mappingUuid: string; shardId: string }
  /** `attempt` counts from 1; Lambda retries a failed asynchronous invocation up to twice. */
  | { type: 'sns'; topicArn: string; subscriptionArn: string; attempt: number }
  | { type: 'firehose'; deliveryStreamArn: string }
  /** A Kinesis Analytics application's output to a function (LambdaOutput). */
  | { type: 'kinesisanalytics'; applicationArn: string }
  /** An S3 event notification: an asynchronous invocation, retried as SNS's are. */
  | { type: 's3'; bucket: string; key: string; attempt: number };

/** One invocation as the inspector shows it. Plain JSON, so it can cross to the webview as is. */
export interface InvocationRecord {
  requestId: string;
  functionName: string;
  trigger: InvocationTrigger;
  /** Broker time (ms since the epoch) when the invocation started. */
  startedAt: number;
  status: 'succeeded' | 'failed' | 'timedOut';
  input: unknown;
  output?: unknown;
  error?: FunctionError;
  logs: string;
  durationMs: number;
  /** Present on a cold start: time spent starting the environment and loading the module. */
  initDurationMs?: number;
}

/** The last `capacity` invocations of one function, oldest dropped first. */
export class InvocationRing {
  private readonly items: InvocationRecord[] = [];

  constructor(private readonly capacity: number) {}

  add(record: InvocationRecord): void {
    this.items.push(record);
    if (this.items.length > this.capacity) this.items.shift();
  }

  /** Newest first. */
  latest(limit: number): InvocationRecord[] {
    return limit > 0 ? this.items.slice(-limit).reverse() : [];
  }
}
