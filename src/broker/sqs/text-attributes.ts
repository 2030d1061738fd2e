import type { MessageAttributeMap } from './api';

/**
 * Message attributes as people see and type them (the inspector, export files): binary values as base64
 * text. The engines take bytes, so the editor converts at its edge, as the wire codecs do at theirs.
 */
export interface TextAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
  StringListValues?: string[];
  BinaryListValues?: string[];
}

/** Bytes as base64 text, for showing and for files. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Strict base64 to bytes; throws an Error naming the attribute when the text is not base64 (Node's
 * decoder would silently skip bad characters and send other bytes than the person meant).
 */
function fromBase64(text: string, name: string): Buffer {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new Error(`The binary value of attribute '${name}' is not base64.`);
  }
  return Buffer.from(text, 'base64');
}

export function attributesAsText(attributes: MessageAttributeMap): Record<string, TextAttribute> {
  const out: Record<string, TextAttribute> = {};
  for (const [name, v] of Object.entries(attributes)) {
    const a: TextAttribute = { DataType: v.DataType };
    if (v.StringValue !== undefined) a.StringValue = v.StringValue;
    if (v.BinaryValue !== undefined) a.BinaryValue = toBase64(v.BinaryValue);
    if (v.StringListValues !== undefined) a.StringListValues = v.StringListValues;
    if (v.BinaryListValues !== undefined) a.BinaryListValues = v.BinaryListValues.map(toBase64);
    out[name] = a;
  }
  return out;
}

export function attributesFromText(attributes: Record<string, TextAttribute>): MessageAttributeMap {
  const out: MessageAttributeMap = {};
  for (const [name, v] of Object.entries(attributes)) {
    const a: MessageAttributeMap[string] = { DataType: v?.DataType };
    if (v?.StringValue !== undefined) a.StringValue = v.StringValue;
    if (v?.BinaryValue !== undefined) a.BinaryValue = fromBase64(v.BinaryValue, name);
    if (v?.StringListValues !== undefined) a.StringListValues = v.StringListValues;
    if (v?.BinaryListValues !== undefined) a.BinaryListValues = v.BinaryListValues.map((b) => fromBase64(b, name));
    out[name] = a;
  }
  return out;
}
