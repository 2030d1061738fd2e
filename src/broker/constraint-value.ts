/**
 * How AWS's request validation quotes a value in "Value '...' at 'x' failed to satisfy constraint: ...".
 * Its front end is Java and prints the value's toString(): text and numbers as they are, bytes as a
 * `java.nio.HeapByteBuffer[...]`, lists as `[a, b]`, maps as `{k=v}`, and a structure as its class name
 * with a hash (`com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310`). A JavaScript object is
 * never stringified into a message (`[object Object]`).
 */
export interface ShownValueOptions {
  /** The Java class AWS prints for a structure (an item of a list of structures, say). */
  structureClass?: string;
}

/** The value as AWS quotes it, with its quotes (`'x'`), or `null` for a missing value. */
export function constraintValue(value: unknown, options: ShownValueOptions = {}): string {
  if (value === undefined || value === null) return 'null';
  return `'${javaString(value, options)}'`;
}

function javaString(value: unknown, options: ShownValueOptions): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Uint8Array) return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (value instanceof Date) return javaDate(value);
  if (Array.isArray(value)) return `[${value.map((v) => javaString(v, options)).join(', ')}]`;
  if (typeof value === 'object') {
    if (options.structureClass) return `${options.structureClass}@${javaHash(value)}`;
    return `{${Object.entries(value).map(([k, v]) => `${k}=${javaString(v, options)}`).join(', ')}}`;
  }
  return String(value);
}

/** Java's Date.toString() in UTC: `Thu Jan 22 01:22:02 UTC 2015`. */
function javaDate(d: Date): string {
  const m = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(d.toUTCString());
  return m ? `${m[1]} ${m[3]} ${m[2]} ${m[5]} UTC ${m[4]}` : d.toISOString();
}

/**
 * A stand-in for the structure's Java hashCode, as Integer.toHexString prints it: the same content gives
 * the same text, as on AWS, though not AWS's own number (its generated classes are not public).
 */
function javaHash(value: object): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? v.toString() : v,
  );
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}
