const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as text when they are UTF-8, otherwise base64 (flagged), so a record or an object is never shown
 * or searched garbled. Shared by the stream inspector and the search.
 */
export function payloadText(data: Uint8Array): { data: string; binary?: boolean } {
  try {
    return { data: utf8.decode(data) };
  } catch {
    return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), binary: true };
  }
}
