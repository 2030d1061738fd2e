import { randomBytes, randomUUID } from 'node:crypto';

/**
 * S3 object keys as Firehose forms them: `<prefix>YYYY/MM/DD/HH/<stream>-<version>-YYYY-MM-DD-HH-MM-SS-<id>`,
 * in UTC at the oldest record's arrival. A prefix with `!{timestamp:...}` or `!{firehose:...}` expressions is
 * evaluated instead, and then no default time folder is added (the custom-prefix rules of AWS).
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function utcParts(at: number) {
  const d = new Date(at);
  return {
    yyyy: pad(d.getUTCFullYear(), 4),
    yy: pad(d.getUTCFullYear() % 100),
    MM: pad(d.getUTCMonth() + 1),
    dd: pad(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
}

/** The Java DateTimeFormatter letters Firehose prefixes use; anything else stays as written. */
function formatTimestamp(pattern: string, at: number): string {
  const p = utcParts(at);
  return pattern.replace(/yyyy|yy|MM|dd|HH|mm|ss/g, (t) => p[t as keyof typeof p]);
}

const EXPRESSION = /!\{(timestamp|firehose):([^}]*)\}/g;

export function hasExpressions(prefix: string): boolean {
  return /!\{(timestamp|firehose):[^}]*\}/.test(prefix);
}

export function evaluatePrefix(prefix: string, at: number, errorOutputType?: string): string {
  if (!hasExpressions(prefix)) {
    const p = utcParts(at);
    return `${prefix}${p.yyyy}/${p.MM}/${p.dd}/${p.HH}/`;
  }
  return prefix.replace(EXPRESSION, (_, namespace: string, arg: string) => {
    if (namespace === 'timestamp') return formatTimestamp(arg, at);
    if (arg === 'random-string') return randomBytes(8).toString('base64url').slice(0, 11);
    if (arg === 'error-output-type') return errorOutputType ?? '';
    return '';
  });
}

export function objectName(deliveryStreamName: string, version: number, at: number): string {
  const p = utcParts(at);
  return `${deliveryStreamName}-${version}-${p.yyyy}-${p.MM}-${p.dd}-${p.HH}-${p.mm}-${p.ss}-${randomUUID()}`;
}

/**
 * Where failed records go: ErrorOutputPrefix if set, else `<error type>/` plus the time; the type is
 * `processing-failed` (a transform failed) or `http-endpoint-failed` (an endpoint never took them).
 */
export function errorObjectKey(
  errorOutputPrefix: string | undefined,
  deliveryStreamName: string,
  version: number,
  at: number,
  errorOutputType: 'processing-failed' | 'http-endpoint-failed' = 'processing-failed',
): string {
  const prefix = evaluatePrefix(errorOutputPrefix ?? `${errorOutputType}/`, at, errorOutputType);
  return prefix + objectName(deliveryStreamName, version, at);
}
