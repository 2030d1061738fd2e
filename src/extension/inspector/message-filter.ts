/**
 * The inspector's search: plain case-insensitive substring matching, because users paste a fragment of an
 * id or a body they saw in their logs, not a pattern.
 */

interface Searchable {
  messageId: string;
  body: string;
  messageGroupId?: string;
  messageAttributes?: Record<string, { StringValue?: string; StringListValues?: string[] }>;
}

export function matchesText(message: Searchable, text: string): boolean {
  const needle = text.toLowerCase();
  if (message.body.toLowerCase().includes(needle)) return true;
  if (message.messageId.toLowerCase().includes(needle)) return true;
  if (message.messageGroupId?.toLowerCase().includes(needle)) return true;
  for (const [name, value] of Object.entries(message.messageAttributes ?? {})) {
    if (name.toLowerCase().includes(needle)) return true;
    if (value.StringValue?.toLowerCase().includes(needle)) return true;
  }
  return false;
}

/** `name` matches a message carrying that attribute; `name=value` also needs the value to match exactly. */
export function matchesAttribute(
  attributes: Searchable['messageAttributes'],
  query: string,
): boolean {
  const eq = query.indexOf('=');
  const name = (eq < 0 ? query : query.slice(0, eq)).trim();
  const value = attributes?.[name];
  if (!value) return false;
  if (eq < 0) return true;
  const wanted = query.slice(eq + 1).trim();
  return value.StringValue === wanted || (value.StringListValues?.includes(wanted) ?? false);
}
