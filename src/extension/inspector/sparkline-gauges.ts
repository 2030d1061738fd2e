import type { BrokerEvent } from '../../broker/events';
import type { EventBus } from '../../broker/events';
import type { SqsService } from '../../broker/sqs/service';
import type { Clock } from '../../broker/clock';
import type { Gauge } from './sparkline-sampler';

export type SqsGaugePort = Pick<SqsService, 'queueSummary' | 'peek'>;

/**
 * A queue's gauges, read as GetQueueAttributes would report them: visible (ApproximateNumberOfMessages),
 * in flight (...NotVisible), the age of its oldest message (CloudWatch's ApproximateAgeOfOldestMessage)
 * and, when it has a dead-letter queue, how many messages that holds in any state.
 */
export function queueGauges(sqs: SqsGaugePort, queueName: string, clock: Clock): Gauge[] {
  const q = sqs.queueSummary(queueName);
  const gauges: Gauge[] = [
    { key: 'visible', label: 'Visible', unit: 'messages', instant: true, read: () => sqs.queueSummary(queueName).visible },
    { key: 'inFlight', label: 'In flight', unit: 'messages', instant: true, read: () => sqs.queueSummary(queueName).inFlight },
    {
      key: 'oldestAgeSeconds',
      instant: true,
      label: 'Age of oldest message',
      unit: 's',
      // Messages are kept in arrival order, so the first one peeked is the oldest; none: age 0, as CloudWatch.
      read: () => {
        const [oldest] = sqs.peek(queueName, { offset: 0, limit: 1, state: 'all' }).messages;
        return oldest ? Math.max(0, Math.floor((clock.now() - oldest.sentTimestamp) / 1000)) : 0;
      },
    },
  ];
  const dlq = q.deadLetterTargetName;
  if (dlq !== undefined) {
    gauges.push({
      key: 'deadLetterDepth',
      instant: true,
      label: `Dead-letter queue ${dlq}`,
      unit: 'messages',
      // A redrive policy may name a queue not created yet: unknown, not zero.
      read: () => {
        const d = sqs.queueSummary(dlq);
        return d.visible + d.inFlight + d.delayed;
      },
    });
  }
  return gauges;
}

/**
 * Counts the records put to one stream from the change events (PutRecord, PutRecords, from any client), so
 * its gauge gives records per second over each sampling interval.
 */
export class StreamPutRate {
  private count = 0;
  private since: number;
  private readonly unsubscribe: () => void;

  constructor(
    events: Pick<EventBus, 'on'>,
    private readonly streamName: string,
    private readonly clock: Clock,
  ) {
    this.since = clock.now();
    this.unsubscribe = events.on((e) => this.heard(e));
  }

  private heard(e: BrokerEvent): void {
    if (e.service !== 'kinesis' || e.type !== 'recordsPut' || e.streamName !== this.streamName) return;
    for (const records of Object.values(e.records)) this.count += records.length;
  }

  gauge(): Gauge {
    return { key: 'recordsPerSecond', label: 'Records put', unit: 'records/s', read: () => this.take() };
  }

  /** Records per second since the last reading, and starts counting afresh. */
  private take(): number {
    const now = this.clock.now();
    const seconds = (now - this.since) / 1000;
    const rate = seconds > 0 ? this.count / seconds : 0;
    this.count = 0;
    this.since = now;
    return Math.round(rate * 100) / 100;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
