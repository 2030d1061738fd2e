/**
 * An engine's output made ready for a codec: dates and bytes converted the codec's way, arrays and objects
 * copied with their undefined members left out (no wire format has them), everything else as it is.
 */
export function encodeOutput(value: unknown, convert: { date: (d: Date) => unknown; bytes: (b: Uint8Array) => unknown }): unknown {
  if (value instanceof Date) return convert.date(value);
  if (value instanceof Uint8Array) return convert.bytes(value);
  if (Array.isArray(value)) return value.map((v) => encodeOutput(v, convert));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeOutput(v, convert);
    return out;
  }
  return value;
}
