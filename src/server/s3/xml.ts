import { XMLParser } from 'fast-xml-parser';
import { s3Errors } from '../../broker/s3/errors';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Elements that repeat in S3's request bodies (flattened lists), always read as arrays. */
const REPEATED = new Set(['Rule', 'Object', 'Part', 'Tag', 'FilterRule', 'Event', 'QueueConfiguration', 'TopicConfiguration', 'CloudFunctionConfiguration', 'LambdaFunctionConfiguration']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

/** A request body's root element, or MalformedXML as S3 answers a body it cannot read. */
export function parseXml(body: Buffer, root: string): XmlNode {
  let doc: unknown;
  try {
    doc = parser.parse(body.toString('utf8'), true);
  } catch {
    throw s3Errors.malformedXml();
  }
  const node = (doc as XmlNode | undefined)?.[root];
  if (node === undefined) throw s3Errors.malformedXml();
  return node === '' ? {} : (node as XmlNode);
}

export function text(node: unknown, name: string): string | undefined {
  const v = (node as XmlNode | undefined)?.[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function list(node: unknown, name: string): XmlNode[] {
  const v = (node as XmlNode | undefined)?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : {}));
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}

/** A value in an S3 answer: strings escaped, dates as ISO 8601 with milliseconds, nested objects as elements, arrays repeated. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [name: string]: XmlValue };

export function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole answer document: `<Root xmlns="...">members</Root>`. */
export function document(root: string, members: { [name: string]: XmlValue } | string): string {
  const inner = typeof members === 'string' ? members : Object.entries(members).map(([k, v]) => element(k, v)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${inner}</${root}>`;
}
