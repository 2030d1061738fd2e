import type { ApplicationDetail, ApplicationStatus } from './api';
import { parseProgram } from './sql/parser';

/** An application as the Resources tree lists it: its status, its in-application streams and its pumps. */
export interface AnalyticsApplicationSummary {
  name: string;
  arn: string;
  status: ApplicationStatus;
  /** The input's streams, those the code creates, and error_stream; `rows` passed through so far while it runs. */
  streams: { name: string; source: boolean; rows?: number }[];
  pumps: { name: string; from: string; into: string }[];
}

/**
 * The tree's summary of an application, from what DescribeApplication shows (so an attached window builds
 * it from the wire too): streams and pumps are read from its code; `rows` counts what a running one has
 * passed through each stream, where the broker runs in this window. Code that does not parse lists no
 * streams or pumps of its own.
 */
export function applicationSummary(
  detail: Pick<ApplicationDetail, 'ApplicationName' | 'ApplicationARN' | 'ApplicationStatus' | 'ApplicationCode' | 'InputDescriptions'>,
  rows?: ReadonlyMap<string, number>,
): AnalyticsApplicationSummary {
  const streams: AnalyticsApplicationSummary['streams'] = [];
  const pumps: AnalyticsApplicationSummary['pumps'] = [];
  const add = (name: string, source: boolean) => {
    if (streams.some((s) => s.name === name)) return;
    const count = rows?.get(name);
    streams.push({ name, source, ...(count !== undefined ? { rows: count } : {}) });
  };
  for (const input of detail.InputDescriptions ?? []) for (const name of input.InAppStreamNames ?? []) add(name, true);
  let statements: ReturnType<typeof parseProgram> = [];
  try {
    statements = detail.ApplicationCode ? parseProgram(detail.ApplicationCode) : [];
  } catch {
    // Code that does not parse cannot have been started; the tree shows the application alone.
  }
  for (const s of statements) {
    if (s.kind === 'createStream') add(s.name, false);
    else if (!pumps.some((p) => p.name === s.name)) pumps.push({ name: s.name, from: s.select.from.stream, into: s.target });
  }
  add('error_stream', false);
  return { name: detail.ApplicationName, arn: detail.ApplicationARN, status: detail.ApplicationStatus, streams, pumps };
}
