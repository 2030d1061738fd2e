/**
 * Typed change events. Every state change of every service is emitted here, from the one mutation path
 * of that service; the tree view, the inspector and the store subscribe instead of polling.
 */
import type { EventBridgeEvent } from './eventbridge/events';
import type { FirehoseEvent } from './firehose/events';
import type { FunctionEvent } from './functions/events';
import type { KinesisEvent } from './kinesis/events';
import type { KinesisAnalyticsEvent } from './kinesisanalytics/events';
import type { S3Event } from './s3/events';
import type { SnsEvent } from './sns/events';
import type { SqsEvent } from './sqs/events';
import type { StepFunctionsEvent } from './stepfunctions/events';

export type BrokerEvent = SqsEvent | KinesisEvent | FirehoseEvent | SnsEvent | FunctionEvent | EventBridgeEvent | StepFunctionsEvent | KinesisAnalyticsEvent | S3Event;

export type BrokerListener = (event: BrokerEvent) => void;

export class EventBus {
  private listeners = new Set<BrokerListener>();

  /** Subscribes; the returned function unsubscribes (the shape of VS Code's Disposable.dispose). */
  on(listener: BrokerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BrokerEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        // A broken subscriber (say, a closed webview) must never fail the operation that emitted.
        console.error('eventyard: event listener failed', e);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }
}
