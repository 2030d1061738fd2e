import type { ApplicationDetail } from './api';

/**
 * What changed in Kinesis Analytics, emitted by KinesisAnalyticsService from its one mutation path. Each
 * event carries the application as DescribeApplication shows it, so a subscriber needs nothing else.
 */
export type KinesisAnalyticsEvent =
  | {
      service: 'kinesisanalytics';
      type: 'applicationCreated' | 'applicationUpdated' | 'applicationStarted' | 'applicationStopped';
      applicationName: string;
      application: ApplicationDetail;
      at: number;
    }
  | { service: 'kinesisanalytics'; type: 'applicationDeleted'; applicationName: string; at: number }
  /** A running application's reading position moved (at most once a second while it reads), for the store. */
  | { service: 'kinesisanalytics'; type: 'applicationCheckpointed'; applicationName: string; at: number };
