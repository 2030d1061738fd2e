import type { EventEnvelope } from './saved';

export type { EventEnvelope };

export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function buildEnvelope(fields: {
  id: string;
  detailType: string;
  source: string;
  account: string;
  time: number;
  region: string;
  resources?: string[];
  detail: unknown;
}): EventEnvelope {
  return {
    version: '0',
    id: fields.id,
    'detail-type': fields.detailType,
    source: fields.source,
    account: fields.account,
    time: eventTime(fields.time),
    region: fields.region,
    resources: fields.resources ?? [],
    detail: fields.detail,
  };
}

/**
 * The size of one PutEvents entry as AWS counts it toward the 256 KiB request limit
 * (eb-putevent-size.html): 14 bytes for a Time, plus the UTF-8 bytes of Source, DetailType, Detail and each
 * Resources entry.
 */
export function entrySize(entry: { Time?: unknown; Source?: string; DetailType?: string; Detail?: string; Resources?: string[] }): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const s of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (s) size += Buffer.byteLength(s, 'utf8');
  }
  return size;
}

export const MAX_PUT_EVENTS_BYTES = 256 * 1024;
