import type { ServiceBinding } from './binding';
import type { ListShape, MapShape, Member, OperationShapes, Shape, StructureShape } from './shapes';

/**
 * A service's model as scripts/generate-models.mjs writes it (src/server/models/<service>.json), read from
 * the Smithy schemas AWS ships in its SDK v3 clients. A shape reference is a scalar type name, the name of
 * a shape in `shapes`, an inline list or map, or either of those with the member's wire traits.
 */
export interface ServiceModel {
  source: string;
  /** The wire protocol and its settings, as the SDK client's configuration declares them. */
  metadata: {
    protocol: string;
    apiVersion?: string;
    targetPrefix?: string;
    namespace?: string;
    xmlNamespace?: string;
    awsQueryCompatible?: boolean;
  };
  operations: Record<string, { input?: string; output?: string }>;
  shapes: Record<string, ModelShape>;
  errors: Record<string, ModelError>;
}

export type ModelRef = string | ModelShape | ModelMemberRef;

export interface ModelMemberRef {
  shape: ModelRef;
  xmlName?: string;
  flattened?: boolean;
  timestampFormat?: string;
}

export type ModelShape =
  | { type: 'structure'; members: Record<string, ModelRef>; required?: string[]; union?: boolean }
  | { type: 'list'; member: ModelRef; flattened?: boolean }
  | { type: 'map'; key: ModelRef; value: ModelRef; flattened?: boolean };

export interface ModelError {
  fault: 'client' | 'server';
  status?: number;
  queryCode?: string;
  queryStatus?: number;
  members?: Record<string, ModelRef>;
}

export interface ShapeOptions {
  /** Answer empty lists with an empty element (`<Failed/>`), as SNS's query protocol does. */
  keepEmptyLists?: boolean;
}

const SCALARS: Record<string, Shape> = {
  string: { type: 'string' },
  // The SDK schemas keep one numeric type; every numeric input these services take is an integer.
  number: { type: 'integer' },
  boolean: { type: 'boolean' },
  blob: { type: 'blob' },
  timestamp: { type: 'timestamp' },
  // Free-form JSON (documents): no type to check.
  document: { type: 'document' },
};

/**
 * A JSON service's `target` settings from its model: the X-Amz-Target prefix, the content type's version,
 * the namespace JSON 1.0 errors carry in `__type`, and whether query-compatible error codes are sent.
 */
export function jsonTarget(model: ServiceModel): NonNullable<ServiceBinding['target']> {
  const { protocol, targetPrefix, namespace, awsQueryCompatible } = model.metadata;
  if ((protocol !== 'awsJson1_0' && protocol !== 'awsJson1_1') || !targetPrefix) {
    throw new Error(`${model.source}: ${protocol} is not an AWS JSON protocol`);
  }
  const jsonVersion = protocol === 'awsJson1_0' ? '1.0' : '1.1';
  return {
    prefix: targetPrefix,
    jsonVersion,
    // JSON 1.0 names errors with the service's namespace (`com.amazonaws.sqs#QueueDoesNotExist`); 1.1 bare.
    ...(jsonVersion === '1.0' && namespace ? { errorTypePrefix: `${namespace}#` } : {}),
    ...(awsQueryCompatible ? { queryCompatible: true } : {}),
  };
}

/** Every operation's input and output structures, in the form the protocol codecs read. */
/**
 * The binding of an AWS JSON service, read from its model: its X-Amz-Target prefix, protocol version and
 * shapes come from the model; `binding` adds the engine's operations and reset, `target` any settings.
 */
export function jsonBinding(
  model: ServiceModel,
  binding: Omit<ServiceBinding, 'target' | 'shapes'>,
  target: Partial<NonNullable<ServiceBinding['target']>> = {},
): ServiceBinding {
  return { ...binding, target: { ...jsonTarget(model), ...target }, shapes: operationShapes(model) };
}

export function operationShapes(model: ServiceModel, options: ShapeOptions = {}): Record<string, OperationShapes> {
  const structures = new Map<string, StructureShape>();
  const empty = (): StructureShape => ({ type: 'structure', members: {} });

  function resolve(ref: ModelRef, traits: ModelMemberRef = { shape: ref }): Shape {
    if (typeof ref === 'string') {
      const scalar = SCALARS[ref];
      if (scalar) return scalar;
      const named = model.shapes[ref];
      if (!named) throw new Error(`${model.source}: no shape ${ref}`);
      if (named.type === 'structure') return structure(ref, named);
      return container(named, traits);
    }
    if ('shape' in ref) return resolve(ref.shape, ref);
    if (ref.type === 'structure') return structureOf(ref, { type: 'structure', members: {} });
    return container(ref, traits);
  }

  function structure(name: string, shape: Extract<ModelShape, { type: 'structure' }>): StructureShape {
    let out = structures.get(name);
    if (!out) {
      out = empty();
      structures.set(name, out); // before its members: a recursive shape refers to itself
      structureOf(shape, out);
    }
    return out;
  }

  function structureOf(shape: Extract<ModelShape, { type: 'structure' }>, out: StructureShape): StructureShape {
    for (const [name, ref] of Object.entries(shape.members)) {
      const traits = typeof ref === 'object' && 'shape' in ref ? ref : undefined;
      const member: Member = { shape: resolve(ref) };
      if (traits?.xmlName !== undefined) member.wireName = traits.xmlName;
      out.members[name] = member;
    }
    if (shape.required?.length) out.required = shape.required;
    return out;
  }

  function container(shape: Exclude<ModelShape, { type: 'structure' }>, traits: ModelMemberRef): ListShape | MapShape {
    const flattened = traits.flattened === true || shape.flattened === true;
    if (shape.type === 'list') {
      const itemName = typeof shape.member === 'object' && 'shape' in shape.member ? shape.member.xmlName : undefined;
      return {
        type: 'list',
        item: resolve(shape.member),
        // A flattened list repeats the member's own wire name; a nested one names its items (default `member`).
        itemName: flattened ? undefined : itemName,
        flattened,
        ...(options.keepEmptyLists ? { keepEmpty: true } : {}),
      };
    }
    const partName = (ref: ModelRef, fallback: string) =>
      (typeof ref === 'object' && 'shape' in ref ? ref.xmlName : undefined) ?? fallback;
    return {
      type: 'map',
      key: resolve(shape.key),
      value: resolve(shape.value),
      keyName: partName(shape.key, 'key'),
      valueName: partName(shape.value, 'value'),
      flattened,
    };
  }

  const out: Record<string, OperationShapes> = {};
  for (const [action, op] of Object.entries(model.operations)) {
    const input = op.input === undefined ? empty() : resolve(op.input);
    const output = op.output === undefined ? undefined : resolve(op.output);
    if (input.type !== 'structure' || (output !== undefined && output.type !== 'structure')) {
      throw new Error(`${model.source}: ${action}'s input and output must be structures`);
    }
    out[action] = { input, ...(output ? { output } : {}) };
  }
  return out;
}
