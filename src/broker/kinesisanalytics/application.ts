import type * as api from './api';

/** One application as the service keeps it; `describe` is what DescribeApplication shows. */
export interface ApplicationState {
  name: string;
  arn: string;
  description?: string;
  code?: string;
  status: api.ApplicationStatus;
  createdAt: number;
  updatedAt: number;
  versionId: number;
  inputs: api.InputDescription[];
  outputs: api.OutputDescription[];
  /** Output ids are never reused after a delete, as AWS numbers them ("1.1", "1.2", ...). */
  nextOutput: number;
  tags: Map<string, string | undefined>;
  /** Per shard, the sequence number the application last read when it stopped (LAST_STOPPED_POINT). */
  stoppedPoint?: Record<string, string>;
}

export function describe(app: ApplicationState): api.ApplicationDetail {
  return structuredClone({
    ApplicationName: app.name,
    ApplicationARN: app.arn,
    ApplicationStatus: app.status,
    ...(app.description !== undefined ? { ApplicationDescription: app.description } : {}),
    CreateTimestamp: new Date(app.createdAt),
    LastUpdateTimestamp: new Date(app.updatedAt),
    InputDescriptions: app.inputs,
    OutputDescriptions: app.outputs,
    ReferenceDataSourceDescriptions: [],
    CloudWatchLoggingOptionDescriptions: [],
    ...(app.code !== undefined ? { ApplicationCode: app.code } : {}),
    ApplicationVersionId: app.versionId,
  });
}

/** The in-application streams an input feeds: `<NamePrefix>_001` up to its parallelism. */
export function inAppStreamNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}_${String(i + 1).padStart(3, '0')}`);
}
