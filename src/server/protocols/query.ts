import { XMLBuilder } from 'fast-xml-parser';
import { AwsError } from '../../broker/errors';
import type { ListShape, MapShape, Shape, StructureShape } from '../shapes';
import type { WireResponse } from '../wire';
import { base64Bytes } from './type-check';

/**
 * The AWS query protocol: form parameters in (`Attribute.1.Name=...`), XML out. Generic: the service's
 * shape table says how members nest and what they are called, exactly as botocore serialises them.
 */

/** Form keys as a tree: `Attribute.1.Name=x` becomes node.Attribute.1.Name with value x. */
interface ParamNode {
  value?: string;
  children: Map<string, ParamNode>;
}

export function paramTree(params: URLSearchParams): ParamNode {
  const root: ParamNode = { children: new Map() };
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

export function decodeQueryInput(shape: StructureShape, params: URLSearchParams): Record<string, unknown> {
  return decodeStructure(shape, paramTree(params), '');
}

function decodeStructure(shape: StructureShape, node: ParamNode, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const wireName = member.wireName ?? name;
    const m = member.shape;
    const key = m.type === 'list' && m.flattened && m.itemName ? m.itemName : wireName;
    const child = node.children.get(key);
    if (!child) continue;
    const value = decodeValue(m, child, path ? `${path}.${key}` : key);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function decodeValue(shape: Shape, node: ParamNode, path: string): unknown {
  switch (shape.type) {
    case 'structure':
      return decodeStructure(shape, node, path);
    case 'list':
      return decodeList(shape, node, path);
    case 'map':
      return decodeMap(shape, node, path);
    default:
      return node.value === undefined ? undefined : decodeScalar(shape.type, node.value, path);
  }
}

function decodeList(shape: ListShape, node: ParamNode, path: string): unknown[] {
  // `X=` (an empty value) is how the query protocol says "empty list".
  const items = shape.flattened ? node : node.children.get(shape.itemName ?? 'member');
  if (!items) return [];
  // An index holding only unknown sub-parameters (`X.1.1=v`) carries no item; AWS ignores such parameters.
  return indexed(items, path)
    .map(([i, n]) => decodeValue(shape.item, n, `${path}.${i}`))
    .filter((item) => item !== undefined);
}

function decodeMap(shape: MapShape, node: ParamNode, path: string): Record<string, unknown> {
  const entries = shape.flattened ? node : node.children.get('entry');
  const out: Record<string, unknown> = {};
  if (!entries) return out;
  for (const [i, entry] of indexed(entries, path)) {
    const key = entry.children.get(shape.keyName)?.value;
    const valueNode = entry.children.get(shape.valueName);
    if (key === undefined) throw missingMapPart(`${path}.${i}.${shape.keyName}`);
    const value = valueNode && decodeValue(shape.value, valueNode, `${path}.${i}.${shape.valueName}`);
    if (value === undefined) throw missingMapPart(`${path}.${i}.${shape.valueName}`);
    out[key] = value;
  }
  return out;
}

/** Children numbered 1..n in numeric order; AWS ignores gaps, so do we. */
function indexed(node: ParamNode, path: string): [number, ParamNode][] {
  const out: [number, ParamNode][] = [];
  for (const [k, child] of node.children) {
    const i = Number(k);
    if (!/^[1-9][0-9]{0,5}$/.test(k)) throw malformed(`${path}.${k}`);
    out.push([i, child]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function decodeScalar(type: Shape['type'], raw: string, path: string): unknown {
  switch (type) {
    case 'integer':
    case 'long': {
      if (!/^[-+]?[0-9]+$/.test(raw.trim())) throw invalidValue(raw, path);
      return Number(raw);
    }
    case 'double': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw invalidValue(raw, path);
      return n;
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw invalidValue(raw, path);
      return lower === 'true';
    }
    case 'timestamp': {
      const n = /^[0-9.]+$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
      if (!Number.isFinite(n)) throw invalidValue(raw, path);
      return n;
    }
    case 'blob': {
      // Blobs reach the engine as bytes, as from the JSON codec; text that is not base64 is a mistyped value.
      const bytes = base64Bytes(raw);
      if (!bytes) throw invalidValue(raw, path);
      return bytes;
    }
    default:
      return raw;
  }
}

function invalidValue(raw: string, path: string): AwsError {
  return new AwsError({
    code: 'InvalidParameterValue',
    message: `Value ${raw} for parameter ${path} is invalid. Reason: the value is not of the expected type.`,
  });
}

function malformed(key: string): AwsError {
  return new AwsError({ code: 'MalformedQueryString', message: `Unexpected list or map index in parameter ${key}.` });
}

function missingMapPart(key: string): AwsError {
  return new AwsError({ code: 'MissingParameter', message: `The request must contain the parameter ${key}.` });
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  suppressEmptyNode: true,
});

type XmlNode = string | XmlObject | XmlNode[];
interface XmlObject {
  [key: string]: XmlNode;
}

/** `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>` as AWS query services answer. */
export function encodeQueryResult(
  action: string,
  output: unknown,
  shape: StructureShape | undefined,
  xmlNamespace: string,
  requestId: string,
): WireResponse {
  const response: XmlObject = { '@_xmlns': xmlNamespace };
  if (shape) response[`${action}Result`] = encodeStructure(shape, (output ?? {}) as Record<string, unknown>);
  response.ResponseMetadata = { RequestId: requestId };
  return xmlResponse(200, { [`${action}Response`]: response }, requestId);
}

export function encodeQueryError(error: AwsError, xmlNamespace: string | undefined, requestId: string): WireResponse {
  const body: XmlObject = {
    Error: {
      Type: error.fault,
      Code: escapeText(error.queryCode),
      Message: escapeText(error.queryMessage),
      Detail: '',
    },
    RequestId: requestId,
  };
  if (xmlNamespace) body['@_xmlns'] = xmlNamespace;
  return xmlResponse(error.status, { ErrorResponse: body }, requestId);
}

function xmlResponse(status: number, document: XmlObject, requestId: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0"?>${builder.build(document)}`,
  };
}

function encodeStructure(shape: StructureShape, value: Record<string, unknown>): XmlObject {
  const out: XmlObject = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const wireName = member.wireName ?? name;
    const m = member.shape;
    if (m.type === 'list') {
      if (!Array.isArray(v) || (v.length === 0 && !m.keepEmpty)) continue;
      if (m.flattened) out[m.itemName ?? wireName] = listItems(m, v);
      else out[wireName] = encodeValue(m, v);
    } else if (m.type === 'map') {
      if (Object.keys(v as object).length === 0) continue;
      if (m.flattened) out[wireName] = mapEntries(m, v as Record<string, unknown>);
      else out[wireName] = encodeValue(m, v);
    } else {
      out[wireName] = encodeValue(m, v);
    }
  }
  return out;
}

function listItems(shape: ListShape, value: unknown[]): XmlNode[] {
  return value.map((item) => encodeValue(shape.item, item));
}

function mapEntries(shape: MapShape, value: Record<string, unknown>): XmlObject[] {
  return Object.entries(value).map(([k, item]) => ({
    [shape.keyName]: escapeText(k),
    [shape.valueName]: encodeValue(shape.value, item),
  }));
}

function encodeValue(shape: Shape, value: unknown): XmlNode {
  if (shape.type === 'structure') return encodeStructure(shape, value as Record<string, unknown>);
  if (shape.type === 'list') return { [shape.itemName ?? 'member']: listItems(shape, value as unknown[]) };
  if (shape.type === 'map') return { entry: mapEntries(shape, value as Record<string, unknown>) };
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (shape.type === 'timestamp' && typeof value === 'number') return new Date(value * 1000).toISOString();
  return escapeText(String(value));
}

/**
 * XML-escapes text, including carriage returns: an unescaped CR would be normalised away by the client's
 * XML parser and the message body's MD5, which botocore checks, would no longer match.
 */
function escapeText(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => XML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};
