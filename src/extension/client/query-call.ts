import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../../broker/errors';
import { httpCall, type RemoteIdentity } from './http-call';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'member' || name === 'entry' });

/**
 * An AWS query-protocol call (SNS), signed: the input is flattened the way the query protocol writes members
 * (`Attributes.entry.1.key`, `MessageAttributes.entry.1.Name`, `Tags.member.1.Key`); the answer's
 * `<ActionResult>` comes back as an object.
 */
export async function queryCall(endpoint: string, service: string, version: string, action: string, input: object, identity?: RemoteIdentity): Promise<Record<string, unknown>> {
  const form = new URLSearchParams({ Action: action, Version: version });
  flatten(input as Record<string, unknown>, '', form);
  // the signature's credential scope names the service, which routes a query request on a shared endpoint
  const answer = await httpCall(endpoint, 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, form.toString(), { service, identity });
  const xml = parser.parse(answer.body) as Record<string, Record<string, unknown>>;
  if (answer.status >= 300) {
    const error = (xml.ErrorResponse?.Error ?? {}) as Record<string, string>;
    throw new AwsError({ code: error.Code ?? 'InternalFailure', message: error.Message ?? `HTTP ${answer.status}`, status: answer.status });
  }
  const result = xml[`${action}Response`]?.[`${action}Result`];
  return (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
}

function flatten(value: Record<string, unknown>, prefix: string, form: URLSearchParams): void {
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const name = `${prefix}${key}`;
    if (Array.isArray(member)) {
      member.forEach((item, i) => {
        if (item && typeof item === 'object') flatten(item as Record<string, unknown>, `${name}.member.${i + 1}.`, form);
        else form.set(`${name}.member.${i + 1}`, String(item));
      });
    } else if (member && typeof member === 'object') {
      Object.entries(member).forEach(([k, v], i) => {
        const entry = `${name}.entry.${i + 1}`;
        if (key === 'MessageAttributes') {
          form.set(`${entry}.Name`, k);
          flatten(v as Record<string, unknown>, `${entry}.Value.`, form);
        } else {
          form.set(`${entry}.key`, k);
          form.set(`${entry}.value`, String(v));
        }
      });
    } else {
      form.set(name, String(member));
    }
  }
}

/** `<Topics><member>...</member></Topics>` parsed: the members, or none. */
export function members(value: unknown): Record<string, string>[] {
  const m = (value as { member?: unknown } | undefined)?.member;
  return Array.isArray(m) ? (m as Record<string, string>[]) : [];
}
