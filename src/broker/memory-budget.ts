import { AwsError } from './errors';

export type BudgetedService = 'sqs' | 'sns' | 'kinesis' | 'firehose';

/**
 * A ceiling on the payload bytes the broker holds: SQS messages, Kinesis records and Firehose records
 * waiting for delivery. Writers ask `fits` before storing; every store and removal moves a running
 * counter per owner (a queue, a stream), so nothing walks the messages to know the total and a deleted
 * queue gives back its bytes in one step. Without a limit it only counts.
 */
export class MemoryBudget {
  private readonly held = new Map<string, number>();
  private used = 0;

  constructor(readonly limitBytes?: number) {}

  get usedBytes(): number {
    return this.used;
  }

  fits(bytes: number): boolean {
    return this.limitBytes === undefined || this.used + bytes <= this.limitBytes;
  }

  hold(owner: string, bytes: number): void {
    this.held.set(owner, (this.held.get(owner) ?? 0) + bytes);
    this.used += bytes;
  }

  release(owner: string, bytes: number): void {
    const before = this.held.get(owner) ?? 0;
    const freed = Math.min(before, bytes);
    if (before - freed === 0) this.held.delete(owner);
    else this.held.set(owner, before - freed);
    this.used -= freed;
  }

  releaseAll(owner: string): void {
    this.release(owner, this.held.get(owner) ?? 0);
  }

  /**
   * The error a write gets when it does not fit, as the service's clients know it. Each is the closest
   * real AWS answer to "no room now": clients and SDKs already handle them, several by backing off.
   */
  refusal(service: BudgetedService): AwsError {
    const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
    const message =
      `Eventyard's memory budget is full: ${mib(this.used)} of ${mib(this.limitBytes ?? 0)} MiB hold stored messages and records. ` +
      'Receive and delete messages, or purge or delete queues and streams, to make room (eventyard serve --max-memory-mb raises the budget).';
    switch (service) {
      case 'sqs':
        // SQS's "the action violates a limit" (403, sender fault), as for too many in-flight messages.
        return new AwsError({ code: 'OverLimit', message, status: 403 });
      case 'sns':
        // SNS has no storage limit of its own; Throttled (429) is its "not now, retry later" answer.
        return new AwsError({ code: 'Throttled', message, status: 429 });
      case 'kinesis':
        // Kinesis says the stream cannot take more data now with this error; SDKs retry it with backoff.
        return new AwsError({ code: 'ProvisionedThroughputExceededException', message });
      case 'firehose':
        // Firehose's "back off and retry" error; 503 so that generic HTTP clients also read it as temporary.
        return new AwsError({ code: 'ServiceUnavailableException', message, status: 503, fault: 'Receiver' });
    }
  }
}
