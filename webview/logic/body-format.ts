/**
 * How a message body is shown: pretty JSON when it parses, otherwise the raw text. Always returned as a
 * string for a text binding; nothing here produces markup.
 */
export function formatBody(body: string): { json: boolean; text: string } {
  const trimmed = body.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return { json: false, text: body };
  try {
    return { json: true, text: JSON.stringify(JSON.parse(trimmed), null, 2) };
  } catch {
    return { json: false, text: body };
  }
}

/** Checks a body the user means to send as JSON; the message says where it broke, in the parser's words. */
export function checkJson(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}
