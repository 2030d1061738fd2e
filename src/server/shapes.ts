/**
 * A small description language for AWS operation shapes, the subset of the Smithy/botocore model the
 * wire codecs need: which members are lists or maps, what they are called on the wire (`locationName`)
 * and whether they are flattened. The query/XML codec is driven entirely by these tables; the JSON and
 * CBOR codecs use them, where a service supplies them, to refuse wrongly typed input before it reaches
 * the engine.
 */
export type ScalarType = 'string' | 'integer' | 'long' | 'boolean' | 'double' | 'blob' | 'timestamp' | 'document';

export type Shape =
  | { type: ScalarType }
  | StructureShape
  | ListShape
  | MapShape;

export interface Member {
  shape: Shape;
  /** The name on the query/XML wire when it differs from the member name (botocore's `locationName`). */
  wireName?: string;
}

export interface StructureShape {
  type: 'structure';
  members: Record<string, Member>;
  /** Members the model requires. */
  required?: string[];
}

export interface ListShape {
  type: 'list';
  item: Shape;
  /**
   * The element's wire name when the model gives one. Non-flattened lists default to `member`; flattened
   * lists without one repeat the member's own name.
   */
  itemName?: string;
  /** Flattened lists repeat the element directly (`AttributeName.1`), others nest it (`X.member.1`). */
  flattened: boolean;
  /** Answer an empty list with an empty element, as SNS does (`<Failed/>`), instead of leaving it out as SQS does. */
  keepEmpty?: boolean;
}

export interface MapShape {
  type: 'map';
  key: Shape;
  value: Shape;
  keyName: string;
  valueName: string;
  flattened: boolean;
}

export interface OperationShapes {
  input: StructureShape;
  /** Absent when the operation answers with no result element (e.g. SQS DeleteQueue). */
  output?: StructureShape;
}

export const string: Shape = { type: 'string' };
export const integer: Shape = { type: 'integer' };
export const long: Shape = { type: 'long' };
export const boolean: Shape = { type: 'boolean' };
export const double: Shape = { type: 'double' };
export const blob: Shape = { type: 'blob' };
export const timestamp: Shape = { type: 'timestamp' };

/** A structure; a member given as a bare shape has no separate wire name. */
export function structure(members: Record<string, Shape | Member>): StructureShape {
  const normalized: Record<string, Member> = {};
  for (const [name, m] of Object.entries(members)) {
    normalized[name] = 'shape' in m ? m : { shape: m };
  }
  return { type: 'structure', members: normalized };
}

/** A member whose query/XML name differs from its JSON name. */
export function named(wireName: string, shape: Shape): Member {
  return { shape, wireName };
}

export function list(item: Shape, options: { itemName?: string; flattened?: boolean; keepEmpty?: boolean } = {}): ListShape {
  return { type: 'list', item, itemName: options.itemName, flattened: options.flattened ?? false, keepEmpty: options.keepEmpty };
}

export function map(
  key: Shape,
  value: Shape,
  options: { keyName?: string; valueName?: string; flattened?: boolean } = {},
): MapShape {
  return {
    type: 'map',
    key,
    value,
    keyName: options.keyName ?? 'key',
    valueName: options.valueName ?? 'value',
    flattened: options.flattened ?? false,
  };
}
